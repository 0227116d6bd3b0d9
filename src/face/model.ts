/**
 * Loads the face model once per process: @vladmandic/face-api's tiny face detector, its 68-point
 * landmark net and its expression net, run by TensorFlow.js on the WebAssembly backend.
 *
 * Everything comes from the package: the weights from models/face-api/, the .wasm binary from the
 * folder tf.ts names (beside its tfjs bundle, or tfjs-backend-wasm's dist/ in a clone). setWasmPaths
 * gets a directory path and no platform fetch, so Emscripten reads the binary with fs.readFileSync
 * (it only fetches in a browser or a web worker); face-api's loadFromDisk reads the weights with fs.
 * Nothing touches the network.
 *
 * Why WASM: tfjs-node downloads a native binary at install (not allowed here) and the pure-JS CPU
 * backend needs about 1 s per photo. The WASM backend uses SIMD when the engine has it (Node ≥ 16);
 * tfjs turns its threads off under Node, so one photo runs on one core.
 */
import { readFile } from 'node:fs/promises';
import { ShebaoError } from '../core/errors.js';
import { installFastKernels } from './fast-kernels.js';
import { withBlockUpsampling, type Topology } from './graph-rewrite.js';
import { faceApiModelDir, loadFaceApi, loadTf, wasmDir as tfjsWasmDir, type FaceApi, type Tf } from './tf.js';

export interface FaceModelInfo {
  backend: string;
  simd: boolean;
  threads: boolean;
  detector: 'tiny-face-detector';
  landmarks: 'face-landmark-68';
  versions: { faceApi: string; tfjs: string };
}

export interface FaceModel {
  faceapi: FaceApi;
  tf: Tf;
  info: FaceModelInfo;
}

let loading: Promise<FaceModel> | undefined;

/**
 * The loaded model, shared by every caller in this process. The first call starts the load; later
 * calls (also concurrent ones) get the same promise, so a batch never loads the weights twice.
 */
export function loadFaceModel(): Promise<FaceModel> {
  loading ??= withoutProcessHandlers(loadOnce);
  return loading;
}

/** The process events Emscripten's generated code (tfjs-backend-wasm) listens to when it starts. */
const guardedEvents = ['unhandledRejection', 'uncaughtException'] as const;

/**
 * Loading the WebAssembly backend installs process-wide `unhandledRejection` and
 * `uncaughtException` handlers that rethrow, so a host server that once checked a photo would die
 * on any later rejected promise of its own. Take back every handler the load added: loading
 * shebao must not change how the host process behaves.
 */
async function withoutProcessHandlers<T>(load: () => Promise<T>): Promise<T> {
  const host: NodeJS.EventEmitter = process;
  const before = new Map(guardedEvents.map((event) => [event, new Set(host.listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of guardedEvents) {
      const existing = before.get(event) as Set<unknown>;
      for (const listener of host.listeners(event)) {
        if (!existing.has(listener)) host.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
}

export type GraphModel = Awaited<ReturnType<Tf['loadGraphModel']>>;
type WeightSpecs = Parameters<Tf['io']['decodeWeights']>[1];
type Tensor = ReturnType<Tf['tensor']>;

/**
 * A TensorFlow.js graph model vendored in models/ (`<dir><name>.json` and `<name>.bin`), read from
 * disk into the face model's tfjs: never fetched. The models of the eyes, the person and the hands
 * load this way; each caller names its own error for a failed load. The weights are decoded
 * straight into tensors and the model is built on them, so no copy of the weight file stays in
 * memory beside them, and transposed convolutions are rewritten for speed on the way
 * (./graph-rewrite.ts).
 */
export async function readGraphModel(tf: Tf, dir: string, name: string): Promise<GraphModel> {
  const [json, bytes] = await Promise.all([
    readFile(`${dir}${name}.json`, 'utf8').then((text) => JSON.parse(text) as { modelTopology: Topology; weightsManifest: Array<{ weights: unknown[] }> }),
    readFile(`${dir}${name}.bin`),
  ]);
  const specs = json.weightsManifest.flatMap((group) => group.weights) as WeightSpecs;
  const weights = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs) as Record<string, Tensor>;
  const modelTopology = withBlockUpsampling(tf, json.modelTopology, weights);
  const model = new tf.GraphModel(`${dir}${name}.json`);
  // loadWithWeightMap is what tfjs-converter's own load and loadGraphModelSync end in (public in
  // its JavaScript, marked private in its types; tfjs is pinned at 4.22.0). Given no weightData, the
  // model does not keep the weight file's bytes as its `artifacts`.
  (model as unknown as { loadWithWeightMap(artifacts: { modelTopology: Topology }, weights: Record<string, Tensor>): boolean }).loadWithWeightMap({ modelTopology }, weights);
  return model;
}

/** What was loaded and how it runs (backend, SIMD, threads, versions); loads the model if needed. */
export async function describeFaceModel(): Promise<FaceModelInfo> {
  return (await loadFaceModel()).info;
}

async function loadOnce(): Promise<FaceModel> {
  let faceapi: FaceApi;
  let tf: Tf;
  let wasmDir: string;
  try {
    tf = loadTf();
    faceapi = loadFaceApi();
    wasmDir = tfjsWasmDir();
  } catch (error) {
    throw missingModel(error);
  }
  tf.setWasmPaths(wasmDir);
  const ready = await tf.setBackend('wasm');
  if (!ready) {
    throw new ShebaoError('face-backend-failed', { dir: wasmDir });
  }
  installFastKernels(tf);
  try {
    await faceapi.nets.tinyFaceDetector.loadFromDisk(faceApiModelDir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(faceApiModelDir);
    // The expression net, for mouth-closed's grimace measure (expression.ts): 0.3 MB, ~1 ms a face.
    await faceapi.nets.faceExpressionNet.loadFromDisk(faceApiModelDir);
  } catch (error) {
    throw missingModel(error);
  }
  const env = tf.env();
  return {
    faceapi,
    tf,
    info: {
      backend: tf.getBackend(),
      simd: Boolean(await env.getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: Boolean(await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
      detector: 'tiny-face-detector',
      landmarks: 'face-landmark-68',
      versions: { faceApi: faceapi.version, tfjs: tf.version_core },
    },
  };
}

function missingModel(cause: unknown): ShebaoError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ShebaoError('face-model-unavailable', { reason: detail }, { cause });
}
