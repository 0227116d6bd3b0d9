import { defineCheck, type Outcome } from './check.js';

type DimensionsOutcome = Outcome<'ok' | 'swapped' | 'wrong-size', { width: number; height: number }, { width: number; height: number }>;

export const dimensionsCheck = defineCheck({
  id: 'dimensions',
  severity: 'error',
  needs: 'facts',
  params: (z) => z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
  fixable: ['swapped', 'wrong-size'],
  run({ facts }, params): DimensionsOutcome {
    const measured = { width: facts.width, height: facts.height };
    const limits = { width: params.width, height: params.height };
    if (facts.width === params.width && facts.height === params.height) return { status: 'pass', reason: 'ok', measured, limits };
    const swapped = facts.width === params.height && facts.height === params.width;
    return { status: 'fail', reason: swapped ? 'swapped' : 'wrong-size', measured, limits };
  },
});
