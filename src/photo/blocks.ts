/** Measurements over regions of a block picture (one mean colour per 8×8 block). */
import type { BlockImage } from './jpeg.js';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A rectangle in fractions of the image: 0 is the left/top edge, 1 the right/bottom edge. */
export interface Fractions {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const regionCache = new Map<string, number[]>();

/** The indices of the blocks whose centres fall inside a rectangle (cached: a batch has one size). */
export function blocksIn(image: BlockImage, area: Fractions): number[] {
  const key = `${image.width}x${image.height}:${area.left},${area.right},${area.top},${area.bottom}`;
  const cached = regionCache.get(key);
  if (cached) return cached;
  const indices: number[] = [];
  for (let by = 0; by < image.height; by++) {
    const cy = (by + 0.5) / image.height;
    if (cy < area.top || cy > area.bottom) continue;
    for (let bx = 0; bx < image.width; bx++) {
      const cx = (bx + 0.5) / image.width;
      if (cx >= area.left && cx <= area.right) indices.push(by * image.width + bx);
    }
  }
  if (regionCache.size > 64) regionCache.clear();
  regionCache.set(key, indices);
  return indices;
}

export function colorAt(image: BlockImage, index: number): Rgb {
  const at = index * 3;
  return { r: image.rgb[at] as number, g: image.rgb[at + 1] as number, b: image.rgb[at + 2] as number };
}

export function meanColor(image: BlockImage, indices: readonly number[]): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  for (const index of indices) {
    const at = index * 3;
    r += image.rgb[at] as number;
    g += image.rgb[at + 1] as number;
    b += image.rgb[at + 2] as number;
  }
  const n = Math.max(1, indices.length);
  return { r: r / n, g: g / n, b: b / n };
}

export function formatRgb({ r, g, b }: Rgb): string {
  return `RGB(${Math.round(r)},${Math.round(g)},${Math.round(b)})`;
}
