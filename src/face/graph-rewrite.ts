/**
 * Upsampling layers rewritten for the tfjs WASM backend, before a vendored graph model loads.
 *
 * Why: the palm detector (models/hands) spends 30 of its 85 ms in two Conv2DBackpropInput nodes
 * (transposed convolutions, 2×2 kernel, stride 2), which tfjs-backend-wasm 4.22 runs as a plain
 * loop, while a Conv2D goes to XNNPACK. When the kernel is as large as the stride, the outputs
 * do not overlap: each input pixel becomes one block of stride × stride output pixels, block
 * position (dy, dx) weighted by the filter's [dy, dx] slice. That is a 1×1 convolution to
 * stride² × out channels followed by DepthToSpace, which puts channel (dy·stride + dx)·out + c at
 * block position (dy, dx). The outputs are the same (bit for bit on the palm detector); the palm
 * detector takes 59 ms instead of 85.
 *
 * Every other node, and a transposed convolution of any other shape, is left as it is.
 */
import type { Tf } from './tf.js';

type Tensor = ReturnType<Tf['tensor']>;

interface Node {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { s?: string; i?: string; list?: { i?: string[] }; type?: string; tensor?: object }>;
  [key: string]: unknown;
}

export interface Topology {
  node?: Node[];
  [key: string]: unknown;
}

const text = (value: string): string => Buffer.from(value).toString('base64');
const decoded = (value: string | undefined): string => (value === undefined ? '' : Buffer.from(value, 'base64').toString());

/**
 * The topology with every non-overlapping transposed convolution replaced, and `weights` (the
 * decoded weights, by name) changed to match: each new filter added, each filter and output shape
 * no node reads any more disposed and dropped. A model without such nodes comes back as it was.
 */
export function withBlockUpsampling(tf: Tf, topology: Topology, weights: Record<string, Tensor>): Topology {
  const nodes = topology.node ?? [];
  const targets = nodes.filter((node) => isBlockUpsampling(node, weights));
  if (targets.length === 0) return topology;
  const added: Node[] = [];
  for (const node of targets) {
    const [, filterName, input] = node.input as [string, string, string];
    const filter = weights[filterName] as Tensor;
    const [size, , out, inC] = filter.shape as [number, number, number, number];
    const name = `${node.name}/block_filter`;
    // [dy, dx, out, in] → [1, 1, in, (dy·size + dx)·out + c]
    weights[name] = tf.tidy(() => tf.reshape(tf.transpose(filter, [3, 0, 1, 2]), [1, 1, inC, size * size * out]));
    const shape = { dim: [1, 1, inC, size * size * out].map((dim) => ({ size: String(dim) })) };
    added.push(
      { name, op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shape } } } },
      {
        name: `${node.name}/block_conv`,
        op: 'Conv2D',
        input: [input, name],
        attr: { T: { type: 'DT_FLOAT' }, strides: { list: { i: ['1', '1', '1', '1'] } }, padding: { s: text('VALID') }, data_format: { s: text('NHWC') }, dilations: { list: { i: ['1', '1', '1', '1'] } } },
      },
    );
    // The node keeps its name, so whatever reads the upsampled tensor still finds it.
    node.op = 'DepthToSpace';
    node.input = [`${node.name}/block_conv`];
    node.attr = { T: { type: 'DT_FLOAT' }, block_size: { i: String(size) }, data_format: { s: text('NHWC') } };
  }
  const all = [...nodes, ...added];
  // The old filters and output shapes now feed nothing; left in, the loader would take them for outputs.
  const read = new Set(all.flatMap((node) => node.input ?? []).map((input) => input.split(':')[0]));
  for (const name of Object.keys(weights)) {
    if (!read.has(name)) {
      weights[name]?.dispose();
      delete weights[name];
    }
  }
  return { ...topology, node: all.filter((node) => node.op !== 'Const' || read.has(node.name)) };
}

/** A transposed convolution whose square kernel is as large as its stride, in NHWC, with a float filter among the weights. */
function isBlockUpsampling(node: Node, weights: Record<string, Tensor>): boolean {
  if (node.op !== 'Conv2DBackpropInput' || node.input?.length !== 3) return false;
  const filter = weights[node.input[1] as string];
  const strides = node.attr?.strides?.list?.i ?? [];
  const dilations = node.attr?.dilations?.list?.i ?? ['1', '1', '1', '1'];
  const format = decoded(node.attr?.data_format?.s) || 'NHWC';
  const padding = decoded(node.attr?.padding?.s);
  if (!filter || filter.dtype !== 'float32' || filter.shape.length !== 4) return false;
  const [height, width] = filter.shape as [number, number];
  return (
    format === 'NHWC' &&
    (padding === 'SAME' || padding === 'VALID') &&
    height === width &&
    strides.join() === `1,${height},${height},1` &&
    dilations.every((d) => d === '1')
  );
}
