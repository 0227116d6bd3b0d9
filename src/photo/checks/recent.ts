import { z } from 'zod';
import { addMonths } from '../../core/dates.js';
import { tr } from '../../core/i18n.js';
import { defineCheck } from './check.js';

export const recentCheck = defineCheck({
  id: 'recent',
  title: { zh: '近期照片', en: 'Recent photo' },
  severity: 'warning',
  needs: 'facts',
  params: z.object({ maxAgeMonths: z.number().int().positive() }),
  describe: (p, lang) => tr(lang, `拍摄于 ${p.maxAgeMonths} 个月内（按 EXIF 拍摄日期，只提示）`, `taken within ${p.maxAgeMonths} months (EXIF capture date; a warning only)`),
  run({ facts, today, lang }, params) {
    const taken = facts?.captureDate;
    const oldest = addMonths(today, -params.maxAgeMonths);
    const expected = tr(lang, `${oldest} 之后拍摄`, `taken on or after ${oldest}`);
    if (!taken) {
      return {
        status: 'skip',
        message: tr(lang, `照片没有拍摄日期，请确认是 ${params.maxAgeMonths} 个月内拍的`, `no capture date in the photo; make sure it was taken within ${params.maxAgeMonths} months`),
        expected,
      };
    }
    if (taken > today) {
      return {
        status: 'warn',
        message: tr(lang, `拍摄日期 ${taken} 在今天之后：相机时间可能设错了`, `the capture date ${taken} is after today: the camera clock may be wrong`),
        expected,
        actual: taken,
      };
    }
    if (taken < oldest) {
      return {
        status: 'warn',
        message: tr(lang, `照片拍摄于 ${taken}，超过 ${params.maxAgeMonths} 个月；孩子长得快，请用近照`, `taken on ${taken}, more than ${params.maxAgeMonths} months ago; children change fast, use a recent photo`),
        expected,
        actual: taken,
        hint: tr(lang, '重新拍一张近期照片', 'take a new photo'),
      };
    }
    return { status: 'pass', message: tr(lang, `拍摄于 ${taken}`, `taken on ${taken}`), expected, actual: taken };
  },
});
