/**
 * Loads the face model once per process: @vladmandic/face-api's tiny face detector and its 68-point
 * landmark net, run by TensorFlow.js on the WebAssembly backend.
 *
 * Everything comes from node_modules: the weights from face-api's model/ folder, the .wasm binary
 * from @tensorflow/tfjs-backend-wasm's dist/ folder. setWasmPaths gets a directory path and no
 * platform fetch, so Emscripten reads the binary with fs.readFileSync (it only fetches in a browser
 * or a web worker); face-api's loadFromDisk reads the weights with fs. Nothing touches the network.
 *
 * Why WASM: tfjs-node downloads a native binary at install (not allowed here) and the pure-JS CPU
 * backend needs about 1 s per photo. The WASM backend uses SIMD when the engine has it (Node ≥ 16);
 * tfjs turns its threads off under Node, so one photo runs on one core.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { ShebaoError } from '../core/errors.js';
import { installFastKernels } from './fast-kernels.js';

type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');
type Tf = typeof import('@tensorflow/tfjs') & Pick<typeof import('@tensorflow/tfjs-backend-wasm'), 'setWasmPaths'>;

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

const require = createRequire(import.meta.url);
let loading: Promise<FaceModel> | undefined;

/**
 * The loaded model, shared by every caller in this process. The first call starts the load; later
 * calls (also concurrent ones) get the same promise, so a batch never loads the weights twice.
 */
export function loadFaceModel(): Promise<FaceModel> {
  loading ??= loadOnce();
  return loading;
}

/** What was loaded and how it runs (backend, SIMD, threads, versions); loads the model if needed. */
export async function describeFaceModel(): Promise<FaceModelInfo> {
  return (await loadFaceModel()).info;
}

/** Directory of an installed package (its package.json sits there). */
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

async function loadOnce(): Promise<FaceModel> {
  let faceapi: FaceApi;
  let modelDir: string;
  let wasmDir: string;
  try {
    faceapi = (await import('@vladmandic/face-api/dist/face-api.node-wasm.js')) as FaceApi;
    modelDir = path.join(packageDir('@vladmandic/face-api'), 'model');
    wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep;
  } catch (error) {
    throw missingModel(error);
  }
  const tf = faceapi.tf as unknown as Tf;
  tf.setWasmPaths(wasmDir);
  const ready = await tf.setBackend('wasm');
  if (!ready) {
    throw new ShebaoError(`人脸模型的 WebAssembly 后端无法启动 / the face model's WebAssembly backend failed to start (${wasmDir})`, {
      hint: '请重新安装 shebao（npm install）/ reinstall shebao (npm install)',
    });
  }
  installFastKernels(tf);
  try {
    await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
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
  return new ShebaoError(`无法加载人脸模型 / cannot load the face model: ${detail}`, {
    hint: '人脸模型随 @vladmandic/face-api 安装；请重新安装 shebao / the model ships in @vladmandic/face-api: reinstall shebao',
    cause,
  });
}
