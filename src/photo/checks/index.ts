/**
 * The registry of photo checks, in the order they are reported. Ids are public API: CI scripts
 * grep them, so an id is never renamed or reused.
 */
import { backgroundCheck } from './background.js';
import type { PhotoCheck } from './check.js';
import { clothingContrastCheck } from './clothing-contrast.js';
import { colorModeCheck } from './color-mode.js';
import { dimensionsCheck } from './dimensions.js';
import { eyeHeightCheck, faceCenteredCheck, faceCountCheck, faceWidthCheck, headTiltCheck, headTopCheck } from './face.js';
import { fileSizeCheck } from './file-size.js';
import { formatCheck } from './format.js';
import { orientationCheck } from './orientation.js';
import { readableCheck } from './readable.js';
import { recentCheck } from './recent.js';
import { resolutionCheck } from './resolution.js';

export const photoChecks: readonly PhotoCheck<any>[] = [
  readableCheck,
  formatCheck,
  dimensionsCheck,
  fileSizeCheck,
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
];

export type { CheckInput, FaceAnalysis, FaceMeasure, Outcome, PhotoCheck } from './check.js';
