import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { formatName, sniffFormat } from '../sniff.js';
import { defineCheck } from './check.js';

export const formatCheck = defineCheck({
  id: 'format',
  title: { zh: 'JPEG 格式', en: 'JPEG format' },
  severity: 'error',
  needs: 'bytes',
  params: z.object({ format: z.literal('jpeg'), baseline: z.boolean() }),
  describe: (p, lang) => (p.baseline ? tr(lang, 'JPEG（基线，非渐进式）', 'JPEG (baseline, not progressive)') : 'JPEG'),
  run({ bytes, facts, lang }, params) {
    const format = facts?.format ?? sniffFormat(bytes as Buffer);
    const expected = params.baseline ? 'JPEG (baseline)' : 'JPEG';
    if (format !== 'jpeg') {
      const name = formatName(format);
      return {
        status: 'fail',
        message: name
          ? tr(lang, `文件实际是 ${name} 格式，不是 JPEG（与扩展名无关）`, `the file is really ${name}, not JPEG (whatever its extension says)`)
          : tr(lang, '文件不是 JPEG 图片', 'the file is not a JPEG image'),
        expected,
        actual: name || 'unknown',
        hint: tr(lang, '用 shebao fix-photo 转成 JPEG，或在手机上另存为 JPEG', 'convert it with shebao fix-photo, or save it as JPEG on the phone'),
      };
    }
    if (params.baseline && facts?.progressive) {
      return {
        status: 'fail',
        message: tr(lang, '渐进式 JPEG：部分门户网站无法上传', 'progressive JPEG: some portals reject it'),
        expected,
        actual: 'JPEG (progressive)',
        hint: tr(lang, '用 shebao fix-photo 重新保存为基线 JPEG', 'save it again as baseline JPEG with shebao fix-photo'),
      };
    }
    return { status: 'pass', message: tr(lang, 'JPEG 格式', 'JPEG'), expected, actual: facts?.progressive ? 'JPEG (progressive)' : expected };
  },
});
