/**
 * fix-photo's core: framing around the face, putting the person on white (or whitening a light
 * wall without segmentation), encoding to the spec. Loads sharp and the models only when a photo
 * is fixed.
 */
export { defaultOutputPath, fixPhoto, maxEnlargement, type FixOptions } from './fix-photo.js';
export { defaultOutputDir, fixPhotos, type BatchFixOptions } from './fix-photos.js';
export { beyondEdges, frameFace, frameMargins, frameTargets, type FaceGeometry, type FrameResult, type FrameTargets, type Framing } from './frame.js';
export { assessBackground, backgroundLimits, whitenBackground, type BackgroundVerdict } from './background.js';
export { encodeJpeg, withJfifHeader } from './encode.js';
export type { Change, ChangeId, ChangeOf, FixBatch, FixError, FixResult, KeptBackground, Refusal, RefusalId, RefusalOf, RgbTriple } from './types.js';
export type { FixErrorDetails } from './errors.js';
