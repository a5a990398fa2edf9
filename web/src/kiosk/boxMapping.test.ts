import { describe, expect, it } from 'vitest';
import { mapBox } from './boxMapping';

const image = { width: 1280, height: 960 };
const box = { x: 640, y: 480, width: 128, height: 96 };

describe('mapBox', () => {
  it('scales a box with the image when the element has the image aspect', () => {
    expect(mapBox(box, image, { width: 640, height: 480 })).toEqual({ left: 320, top: 240, width: 64, height: 48 });
  });

  it('adds the letterbox bars of a taller element (portrait kiosk) to the top', () => {
    // 1080 wide: scale 0.84375, picture 810 high in 1920, so 555 px of bar above.
    const mapped = mapBox(box, image, { width: 1080, height: 1920 });
    expect(mapped.left).toBeCloseTo(540);
    expect(mapped.top).toBeCloseTo(555 + 480 * 0.84375);
    expect(mapped.width).toBeCloseTo(108);
    expect(mapped.height).toBeCloseTo(81);
  });

  it('adds the bars of a wider element (landscape) to the left', () => {
    // 800 high: scale 0.8333, picture 1066.7 wide in 1400, so 166.7 px of bar on the left.
    const mapped = mapBox({ x: 0, y: 0, width: 1280, height: 960 }, image, { width: 1400, height: 800 });
    expect(mapped.left).toBeCloseTo(166.667, 2);
    expect(mapped.top).toBeCloseTo(0);
    expect(mapped.width).toBeCloseTo(1066.667, 2);
    expect(mapped.height).toBeCloseTo(800);
  });

  it('crops with cover: the picture overflows and boxes move out with it', () => {
    const mapped = mapBox({ x: 0, y: 0, width: 10, height: 10 }, image, { width: 400, height: 400 }, 'cover');
    // scale 400/960; picture 533.3 wide, centred, so its left edge is at -66.7.
    expect(mapped.left).toBeCloseTo(-66.667, 2);
    expect(mapped.top).toBeCloseTo(0);
    expect(mapped.width).toBeCloseTo(4.1667, 3);
  });

  it('keeps a box on the same spot of the picture at any size', () => {
    for (const display of [{ width: 320, height: 240 }, { width: 390, height: 844 }, { width: 1920, height: 1080 }]) {
      const whole = mapBox({ x: 0, y: 0, ...image }, image, display);
      const part = mapBox(box, image, display);
      expect((part.left - whole.left) / whole.width).toBeCloseTo(box.x / image.width);
      expect((part.top - whole.top) / whole.height).toBeCloseTo(box.y / image.height);
    }
  });
});
