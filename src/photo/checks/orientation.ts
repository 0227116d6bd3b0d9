import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { defineCheck } from './check.js';

/** EXIF 2.32 Orientation values other than 1, as a person would describe them. */
const turns: Record<number, { zh: string; en: string }> = {
  2: { zh: '左右镜像', en: 'mirrored' },
  3: { zh: '旋转 180°', en: 'rotated 180°' },
  4: { zh: '上下镜像', en: 'flipped vertically' },
  5: { zh: '镜像并旋转 90°', en: 'mirrored and rotated 90°' },
  6: { zh: '旋转 90°', en: 'rotated 90°' },
  7: { zh: '镜像并旋转 270°', en: 'mirrored and rotated 270°' },
  8: { zh: '旋转 270°', en: 'rotated 270°' },
};

export const orientationCheck = defineCheck({
  id: 'orientation',
  title: { zh: '方向标记', en: 'Orientation tag' },
  severity: 'error',
  needs: 'facts',
  params: z.object({}),
  describe: (_p, lang) => tr(lang, '无 EXIF 方向标记，或方向为 1（正常）', 'no EXIF orientation, or orientation 1 (upright)'),
  run({ facts, lang }) {
    const orientation = facts?.orientation;
    const expected = 'EXIF Orientation 1 or none';
    if (orientation === undefined || orientation === 1) {
      return { status: 'pass', message: tr(lang, '方向正常', 'upright'), expected, actual: orientation === undefined ? 'none' : '1' };
    }
    const turn = turns[orientation] ?? { zh: `方向值 ${orientation}`, en: `orientation value ${orientation}` };
    return {
      status: 'fail',
      message: tr(
        lang,
        `EXIF 方向标记为“${turn.zh}”：门户网站会把照片显示成歪的或倒的`,
        `the EXIF orientation says "${turn.en}": portals will show the photo sideways or upside down`,
      ),
      expected,
      actual: String(orientation),
      hint: tr(lang, '用 shebao fix-photo 把像素转正并去掉方向标记', 'run shebao fix-photo to rotate the pixels upright and drop the tag'),
    };
  },
});
