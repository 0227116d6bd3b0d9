/**
 * How strained a face's expression is, from face-api's expression net (a classifier trained on
 * faces labelled neutral, happy, sad, angry, fearful, disgusted and surprised; MIT, loaded with the
 * detector in model.ts).
 *
 * `mouth-closed` reads one number from it: the net's probability that the face is disgusted,
 * fearful or surprised. Those are the expressions no ID photo guide allows (a grimace, wide eyes,
 * a mouth open to talk), and on shebao's real-photo corpus the net tells them apart from ID faces:
 * the grimace, the worried face and the talking faces measure 0.95–1.00, every photo a reviewer
 * called fixable 0.00–0.30 except one talking into a microphone (0.95). Its other classes are left
 * out on purpose: it calls 14 of the 43 fixable faces happy (a smile is allowed) and reads serious,
 * neutral faces as sad or angry (up to 0.95).
 */
import type { FaceModel } from './model.js';
import type { Point, RgbImage } from './types.js';

/** Padding round the landmarks' bounding box, a share of its sides: face-api's own alignment (FaceLandmarks.align). */
const alignPadding = 0.2;

/** The probability (0–1) that the face's expression is disgusted, fearful or surprised. */
export async function measureGrimace({ faceapi, tf }: FaceModel, image: RgbImage, points: Point[]): Promise<number> {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const width = Math.max(...xs) - left;
  const height = Math.max(...ys) - top;
  const box = new faceapi.Rect(left - (alignPadding / 2) * width, top - (alignPadding / 2) * height, (1 + alignPadding) * width, (1 + alignPadding) * height);
  // face-api declares its own copy of the tfjs types; the tensors are the same objects at run time.
  const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32') as unknown as Parameters<typeof faceapi.extractFaceTensors>[0];
  const crops = await faceapi.extractFaceTensors(pixels, [box]);
  try {
    const expressions = (await faceapi.nets.faceExpressionNet.predictExpressions(crops[0] as Parameters<typeof faceapi.nets.faceExpressionNet.predictExpressions>[0])) as unknown as Record<string, number>;
    return Math.min(1, (expressions.disgusted ?? 0) + (expressions.fearful ?? 0) + (expressions.surprised ?? 0));
  } finally {
    (pixels as unknown as { dispose(): void }).dispose();
    for (const crop of crops) crop.dispose();
  }
}
