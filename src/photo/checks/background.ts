import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { colorAt, findBackground, formatRgb, meanColor, type Background, type Rgb } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { defineCheck, luma } from './check.js';

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

type Problem = 'blue' | 'red' | 'tinted' | 'frame' | 'shadow' | 'grey' | 'busy';

const problems: Record<Problem, { zh: string; en: string }> = {
  blue: { zh: '背景偏蓝（蓝底照片？）', en: 'the background is bluish (a blue-backdrop photo?)' },
  red: { zh: '背景偏红（红底照片？）', en: 'the background is reddish (a red-backdrop photo?)' },
  tinted: { zh: '背景带颜色，不是白色', en: 'the background is tinted, not white' },
  frame: { zh: '照片边缘有深色边框', en: 'there is a dark frame along the edge' },
  shadow: { zh: '背景一侧有明显阴影', en: 'there is a strong shadow on one side of the background' },
  grey: { zh: '背景发灰，不够白', en: 'the background is grey, not white' },
  busy: { zh: '背景不是一面纯色的墙（有杂物、图案或其他人）', en: 'the background is not a plain wall (objects, patterns or other people)' },
};

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
  title: { zh: '白色背景', en: 'White background' },
  severity: 'error',
  needs: 'pixels',
  params: backgroundParams,
  describe: (p, lang) =>
    tr(
      lang,
      `背景墙（从上角起连成一片的区域）至少 ${Math.round(p.minWhiteShare * 100)}% 为白色（每个通道 ≥ ${p.minChannel}），无色偏、边框、阴影；两侧至少 ${Math.round(p.minWallShare * 100)}% 是墙`,
      `the wall (the area joined to the top corners) at least ${Math.round(p.minWhiteShare * 100)}% white (every channel ≥ ${p.minChannel}), no tint, frame or shadow; at least ${Math.round(p.minWallShare * 100)}% of the sides is wall`,
    ),
  run({ blocks, lang }, params) {
    const image = blocks as BlockImage;
    const wall = findBackground(image, params.region);
    // Whiteness is judged inside the wall: its rim holds blocks that are partly hair or shoulder.
    const white = wall.inner.filter((index) => {
      const { r, g, b } = colorAt(image, index);
      return Math.min(r, g, b) >= params.minChannel;
    }).length;
    const share = white / Math.max(1, wall.inner.length);
    const mean = meanColor(image, wall.inner);
    const spread = Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b);
    const expected = tr(lang, `白色（每个通道 ≥ ${params.minChannel}）`, `white (every channel ≥ ${params.minChannel})`);
    const actual = `${formatRgb(mean)}, ${Math.round(share * 100)}% white, ${Math.round(wall.stripShare * 100)}% of the sides plain`;
    if (share >= params.minWhiteShare && spread <= params.maxSpread && wall.stripShare >= params.minWallShare && !hasFrame(image)) {
      return { status: 'pass', message: tr(lang, `白色背景 ${formatRgb(mean)}`, `white background ${formatRgb(mean)}`), expected, actual };
    }
    const problem = problems[classify(image, wall, mean, params)];
    return {
      status: 'fail',
      message: tr(lang, `${problem.zh}：平均 ${formatRgb(mean)}，白色部分 ${Math.round(share * 100)}%`, `${problem.en}: mean ${formatRgb(mean)}, ${Math.round(share * 100)}% white`),
      expected,
      actual,
      hint: tr(
        lang,
        '站在白墙前、光线均匀（避免侧光造成阴影）重新拍摄；浅色干净的背景可用 shebao fix-photo 变白',
        'retake in front of a white wall with even light (no side light casting shadows); a light plain background can be whitened with shebao fix-photo',
      ),
    };
  },
});
