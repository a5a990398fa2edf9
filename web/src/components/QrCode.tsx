import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';

export function QrCode({ text, size = 220, label }: { text: string; size?: number; label: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M' }).then((url) => live && setSource(url), () => live && setSource(null));
    return () => { live = false; };
  }, [text, size]);
  return source ? <img className="qr" src={source} width={size} height={size} alt={label} data-qr={text} /> : null;
}
