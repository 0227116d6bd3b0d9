import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { defineCheck } from './check.js';

export const dimensionsCheck = defineCheck({
  id: 'dimensions',
  title: { zh: '像素尺寸', en: 'Pixel dimensions' },
  severity: 'error',
  needs: 'facts',
  params: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  describe: (p) => `${p.width}×${p.height} px`,
  run({ facts, lang }, params) {
    const { width, height } = facts as NonNullable<typeof facts>;
    const expected = `${params.width}×${params.height} px`;
    const actual = `${width}×${height} px`;
    if (width === params.width && height === params.height) {
      return { status: 'pass', message: actual, expected, actual };
    }
    const swapped = width === params.height && height === params.width;
    return {
      status: 'fail',
      message: swapped
        ? tr(lang, `宽高颠倒：${actual}（照片横过来了）`, `width and height are swapped: ${actual} (the photo is sideways)`)
        : tr(lang, `尺寸是 ${actual}，要求正好 ${expected}`, `the size is ${actual}; exactly ${expected} is required`),
      expected,
      actual,
      hint: tr(
        lang,
        `用 shebao fix-photo 按人脸重新裁剪并缩放到 ${params.width}×${params.height}`,
        `run shebao fix-photo to crop around the face and export at ${params.width}×${params.height}`,
      ),
    };
  },
});
