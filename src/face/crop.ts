/**
 * The cut-outs the MediaPipe models look at (an eye for the iris model, a hand for the hand-landmark
 * model): a square of the photo turned about its centre, resampled bilinearly to the model's input.
 */
import type { Point, RgbImage } from './types.js';

export interface TurnedSquare {
  /** The square's centre, in the photo's pixels (pixel i spans i to i + 1). */
  centre: Point;
  /** The turn (radians) from the photo's axes to the square's: its x axis points along this angle. */
  angle: number;
  /** The square's side, in the photo's pixels. */
  side: number;
  /** Flip the cut-out left to right (the iris model knows one eye). */
  mirror?: boolean;
  /** What lies beyond the photo's edges: white, or the edge pixels repeated. */
  outside: 'white' | 'edge';
}

/** The square sampled at `size` × `size`, RGB 0–1, rows top to bottom, written into `into`. */
export function cropTurned(image: RgbImage, square: TurnedSquare, size: number, into: Float32Array): void {
  const { centre, side, mirror = false } = square;
  const step = side / size;
  const cos = Math.cos(square.angle);
  const sin = Math.sin(square.angle);
  const { data, width, height } = image;
  const at =
    square.outside === 'white'
      ? (x: number, y: number, c: number) => (x < 0 || y < 0 || x >= width || y >= height ? 255 : data[(y * width + x) * 3 + c]!)
      : (x: number, y: number, c: number) => data[(Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 3 + c]!;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = ((mirror ? size - 1 - x : x) + 0.5 - size / 2) * step;
      const v = (y + 0.5 - size / 2) * step;
      // From the pixel's centre to the array index of the pixel whose centre it is.
      const sx = centre.x + u * cos - v * sin - 0.5;
      const sy = centre.y + u * sin + v * cos - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const ax = sx - x0;
      const ay = sy - y0;
      for (let c = 0; c < 3; c++) {
        const value = (at(x0, y0, c) * (1 - ax) + at(x0 + 1, y0, c) * ax) * (1 - ay) + (at(x0, y0 + 1, c) * (1 - ax) + at(x0 + 1, y0 + 1, c) * ax) * ay;
        into[(y * size + x) * 3 + c] = value / 255;
      }
    }
  }
}
