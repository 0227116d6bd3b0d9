import { defineCheck, type Outcome } from './check.js';

/** EXIF 2.32 Orientation: 1 is upright; 2–8 are mirrored or turned. 0 stands for "no tag". */
type OrientationOutcome = Outcome<'ok' | 'rotated', { orientation: number }, { orientation: number }>;

export const orientationCheck = defineCheck({
  id: 'orientation',
  severity: 'error',
  needs: 'facts',
  params: (z) => z.object({}),
  fixable: ['rotated'],
  run({ facts }): OrientationOutcome {
    const orientation = facts.orientation ?? 0;
    const limits = { orientation: 1 };
    if (orientation === 0 || orientation === 1) return { status: 'pass', reason: 'ok', measured: { orientation }, limits };
    return { status: 'fail', reason: 'rotated', measured: { orientation }, limits };
  },
});
