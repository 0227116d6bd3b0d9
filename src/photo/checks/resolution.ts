import { defineCheck, type Outcome } from './check.js';

/** `dpi` 0 stands for "no density recorded". */
type ResolutionOutcome = Outcome<'ok' | 'no-density' | 'other-density', { dpiX: number; dpiY: number }, { dpi: number }>;

export const resolutionCheck = defineCheck({
  id: 'resolution',
  severity: 'warning',
  needs: 'facts',
  params: (z) => z.object({ dpi: z.number().positive() }),
  fixable: ['no-density', 'other-density'],
  run({ facts }, params): ResolutionOutcome {
    const dpi = facts.dpi;
    const measured = { dpiX: Math.round(dpi?.x ?? 0), dpiY: Math.round(dpi?.y ?? 0) };
    const limits = { dpi: params.dpi };
    // Densities stored in dots per cm do not round-trip exactly (350 dpi = 137.8 dpcm).
    const close = (value: number) => Math.abs(value - params.dpi) <= 1;
    if (dpi && close(dpi.x) && close(dpi.y)) return { status: 'pass', reason: 'ok', measured, limits };
    return { status: 'warn', reason: dpi ? 'other-density' : 'no-density', measured, limits };
  },
});
