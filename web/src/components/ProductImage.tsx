import { IceCreamArt } from './IceCreamArt';

export function ProductImage({ url, alt, size = 'card' }: { url: string | null; alt: string; size?: 'card' | 'thumb' }) {
  return url
    ? <img className={`product-image product-image--${size}`} src={url} alt={alt} loading={size === 'card' ? 'lazy' : 'eager'} decoding="async" />
    : <div className={`product-image product-image--${size} product-image--none`} role="img" aria-label={alt}><IceCreamArt size={40} /></div>;
}
