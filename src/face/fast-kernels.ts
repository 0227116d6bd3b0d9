/**
 * Faster Concat and Slice for the tfjs WASM backend, installed over its own kernels.
 *
 * Why: profiling scripts/bench-face.ts showed a third of the CPU time per photo in two kernels
 * that tfjs-backend-wasm 4.22 runs in JavaScript, not WebAssembly: Concat (25%) and Slice (7%).
 * Both copy one small run at a time with `subarray` + `set`, which costs far more than the copy:
 * face-api normalises its input by concatenating three [1, 224, 224, 1] planes (150,528 runs of one
 * value) and cuts each face out of the photo with a 3-D slice (one run per pixel). These versions
 * copy short runs with a plain loop. Anything they do not cover (strings, empty inputs, other
 * ranks, contiguous slices, which are already one copy) goes to the backend's own kernel.
 */
import type { DataType, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { Tf } from './tf.js';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use (public methods of the class). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Below this many elements a plain loop beats subarray + set. */
const shortRun = 32;

type Values = Float32Array | Int32Array | Uint8Array;

function copyRun(from: Values, start: number, length: number, to: Values, at: number): void {
  if (length === 1) {
    to[at] = from[start]!;
  } else if (length < shortRun) {
    for (let k = 0; k < length; k++) to[at + k] = from[start + k]!;
  } else {
    to.set(from.subarray(start, start + length), at);
  }
}

export function installFastKernels(tf: Tf): void {
  replaceKernel(tf, 'Concat', (original) => (args) => {
    const inputs = Object.values(args.inputs) as TensorInfo[];
    const first = inputs[0];
    if (first === undefined || inputs.length < 2 || first.dtype === 'string') return original(args);
    if (inputs.some((input) => tf.util.sizeFromShape(input.shape) === 0)) return original(args);
    const backend = args.backend as unknown as WasmBackend;
    const axis = tf.util.parseAxisParam((args.attrs as NamedAttrMap).axis as number, first.shape)[0]!;
    const outShape = tf.backend_util.computeOutShape(
      inputs.map((input) => input.shape),
      axis,
    );
    const out = backend.makeOutput(outShape, first.dtype);
    const outValues = backend.typedArrayFromHeap(out);
    const batch = tf.util.sizeFromShape(first.shape.slice(0, axis));
    const inner = inputs.map((input) => tf.util.sizeFromShape(input.shape.slice(axis)));
    const values = inputs.map((input) => backend.typedArrayFromHeap(input));
    const rowLength = inner.reduce((sum, length) => sum + length, 0);
    let offset = 0;
    for (let i = 0; i < inputs.length; i++) {
      const length = inner[i]!;
      const from = values[i]!;
      for (let b = 0; b < batch; b++) copyRun(from, b * length, length, outValues, b * rowLength + offset);
      offset += length;
    }
    return out;
  });

  replaceKernel(tf, 'Slice', (original) => (args) => {
    const x = args.inputs.x as TensorInfo;
    const attrs = args.attrs as NamedAttrMap;
    if (x.dtype === 'string' || x.shape.length !== 3) return original(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[], attrs.size as number[]) as [number[], number[]];
    if (tf.slice_util.isSliceContinous(x.shape, begin, size)) return original(args);
    const backend = args.backend as unknown as WasmBackend;
    const out = backend.makeOutput(size, x.dtype);
    const outValues = backend.typedArrayFromHeap(out);
    const xValues = backend.typedArrayFromHeap(x);
    const [rowStride, pixelStride] = tf.util.computeStrides(x.shape) as [number, number];
    const [size0, size1, size2] = size as [number, number, number];
    const [begin0, begin1, begin2] = begin as [number, number, number];
    let at = 0;
    for (let i = begin0; i < begin0 + size0; i++) {
      for (let j = begin1; j < begin1 + size1; j++) {
        copyRun(xValues, i * rowStride + j * pixelStride + begin2, size2, outValues, at);
        at += size2;
      }
    }
    return out;
  });
}

/**
 * Marks the kernels installed here. A registry-wide symbol, not a module-level set: a second copy of
 * this module in the process (test runners load modules afresh per file; tfjs stays) must see them.
 */
const fastKernel = Symbol.for('shebao.face.fast-kernel');

/** Swaps the WASM backend's kernel for `make(original)`, keeping the original for what the new one leaves to it. */
function replaceKernel(tf: Tf, kernelName: string, make: (original: KernelFunc) => KernelFunc): void {
  const config = tf.getKernel(kernelName, 'wasm');
  if (config === undefined || Object.hasOwn(config.kernelFunc, fastKernel)) return;
  const kernelFunc = make(config.kernelFunc);
  Object.defineProperty(kernelFunc, fastKernel, { value: true });
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...config, kernelFunc });
}
