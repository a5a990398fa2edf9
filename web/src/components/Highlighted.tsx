import { Fragment } from 'react';

/** A search highlight such as `<em>메로</em>나` shown with its marked parts, without handing HTML to the page. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/<(?:em|mark)>(.*?)<\/(?:em|mark)>/g);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>))}</>;
}
