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
  const key = `${region.sideWidth},${region.depth},${region.stepTolerance}`;
  let byRegion = backgroundCache.get(image);
  const known = byRegion?.get(key);
  if (known) return known;
  const { width, height, rgb } = image;
  const rows = Math.max(1, Math.round(height * region.depth));
  const cells = width * rows;
  const tolerance = region.stepTolerance;
  const inWall = new Uint8Array(cells);
  const queue = new Int32Array(cells);
  let tail = 0;
  // Seeds one block in from the top corners, so a thin frame along the edge does not become "the wall".
  const seedRow = Math.min(1, rows - 1);
  for (const seed of [seedRow * width + Math.min(1, width - 1), seedRow * width + Math.max(0, width - 2)]) {
    if (!inWall[seed]) {
      inWall[seed] = 1;
      queue[tail++] = seed;
    }
  }
  for (let head = 0; head < tail; head++) {
    const at = queue[head] as number;
    const x = at % width;
    for (let side = 0; side < 4; side++) {
      const next = side === 0 ? (x > 0 ? at - 1 : -1) : side === 1 ? (x < width - 1 ? at + 1 : -1) : side === 2 ? at - width : at + width;
      if (next < 0 || next >= cells || inWall[next]) continue;
      if (
        Math.abs((rgb[at * 3] as number) - (rgb[next * 3] as number)) > tolerance ||
        Math.abs((rgb[at * 3 + 1] as number) - (rgb[next * 3 + 1] as number)) > tolerance ||
        Math.abs((rgb[at * 3 + 2] as number) - (rgb[next * 3 + 2] as number)) > tolerance
      ) {
        continue;
      }
      inWall[next] = 1;
      queue[tail++] = next;
    }
  }
  const isWall = (x: number, y: number) => x < 0 || x >= width || y < 0 || y >= rows || inWall[y * width + x] === 1;
  const blocks: number[] = [];
  const inner: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  for (let at = 0; at < cells; at++) {
    if (!inWall[at]) continue;
    const x = at % width;
    const y = (at - x) / width;
    blocks.push(at);
    (x < width / 2 ? left : right).push(at);
    if (isWall(x - 1, y) && isWall(x + 1, y) && isWall(x, y - 1) && isWall(x, y + 1)) inner.push(at);
  }
  const strips = [
    ...blocksIn(image, { left: 0, right: region.sideWidth, top: 0, bottom: region.depth }),
    ...blocksIn(image, { left: 1 - region.sideWidth, right: 1, top: 0, bottom: region.depth }),
  ];
  let reached = 0;
  for (const index of strips) if (index < cells && inWall[index]) reached++;
  const background = { blocks, inner: inner.length > 0 ? inner : blocks, left, right, stripShare: reached / Math.max(1, strips.length) };
  if (!byRegion) backgroundCache.set(image, (byRegion = new Map()));
  byRegion.set(key, background);
  return background;
}

/** The background check and the clothing check both need the wall of the same photo: find it once. */
const backgroundCache = new WeakMap<BlockImage, Map<string, Background>>();
