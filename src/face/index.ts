/**
 * Seeing the face: detection with 68 landmarks (model loaded lazily, once per process), the
 * geometry the photo specs measure, and the hair top found from the background.
 */
export { detectFaces, defaultDetectOptions } from './detect.js';
export type { DetectOptions } from './detect.js';
export { findHairTop, findHairTopInMatte } from './hair-top.js';
export { describeFaceModel } from './model.js';
export { scaleFace } from './scale.js';
export type { FaceModelInfo } from './model.js';
export type { Box, DetectedFace, FaceLandmarks, HairTop, Point, RgbImage } from './types.js';
