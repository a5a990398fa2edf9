import { describe, expect, it } from 'vitest';
import { meanAbsoluteDifference, StillTrayDetector, toLuma } from './stillTray';

const size = 64 * 48;
const frame = (value: number) => new Uint8Array(size).fill(value);
/** A frame with a block of `value` (a product) on a background of 40. */
const tray = (value: number, from = 0, count = size / 4) => {
  const pixels = frame(40);
  pixels.fill(value, from, from + count);
  return pixels;
};
const options = { stillThreshold: 4, changeThreshold: 10, stillFrames: 3 };

describe('StillTrayDetector', () => {
  it('captures once the tray has been still for the configured number of frames', () => {
    const detector = new StillTrayDetector(options);
    const states = [tray(200), tray(200), tray(200), tray(200)].map((f) => detector.push(f));
    expect(states).toEqual(['moving', 'settling', 'settling', 'capture']);
  });

  it('does not capture while a hand moves over the tray', () => {
    const detector = new StillTrayDetector(options);
    const states = Array.from({ length: 12 }, (_, index) => detector.push(tray(200, (index % 4) * 400)));
    expect(states).not.toContain('capture');
  });

  it('ignores camera noise below the still threshold', () => {
    const detector = new StillTrayDetector(options);
    const noisy = (seed: number) => tray(200).map((value, index) => value + ((index * 7 + seed) % 5) - 2);
    const states = [0, 1, 2, 3].map((seed) => detector.push(Uint8Array.from(noisy(seed))));
    expect(states[3]).toBe('capture');
  });

  it('scans an untouched tray once, and again after it changed', () => {
    const detector = new StillTrayDetector(options);
    const first = Array.from({ length: 8 }, () => detector.push(tray(200)));
    expect(first.filter((state) => state === 'capture')).toHaveLength(1);
    expect(first.at(-1)).toBe('unchanged');

    const changed = Array.from({ length: 5 }, () => detector.push(tray(90, 0, size / 2)));
    expect(changed).toContain('capture');
  });

  it('scans the same tray again after a reset (a new shopper)', () => {
    const detector = new StillTrayDetector(options);
    Array.from({ length: 5 }, () => detector.push(tray(200)));
    detector.reset();
    const again = Array.from({ length: 5 }, () => detector.push(tray(200)));
    expect(again).toContain('capture');
  });
});

describe('frame helpers', () => {
  it('measures the mean absolute difference', () => {
    expect(meanAbsoluteDifference(frame(10), frame(14))).toBe(4);
    expect(meanAbsoluteDifference(frame(14), frame(10))).toBe(4);
  });

  it('turns RGBA into luma with the BT.601 weights', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    expect(Array.from(toLuma(rgba))).toEqual([76, 149, 29, 255]);
  });
});
