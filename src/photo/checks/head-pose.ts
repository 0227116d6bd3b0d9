/**
 * `head-pose`: a head turned to the side or nodding up or down. The guides ask for a frontal face
 * looking straight into the camera (社保卡: 双眼正视前方; 出入境证件相片照相指引: 正视照相机).
 *
 * Yaw and pitch come from fitting a generic 3-D face (six points) to the landmarks under scaled
 * orthographic projection. The fit cannot know one person's face depth, so its error on frontal
 * faces is large (±15° yaw and −16…+27° pitch on the corpus's frontal photos, big smiles reading as
 * a downward nod): the limits in the spec are set outside that spread.
 */
import type { Zod } from '../../core/schema.js';
import { defineCheck, tenth, type FaceMeasure, type Outcome, type Skipped } from './check.js';
import { onOneFace } from './face.js';

type HeadPoseReason = 'ok' | 'slightly-turned' | 'turned' | 'looking-down' | 'looking-up';
type HeadPoseOutcome = Outcome<
  HeadPoseReason,
  { yawDegrees: number; pitchDegrees: number },
  { warnYawDegrees: number; maxYawDegrees: number; maxDownDegrees: number; maxUpDegrees: number }
>;

export const headPoseParams = (z: Zod) => z
  .object({
    /** Turned further than this (either side) is a warning... */
    warnYawDegrees: z.number().positive().max(90),
    /** ...and further than this fails. */
    maxYawDegrees: z.number().positive().max(90),
    /** Chin down (nodding, looking down) further than this fails. */
    maxDownDegrees: z.number().positive().max(90),
    /** Chin up further than this fails. */
    maxUpDegrees: z.number().positive().max(90),
  })
  .refine((p) => p.warnYawDegrees <= p.maxYawDegrees, { message: 'warnYawDegrees ≤ maxYawDegrees', path: ['warnYawDegrees'] });

/**
 * A generic face in millimetre-like units, x right, y up, z towards the camera: nose tip, chin,
 * outer eye corners, mouth corners (the model of S. Mallick, "Head Pose Estimation using OpenCV
 * and Dlib", LearnOpenCV 2016), with the landmarks that sit on them in the 68-point scheme.
 */
const modelPoints: ReadonlyArray<{ landmark: number; at: readonly [number, number, number] }> = [
  { landmark: 30, at: [0, 0, 0] },
  { landmark: 8, at: [0, -330, -65] },
  { landmark: 36, at: [-225, 170, -135] },
  { landmark: 45, at: [225, 170, -135] },
  { landmark: 48, at: [-150, -150, -125] },
  { landmark: 54, at: [150, -150, -125] },
];

/**
 * Yaw (positive: the face turned towards the right of the picture) and pitch (positive: chin down)
 * in degrees. The 2×3 affine camera that best maps the model onto the landmarks (least squares)
 * is split into a rotation: its rows, normalised and made orthogonal, are the rotation's first two
 * rows, their cross product the third.
 */
export function estimateHeadPose(landmarks: FaceMeasure['landmarks']): { yawDegrees: number; pitchDegrees: number } {
  const image = modelPoints.map(({ landmark }) => {
    const p = landmarks[landmark] ?? { x: 0, y: 0 };
    return [p.x, -p.y] as const; // y up, as in the model
  });
  const model = modelPoints.map(({ at }) => at);
  const n = modelPoints.length;
  const imageMean = [0, 1].map((k) => image.reduce((sum, p) => sum + p[k]!, 0) / n);
  const modelMean = [0, 1, 2].map((k) => model.reduce((sum, p) => sum + p[k]!, 0) / n);
  const X = model.map((p) => p.map((v, k) => v - modelMean[k]!));
  const x = image.map((p) => p.map((v, k) => v - imageMean[k]!));
  const XtX = [0, 1, 2].map((r) => [0, 1, 2].map((c) => X.reduce((sum, p) => sum + p[r]! * p[c]!, 0)));
  const xtX = [0, 1].map((r) => [0, 1, 2].map((c) => X.reduce((sum, p, i) => sum + x[i]![r]! * p[c]!, 0)));
  const inverse = invert3(XtX);
  const [row1, row2] = xtX.map((row) => [0, 1, 2].map((c) => row.reduce((sum, v, k) => sum + v * inverse[k]![c]!, 0))) as [number[], number[]];
  const r1 = normalise(row1);
  const along = dot(row2, r1);
  const r2 = normalise(row2.map((v, k) => v - along * r1[k]!));
  const r3 = [r1[1]! * r2[2]! - r1[2]! * r2[1]!, r1[2]! * r2[0]! - r1[0]! * r2[2]!, r1[0]! * r2[1]! - r1[1]! * r2[0]!];
  const degrees = 180 / Math.PI;
  return {
    yawDegrees: Math.asin(Math.max(-1, Math.min(1, r1[2]!))) * degrees,
    pitchDegrees: Math.atan2(-r2[2]!, r3[2]!) * degrees,
  };
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, v, k) => sum + v * b[k]!, 0);
}

function normalise(v: number[]): number[] {
  const length = Math.hypot(...v) || 1;
  return v.map((x) => x / length);
}

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C || 1e-12;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

export const headPoseCheck = defineCheck({
  id: 'head-pose',
  severity: 'error',
  needs: 'face',
  params: headPoseParams,
  fixable: [],
  run(input, params): HeadPoseOutcome | Skipped {
    return onOneFace(input, (face): HeadPoseOutcome => {
      const pose = estimateHeadPose(face.landmarks);
      const measured = { yawDegrees: tenth(pose.yawDegrees), pitchDegrees: tenth(pose.pitchDegrees) };
      const limits = { warnYawDegrees: params.warnYawDegrees, maxYawDegrees: params.maxYawDegrees, maxDownDegrees: params.maxDownDegrees, maxUpDegrees: params.maxUpDegrees };
      const yaw = Math.abs(measured.yawDegrees);
      if (yaw > params.maxYawDegrees) return { status: 'fail', reason: 'turned', measured, limits };
      if (measured.pitchDegrees > params.maxDownDegrees) return { status: 'fail', reason: 'looking-down', measured, limits };
      if (-measured.pitchDegrees > params.maxUpDegrees) return { status: 'fail', reason: 'looking-up', measured, limits };
      if (yaw > params.warnYawDegrees) return { status: 'warn', reason: 'slightly-turned', measured, limits };
      return { status: 'pass', reason: 'ok', measured, limits };
    });
  },
});
