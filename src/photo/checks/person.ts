/**
 * The segmented person (src/segment) seen on the block picture the pixel checks read: how much of
 * each 8×8 block is person, which blocks are the person whose face was found, which are someone
 * else, and which are background. The background and clothing checks share it.
 */
import { flood4 } from '../../core/grid.js';
import type { PersonMatte } from '../../segment/types.js';
import type { BlockImage } from '../jpeg.js';
import type { FaceMeasure } from './check.js';

/** Coverage (0–1) at or above which a block counts as person, for the people's outlines. */
const personCoverage = 0.5;
/** The lowest point of the chin in the 68-point scheme (iBUG 300-W). */
const chinLandmark = 8;
/** How far above the chin, in face widths, the head alone is the person: a raised shoulder stays below it. */
const headMargin = 0.15;

/** Coverage at or below which a block is background (a few stray hairs aside). */
const backgroundCoverage = 0.05;

export interface PersonBlocks {
  /** Mean alpha of the matte over each block, 0–1. */
  coverage: Float32Array;
  /**
   * Per block: 1 the person with the largest face, 2 someone else (any other person-shaped area), 3
   * part of the person's outline beside the head and not joined to it above the chin (someone the
   * matte joined at the shoulders, a raised arm, an object), 0 none of these.
   */
  who: Uint8Array;
  /** Blocks of plain background: no person in them, nor in the blocks round them (the matte's edge is soft). */
  background: number[];
  /** Share of the photo covered by people other than the one whose face was found. */
  othersShare: number;
  /** Share of the photo covered by blocks marked 3. */
  besideShare: number;
}

const cache = new WeakMap<PersonMatte, WeakMap<BlockImage, PersonBlocks | null>>();

/**
 * The matte on the block grid, or null when it cannot be trusted: when the largest face's centre
 * does not lie on it (the model missed the person) or its shape is not the photo's (a matte of the
 * photo turned upright by its EXIF orientation while the blocks are stored sideways).
 * `width`×`height` is the stored photo's size, which the blocks divide into `scale`-px squares and
 * the matte spans whole (at its own resolution).
 */
export function personBlocks(image: BlockImage, matte: PersonMatte, faces: readonly FaceMeasure[], width: number, height: number): PersonBlocks | null {
  let byImage = cache.get(matte);
  if (!byImage) cache.set(matte, (byImage = new WeakMap()));
  const known = byImage.get(image);
  if (known !== undefined) return known;
  const result = measure(image, matte, faces, width, height);
  byImage.set(image, result);
  return result;
}

function measure(image: BlockImage, matte: PersonMatte, faces: readonly FaceMeasure[], width: number, height: number): PersonBlocks | null {
  if (Math.abs(matte.width / matte.height - width / height) > 0.02 * (width / height)) return null;
  const cells = image.width * image.height;
  const sums = new Float64Array(cells);
  const counts = new Uint32Array(cells);
  const toBlockX = new Int32Array(matte.width);
  for (let x = 0; x < matte.width; x++) toBlockX[x] = Math.min(image.width - 1, Math.floor((((x + 0.5) * width) / matte.width) / image.scale));
  for (let y = 0; y < matte.height; y++) {
    const row = Math.min(image.height - 1, Math.floor((((y + 0.5) * height) / matte.height) / image.scale)) * image.width;
    for (let x = 0; x < matte.width; x++) {
      const cell = row + toBlockX[x]!;
      sums[cell]! += matte.alpha[y * matte.width + x]!;
      counts[cell]!++;
    }
  }
  const coverage = new Float32Array(cells);
  for (let i = 0; i < cells; i++) coverage[i] = counts[i]! > 0 ? sums[i]! / counts[i]! / 255 : 0;

  const who = new Uint8Array(cells);
  // The person is the one with the largest face: anyone else, even with a face of their own, is
  // someone in the background (face-count says so too when their face shows).
  const main = faces.reduce<FaceMeasure | undefined>((best, face) => (!best || face.faceWidth > best.faceWidth ? face : best), undefined);
  if (!main) return null;
  const bx = Math.floor((main.box.x + main.box.width / 2) / image.scale);
  const by = Math.floor((main.box.y + main.box.height / 2) / image.scale);
  if (bx < 0 || by < 0 || bx >= image.width || by >= image.height) return null;
  const seed = by * image.width + bx;
  if (coverage[seed]! < personCoverage) return null;
  flood(image, coverage, who, [seed], 1);
  markBesideHead(image, who, seed, main);
  for (let i = 0; i < cells; i++) {
    if (who[i] === 0 && coverage[i]! >= personCoverage) flood(image, coverage, who, [i], 2);
  }
  let others = 0;
  let beside = 0;
  for (let i = 0; i < cells; i++) {
    if (who[i] === 2) others++;
    else if (who[i] === 3) beside++;
  }

  const background: number[] = [];
  for (let by = 0; by < image.height; by++) {
    for (let bx = 0; bx < image.width; bx++) {
      let clear = true;
      for (let dy = -1; dy <= 1 && clear; dy++) {
        for (let dx = -1; dx <= 1 && clear; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
          const limit = dx === 0 && dy === 0 ? backgroundCoverage : personCoverage;
          if (coverage[y * image.width + x]! > limit) clear = false;
        }
      }
      if (clear) background.push(by * image.width + bx);
    }
  }
  return { coverage, who, background, othersShare: others / cells, besideShare: beside / cells };
}

/**
 * Above the chin only the head is the person's: hair, ears and a hat are joined to it there. The
 * person's blocks (1) that reach up beside the head without joining it above the chin (a second
 * person the matte joined at the shoulders, a raised arm) are marked 3.
 */
function markBesideHead(image: BlockImage, who: Uint8Array, seed: number, main: FaceMeasure): void {
  const cells = who.length;
  const chin = main.landmarks[chinLandmark]?.y ?? main.box.y + main.box.height;
  const chinRow = Math.floor((chin - headMargin * main.faceWidth) / image.scale);
  const row = (at: number) => Math.floor(at / image.width);
  if (row(seed) >= chinRow) return;
  const head = new Uint8Array(cells);
  flood4(image.width, cells, [seed], (at) => {
    if (head[at] !== 0 || who[at] !== 1 || row(at) >= chinRow) return false;
    head[at] = 1;
    return true;
  });
  for (let i = 0; i < Math.min(cells, chinRow * image.width); i++) if (who[i] === 1 && head[i] === 0) who[i] = 3;
}

/** Mark the person blocks 4-connected to `seeds` with `label`. */
function flood(image: BlockImage, coverage: Float32Array, who: Uint8Array, seeds: number[], label: 1 | 2): void {
  flood4(image.width, who.length, seeds, (at) => {
    if (who[at] !== 0 || coverage[at]! < personCoverage) return false;
    who[at] = label;
    return true;
  });
}
