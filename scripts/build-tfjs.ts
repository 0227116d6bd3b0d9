/**
 * Bundles the TensorFlow.js that the face, eye, segmentation and hand models run on into one file,
 * dist/face/tfjs.cjs, and copies the WebAssembly backend's binaries beside it. Run by
 * `npm run build`; src/face/tf.ts loads the bundle when it sits beside the compiled tf.js.
 *
 * Why: installed from npm, tfjs-core, tfjs-converter and tfjs-backend-wasm (with the tfjs-backend-cpu
 * it depends on) are 90 MB of browser, ES-module and mini-program builds, source maps and type
 * packages. shebao runs only their Node CommonJS builds, about 3 MB, so the package ships those and
 * the four packages are dev dependencies (a clone that runs src/ under tsx or vitest loads them
 * from node_modules instead).
 *
 * The three go into one bundle so they share one tfjs-core: the converter and the backend each
 * require it, and a backend registered with one copy of tfjs-core is not seen by another.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const outDir = fileURLToPath(new URL('../dist/face/', import.meta.url));
const wasmPackageDist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
/**
 * The binaries the backend can pick under Node: with SIMD, and without for an engine that lacks it.
 * The threaded one is never used: tfjs turns WASM threads off under Node (WASM_HAS_MULTITHREAD_SUPPORT
 * is false when IS_NODE, flags_wasm.js).
 */
const wasmBinaries = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

mkdirSync(outDir, { recursive: true });
await build({
  stdin: {
    contents: [
      "exports.core = require('@tensorflow/tfjs-core');",
      "exports.converter = require('@tensorflow/tfjs-converter');",
      "exports.wasm = require('@tensorflow/tfjs-backend-wasm');",
    ].join('\n'),
    resolveDir: fileURLToPath(new URL('..', import.meta.url)),
    sourcefile: 'tfjs-entry.cjs',
  },
  outfile: path.join(outDir, 'tfjs.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // tfjs-core requires node-fetch only when a model is loaded over HTTP and there is no global
  // fetch; Node ≥ 20 has one and shebao reads every model from disk.
  external: ['node-fetch'],
  minify: true,
  // tfjs's Apache 2.0 notices stay in the bundle, each once, at its end.
  legalComments: 'eof',
  banner: { js: '// Built by scripts/build-tfjs.ts: tfjs-core, tfjs-converter and tfjs-backend-wasm (Apache-2.0), their Node builds.' },
  logLevel: 'warning',
});
for (const name of wasmBinaries) copyFileSync(path.join(wasmPackageDist, name), path.join(outDir, name));
