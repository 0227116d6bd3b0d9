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

/** Where the wall is looked for: strips down both sides, and how alike neighbouring blocks must be. */
export interface BackgroundRegion {
  /** Width of each side strip, as a fraction of the photo's width. */
  sideWidth: number;
  /** How far down the background is looked for, as a fraction of the height (above the shoulders). */
  depth: number;
  /** Largest channel difference between neighbouring blocks of the same wall (0–255). */
  stepTolerance: number;
}

export interface Background {
  /** The blocks of the wall: reached from the top corners through alike neighbours, above `depth`. */
  blocks: number[];
  /** The wall without its rim: blocks whose four neighbours are wall too (no half-hair blocks). */
  inner: number[];
  /** The same, split into the left and right halves of the photo. */
  left: number[];
  right: number[];
  /** Share of the side strips' blocks that belong to the wall (the rest is hair, shoulders, objects). */
  stripShare: number;
}

/**
 * Find the wall behind the person: a flood fill from near the two top corners through neighbouring
 * blocks whose colours differ by at most `stepTolerance`, so it follows a wall (even a grey, tinted
 * or shadowed one) but stops at hair, skin and clothes. Long hair that covers the side strips is
 * then not mistaken for a dark background.
 */
export function findBackground(image: BlockImage, region: BackgroundRegion): Background {
  const { width, height, rgb } = image;
  const rows = Math.max(1, Math.round(height * region.depth));
  const inWall = new Uint8Array(width * rows);
  const queue: number[] = [];
  // Seeds one block in from the top corners, so a thin frame along the edge does not become "the wall".
  const seedRow = Math.min(1, rows - 1);
  for (const seed of [seedRow * width + Math.min(1, width - 1), seedRow * width + Math.max(0, width - 2)]) {
    if (!inWall[seed]) {
      inWall[seed] = 1;
      queue.push(seed);
    }
  }
  const alike = (a: number, b: number) =>
    Math.abs((rgb[a * 3] as number) - (rgb[b * 3] as number)) <= region.stepTolerance &&
    Math.abs((rgb[a * 3 + 1] as number) - (rgb[b * 3 + 1] as number)) <= region.stepTolerance &&
    Math.abs((rgb[a * 3 + 2] as number) - (rgb[b * 3 + 2] as number)) <= region.stepTolerance;
  const visit = (from: number, next: number) => {
    if (inWall[next] || !alike(from, next)) return;
    inWall[next] = 1;
    queue.push(next);
  };
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as number;
    const x = at % width;
    if (x > 0) visit(at, at - 1);
    if (x < width - 1) visit(at, at + 1);
    if (at >= width) visit(at, at - width);
    if (at + width < rows * width) visit(at, at + width);
  }
  const strips = [
    blocksIn(image, { left: 0, right: region.sideWidth, top: 0, bottom: region.depth }),
    blocksIn(image, { left: 1 - region.sideWidth, right: 1, top: 0, bottom: region.depth }),
  ].flat();
  const reached = strips.filter((index) => index < inWall.length && inWall[index]).length;
  const blocks = queue.sort((a, b) => a - b);
  const isWall = (x: number, y: number) => x < 0 || x >= width || y < 0 || y >= rows || inWall[y * width + x] === 1;
  const inner = blocks.filter((at) => {
    const x = at % width;
    const y = (at - x) / width;
    return isWall(x - 1, y) && isWall(x + 1, y) && isWall(x, y - 1) && isWall(x, y + 1);
  });
  return {
    blocks,
    inner: inner.length > 0 ? inner : blocks,
    left: blocks.filter((index) => index % width < width / 2),
    right: blocks.filter((index) => index % width >= width / 2),
    stripShare: reached / Math.max(1, strips.length),
  };
}
