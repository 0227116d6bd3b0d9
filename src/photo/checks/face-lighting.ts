/**
 * `face-lighting`: the face neither too dark nor burnt out, and no half of it in shadow (阴阳脸).
 * 社保卡: 脸部或背景上无阴影……对比度和亮度适当; 出入境证件相片照相指引: 曝光适度, 脸部不得有阴影、亮斑.
 * Measured on the cheeks (src/face/content.ts): skin, whatever its colour, under the light.
 */
import { defineCheck, share, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type FaceLightingOutcome = Outcome<
  'ok' | 'too-dark' | 'too-bright' | 'half-shadow' | 'uneven',
  { skinLuma: number; leftLuma: number; rightLuma: number; sideStops: number; clippedShare: number },
  { minSkinLuma: number; maxSkinLuma: number; maxClippedShare: number; warnSideStops: number; maxSideStops: number }
>;

export const faceLightingCheck = defineCheck({
  id: 'face-lighting',
  severity: 'error',
  needs: 'face',
  params: (z) => z
    .object({
      /** Median cheek luma (0–255) below this is an underexposed face. */
      minSkinLuma: z.number().min(0).max(255),
      /** Above this, overexposed. */
      maxSkinLuma: z.number().min(0).max(255),
      /** A larger share of the face at luma ≥ 250 is burnt out. */
      maxClippedShare: z.number().min(0).max(1),
      /** One cheek darker than the other by more than this many stops (log2 of the ratio) warns... */
      warnSideStops: z.number().positive(),
      /** ...and by more than this fails: half the face in shadow. */
      maxSideStops: z.number().positive(),
    })
    .refine((p) => p.minSkinLuma < p.maxSkinLuma, { message: 'minSkinLuma < maxSkinLuma', path: ['minSkinLuma'] })
    .refine((p) => p.warnSideStops <= p.maxSideStops, { message: 'warnSideStops ≤ maxSideStops', path: ['warnSideStops'] }),
  fixable: [],
  run(input, params): FaceLightingOutcome | Skipped {
    return onOneFace(input, (face): FaceLightingOutcome => {
      const { skinLuma, cheekLuma, clippedShare } = face.pixels;
      const stops = Math.abs(Math.log2(Math.max(1, cheekLuma.left) / Math.max(1, cheekLuma.right)));
      const measured = {
        skinLuma: Math.round(skinLuma),
        leftLuma: Math.round(cheekLuma.left),
        rightLuma: Math.round(cheekLuma.right),
        sideStops: Math.round(stops * 100) / 100,
        clippedShare: share(clippedShare),
      };
      const limits = { minSkinLuma: params.minSkinLuma, maxSkinLuma: params.maxSkinLuma, maxClippedShare: params.maxClippedShare, warnSideStops: params.warnSideStops, maxSideStops: params.maxSideStops };
      if (skinLuma < params.minSkinLuma) return { status: 'fail', reason: 'too-dark', measured, limits };
      if (skinLuma > params.maxSkinLuma || clippedShare > params.maxClippedShare) return { status: 'fail', reason: 'too-bright', measured, limits };
      if (stops > params.maxSideStops) return { status: 'fail', reason: 'half-shadow', measured, limits };
      if (stops > params.warnSideStops) return { status: 'warn', reason: 'uneven', measured, limits };
      return { status: 'pass', reason: 'ok', measured, limits };
    });
  },
});
