/**
 * `eyes-open`: both eyes open (社保卡: 双眼睁开……不允许闭眼; 出入境证件相片照相指引: 眼睛自然睁开).
 * Read from the eye-contour model's eyelids (src/face/content.ts), not from the 68 landmarks,
 * which draw an open eye over a closed one.
 */
import { z } from 'zod';
import { defineCheck, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type EyesOpenOutcome = Outcome<'ok' | 'closed', { left: number; right: number }, { minOpenness: number }>;

/** Openness is a ratio: three decimals are finer than any limit and stable in JSON. */
function thousandth(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export const eyesOpenCheck = defineCheck({
  id: 'eyes-open',
  severity: 'error',
  needs: 'face',
  params: z.object({
    /** Each eye's eyelid gap over its width must be at least this. */
    minOpenness: z.number().positive().max(1),
  }),
  fixable: [],
  run(input, params): EyesOpenOutcome | Skipped {
    return onOneFace(input, (face): EyesOpenOutcome => {
      const measured = { left: thousandth(face.eyeOpenness.left), right: thousandth(face.eyeOpenness.right) };
      const limits = { minOpenness: params.minOpenness };
      // One closed eye is enough: a wink or an eye shut against the light is no more accepted.
      const open = Math.min(face.eyeOpenness.left, face.eyeOpenness.right) >= params.minOpenness;
      return { status: open ? 'pass' : 'fail', reason: open ? 'ok' : 'closed', measured, limits };
    });
  },
});
