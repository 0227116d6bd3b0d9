/**
 * `mouth-closed`: a neutral expression with the mouth closed. An open mouth (talking, laughing,
 * a tongue out) fails, lips parted with no teeth between them (the dark inside of a mouth caught
 * mid-word) fail, and so does a face the expression net reads as disgusted, fearful or
 * surprised (a grimace, wide eyes, talking; see src/face/expression.ts): the guides ask for 中性表情 and 嘴唇自然闭合 (出入境证件相片照相指引), and
 * ICAO/ISO ask for the mouth closed. Teeth showing in a smile only warn: the 社保卡 and GA 461
 * texts ask for 神态自然 / 中性表情 without saying the lips must meet, and the corpus's reviewers
 * marked toothy smiles "uncertain", so a person should look before retaking.
 */
import { defineCheck, share, type FaceMeasure, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type MouthClosedOutcome = Outcome<'ok' | 'open' | 'parted' | 'grimace' | 'teeth', { lipGap: number; teethShare: number; grimace: number }, { maxLipGap: number; partedLipGap: number; partedTeethShare: number; teethLipGap: number; teethShare: number; maxGrimace: number }>;

/**
 * The gap between the inner lips (68-point landmarks 61–67, 62–66, 63–65) over the inner mouth's
 * width (60–64): 0–0.2 for closed lips and smiles, 0.3–0.45 for a mouth open to talk or show a
 * tongue.
 */
export function lipGap(landmarks: FaceMeasure['landmarks']): number {
  const at = (i: number) => landmarks[i] ?? { x: 0, y: 0 };
  const distance = (a: number, b: number) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
  return (distance(61, 67) + distance(62, 66) + distance(63, 65)) / (3 * Math.max(1e-6, distance(60, 64)));
}

export const mouthClosedCheck = defineCheck({
  id: 'mouth-closed',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({
    /** A lip gap above this is an open mouth (fails). */
    maxLipGap: z.number().positive().max(2),
    /**
     * Lips parted at least this much with less than `partedTeethShare` of the mouth tooth-coloured
     * fail: a smile that parts the lips shows teeth, a mouth caught talking shows its dark inside.
     */
    partedLipGap: z.number().positive().max(2),
    partedTeethShare: z.number().nonnegative().max(1),
    /** Teeth count as showing when the lips are parted at least this much... */
    teethLipGap: z.number().nonnegative().max(2),
    /** ...and at least this share of the mouth is tooth-coloured (warns). */
    teethShare: z.number().positive().max(1),
    /** The expression net's probability of a disgusted, fearful or surprised face above this fails (src/face/expression.ts). */
    maxGrimace: z.number().positive().max(1),
  }),
  fixable: [],
  run(input, params): MouthClosedOutcome | Skipped {
    return onOneFace(input, (face): MouthClosedOutcome => {
      const gap = lipGap(face.landmarks);
      const measured = { lipGap: share(gap), teethShare: share(face.pixels.teethShare), grimace: share(face.grimace) };
      const limits = { maxLipGap: params.maxLipGap, partedLipGap: params.partedLipGap, partedTeethShare: params.partedTeethShare, teethLipGap: params.teethLipGap, teethShare: params.teethShare, maxGrimace: params.maxGrimace };
      if (gap > params.maxLipGap) return { status: 'fail', reason: 'open', measured, limits };
      if (gap >= params.partedLipGap && face.pixels.teethShare < params.partedTeethShare) return { status: 'fail', reason: 'parted', measured, limits };
      // Lips can meet in a grimace or a frightened face: the expression net sees what the lips do not.
      if (face.grimace > params.maxGrimace) return { status: 'fail', reason: 'grimace', measured, limits };
      // Pale lips can look tooth-coloured: teeth need the lips parted too.
      if (gap >= params.teethLipGap && face.pixels.teethShare >= params.teethShare) return { status: 'warn', reason: 'teeth', measured, limits };
      return { status: 'pass', reason: 'ok', measured, limits };
    });
  },
});
