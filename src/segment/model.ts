/**
 * Loads the person segmentation model once per thread: MediaPipe Selfie Segmentation (general,
 * 256×256), vendored in models/selfie-segmentation/ as a TensorFlow.js graph model with its
 * licence and origin (see its README.md).
 *
 * It runs on the same TensorFlow.js instance and WebAssembly backend as the face model: loading
 * the face model first sets that backend up (and takes back the process handlers Emscripten
 * installs), so the weights here are only read from disk and handed to tfjs from memory. Nothing
 * touches the network.
 */
import { fileURLToPath } from 'node:url';
import { ShebaoError } from '../core/errors.js';
import { loadFaceModel, readGraphModel, type FaceModel, type GraphModel } from '../face/model.js';

type Tf = FaceModel['tf'];

export interface SegmentModel {
  tf: Tf;
  graph: GraphModel;
  /** The model's input side in pixels (a square). */
  inputSize: number;
}

/** The vendored model folder (works from src/ under tsx and from dist/). */
export const segmentModelDir: string = fileURLToPath(new URL('../../models/selfie-segmentation/', import.meta.url));

let loading: Promise<SegmentModel> | undefined;

/**
 * The loaded model, shared by every caller in this thread. Concurrent first calls share one load;
 * a failed load is kept, so a batch does not retry it for every photo.
 */
export function loadSegmentModel(): Promise<SegmentModel> {
  loading ??= loadOnce();
  return loading;
}

async function loadOnce(): Promise<SegmentModel> {
  const { tf } = await loadFaceModel();
  let graph: GraphModel;
  try {
    graph = await readGraphModel(tf, segmentModelDir, 'selfie');
  } catch (error) {
    throw new ShebaoError('segment-model-unavailable', { reason: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  const shape = graph.inputs[0]?.shape;
  const inputSize = shape?.[1];
  if (typeof inputSize !== 'number' || shape?.[2] !== inputSize) {
    throw new ShebaoError('segment-model-unavailable', { reason: `unexpected input shape ${JSON.stringify(shape)}` });
  }
  return { tf, graph, inputSize };
}
