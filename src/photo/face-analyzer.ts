/**
 * The face analyzer the checker uses unless the caller brings its own: it decodes the photo upright
 * (turned by its EXIF orientation, as a person sees it) and reduced to what the face model needs
 * (see decodeAnalysisPicture), runs the face model from src/face (imported on the first photo that
 * needs it, once per thread), the person segmentation and the hand models, and turns their
 * detections into the measurements the face checks read, in the upright photo's own pixels.
 */
import { absentIf } from '../core/errors.js';
import { decodeAnalysisPicture } from './analyze.js';
import type { FaceAnalyzer } from './check-photo.js';
import type { FaceAnalysis } from './checks/index.js';

export const defaultFaceAnalyzer: FaceAnalyzer = async (bytes: Buffer): Promise<FaceAnalysis> => {
  const [{ detectFaces, findHairTop, findHairTopInMatte, scaleFace }, { measureFaceContent }, picture] = await Promise.all([
    import('../face/index.js'),
    import('../face/content.js'),
    decodeAnalysisPicture(bytes),
  ]);
  // Found and measured on the analysis picture; reported in the photo's pixels (× picture.scale).
  const { image, scale } = picture;
  const faces = await detectFaces(image);
  // The person's outline for the background, clothing and head-top checks. Without it (the model
  // did not load) they fall back to measuring from the photo's corners; their `method` says which.
  const segment = faces.length > 0 ? await import('../segment/index.js') : undefined;
  const person = segment ? await segment.segmentPerson(image).catch(absentIf('segment-model-unavailable')) : undefined;
  const one = faces.length === 1 ? faces[0] : undefined;
  const focus = segment && person && one ? segment.besideFocus(image, person, one) : undefined;
  const hair = one ? ((person && findHairTopInMatte(person, one)) ?? findHairTop(image, one)) : null;
  // Hands are looked for around a single face (with several, the face checks do not run). Without
  // the hand models, `hands` is skipped rather than passed.
  const hands = one ? await import('../hands/index.js').then(({ findHands }) => findHands(image, one)).catch(absentIf('hand-model-unavailable')) : undefined;
  return {
    faces: await Promise.all(faces.map(async (seen) => {
      const face = scaleFace(seen, scale);
      return {
      box: face.box,
      score: face.score,
      faceWidth: face.faceWidth,
      eyeMidX: face.eyeLine.midX,
      eyeY: face.eyeLine.y,
      tiltDegrees: face.tiltDegrees,
      eyes: { left: face.landmarks.leftEye, right: face.landmarks.rightEye },
      landmarks: face.landmarks.points,
      // The content checks' numbers come from the decoded pixels, measured where they are.
      ...(await measureFaceContent(image, seen)),
      ...(seen === one && hands ? { hands: hands.map((hand) => ({ x: hand.x * scale, y: hand.y * scale, size: hand.size * scale, score: hand.score })) } : {}),
      ...(seen === one && focus ? { besideFocus: focus } : {}),
    };
    })),
    hairTop: hair ? hair.y * scale : undefined,
    person,
  };
};

