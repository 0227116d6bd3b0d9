/**
 * `hands`: no hand at the head (出入境证件相片照相指引: 儿童前后不得有遮挡物（如手、玩具）;
 * 社保卡: 不允许有遮盖面部的覆盖物). A parent's hand holding a child's head, a hand in the hair or
 * on the head, another person's hand beside the face. Read from MediaPipe Hands' palm detector and
 * landmark model (src/hands), which look in a square of 2.6 face widths around the head.
 *
 * Below the mouth and close to the chin, a palm is not counted: there the models take the person's
 * own chin, neck or beard for a palm as surely as they see a real hand (a hand on the chin, a hand
 * holding a microphone), so a hand there is left to the eye (see docs/check-photo.md).
 */
import { defineCheck, thousandth, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type HandsOutcome = Outcome<'ok' | 'hand', { hands: number; score: number }, { minScore: number }>;

export const handsCheck = defineCheck({
  id: 'hands',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({
    /** A palm counts as a hand at this score (the palm detector's times the landmark model's, 0–1) or more. */
    minScore: z.number().positive().max(1),
    /** Below the mouth, a palm whose centre is within this many face widths of the chin, across, is not counted. */
    chinHalfWidth: z.number().min(0).max(2),
  }),
  fixable: [],
  run(input, params): HandsOutcome | Skipped {
    return onOneFace(input, (face): HandsOutcome | Skipped => {
      if (!face.hands) return { status: 'skip', reason: 'skipped-no-hand-model' };
      const points = face.landmarks;
      const chin = points[8];
      // The mouth's centre: the mean of the outer lip outline (points 48–59).
      const lips = points.slice(48, 60);
      if (!chin || lips.length < 12) return { status: 'skip', reason: 'skipped-no-detector' };
      const mouthY = lips.reduce((sum, point) => sum + point.y, 0) / lips.length;
      const byChin = (hand: { x: number; y: number }): boolean => hand.y > mouthY && Math.abs(hand.x - chin.x) < params.chinHalfWidth * face.faceWidth;
      const counted = face.hands.filter((hand) => !byChin(hand));
      const best = Math.max(0, ...counted.map((hand) => hand.score));
      const hands = counted.filter((hand) => hand.score >= params.minScore).length;
      const measured = { hands, score: thousandth(best) };
      const limits = { minScore: params.minScore };
      return hands > 0 ? { status: 'fail', reason: 'hand', measured, limits } : { status: 'pass', reason: 'ok', measured, limits };
    });
  },
});
