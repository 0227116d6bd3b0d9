/**
 * Person segmentation on the CPU, offline: which pixels of a photo are the person (hair, face,
 * neck, clothes) and which the background, as a soft alpha matte at the photo's own size.
 *
 * The model (MediaPipe Selfie Segmentation, Apache-2.0, vendored in models/selfie-segmentation/)
 * sees the whole photo stretched to 256×256, as MediaPipe feeds it, and its mirror image; the coarse
 * mask is then refined at full resolution with the photo as the guide (./refine.ts). The model
 * loads lazily, once per thread, on the tfjs WebAssembly backend the face model uses.
 */
import { ShebaoError } from '../core/errors.js';
import type { RgbImage } from '../face/types.js';
import { loadSegmentModel, type SegmentModel } from './model.js';
import { plane, resampleRgb, type Plane } from './planes.js';
import { refineMatte } from './refine.js';
import type { PersonMatte } from './types.js';

export { replaceBackground } from './composite.js';
export { loadSegmentModel } from './model.js';
export { defaultRefineOptions, refineMatte } from './refine.js';
export type { RefineOptions } from './refine.js';
export type { PersonMatte } from './types.js';

/** The person in `image` as an alpha matte of the same size (255 = person, 0 = background). Loads the model on first use. */
export async function segmentPerson(image: RgbImage): Promise<PersonMatte> {
  assertRgbImage(image);
  const model = await loadSegmentModel();
  return refineMatte(image, await personProbability(model, image));
}

/**
 * The model's person probability (0–1) on its own grid, the photo stretched to fill it. The model
 * sees the photo and its mirror image, and a pixel is as much person as the less sure of the two
 * says: the model is not symmetric, and what only one view keeps is most often a piece of the
 * background (a bystander's head, a blurred photographer, a bokeh light beside the hair). It also
 * makes the matte of a mirrored photo the mirror of the photo's matte.
 */
export async function personProbability(model: SegmentModel, image: RgbImage): Promise<Plane> {
  const size = model.inputSize;
  const channels = resampleRgb(image, size, size);
  const pixels = new Float32Array(size * size * 3);
  const mirrored = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = y * size + x;
      const across = y * size + (size - 1 - x);
      for (let c = 0; c < 3; c++) {
        const value = channels[c]!.data[at]!;
        pixels[at * 3 + c] = value;
        mirrored[across * 3 + c] = value;
      }
    }
  }
  const seen = await run(model, pixels, size);
  const seenMirrored = await run(model, mirrored, size);
  const probability = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) probability[y * size + x] = Math.min(seen[y * size + x]!, seenMirrored[y * size + (size - 1 - x)]!);
  }
  return plane(size, size, probability);
}

/** One pass of the model over an RGB 0–1 picture of `size`×`size`. */
async function run(model: SegmentModel, pixels: Float32Array, size: number): Promise<Float32Array<ArrayBuffer>> {
  const { tf, graph } = model;
  const input = tf.tensor4d(pixels, [1, size, size, 3]);
  try {
    const output = graph.execute(input) as ReturnType<Tf['tensor']>;
    try {
      return Float32Array.from(await output.data());
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

type Tf = SegmentModel['tf'];

function assertRgbImage(image: RgbImage): void {
  const { data, width, height, channels } = image;
  const sizeOk = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (channels !== 3 || !sizeOk || data.length !== width * height * 3) {
    throw new ShebaoError('face-input-mismatch', { expected: width * height * 3, received: data.length, channels });
  }
}
