/**
 * The shape of a photo check. Each check is one unit with a stable id, a severity, the zod schema
 * of its parameters in the spec file, the part of the analysis it needs, and a pure `run` that
 * returns a reason code and numbers, never words: the tables in src/i18n say them. The registry
 * (./index.ts) lists the checks in the order they are reported.
 */
import type { z } from 'zod';
import type { Zod } from '../../core/schema.js';
import type { IsoDate } from '../../core/dates.js';
import type { FacePixels } from '../../face/content.js';
import type { HandSeen } from '../../hands/index.js';
import type { SideFocus } from '../../segment/focus.js';
import type { PersonMatte } from '../../segment/types.js';
import type { Unreadable } from '../analyze.js';
import type { BlockImage } from '../jpeg.js';
import type { CheckStatus, ImageFacts } from '../types.js';

/** One detected face, in pixels of the stored image (origin top-left). */
export interface FaceMeasure {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** Width of the face itself (cheek to cheek), as the spec measures it. */
  faceWidth: number;
  /** x of the midpoint of the two eye centres (双眼连线中点). */
  eyeMidX: number;
  /** y of the lower eye centre: the eye line's shortest distance to the bottom edge is what the spec measures. */
  eyeY: number;
  /** Angle of the eye line from horizontal, degrees (positive: right eye lower). */
  tiltDegrees: number;
  /** The two eye centres, left and right as seen in the picture. */
  eyes: { left: { x: number; y: number }; right: { x: number; y: number } };
  /** The 68 landmarks in iBUG 300-W order (0–16 jaw, 17–26 brows, 27–35 nose, 36–47 eyes, 48–67 lips): head pose and mouth read them. */
  landmarks: ReadonlyArray<{ x: number; y: number }>;
  /** How open each eye is (eyelid gap over eye width), left and right as seen; see src/face/content.ts. */
  eyeOpenness: { left: number; right: number };
  /** Where the irises look across, in eye widths from the middle, positive to the right as seen (src/face/content.ts). */
  gaze: number;
  /** How likely the expression is a grimace, fear or surprise (0–1), from face-api's expression net; see src/face/expression.ts. */
  grimace: number;
  /** Statistics of the face's pixels at the standard scale (blur, exposure, each cheek, teeth); see src/face/content.ts. */
  pixels: FacePixels;
  /** Hands the hand models found around this face (src/hands); undefined when they were not looked for (several faces) or did not load. */
  hands?: ReadonlyArray<HandSeen>;
  /** How sharp the person is beside the head on each side, against the face (src/segment/focus.ts); undefined when not measured (several faces, no matte). */
  besideFocus?: ReadonlyArray<SideFocus>;
}

export interface FaceAnalysis {
  faces: FaceMeasure[];
  /** Rows from the top edge to the top of the hair, found from the background; undefined if unclear. */
  hairTop?: number;
  /**
   * The person segmented from the background (src/segment), spanning the whole photo at the
   * analysed image's resolution; undefined when no face was found or the model is not available.
   */
  person?: PersonMatte;
}

/** What each kind of check is given: every stage up to the one it needs is there. */
export interface CheckInputs {
  /** `readable` alone: whatever could be read, and why the rest could not. */
  file: { file: string; today: IsoDate; problem?: Unreadable; bytes?: Buffer; facts?: ImageFacts };
  bytes: { file: string; today: IsoDate; bytes: Buffer; facts?: ImageFacts };
  facts: { file: string; today: IsoDate; bytes: Buffer; facts: ImageFacts };
  /** `face` is there when the face checks ran too: the background and clothing checks then use the segmented person. */
  pixels: { file: string; today: IsoDate; bytes: Buffer; facts: ImageFacts; blocks: BlockImage; face?: FaceAnalysis };
  face: { file: string; today: IsoDate; bytes: Buffer; facts: ImageFacts; blocks: BlockImage; face: FaceAnalysis };
}

/** Which part of the analysis a check needs: the file, the bytes, the header facts, the pixels, or the face. */
export type CheckNeeds = keyof CheckInputs;

/** A measured value: a number, a code, a flag, or a small record of numbers (an RGB triple, a box). */
export type Measure = number | string | boolean | readonly number[] | { readonly [key: string]: number };

/**
 * A check's verdict: a stable kebab-case reason per outcome, what was measured and the limits it
 * was held to. `pass` has a reason too (`ok`, or what passed), so a renderer never guesses.
 */
export interface Outcome<R extends string = string, M = { readonly [key: string]: Measure }, L = { readonly [key: string]: Measure }> {
  status: CheckStatus;
  reason: R;
  measured?: M;
  limits?: L;
  /** False when fix-photo cannot mend this photo's case of a reason it mends in general (a head leant further than it levels). */
  fixable?: false;
}

/** Why a check was not run: the same reasons for every check, said once in the tables. */
export type SkipReason = 'skipped-unreadable' | 'skipped-face-off' | 'skipped-no-detector' | 'skipped-no-hand-model' | 'skipped-no-face' | 'skipped-several-faces';

export interface Skipped {
  status: 'skip';
  reason: SkipReason;
}

export interface PhotoCheck<Id extends string = string, N extends CheckNeeds = CheckNeeds, P = unknown, O extends Outcome = Outcome> {
  id: Id;
  /** 'warning' checks never fail a photo: their problems are reported as `warn`. */
  severity: 'error' | 'warning';
  needs: N;
  /** The schema of the check's parameters in a spec file (besides `source` and `verified`), built when a spec is validated (../../core/schema.ts). */
  params: (zod: Zod) => z.ZodType<P>;
  /** Reasons `shebao fix-photo` repairs (a file that can be re-encoded, reframed or turned). */
  fixable: readonly O['reason'][];
  run(input: CheckInputs[N], params: P): O | Skipped;
}

/** Define a check with its parameter type inferred from the schema. */
export function defineCheck<const Id extends string, N extends CheckNeeds, S extends z.ZodType, O extends Outcome>(
  check: PhotoCheck<Id, N, z.infer<S>, O> & { params: (zod: Zod) => S },
): PhotoCheck<Id, N, z.infer<S>, O> {
  return check;
}

export { luma } from '../../core/colour.js';

/** An RGB triple rounded to whole channel values, as measured data carries it. */
export function rgbTriple({ r, g, b }: { r: number; g: number; b: number }): [number, number, number] {
  return [Math.round(r), Math.round(g), Math.round(b)];
}

/** A ratio kept to three decimals: finer than any limit, stable in JSON. */
export function thousandth(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A share (0–1) kept to three decimals: enough for any threshold, stable in JSON. */
export const share = thousandth;

/** Pixels and degrees are reported to a tenth: finer than any limit, stable in JSON. */
export function tenth(value: number): number {
  return Math.round(value * 10) / 10;
}
