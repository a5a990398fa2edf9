/**
 * Decides from small grey-scale frames of the camera when the tray has been still long enough to be worth a scan,
 * so the kiosk sends a few frames of a settled tray instead of a stream. Frames are compared pixel by pixel
 * (mean absolute difference, 0-255): below `stillThreshold` the picture is still; a capture also needs the still
 * picture to differ from the one last scanned by more than `changeThreshold`, so an untouched tray is scanned once.
 */
export interface StillTrayOptions {
  stillThreshold: number;
  changeThreshold: number;
  /** Consecutive still frames before a capture. */
  stillFrames: number;
}

export const defaultStillTrayOptions: StillTrayOptions = { stillThreshold: 4, changeThreshold: 10, stillFrames: 5 };

export type TrayState = 'moving' | 'settling' | 'capture' | 'unchanged';

export class StillTrayDetector {
  private previous: Uint8Array | null = null;
  private lastScanned: Uint8Array | null = null;
  private stillCount = 0;

  constructor(private readonly options: StillTrayOptions = defaultStillTrayOptions) {}

  /** Feeds one frame (luma values, same size every time) and says what the tray is doing. */
  push(frame: Uint8Array): TrayState {
    const previous = this.previous;
    this.previous = frame;
    if (!previous || previous.length !== frame.length) {
      this.stillCount = 0;
      return 'moving';
    }

    if (meanAbsoluteDifference(previous, frame) >= this.options.stillThreshold) {
      this.stillCount = 0;
      return 'moving';
    }

    this.stillCount++;
    if (this.stillCount < this.options.stillFrames) return 'settling';
    if (this.lastScanned && meanAbsoluteDifference(this.lastScanned, frame) <= this.options.changeThreshold) return 'unchanged';

    this.lastScanned = frame;
    return 'capture';
  }

  /** Forget the last scanned picture: the next still tray is scanned even if it looks the same (a new shopper). */
  reset() {
    this.previous = null;
    this.lastScanned = null;
    this.stillCount = 0;
  }
}

export function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return a.length === 0 ? 0 : sum / a.length;
}

/** Luma (BT.601) of RGBA pixels, as a canvas's ImageData holds them. */
export function toLuma(rgba: Uint8ClampedArray): Uint8Array {
  const luma = new Uint8Array(rgba.length / 4);
  for (let i = 0, p = 0; i < luma.length; i++, p += 4) {
    luma[i] = (rgba[p] * 299 + rgba[p + 1] * 587 + rgba[p + 2] * 114) / 1000;
  }
  return luma;
}
