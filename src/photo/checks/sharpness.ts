/**
 * `sharpness`: the face in focus (社保卡: 人像清晰, 人像轮廓及面部特征点清晰可见; 出入境: 对焦准确).
 * The blur is measured on the face at ID-photo size (src/face/content.ts), so a small face blown
 * up to 358×441 counts as blurred as it will look.
 */
import { defineCheck, share, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type SharpnessOutcome = Outcome<'ok' | 'blurred', { blur: number }, { maxBlur: number }>;

export const sharpnessCheck = defineCheck({
  id: 'sharpness',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({
    /** Highest blur effect (0 sharp – 1 fully blurred) accepted. */
    maxBlur: z.number().positive().max(1),
  }),
  fixable: [],
  run(input, params): SharpnessOutcome | Skipped {
    return onOneFace(input, (face): SharpnessOutcome => {
      const measured = { blur: share(face.pixels.blur) };
      const sharp = face.pixels.blur <= params.maxBlur;
      return { status: sharp ? 'pass' : 'fail', reason: sharp ? 'ok' : 'blurred', measured, limits: { maxBlur: params.maxBlur } };
    });
  },
});
