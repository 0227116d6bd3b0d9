import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { blocksIn, colorAt, formatRgb, meanColor, type Fractions, type Rgb } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { defineCheck, luma } from './check.js';

export const backgroundParams = z.object({
  /** Every channel of a background block must be at least this to count as white. */
  minChannel: z.number().min(0).max(255),
  /** Share of background blocks that must be white. */
  minWhiteShare: z.number().min(0).max(1),
  /** Largest difference between the channels of the mean background colour (a tint). */
  maxSpread: z.number().min(0).max(255),
  /** The background is sampled in strips along both sides, from the top edge down to `depth`. */
  region: z.object({ sideWidth: z.number().gt(0).max(0.5), depth: z.number().gt(0).max(1) }),
});
export type BackgroundParams = z.infer<typeof backgroundParams>;

/**
 * The background sample: strips down both sides of the photo, beside the head and above the
 * shoulders, where a compliant photo shows nothing but the wall. The top centre is left out
 * because the hair may start 7 px below the edge.
 */
export function backgroundAreas(region: BackgroundParams['region']): Fractions[] {
  return [
    { left: 0, right: region.sideWidth, top: 0, bottom: region.depth },
    { left: 1 - region.sideWidth, right: 1, top: 0, bottom: region.depth },
  ];
}

export function backgroundBlocks(image: BlockImage, region: BackgroundParams['region']): number[][] {
  return backgroundAreas(region).map((area) => blocksIn(image, area));
}

type Problem = 'blue' | 'red' | 'tinted' | 'frame' | 'shadow' | 'grey';

const problems: Record<Problem, { zh: string; en: string }> = {
  blue: { zh: '背景偏蓝（蓝底照片？）', en: 'the background is bluish (a blue-backdrop photo?)' },
  red: { zh: '背景偏红（红底照片？）', en: 'the background is reddish (a red-backdrop photo?)' },
  tinted: { zh: '背景带颜色，不是白色', en: 'the background is tinted, not white' },
  frame: { zh: '照片边缘有深色边框', en: 'there is a dark frame along the edge' },
  shadow: { zh: '背景一侧有明显阴影', en: 'there is a strong shadow on one side of the background' },
  grey: { zh: '背景发灰，不够白', en: 'the background is grey, not white' },
};

function classify(image: BlockImage, sides: number[][], mean: Rgb, params: BackgroundParams): Problem {
  if (mean.b - mean.r > 12 && mean.b - mean.g > 4) return 'blue';
  if (mean.r - mean.b > 12 && mean.r - mean.g > 8) return 'red';
  if (Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b) > params.maxSpread) return 'tinted';
  // A frame: the outermost column of blocks is much darker than the column next to it.
  const edge: number[] = [];
  const inner: number[] = [];
  for (let by = 0; by < image.height; by++) {
    edge.push(by * image.width, by * image.width + image.width - 1);
    inner.push(by * image.width + 1, by * image.width + image.width - 2);
  }
  const edgeLuma = luma(...rgbOf(meanColor(image, edge)));
  const innerLuma = luma(...rgbOf(meanColor(image, inner)));
  if (innerLuma - edgeLuma > 30) return 'frame';
  const [left, right] = sides.map((side) => luma(...rgbOf(meanColor(image, side)))) as [number, number];
  if (Math.abs(left - right) > 20) return 'shadow';
  return 'grey';
}

function rgbOf({ r, g, b }: Rgb): [number, number, number] {
  return [r, g, b];
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
      `两侧背景至少 ${Math.round(p.minWhiteShare * 100)}% 为白色（每个通道 ≥ ${p.minChannel}），无色偏、边框、阴影`,
      `at least ${Math.round(p.minWhiteShare * 100)}% of the side background white (every channel ≥ ${p.minChannel}); no tint, frame or shadow`,
    ),
  run({ blocks, lang }, params) {
    const image = blocks as BlockImage;
    const sides = backgroundBlocks(image, params.region);
    const all = sides.flat();
    const white = all.filter((index) => {
      const { r, g, b } = colorAt(image, index);
      return Math.min(r, g, b) >= params.minChannel;
    }).length;
    const share = white / Math.max(1, all.length);
    const mean = meanColor(image, all);
    const spread = Math.max(mean.r, mean.g, mean.b) - Math.min(mean.r, mean.g, mean.b);
    const expected = tr(lang, `白色（每个通道 ≥ ${params.minChannel}）`, `white (every channel ≥ ${params.minChannel})`);
    const actual = `${formatRgb(mean)}, ${Math.round(share * 100)}% white`;
    if (share >= params.minWhiteShare && spread <= params.maxSpread) {
      return { status: 'pass', message: tr(lang, `白色背景 ${formatRgb(mean)}`, `white background ${formatRgb(mean)}`), expected, actual };
    }
    const problem = problems[classify(image, sides, mean, params)];
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
