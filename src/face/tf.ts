/**
 * The TensorFlow.js that shebao runs, and face-api on top of it.
 *
 * Why not `@tensorflow/tfjs`: that package is tfjs-core plus layers, data, the CPU and WebGL
 * backends and 140 MB of browser bundles, none of which shebao uses. shebao needs tfjs-core, the
 * WebAssembly backend and tfjs-converter (the segmentation model is a graph model). The package
 * ships them as one bundle, dist/face/tfjs.cjs, with the backend's .wasm binaries beside it
 * (scripts/build-tfjs.ts); a clone running src/ under tsx or vitest loads the packages from
 * node_modules instead (dev dependencies). Two things the full package did are done here instead:
 *
 * - It registered the chained tensor methods (`x.sub(y)`, `x.toFloat()`), which face-api calls;
 *   tfjs-core ships them only as ES modules without file extensions, which Node cannot load.
 *   `registerChainedOps` installs the same 137 methods, as tfjs-core 4.22's
 *   dist/public/chained_ops/*.js define them (test/tf.test.ts compares the two lists).
 * - face-api's Node build (vendored in models/face-api/) does `require('@tensorflow/tfjs')` and
 *   `require('@tensorflow/tfjs-backend-wasm')`. An npm alias of the first to tfjs-core installs a
 *   second copy of tfjs-core, with its own kernel registry, so the WASM backend registers with one
 *   copy and face-api runs on the other. Instead the build is loaded here with a `require` that
 *   answers those two names with this module's tfjs and backend, the instances the backend
 *   registers with; everything else it requires resolves as usual.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';

type Core = typeof import('@tensorflow/tfjs-core');
type Converter = typeof import('@tensorflow/tfjs-converter');
type Wasm = typeof import('@tensorflow/tfjs-backend-wasm');
export type Tf = Core & Pick<Converter, 'loadGraphModel' | 'GraphModel' | 'version_converter'> & Pick<Wasm, 'setWasmPaths'>;
export type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

const require = createRequire(import.meta.url);
/** Made by `npm run build` beside the compiled tf.js; absent beside src/face/tf.ts. */
const bundle = fileURLToPath(new URL('./tfjs.cjs', import.meta.url));
const bundled = existsSync(bundle);
/** face-api's Node build for the WASM backend (scripts/vendor-face-api.ts copied it). */
const faceApiBuild = fileURLToPath(new URL('../../models/face-api/face-api.node-wasm.js', import.meta.url));
/** The weights face-api's loadFromDisk reads. */
export const faceApiModelDir: string = path.dirname(faceApiBuild);

/** The folder of the WASM backend's .wasm binaries, for setWasmPaths: beside the bundle, or the package's dist/. */
export function wasmDir(): string {
  const dir = bundled ? path.dirname(bundle) : path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  return dir + path.sep;
}

interface Packages {
  core: Core;
  converter: Converter;
  wasm: Wasm;
}

/** tfjs-core, tfjs-converter's model loading and the WASM backend, as one namespace; the first call loads them. */
export function loadTf(): Tf {
  tf ??= makeTf(loadPackages());
  return tf;
}
let tf: Tf | undefined;

/**
 * The CommonJS builds, from the bundle or from node_modules; require, not import, either way:
 * they are the instances the converter and the backend require.
 */
function loadPackages(): Packages {
  packages ??= bundled
    ? (require(bundle) as Packages)
    : { core: require('@tensorflow/tfjs-core') as Core, converter: require('@tensorflow/tfjs-converter') as Converter, wasm: require('@tensorflow/tfjs-backend-wasm') as Wasm };
  return packages;
}
let packages: Packages | undefined;

function makeTf({ core, converter, wasm }: Packages): Tf {
  registerChainedOps(core);
  return { ...core, loadGraphModel: converter.loadGraphModel, GraphModel: converter.GraphModel, version_converter: converter.version_converter, setWasmPaths: wasm.setWasmPaths };
}

/** face-api's Node build for the WASM backend, running on `loadTf()`; loaded once. */
export function loadFaceApi(): FaceApi {
  faceApi ??= evaluateFaceApi(loadTf(), loadPackages().wasm);
  return faceApi;
}
let faceApi: FaceApi | undefined;

/** What Node's CommonJS loader does for a file, with two names answered differently. */
function evaluateFaceApi(tfjs: Tf, backend: Wasm): FaceApi {
  const requireBeside = createRequire(faceApiBuild);
  const run = compileFunction(readFileSync(faceApiBuild, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: faceApiBuild });
  const module = { exports: {} };
  const answers = new Map<string, unknown>([['@tensorflow/tfjs', tfjs], ['@tensorflow/tfjs-backend-wasm', backend]]);
  const requireAnswering = (id: string): unknown => (answers.has(id) ? answers.get(id) : requireBeside(id));
  run(module.exports, requireAnswering, module, faceApiBuild, faceApiModelDir);
  return module.exports as FaceApi;
}

type Op = (...args: unknown[]) => unknown;
type TensorLike = InstanceType<Core['Tensor']>;

/** Methods that are `op(this, ...args)` with the op of the same name. */
export const plainChainedOps = [
  'abs', 'acos', 'acosh', 'add', 'all', 'any', 'argMax', 'argMin', 'asin', 'asinh', 'atan', 'atan2', 'atanh',
  'avgPool', 'batchToSpaceND', 'batchNorm', 'broadcastTo', 'cast', 'ceil', 'clipByValue', 'conv1d',
  'conv2dTranspose', 'conv2d', 'cos', 'cosh', 'cumprod', 'cumsum', 'depthToSpace', 'depthwiseConv2d', 'dilation2d',
  'divNoNan', 'div', 'dot', 'elu', 'equal', 'erf', 'euclideanNorm', 'exp', 'expandDims', 'expm1', 'fft', 'floor',
  'floorDiv', 'gather', 'greaterEqual', 'greater', 'ifft', 'irfft', 'isFinite', 'isInf', 'isNaN', 'leakyRelu',
  'lessEqual', 'less', 'localResponseNormalization', 'logSigmoid', 'logSoftmax', 'logSumExp', 'log', 'log1p',
  'logicalAnd', 'logicalNot', 'logicalOr', 'logicalXor', 'matMul', 'maxPool', 'max', 'maximum', 'mean', 'min',
  'minimum', 'mirrorPad', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'onesLike', 'pad', 'pool', 'pow',
  'prelu', 'prod', 'reciprocal', 'relu', 'relu6', 'reshape', 'resizeBilinear', 'resizeNearestNeighbor', 'reverse',
  'rfft', 'round', 'rsqrt', 'selu', 'separableConv2d', 'sigmoid', 'sign', 'sin', 'sinh', 'slice', 'softmax',
  'softplus', 'spaceToBatchND', 'split', 'sqrt', 'square', 'squaredDifference', 'squeeze', 'step', 'stridedSlice',
  'sub', 'sum', 'tan', 'tanh', 'tile', 'topk', 'transpose', 'unique', 'unsortedSegmentSum', 'unstack', 'zerosLike',
] as const;

/** Methods whose body is not `op(this, ...args)`, as tfjs-core defines them. */
function specialChainedOps(core: Core): Record<string, (this: TensorLike, ...args: never[]) => unknown> {
  const { cast, concat, reshape, stack, where, Tensor, util } = core;
  return {
    as1D() { return reshape(this, [this.size]); },
    as2D(rows: number, columns: number) { return reshape(this, [rows, columns]); },
    as3D(rows: number, columns: number, depth: number) { return reshape(this, [rows, columns, depth]); },
    as4D(rows: number, columns: number, depth: number, depth2: number) { return reshape(this, [rows, columns, depth, depth2]); },
    as5D(rows: number, columns: number, depth: number, depth2: number, depth3: number) { return reshape(this, [rows, columns, depth, depth2, depth3]); },
    asScalar() {
      util.assert(this.size === 1, () => 'The array must have only 1 element.');
      return reshape(this, []);
    },
    asType(dtype: TensorLike['dtype']) { return cast(this, dtype); },
    concat(x: TensorLike | TensorLike[], axis?: number) { return concat([this, ...(x instanceof Tensor ? [x] : x)], axis); },
    flatten() { return reshape(this, [this.size]); },
    reshapeAs(x: TensorLike) { return reshape(this, x.shape); },
    stack(x: TensorLike | TensorLike[], axis?: number) { return stack(x instanceof Tensor ? [this, x] : [this, ...x], axis); },
    toBool() { return cast(this, 'bool'); },
    toFloat() { return cast(this, 'float32'); },
    toInt() { return cast(this, 'int32'); },
    where(condition: TensorLike, x: TensorLike) { return where(condition, this, x); },
  };
}

/** Every chained method's name (plain and special), for the test that compares them with tfjs-core's. */
export function chainedOpNames(core: Core): string[] {
  return [...plainChainedOps, ...Object.keys(specialChainedOps(core))];
}

function registerChainedOps(core: Core): void {
  const proto = core.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = core as unknown as Record<string, Op>;
  for (const name of plainChainedOps) {
    const op = ops[name] as Op;
    proto[name] = function (this: TensorLike, ...args: unknown[]) {
      this.throwIfDisposed();
      return op(this, ...args);
    };
  }
  for (const [name, method] of Object.entries(specialChainedOps(core))) {
    proto[name] = function (this: TensorLike, ...args: never[]) {
      this.throwIfDisposed();
      return method.apply(this, args);
    };
  }
}
