import type { DetectedFace, Point } from './types.js';

/**
 * A face found on a reduced copy of a photo, in the photo's own pixels: every position and length
 * times `scale` (photo pixels per copy pixel). Angles and the score stay as they are.
 */
export function scaleFace(face: DetectedFace, scale: number): DetectedFace {
  if (scale === 1) return face;
  const point = (p: Point): Point => ({ x: p.x * scale, y: p.y * scale });
  const { box, landmarks, eyeLine } = face;
  return {
    ...face,
    box: { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale },
    landmarks: {
      ...landmarks,
      leftEye: point(landmarks.leftEye),
      rightEye: point(landmarks.rightEye),
      nose: point(landmarks.nose),
      mouth: point(landmarks.mouth),
      chin: point(landmarks.chin),
      jaw: landmarks.jaw.map(point),
      points: landmarks.points.map(point),
    },
    faceWidth: face.faceWidth * scale,
    eyeLine: { y: eyeLine.y * scale, midX: eyeLine.midX * scale },
  };
}
