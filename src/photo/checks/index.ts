/**
 * The registry of photo checks, in the order they are reported. Ids are public API: CI scripts
 * grep them, so an id is never renamed or reused.
 */
import { backgroundCheck } from './background.js';
import type { CheckInputs, Outcome, PhotoCheck, Skipped } from './check.js';
import { clothingContrastCheck } from './clothing-contrast.js';
import { colorModeCheck } from './color-mode.js';
import { dimensionsCheck } from './dimensions.js';
import { eyeHeightCheck, faceCenteredCheck, faceCountCheck, faceWidthCheck, headTiltCheck, headTopCheck } from './face.js';
import { eyesOpenCheck } from './eyes-open.js';
import { faceLightingCheck } from './face-lighting.js';
import { fileSizeCheck } from './file-size.js';
import { formatCheck } from './format.js';
import { handsCheck } from './hands.js';
import { headPoseCheck } from './head-pose.js';
import { headUncoveredCheck } from './head-uncovered.js';
import { mouthClosedCheck } from './mouth-closed.js';
import { orientationCheck } from './orientation.js';
import { paddingCheck } from './padding.js';
import { readableCheck } from './readable.js';
import { recentCheck } from './recent.js';
import { resolutionCheck } from './resolution.js';
import { sharpnessCheck } from './sharpness.js';

export const photoChecks = [
  readableCheck,
  formatCheck,
  dimensionsCheck,
  fileSizeCheck,
  paddingCheck,
  colorModeCheck,
  orientationCheck,
  backgroundCheck,
  clothingContrastCheck,
  resolutionCheck,
  recentCheck,
  faceCountCheck,
  faceWidthCheck,
  faceCenteredCheck,
  eyeHeightCheck,
  headTopCheck,
  headTiltCheck,
  headPoseCheck,
  eyesOpenCheck,
  mouthClosedCheck,
  sharpnessCheck,
  faceLightingCheck,
  handsCheck,
  headUncoveredCheck,
] as const;

export type AnyPhotoCheck = (typeof photoChecks)[number];
export type CheckId = AnyPhotoCheck['id'];
type CheckById<Id extends CheckId> = Extract<AnyPhotoCheck, { id: Id }>;
/** A check's parameters as its zod schema infers them. */
export type ParamsOf<Id extends CheckId> = CheckById<Id> extends PhotoCheck<Id, infer _N, infer P> ? P : never;
/** A check's outcomes (without the shared skip reasons). */
export type OutcomeOf<Id extends CheckId> = Exclude<ReturnType<CheckById<Id>['run']>, Skipped>;

/**
 * Run a check on input that has reached its stage. The one place where a check from the registry
 * (a union) meets its own input and parameter types, which TypeScript cannot correlate by itself.
 */
export function runCheck(check: AnyPhotoCheck, input: CheckInputs['face'] | CheckInputs['file'], params: unknown): Outcome | Skipped {
  return (check.run as (input: unknown, params: unknown) => Outcome | Skipped)(input, params);
}

export type { CheckInputs, FaceAnalysis, FaceMeasure, Outcome, PhotoCheck, Skipped, SkipReason } from './check.js';
