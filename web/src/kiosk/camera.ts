import { useEffect, useRef, useState } from 'react';
import { StillTrayDetector, toLuma } from './stillTray';

export type CameraState = 'starting' | 'live' | 'unavailable';

/** The kiosk camera as a live <video>; 'unavailable' when there is none or it is refused (the kiosk then offers an upload). */
export function useCamera(enabled: boolean) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');

  useEffect(() => {
    if (!enabled) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      return;
    }
    let stream: MediaStream | null = null;
    let stopped = false;
    setState('starting');
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 960 } }, audio: false })
      .then(async (media) => {
        stream = media;
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        const video = videoRef.current;
        if (!video) return;
        video.srcObject = media;
        await video.play().catch(() => undefined);
        setState('live');
      })
      .catch(() => !stopped && setState('unavailable'));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [enabled]);

  return { videoRef, state };
}

export interface CapturedFrames {
  frames: Blob[];
  previewUrl: string;
  width: number;
  height: number;
}

const sampleWidth = 64;
const sampleHeight = 48;
const sampleIntervalMs = 200;
const framesPerScan = 3;
const frameGapMs = 120;

/**
 * Watches the live video at a few frames a second, small and grey, and when the tray has been still captures
 * `framesPerScan` full frames of it. Paused while `paused` (a scan in flight).
 */
export function useStillTrayCapture(
  video: HTMLVideoElement | null, live: boolean, paused: boolean, onCapture: (captured: CapturedFrames) => void,
  onState?: (state: 'moving' | 'settling' | 'unchanged') => void,
) {
  const detector = useRef(new StillTrayDetector());
  const callback = useRef(onCapture);
  callback.current = onCapture;
  const stateCallback = useRef(onState);
  stateCallback.current = onState;

  useEffect(() => {
    if (!video || !live || paused) return;
    const canvas = document.createElement('canvas');
    canvas.width = sampleWidth;
    canvas.height = sampleHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy || video.readyState < 2) return;
      context.drawImage(video, 0, 0, sampleWidth, sampleHeight);
      const state = detector.current.push(toLuma(context.getImageData(0, 0, sampleWidth, sampleHeight).data));
      if (state !== 'capture') {
        stateCallback.current?.(state);
        return;
      }
      busy = true;
      captureFrames(video, framesPerScan, frameGapMs).then((captured) => callback.current(captured)).finally(() => { busy = false; });
    }, sampleIntervalMs);
    return () => clearInterval(timer);
  }, [video, live, paused]);

  return { reset: () => detector.current.reset() };
}

export async function captureFrames(video: HTMLVideoElement, count: number, gapMs: number): Promise<CapturedFrames> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d')!;
  const frames: Blob[] = [];
  let previewUrl = '';
  for (let index = 0; index < count; index++) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    context.drawImage(video, 0, 0);
    if (index === 0) previewUrl = canvas.toDataURL('image/jpeg', 0.85);
    frames.push(await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No frame'))), 'image/jpeg', 0.9)));
  }
  return { frames, previewUrl, width: canvas.width, height: canvas.height };
}

/** Uploaded photos as scan frames; the first is the one shown with its boxes. */
export async function framesFromFiles(files: File[]): Promise<CapturedFrames> {
  const first = files[0];
  const previewUrl = URL.createObjectURL(first);
  const image = new Image();
  image.src = previewUrl;
  await image.decode();
  return { frames: files.slice(0, 5), previewUrl, width: image.naturalWidth, height: image.naturalHeight };
}
