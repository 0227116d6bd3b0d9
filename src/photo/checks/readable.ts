import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { maxInputPixels } from '../analyze.js';
import { defineCheck } from './check.js';

/**
 * Always runs, with no parameters: the file exists, can be read, is not empty, decodes, and does
 * not declare more pixels than the safety limit. When it fails, the checks that need what could not
 * be read are skipped.
 */
export const readableCheck = defineCheck({
  id: 'readable',
  title: { zh: '可读取', en: 'Readable' },
  severity: 'error',
  needs: 'bytes',
  params: z.object({}),
  describe: (_p, lang) =>
    tr(lang, `文件存在、非空、能完整解码，像素数不超过 ${maxInputPixels / 1e6} MP`, `exists, not empty, decodes completely, at most ${maxInputPixels / 1e6} MP`),
  run({ problem, lang }) {
    if (!problem) return { status: 'pass', message: tr(lang, '可以读取和解码', 'reads and decodes') };
    return { status: 'fail', message: tr(lang, problem.reason), hint: tr(lang, problem.hint) };
  },
});
