import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { defineCheck, grouped, kb } from './check.js';

export const fileSizeCheck = defineCheck({
  id: 'file-size',
  title: { zh: '文件大小', en: 'File size' },
  severity: 'error',
  needs: 'bytes',
  params: z
    .object({ minBytes: z.number().int().nonnegative(), maxBytes: z.number().int().positive() })
    .refine((p) => p.minBytes <= p.maxBytes, { message: 'minBytes must not exceed maxBytes', path: ['minBytes'] }),
  describe: (p) => `${p.minBytes / 1024}–${p.maxBytes / 1024} KB (${grouped(p.minBytes)}–${grouped(p.maxBytes)} B)`,
  run({ bytes, lang }, params) {
    const size = (bytes as Buffer).length;
    // 1 KB = 1024 bytes (DOMAIN §1.1); bytes are shown too so a file just over the limit is not
    // mistaken for one inside it ("40.0 KB" could be 40,961 bytes).
    const expected = `${params.minBytes / 1024}–${params.maxBytes / 1024} KB (${grouped(params.minBytes)}–${grouped(params.maxBytes)} B)`;
    const actual = `${kb(size)} (${grouped(size)} B)`;
    if (size < params.minBytes) {
      return {
        status: 'fail',
        message: tr(lang, `文件太小：${actual}，至少 ${params.minBytes / 1024} KB`, `the file is too small: ${actual}; at least ${params.minBytes / 1024} KB`),
        expected,
        actual,
        hint: tr(lang, '用更高的 JPEG 质量重新导出（shebao fix-photo 会自动选择）', 'export again at a higher JPEG quality (shebao fix-photo picks one for you)'),
      };
    }
    if (size > params.maxBytes) {
      return {
        status: 'fail',
        message: tr(lang, `文件太大：${actual}，最多 ${params.maxBytes / 1024} KB`, `the file is too large: ${actual}; at most ${params.maxBytes / 1024} KB`),
        expected,
        actual,
        hint: tr(lang, `压缩到 ${params.maxBytes / 1024} KB 以内（shebao fix-photo 会自动选择 JPEG 质量）`, `compress it below ${params.maxBytes / 1024} KB (shebao fix-photo picks the JPEG quality)`),
      };
    }
    return { status: 'pass', message: actual, expected, actual };
  },
});
