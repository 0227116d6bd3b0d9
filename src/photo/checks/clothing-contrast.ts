import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { blocksIn, findBackground, formatRgb, meanColor } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { backgroundRegion } from './background.js';
import { defineCheck, luma } from './check.js';

const fraction = z.number().min(0).max(1);

export const clothingContrastCheck = defineCheck({
  id: 'clothing-contrast',
  title: { zh: '深色上衣', en: 'Dark clothing' },
  severity: 'error',
  needs: 'pixels',
  params: z.object({
    /** How much darker (Rec. 601 luma, 0–255) the shoulders must be than the background. */
    minLumaDifference: z.number().min(0).max(255),
    /** Where the shoulders are, in fractions of the photo. */
    region: z.object({ left: fraction, right: fraction, top: fraction, bottom: fraction }),
    /** Where the wall is found to compare with: as in the background check. */
    backgroundRegion,
  }),
  describe: (p, lang) =>
    tr(lang, `肩部（下方中间）比背景暗至少 ${p.minLumaDifference}（亮度 0–255）`, `the shoulders (lower centre) at least ${p.minLumaDifference} darker than the background (luma 0–255)`),
  run({ blocks, lang }, params) {
    const image = blocks as BlockImage;
    const clothing = meanColor(image, blocksIn(image, params.region));
    const background = meanColor(image, findBackground(image, params.backgroundRegion).inner);
    const clothingLuma = luma(clothing.r, clothing.g, clothing.b);
    const backgroundLuma = luma(background.r, background.g, background.b);
    const difference = backgroundLuma - clothingLuma;
    const expected = tr(lang, `比背景暗 ≥ ${params.minLumaDifference}`, `≥ ${params.minLumaDifference} darker than the background`);
    const actual = tr(
      lang,
      `上衣亮度 ${Math.round(clothingLuma)}，背景 ${Math.round(backgroundLuma)}，相差 ${Math.round(difference)}`,
      `clothing luma ${Math.round(clothingLuma)}, background ${Math.round(backgroundLuma)}, difference ${Math.round(difference)}`,
    );
    if (difference >= params.minLumaDifference) {
      return { status: 'pass', message: tr(lang, `上衣颜色足够深 ${formatRgb(clothing)}`, `the clothing is dark enough ${formatRgb(clothing)}`), expected, actual };
    }
    return {
      status: 'fail',
      message: tr(lang, `上衣太浅，和白色背景分不开（${actual}）`, `the clothing is too light to stand out from the white background (${actual})`),
      expected,
      actual,
      hint: tr(lang, '换深色有领上衣（深蓝、黑、深灰）重新拍摄', 'retake wearing a dark top with a collar (navy, black, dark grey)'),
    };
  },
});
