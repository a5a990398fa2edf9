import { useEffect, useRef, useState } from 'react';
import type { Detection } from '../api/types';
import { mapBox, type Size } from '../kiosk/boxMapping';

export interface DetectionOverlayProps {
  imageUrl: string;
  imageSize: Size;
  detections: Detection[];
  /** The name to write on a box. */
  labelOf: (detection: Detection) => string;
  /** The element's size when it is known without measuring (tests, server rendering). */
  displaySize?: Size;
}

/** The captured frame, letterboxed into its element, with every detection drawn where it is in the picture. */
export function DetectionOverlay({ imageUrl, imageSize, detections, labelOf, displaySize }: DetectionOverlayProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<Size | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element || displaySize || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) =>
      setMeasured({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(element);
    return () => observer.disconnect();
  }, [displaySize]);

  const size = displaySize ?? measured;
  return (
    <div className="overlay" ref={frame}>
      <img className="overlay__image" src={imageUrl} alt="" />
      {size && detections.map((detection, index) => {
        const box = mapBox(detection.box, imageSize, size, 'contain');
        return (
          <div key={index} data-testid="detection-box"
            className={detection.needsCheck ? 'overlay__box overlay__box--check' : 'overlay__box'}
            style={{ left: box.left, top: box.top, width: box.width, height: box.height }}>
            <span className="overlay__label">{labelOf(detection)}</span>
          </div>
        );
      })}
    </div>
  );
}
