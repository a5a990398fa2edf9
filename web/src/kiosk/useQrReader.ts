import { useEffect, useRef } from 'react';

/** Reads QR codes from the live video while `active`; jsQR is loaded only when the shopper asks for it. */
export function useQrReader(video: HTMLVideoElement | null, active: boolean, onText: (text: string) => void) {
  const callback = useRef(onText);
  callback.current = onText;

  useEffect(() => {
    if (!video || !active) return;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    void import('jsqr').then(({ default: jsQR }) => {
      if (stopped) return;
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return;
      timer = setInterval(() => {
        if (video.readyState < 2 || !video.videoWidth) return;
        canvas.width = 480;
        canvas.height = Math.round((480 * video.videoHeight) / video.videoWidth);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (found?.data) callback.current(found.data);
      }, 300);
    });
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [video, active]);
}
