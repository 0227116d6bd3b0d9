/**
 * The background must be plain white. With the person segmented (src/segment, when face checks
 * run) every block the matte calls background is judged: a leftover object, a sign, a shadow, a
 * second person's shoulder or a coloured or busy backdrop fails wherever it is. Without a matte
 * (`--no-face`, or the model did not load) the wall is found from the photo's top corners as
 * before (findBackground in ../blocks.ts), which only sees what is joined to them.
 */
import type { z } from 'zod';
import { flood4 } from '../../core/grid.js';
import type { Zod } from '../../core/schema.js';
import type { SideFocus } from '../../segment/focus.js';
import { colorAt, findBackground, meanColor, type Background, type Rgb } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { uprightSize } from '../upright.js';
import { defineCheck, luma, rgbTriple, share, type CheckInputs, type Outcome } from './check.js';
import { personBlocks, type PersonBlocks } from './person.js';

export const backgroundRegion = (z: Zod) => z.object({
  sideWidth: z.number().gt(0).max(0.5),
  depth: z.number().gt(0).max(1),
  stepTolerance: z.number().min(0).max(255),
});

/** How the segmented background is judged (see judgeSegmented). */
export const segmentedBackground = (z: Zod) => z.object({
  /** Share of the background blocks that must be white (every channel ≥ minChannel); the wall's far corners and the light falling off beside the shoulders make it less than minWhiteShare. */
  minWhiteShare: z.number().min(0).max(1),
  /** RGB distance (0–441) from the background's median colour within which a block is the same plain wall. */
  plainDistance: z.number().min(0).max(441),
  /** Share of the background blocks that must be that plain wall. */
  minPlainShare: z.number().min(0).max(1),
  /** Share of the background blocks that must be near the mean of the blocks round them (see smoothShareOf): less is a textured scene. */
  minSmoothShare: z.number().min(0).max(1),
  /** Share of the background blocks that must be neutral (channel spread ≤ maxSpread) for uneven light to be called a shadow rather than a scene. */
  minNeutralShare: z.number().min(0).max(1),
  /** Largest patch of other colour on a white wall (a leftover object, a sign), as a share of the photo. */
  maxObjectShare: z.number().min(0).max(1),
  /** Largest share of the photo that may show people other than the one with the largest face. */
  maxOthersShare: z.number().min(0).max(1),
  /**
   * Largest share of the photo the person's outline may cover beside the head without joining the
   * head above the chin: someone the matte joined at the shoulders, a raised arm or hand, an object.
   */
  maxBesideShare: z.number().min(0).max(1),
  /**
   * Least focus of the person beside the head, against the face (see src/segment/focus.ts): less
   * is a blurred background the matte joined to the person (a photographer, a bystander's head).
   */
  minBesideFocus: z.number().min(0),
  /** Least blocks of person on a side of the head (8 px at a face 200 px wide) for its focus to be judged. */
  minFocusBlocks: z.number().int().min(1),
  /** Largest difference in luma (0–255) between the wall's left and right halves, or its top and bottom. */
  maxShade: z.number().min(0).max(255),
  /** Least share of the photo that must be background for the matte to be judged (a close-up leaves too little). */
  minBackgroundShare: z.number().min(0).max(1),
});

export const backgroundParams = (z: Zod) => z.object({
  /** Every channel of a wall block must be at least this to count as white. */
  minChannel: z.number().min(0).max(255),
  /** Share of the wall's blocks that must be white. */
  minWhiteShare: z.number().min(0).max(1),
  /** Largest difference between the channels of the wall's mean colour (a tint). */
  maxSpread: z.number().min(0).max(255),
  /** Share of the side strips that must be plain wall (the rest may be hair or shoulders). */
  minWallShare: z.number().min(0).max(1),
  /** Where the wall is looked for (see findBackground in ../blocks.ts). */
  region: backgroundRegion(z),
  /** How the background is judged when the person is segmented; without it only the wall joined to the top corners is. */
  segmented: segmentedBackground(z).optional(),
});
export type BackgroundParams = z.infer<ReturnType<typeof backgroundParams>>;
type SegmentedParams = z.infer<ReturnType<typeof segmentedBackground>>;

/** What is wrong with a background that is not white, most telling first. */
type Problem = 'frame' | 'other-person' | 'beside-head' | 'busy' | 'blurred-beside' | 'object' | 'blue' | 'red' | 'tinted' | 'shadow' | 'dark' | 'grey';

type BlockMeasures = { method: 'blocks'; rgb: [number, number, number]; whiteShare: number; wallShare: number; spread: number };
type SegmentedMeasures = {
  method: 'segmented';
  rgb: [number, number, number];
  whiteShare: number;
  spread: number;
  /** Share of the photo that is background. */
  backgroundShare: number;
  plainShare: number;
  neutralShare: number;
  smoothShare: number;
  objectShare: number;
  othersShare: number;
  besideShare: number;
  /** The lower focus of the two sides of the head with enough person beside it to judge; absent when neither has. */
  besideFocus?: number;
  shade: number;
};

type BackgroundOutcome =
  | Outcome<'ok' | Problem, BlockMeasures, { minChannel: number; minWhiteShare: number; maxSpread: number; minWallShare: number }>
  | Outcome<
      'ok' | Problem,
      SegmentedMeasures,
      { minChannel: number; minWhiteShare: number; maxSpread: number; minPlainShare: number; minSmoothShare: number; maxObjectShare: number; maxOthersShare: number; maxBesideShare: number; minBesideFocus: number; maxShade: number }
    >;

/** A frame: the outermost columns of blocks are much darker than the columns next to them. */
function hasFrame(image: BlockImage): boolean {
  const edge: number[] = [];
  const inner: number[] = [];
  for (let by = 0; by < image.height; by++) {
    edge.push(by * image.width, by * image.width + image.width - 1);
    inner.push(by * image.width + 1, by * image.width + image.width - 2);
  }
  return lumaOf(meanColor(image, inner)) - lumaOf(meanColor(image, edge)) > 30;
}

/** The colour of a backdrop that is plain but not white. */
function colourProblem(mean: Rgb, maxSpread: number): 'blue' | 'red' | 'tinted' | undefined {
  if (mean.b - mean.r > 12 && mean.b - mean.g > 4) return 'blue';
  if (mean.r - mean.b > 12 && mean.r - mean.g > 30) return 'red';
  if (Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b) > maxSpread) return 'tinted';
  return undefined;
}

function classify(image: BlockImage, wall: Background, mean: Rgb, params: BackgroundParams): Problem {
  if (hasFrame(image)) return 'frame';
  const colour = colourProblem(mean, params.maxSpread);
  if (colour) return colour;
  if (wall.stripShare < params.minWallShare) return 'busy';
  if (wall.left.length > 0 && wall.right.length > 0 && Math.abs(lumaOf(meanColor(image, wall.left)) - lumaOf(meanColor(image, wall.right))) > 20) return 'shadow';
  return 'grey';
}

function lumaOf({ r, g, b }: Rgb): number {
  return luma(r, g, b);
}

/** The wall joined to the top corners (no segmentation). */
function judgeWall(image: BlockImage, params: BackgroundParams): BackgroundOutcome {
  const wall = findBackground(image, params.region);
  // Whiteness is judged inside the wall: its rim holds blocks that are partly hair or shoulder.
  const white = wall.inner.filter((index) => {
    const { r, g, b } = colorAt(image, index);
    return Math.min(r, g, b) >= params.minChannel;
  }).length;
  const whiteShare = white / Math.max(1, wall.inner.length);
  const mean = meanColor(image, wall.inner);
  const spread = Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b);
  const measured = { method: 'blocks' as const, rgb: rgbTriple(mean), whiteShare: share(whiteShare), wallShare: share(wall.stripShare), spread: Math.round(spread) };
  const limits = { minChannel: params.minChannel, minWhiteShare: params.minWhiteShare, maxSpread: params.maxSpread, minWallShare: params.minWallShare };
  if (whiteShare >= params.minWhiteShare && spread <= params.maxSpread && wall.stripShare >= params.minWallShare && !hasFrame(image)) {
    return { status: 'pass', reason: 'ok', measured, limits };
  }
  return { status: 'fail', reason: classify(image, wall, mean, params), measured, limits };
}

/** Median of each channel over some blocks: the wall's colour, not pulled by an object on it. */
function medianColour(image: BlockImage, blocks: readonly number[]): Rgb {
  const channel = (c: number) => {
    const values = blocks.map((index) => image.rgb[index * 3 + c] as number).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  return { r: channel(0), g: channel(1), b: channel(2) };
}

function distance(p: Rgb, q: Rgb): number {
  return Math.hypot(p.r - q.r, p.g - q.g, p.b - q.b);
}

/**
 * The largest patch of background blocks 4-connected to each other that are off the wall's colour
 * (a sign, a lamp, a picture frame, the edge of a door), in blocks.
 */
function largestPatch(image: BlockImage, off: Uint8Array): number {
  const seen = new Uint8Array(off.length);
  const enter = (at: number) => {
    if (!off[at] || seen[at]) return false;
    seen[at] = 1;
    return true;
  };
  let largest = 0;
  for (let start = 0; start < off.length; start++) {
    if (off[start] && !seen[start]) largest = Math.max(largest, flood4(image.width, off.length, [start], enter).length);
  }
  return largest;
}

/**
 * Share of `blocks` whose colour is within `limit` of the mean of the `blocks` round them (5×5):
 * a wall lit unevenly or a gradient backdrop changes slowly and stays near its surroundings;
 * objects, patterns and the things of a room, even out of focus, do not.
 */
function smoothShareOf(image: BlockImage, blocks: readonly number[], limit: number): number {
  const inSet = new Uint8Array(image.width * image.height);
  for (const index of blocks) inSet[index] = 1;
  let smooth = 0;
  for (const index of blocks) {
    const x0 = index % image.width;
    const y0 = Math.floor(index / image.width);
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    for (let y = Math.max(0, y0 - 2); y <= Math.min(image.height - 1, y0 + 2); y++) {
      for (let x = Math.max(0, x0 - 2); x <= Math.min(image.width - 1, x0 + 2); x++) {
        const at = y * image.width + x;
        if (!inSet[at]) continue;
        r += image.rgb[at * 3]!;
        g += image.rgb[at * 3 + 1]!;
        b += image.rgb[at * 3 + 2]!;
        n++;
      }
    }
    if (distance(colorAt(image, index), { r: r / n, g: g / n, b: b / n }) <= limit) smooth++;
  }
  return smooth / Math.max(1, blocks.length);
}

/**
 * The background the matte gives: every block that is not person. Its median colour must be white
 * and untinted, nearly all of it that plain colour, with no patch of anything else on it, no other
 * person, nothing joined to the person beside the head (nor anything out of focus there), and even
 * light from side to side and top to bottom.
 */
function judgeSegmented(image: BlockImage, people: PersonBlocks, focus: readonly SideFocus[], params: BackgroundParams, segmented: SegmentedParams): BackgroundOutcome {
  const cells = image.width * image.height;
  const blocks = people.background;
  const mean = medianColour(image, blocks);
  const spread = Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b);
  const white = blocks.filter((index) => {
    const { r, g, b } = colorAt(image, index);
    return Math.min(r, g, b) >= params.minChannel;
  }).length;
  const whiteShare = white / blocks.length;
  const off = new Uint8Array(cells);
  let plain = 0;
  for (const index of blocks) {
    if (distance(colorAt(image, index), mean) <= segmented.plainDistance) plain++;
    else off[index] = 1;
  }
  const plainShare = plain / blocks.length;
  const smoothShare = smoothShareOf(image, blocks, segmented.plainDistance / 2);
  const neutral = blocks.filter((index) => {
    const { r, g, b } = colorAt(image, index);
    return Math.max(r, g, b) - Math.min(r, g, b) <= params.maxSpread;
  }).length;
  const neutralShare = neutral / blocks.length;
  const objectShare = largestPatch(image, off) / cells;
  const half = (test: (x: number, y: number) => boolean) => blocks.filter((index) => test(index % image.width, Math.floor(index / image.width)));
  const sides = [half((x) => x < image.width / 2), half((x) => x >= image.width / 2), half((_, y) => y < image.height / 2), half((_, y) => y >= image.height / 2)];
  const sideLuma = sides.map((side) => (side.length > 0 ? lumaOf(medianColour(image, side)) : undefined));
  const shade = Math.max(
    sideLuma[0] !== undefined && sideLuma[1] !== undefined ? Math.abs(sideLuma[0] - sideLuma[1]) : 0,
    sideLuma[2] !== undefined && sideLuma[3] !== undefined ? Math.abs(sideLuma[2] - sideLuma[3]) : 0,
  );
  const judged = focus.filter((side) => side.blocks >= segmented.minFocusBlocks);
  const besideFocus = judged.length > 0 ? Math.min(...judged.map((side) => side.focus)) : undefined;
  const measured: SegmentedMeasures = {
    method: 'segmented',
    rgb: rgbTriple(mean),
    whiteShare: share(whiteShare),
    spread: Math.round(spread),
    backgroundShare: share(blocks.length / cells),
    plainShare: share(plainShare),
    neutralShare: share(neutralShare),
    smoothShare: share(smoothShare),
    objectShare: share(objectShare),
    othersShare: share(people.othersShare),
    besideShare: share(people.besideShare),
    ...(besideFocus === undefined ? {} : { besideFocus: share(besideFocus) }),
    shade: Math.round(shade),
  };
  const limits = {
    minChannel: params.minChannel,
    minWhiteShare: segmented.minWhiteShare,
    maxSpread: params.maxSpread,
    minPlainShare: segmented.minPlainShare,
    minSmoothShare: segmented.minSmoothShare,
    maxObjectShare: segmented.maxObjectShare,
    maxOthersShare: segmented.maxOthersShare,
    maxBesideShare: segmented.maxBesideShare,
    minBesideFocus: segmented.minBesideFocus,
    maxShade: segmented.maxShade,
  };
  const problem = ((): Problem | undefined => {
    if (hasFrame(image)) return 'frame';
    if (people.othersShare > segmented.maxOthersShare) return 'other-person';
    if (people.besideShare > segmented.maxBesideShare) return 'beside-head';
    if (smoothShare < segmented.minSmoothShare) return 'busy';
    const colour = colourProblem(mean, params.maxSpread);
    // A backdrop that is mostly one colour is named by that colour, even when lit unevenly.
    if (colour && plainShare >= mostlyOneColour) return colour;
    const white = Math.min(mean.r, mean.g, mean.b) >= params.minChannel && whiteShare >= segmented.minWhiteShare;
    const lightness = lumaOf(mean);
    // A neutral wall is named by its lightness; light changing across a light one is a shadow.
    if (neutralShare >= segmented.minNeutralShare) {
      if (!white && lightness < darkLuma) return 'dark';
      if (shade > segmented.maxShade) return lightness >= lightLuma ? 'shadow' : 'grey';
    }
    if (plainShare < segmented.minPlainShare) return 'busy';
    if (colour) return colour;
    if (shade > segmented.maxShade) return 'shadow';
    if (!white) return lightness < darkLuma ? 'dark' : 'grey';
    // Named only on a white wall: on any other, putting the person on white comes first, and may
    // leave the blurred part with the old background.
    if (besideFocus !== undefined && besideFocus < segmented.minBesideFocus) return 'blurred-beside';
    if (objectShare > segmented.maxObjectShare) return 'object';
    return undefined;
  })();
  return problem ? { status: 'fail', reason: problem, measured, limits } : { status: 'pass', reason: 'ok', measured, limits };
}

/** Share of plain blocks from which a backdrop counts as one colour (a blue or red backdrop), even if lit unevenly. */
const mostlyOneColour = 0.5;

/** A plain wall darker than this (luma 0–255) is called dark rather than grey: a black or unlit backdrop. */
const darkLuma = 100;
/** A wall at least this light (luma) whose halves differ is a white wall with a shadow, not a grey one. */
const lightLuma = 160;

export const backgroundCheck = defineCheck({
  id: 'background',
  severity: 'error',
  needs: 'pixels',
  params: backgroundParams,
  // With the person segmented, fix-photo puts them on white whatever the wall was; another person stays a retake.
  fixable: ['frame', 'busy', 'object', 'blue', 'red', 'tinted', 'shadow', 'dark', 'grey'],
  run(input: CheckInputs['pixels'], params): BackgroundOutcome {
    const people = segmentedPeople(input);
    if (people && params.segmented && people.background.length >= params.segmented.minBackgroundShare * input.blocks.width * input.blocks.height) {
      return judgeSegmented(input.blocks, people, input.face?.faces.find((face) => face.besideFocus)?.besideFocus ?? [], params, params.segmented);
    }
    return judgeWall(input.blocks, params);
  },
});

/** The matte on the block grid when face analysis ran and segmented the person; else undefined. */
export function segmentedPeople({ blocks, facts, face }: CheckInputs['pixels']): PersonBlocks | undefined {
  if (!face?.person) return undefined;
  const { width, height } = uprightSize(facts); // the frame the block picture and the faces are in
  return personBlocks(blocks, face.person, face.faces, width, height) ?? undefined;
}
