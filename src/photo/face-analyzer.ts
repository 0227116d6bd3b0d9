/**
 * The face analyzer the checker uses unless the caller brings its own. It is a thin lazy wrapper:
 * the face model is imported on the first photo that needs it, once per thread.
 */
import type { FaceAnalyzer } from './check-photo.js';

/** Undefined while no face detector ships with shebao; the face checks then report `skip`. */
export const defaultFaceAnalyzer: FaceAnalyzer | undefined = undefined;
