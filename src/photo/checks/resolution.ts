import { z } from 'zod';
import { tr } from '../../core/i18n.js';
import { defineCheck } from './check.js';

export const resolutionCheck = defineCheck({
  id: 'resolution',
  title: { zh: '分辨率（dpi）', en: 'Resolution (dpi)' },
  severity: 'warning',
  needs: 'facts',
  params: z.object({ dpi: z.number().positive() }),
  describe: (p, lang) => tr(lang, `${p.dpi} dpi（不符合只提示）`, `${p.dpi} dpi (a warning only)`),
  run({ facts, lang }, params) {
    const dpi = facts?.dpi;
    const expected = `${params.dpi} dpi`;
    // Densities stored in dots per cm do not round-trip exactly (350 dpi = 137.8 dpcm).
    const close = (value: number) => Math.abs(value - params.dpi) <= 1;
    if (dpi && close(dpi.x) && close(dpi.y)) return { status: 'pass', message: expected, expected, actual: expected };
    const actual = dpi ? (Math.round(dpi.x) === Math.round(dpi.y) ? `${Math.round(dpi.x)} dpi` : `${Math.round(dpi.x)}×${Math.round(dpi.y)} dpi`) : 'none';
    return {
      status: 'warn',
      message: dpi
        ? tr(lang, `分辨率标记是 ${actual}，规格为 ${expected}（多数门户不检查）`, `the resolution tag says ${actual}; the spec says ${expected} (most portals do not check)`)
        : tr(lang, `没有分辨率标记，规格为 ${expected}（多数门户不检查）`, `no resolution tag; the spec says ${expected} (most portals do not check)`),
      expected,
      actual,
      hint: tr(lang, 'shebao fix-photo 输出的照片带 350 dpi 标记', 'shebao fix-photo writes a 350 dpi tag'),
    };
  },
});
