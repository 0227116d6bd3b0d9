/**
 * `eyes-open`: both eyes open and looking at the camera (社保卡: 双眼睁开正视前方……不允许斜视、闭眼;
 * 出入境证件相片照相指引: 眼睛自然睁开). Read from the eye-contour model's eyelids and irises
 * (src/face/content.ts), not from the 68 landmarks, which draw an open eye over a closed one.
 */
import { defineCheck, thousandth, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type EyesOpenOutcome = Outcome<'ok' | 'closed' | 'looking-aside', { left: number; right: number; gaze: number }, { minOpenness: number; maxGaze: number }>;

export const eyesOpenCheck = defineCheck({
  id: 'eyes-open',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({
    /** Each eye's eyelid gap over its width must be at least this. */
    minOpenness: z.number().positive().max(1),
    /** The irises' offset from the middle of the eyes, in eye widths, must be at most this either way. */
    maxGaze: z.number().positive().max(0.5),
  }),
  fixable: [],
  run(input, params): EyesOpenOutcome | Skipped {
    return onOneFace(input, (face): EyesOpenOutcome => {
      const measured = { left: thousandth(face.eyeOpenness.left), right: thousandth(face.eyeOpenness.right), gaze: thousandth(face.gaze) };
      const limits = { minOpenness: params.minOpenness, maxGaze: params.maxGaze };
      // One closed eye is enough: a wink or an eye shut against the light is no more accepted.
      if (Math.min(face.eyeOpenness.left, face.eyeOpenness.right) < params.minOpenness) return { status: 'fail', reason: 'closed', measured, limits };
      if (Math.abs(face.gaze) > params.maxGaze) return { status: 'fail', reason: 'looking-aside', measured, limits };
      return { status: 'pass', reason: 'ok', measured, limits };
    });
  },
});
