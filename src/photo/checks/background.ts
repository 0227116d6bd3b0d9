import { z } from 'zod';
import { colorAt, findBackground, meanColor, type Background, type Rgb } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { defineCheck, luma, rgbTriple, share, type Outcome } from './check.js';

export const backgroundRegion = z.object({
  sideWidth: z.number().gt(0).max(0.5),
  depth: z.number().gt(0).max(1),
  stepTolerance: z.number().min(0).max(255),
});

export const backgroundParams = z.object({
  /** Every channel of a wall block must be at least this to count as white. */
  minChannel: z.number().min(0).max(255),
  /** Share of the wall's blocks that must be white. */
  minWhiteShare: z.number().min(0).max(1),
  /** Largest difference between the channels of the wall's mean colour (a tint). */
  maxSpread: z.number().min(0).max(255),
  /** Share of the side strips that must be plain wall (the rest may be hair or shoulders). */
  minWallShare: z.number().min(0).max(1),
  /** Where the wall is looked for (see findBackground in ../blocks.ts). */
  region: backgroundRegion,
});
export type BackgroundParams = z.infer<typeof backgroundParams>;

/** What is wrong with a wall that is not white, most telling first. */
type Problem = 'frame' | 'blue' | 'red' | 'tinted' | 'busy' | 'shadow' | 'grey';

type BackgroundOutcome = Outcome<
  'ok' | Problem,
  { rgb: [number, number, number]; whiteShare: number; wallShare: number; spread: number },
  { minChannel: number; minWhiteShare: number; maxSpread: number; minWallShare: number }
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

function classify(image: BlockImage, wall: Background, mean: Rgb, params: BackgroundParams): Problem {
  if (hasFrame(image)) return 'frame';
  if (mean.b - mean.r > 12 && mean.b - mean.g > 4) return 'blue';
  if (mean.r - mean.b > 12 && mean.r - mean.g > 30) return 'red';
  if (Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b) > params.maxSpread) return 'tinted';
  if (wall.stripShare < params.minWallShare) return 'busy';
  if (wall.left.length > 0 && wall.right.length > 0 && Math.abs(lumaOf(meanColor(image, wall.left)) - lumaOf(meanColor(image, wall.right))) > 20) return 'shadow';
  return 'grey';
}

function lumaOf({ r, g, b }: Rgb): number {
  return luma(r, g, b);
}

export const backgroundCheck = defineCheck({
  id: 'background',
  severity: 'error',
  needs: 'pixels',
  params: backgroundParams,
  fixable: [],
  run({ blocks: image }, params): BackgroundOutcome {
    const wall = findBackground(image, params.region);
    // Whiteness is judged inside the wall: its rim holds blocks that are partly hair or shoulder.
    const white = wall.inner.filter((index) => {
      const { r, g, b } = colorAt(image, index);
      return Math.min(r, g, b) >= params.minChannel;
    }).length;
    const whiteShare = white / Math.max(1, wall.inner.length);
    const mean = meanColor(image, wall.inner);
    const spread = Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b);
    const measured = { rgb: rgbTriple(mean), whiteShare: share(whiteShare), wallShare: share(wall.stripShare), spread: Math.round(spread) };
    const limits = { minChannel: params.minChannel, minWhiteShare: params.minWhiteShare, maxSpread: params.maxSpread, minWallShare: params.minWallShare };
    if (whiteShare >= params.minWhiteShare && spread <= params.maxSpread && wall.stripShare >= params.minWallShare && !hasFrame(image)) {
      return { status: 'pass', reason: 'ok', measured, limits };
    }
    return { status: 'fail', reason: classify(image, wall, mean, params), measured, limits };
  },
});
