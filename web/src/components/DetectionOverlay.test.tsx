import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Detection } from '../api/types';
import { DetectionOverlay } from './DetectionOverlay';

afterEach(cleanup);

const detections: Detection[] = [
  { frame: 0, label: 'melona', productId: 1, score: 0.93, box: { x: 0, y: 0, width: 640, height: 480 }, needsCheck: false },
  { frame: 0, label: 'pig_bar', productId: 2, score: 0.51, box: { x: 640, y: 480, width: 320, height: 240 }, needsCheck: true },
];

describe('DetectionOverlay', () => {
  it('draws every box, named, where it is in the letterboxed frame', () => {
    render(<DetectionOverlay imageUrl="data:," imageSize={{ width: 1280, height: 960 }} detections={detections}
      labelOf={(d) => d.label} displaySize={{ width: 1080, height: 1920 }} />);

    const [first, second] = screen.getAllByTestId('detection-box');
    // Scale 1080/1280 = 0.84375; the 810 px high picture sits 555 px down in 1920.
    expect(first.style.left).toBe('0px');
    expect(first.style.top).toBe('555px');
    expect(first.style.width).toBe('540px');
    expect(first.style.height).toBe('405px');
    expect(second.style.left).toBe('540px');
    expect(second.style.top).toBe('960px');
    expect(first.textContent).toBe('melona');
    expect(second.className).toContain('overlay__box--check');
  });

  it('draws nothing until it knows its size', () => {
    render(<DetectionOverlay imageUrl="data:," imageSize={{ width: 1280, height: 960 }} detections={detections} labelOf={(d) => d.label} />);
    expect(screen.queryAllByTestId('detection-box')).toHaveLength(0);
  });
});
