/**
 * `head-uncovered`: both ears and both eyebrows showing, and no hat (社保卡: 双耳可见, 免冠;
 * 不允许有遮盖面部的覆盖物、头发、头饰). shebao cannot see these reliably: the 68-point landmarks
 * place eyebrows and the jaw line whether or not hair or a hat covers them, and hair over the ears
 * and a cap look alike to the segmentation. So this check measures nothing and says so: it warns
 * on every photo with one face, naming what a person must look at before uploading.
 */
import { defineCheck, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type HeadUncoveredOutcome = Outcome<'confirm-by-eye', Record<string, never>, { ears: boolean; eyebrows: boolean; noHat: boolean }>;

export const headUncoveredCheck = defineCheck({
  id: 'head-uncovered',
  severity: 'warning',
  needs: 'face',
  params: (z) => z.object({
    /** Both ears must show. */
    ears: z.boolean(),
    /** Both eyebrows must show (no fringe over them). */
    eyebrows: z.boolean(),
    /** No hat, cap or headscarf (except for religious or medical reasons). */
    noHat: z.boolean(),
  }),
  fixable: [],
  run(input, params): HeadUncoveredOutcome | Skipped {
    return onOneFace(input, (): HeadUncoveredOutcome => ({ status: 'warn', reason: 'confirm-by-eye', measured: {}, limits: { ears: params.ears, eyebrows: params.eyebrows, noHat: params.noHat } }));
  },
});
