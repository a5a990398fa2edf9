import type { Box } from '../api/types';

export interface Size {
  width: number;
  height: number;
}

export interface DisplayBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Maps a box in the pixels of the captured image to the element that shows it with CSS `object-fit` (`contain`:
 * letterboxed, `cover`: cropped), so boxes sit on their products whatever the screen's size and aspect.
 */
export function mapBox(box: Box, image: Size, display: Size, fit: 'contain' | 'cover' = 'contain'): DisplayBox {
  const scaleX = display.width / image.width;
  const scaleY = display.height / image.height;
  const scale = fit === 'contain' ? Math.min(scaleX, scaleY) : Math.max(scaleX, scaleY);
  const offsetX = (display.width - image.width * scale) / 2;
  const offsetY = (display.height - image.height * scale) / 2;
  return {
    left: offsetX + box.x * scale,
    top: offsetY + box.y * scale,
    width: box.width * scale,
    height: box.height * scale,
  };
}
