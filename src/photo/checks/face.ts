/**
 * The head-geometry rules of the 社保卡 spec and GA 461 (DOMAIN §1.1–1.2), measured on the face
 * the detector found. With no face or several, the geometry checks are skipped and `face-count`
 * fails. Every number comes from the spec file.
 */
import type { z } from 'zod';
import type { Zod } from '../../core/schema.js';
import { uprightSize } from '../upright.js';
import { defineCheck, tenth, type CheckInputs, type FaceMeasure, type Outcome, type Skipped } from './check.js';

const range = (z: Zod) => z
  .object({ min: z.number().nonnegative(), max: z.number().nonnegative() })
  .refine((p) => p.min <= p.max, { message: 'min ≤ max', path: ['min'] });

type Range = z.infer<ReturnType<typeof range>>;

/** Run a geometry rule on the one face, or skip when there is not exactly one. */
export function onOneFace<O extends Outcome>(input: CheckInputs['face'], measure: (face: FaceMeasure) => O): O | Skipped {
  const faces = input.face.faces;
  if (faces.length === 0) return { status: 'skip', reason: 'skipped-no-face' };
  if (faces.length > 1) return { status: 'skip', reason: 'skipped-several-faces' };
  return measure(faces[0] as FaceMeasure);
}

function inRange(value: number, { min, max }: Range): boolean {
  return value >= min && value <= max;
}

type FaceCountOutcome = Outcome<'ok' | 'no-face' | 'second-face', { faces: number }, { faces: number }>;

export const faceCountCheck = defineCheck({
  id: 'face-count',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({ count: z.number().int().positive() }),
  fixable: [],
  run({ face }, params): FaceCountOutcome {
    const count = face.faces.length;
    const measured = { faces: count };
    const limits = { faces: params.count };
    if (count === params.count) return { status: 'pass', reason: 'ok', measured, limits };
    return { status: 'fail', reason: count === 0 ? 'no-face' : 'second-face', measured, limits };
  },
});

type FaceWidthOutcome = Outcome<'ok' | 'too-small' | 'too-large', { px: number }, Range>;

export const faceWidthCheck = defineCheck({
  id: 'face-width',
  severity: 'error',
  needs: 'face',
  params: range,
  fixable: ['too-small', 'too-large'],
  run(input, params): FaceWidthOutcome | Skipped {
    return onOneFace(input, (face): FaceWidthOutcome => {
      const measured = { px: tenth(face.faceWidth) };
      const limits = { min: params.min, max: params.max };
      if (inRange(face.faceWidth, params)) return { status: 'pass', reason: 'ok', measured, limits };
      return { status: 'fail', reason: face.faceWidth < params.min ? 'too-small' : 'too-large', measured, limits };
    });
  },
});

type FaceCenteredOutcome = Outcome<'ok' | 'off-left' | 'off-right', { eyeMidX: number }, Range>;

export const faceCenteredCheck = defineCheck({
  id: 'face-centered',
  severity: 'error',
  needs: 'face',
  params: range,
  fixable: ['off-left', 'off-right'],
  run(input, params): FaceCenteredOutcome | Skipped {
    return onOneFace(input, (face): FaceCenteredOutcome => {
      const measured = { eyeMidX: tenth(face.eyeMidX) };
      const limits = { min: params.min, max: params.max };
      if (inRange(face.eyeMidX, params)) return { status: 'pass', reason: 'ok', measured, limits };
      return { status: 'fail', reason: face.eyeMidX < params.min ? 'off-left' : 'off-right', measured, limits };
    });
  },
});

type EyeHeightOutcome = Outcome<'ok' | 'too-low', { fromBottom: number }, { minFromBottom: number }>;

export const eyeHeightCheck = defineCheck({
  id: 'eye-height',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({ minFromBottom: z.number().nonnegative() }),
  fixable: ['too-low'],
  run(input, params): EyeHeightOutcome | Skipped {
    return onOneFace(input, (face): EyeHeightOutcome => {
      // Measured in the upright photo, where the face was found (a phone's sideways file stores it turned).
      const fromBottom = uprightSize(input.facts).height - face.eyeY;
      const measured = { fromBottom: tenth(fromBottom) };
      const limits = { minFromBottom: params.minFromBottom };
      return { status: fromBottom >= params.minFromBottom ? 'pass' : 'fail', reason: fromBottom >= params.minFromBottom ? 'ok' : 'too-low', measured, limits };
    });
  },
});

type HeadTopOutcome = Outcome<'not-found', Record<string, never>, Range> | Outcome<'ok' | 'cut-off' | 'too-close' | 'too-much-space', { px: number }, Range>;

export const headTopCheck = defineCheck({
  id: 'head-top',
  severity: 'error',
  needs: 'face',
  params: range,
  fixable: ['too-close', 'too-much-space'],
  run(input, params): HeadTopOutcome | Skipped {
    return onOneFace(input, (): HeadTopOutcome => {
      const top = input.face.hairTop;
      const limits = { min: params.min, max: params.max };
      if (top === undefined) return { status: 'warn', reason: 'not-found', measured: {}, limits };
      const measured = { px: tenth(top) };
      if (inRange(top, params)) return { status: 'pass', reason: 'ok', measured, limits };
      if (top > params.max) return { status: 'fail', reason: 'too-much-space', measured, limits };
      return { status: 'fail', reason: top <= 0 ? 'cut-off' : 'too-close', measured, limits };
    });
  },
});

type HeadTiltOutcome = Outcome<'ok' | 'tilted' | 'too-tilted', { degrees: number }, { maxDegrees: number; failDegrees?: number }>;

/**
 * The steepest lean fix-photo levels: beyond it the photo was taken sideways or lying down rather
 * than of a tilted head (a head leant on a shoulder in a snapshot reaches about 37°), and a head
 * leant further is a retake, not a fix.
 */
export const maxLevelledDegrees = 40;

/**
 * The eye line's angle to the horizontal. Beyond maxDegrees it warns (a slight lean a person may
 * accept); beyond failDegrees, where a spec sets it, the photo fails: a head leant that far is
 * not "端正", and fix-photo levels it (up to maxLevelledDegrees) so a fixed photo that still leans
 * is a failure.
 */
export const headTiltCheck = defineCheck({
  id: 'head-tilt',
  severity: 'error',
  needs: 'face',
  params: (z) => z.object({ maxDegrees: z.number().positive(), failDegrees: z.number().positive().optional() }),
  fixable: ['tilted', 'too-tilted'],
  run(input, params): HeadTiltOutcome | Skipped {
    return onOneFace(input, (face): HeadTiltOutcome => {
      const degrees = tenth(Math.abs(face.tiltDegrees));
      const limits = { maxDegrees: params.maxDegrees, ...(params.failDegrees === undefined ? {} : { failDegrees: params.failDegrees }) };
      const beyondFix = Math.abs(face.tiltDegrees) > maxLevelledDegrees ? { fixable: false as const } : {};
      if (params.failDegrees !== undefined && degrees > params.failDegrees) return { status: 'fail', reason: 'too-tilted', measured: { degrees }, limits, ...beyondFix };
      if (degrees <= params.maxDegrees) return { status: 'pass', reason: 'ok', measured: { degrees }, limits };
      return { status: 'warn', reason: 'tilted', measured: { degrees }, limits, ...beyondFix };
    });
  },
});
