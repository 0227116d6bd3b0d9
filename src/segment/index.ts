/**
 * Person segmentation on the CPU, offline: which pixels of a photo are the person (hair, face,
 * neck, clothes) and which the background, as a soft alpha matte at the photo's own size.
 *
 * The model (MediaPipe Selfie Segmentation, Apache-2.0, vendored in models/selfie-segmentation/)
 * sees the whole photo stretched to 256×256, as MediaPipe feeds it; its coarse mask is then refined
 * at full resolution with the photo as the guide (./refine.ts). The model loads lazily, once per
 * thread, on the tfjs WebAssembly backend the face model uses.
 */
import { ShebaoError } from '../core/errors.js';
import type { RgbImage } from '../face/types.js';
import { loadSegmentModel, type SegmentModel } from './model.js';
import { plane, resampleRgb, type Plane } from './planes.js';
import { refineMatte } from './refine.js';
import type { PersonMatte } from './types.js';

export { replaceBackground } from './composite.js';
export { besideFocus } from './focus.js';
export type { SideFocus } from './focus.js';
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

/** The model's person probability (0–1) on its own grid, the photo stretched to fill it. */
export async function personProbability(model: SegmentModel, image: RgbImage): Promise<Plane> {
  const size = model.inputSize;
  const channels = resampleRgb(image, size, size);
  const pixels = new Float32Array(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    pixels[i * 3] = channels[0]!.data[i]!;
    pixels[i * 3 + 1] = channels[1]!.data[i]!;
    pixels[i * 3 + 2] = channels[2]!.data[i]!;
  }
  const { tf, graph } = model;
  const input = tf.tensor4d(pixels, [1, size, size, 3]);
  try {
    const output = graph.execute(input) as ReturnType<Tf['tensor']>;
    try {
      return plane(size, size, Float32Array.from(await output.data()));
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
