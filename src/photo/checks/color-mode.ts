import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { defineCheck } from './check.js';

const spaceNames = {
  gray: { zh: '灰度', en: 'grayscale' },
  cmyk: { zh: 'CMYK（印刷色彩）', en: 'CMYK (print colours)' },
  ycck: { zh: 'CMYK（YCCK）', en: 'CMYK (YCCK)' },
  other: { zh: '不常见的色彩模式', en: 'an unusual colour mode' },
} as const;

export const colorModeCheck = defineCheck({
  id: 'color-mode',
  title: { zh: '彩色 RGB', en: 'RGB colour' },
  severity: 'error',
  needs: 'pixels',
  params: z.object({
    channels: z.literal(3),
    /** Largest |Cb−128| or |Cr−128| of any 8×8 block below which the photo counts as black-and-white. */
    minChroma: z.number().nonnegative(),
  }),
  describe: (p, lang) => tr(lang, `${p.channels} 通道 sRGB 彩色，不能是黑白内容`, `${p.channels}-channel sRGB colour, content not black-and-white`),
  run({ facts, blocks, lang }, params) {
    const { colorSpace, channels, iccDescription } = facts as NonNullable<typeof facts>;
    const expected = `${params.channels}-channel sRGB colour`;
    if (colorSpace !== 'ycbcr' && colorSpace !== 'rgb') {
      const name = spaceNames[colorSpace];
      return {
        status: 'fail',
        message: tr(lang, `照片是${name.zh}模式，要求 24 位 RGB 彩色`, `the photo is ${name.en}; 24-bit RGB colour is required`),
        expected,
        actual: `${channels}-channel ${colorSpace}`,
        hint: tr(lang, '用 shebao fix-photo 转成 RGB 彩色（黑白照片需要重新拍摄彩色照）', 'convert with shebao fix-photo (a black-and-white photo must be retaken in colour)'),
      };
    }
    const chroma = (blocks as NonNullable<typeof blocks>).maxChroma;
    if (chroma < params.minChroma) {
      return {
        status: 'fail',
        message: tr(lang, '照片内容全是灰色（黑白照片），门户会退回', 'the content is entirely grey (a black-and-white photo); portals reject it'),
        expected,
        actual: `max chroma ${chroma.toFixed(1)}`,
        hint: tr(lang, '请用彩色照片（关闭手机的黑白滤镜后重拍）', 'use a colour photo (turn off the black-and-white filter and retake)'),
      };
    }
    if (iccDescription && !/srgb/i.test(iccDescription)) {
      return {
        status: 'warn',
        message: tr(lang, `嵌入的色彩配置是“${iccDescription}”，不是 sRGB：网站上颜色可能偏差`, `the embedded colour profile is "${iccDescription}", not sRGB: colours may look off on the portal`),
        expected,
        actual: iccDescription,
        hint: tr(lang, '用 shebao fix-photo 转成 sRGB', 'convert to sRGB with shebao fix-photo'),
      };
    }
    return { status: 'pass', message: tr(lang, 'RGB 彩色', 'RGB colour'), expected, actual: `${channels}-channel ${colorSpace}` };
  },
});
