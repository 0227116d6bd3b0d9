/**
 * The face analyzer the checker uses unless the caller brings its own: it decodes the stored
 * pixels (no auto-rotation: the checks measure what the portal receives), runs the face model
 * from src/face (imported on the first photo that needs it, once per thread), and turns its
 * detections into the measurements the face checks read.
 */
import { loadSharp } from './analyze.js';
import type { FaceAnalyzer } from './check-photo.js';
import type { FaceAnalysis } from './checks/index.js';

export const defaultFaceAnalyzer: FaceAnalyzer = async (bytes: Buffer): Promise<FaceAnalysis> => {
  const [{ detectFaces, findHairTop }, sharp] = await Promise.all([import('../face/index.js'), loadSharp()]);
  const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const image = { data, width: info.width, height: info.height, channels: 3 as const };
  const faces = await detectFaces(image);
  const hair = faces.length === 1 ? findHairTop(image, faces[0] as (typeof faces)[number]) : null;
  return {
    faces: faces.map((face) => ({
      box: face.box,
      score: face.score,
      faceWidth: face.faceWidth,
      eyeMidX: face.eyeLine.midX,
      eyeY: face.eyeLine.y,
      tiltDegrees: face.tiltDegrees,
      eyes: { left: face.landmarks.leftEye, right: face.landmarks.rightEye },
    })),
    hairTop: hair?.y,
  };
};
