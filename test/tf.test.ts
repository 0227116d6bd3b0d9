/**
 * src/face/tf.ts installs tfjs's chained tensor methods itself (the full @tensorflow/tfjs package
 * did it before). Its list must match tfjs-core's own, file for file, so an upgrade of tfjs-core
 * that adds or drops a method shows here. The built package runs on its own tfjs bundle: an
 * install has no tfjs or face-api package to fall back on.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFaceModel } from '../src/face/model.js';
import { chainedOpNames, loadTf, type Tf } from '../src/face/tf.js';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const chainedDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist/public/chained_ops');

describe('tfjs for face-api', () => {
  it('installs every chained method tfjs-core defines, and only those', () => {
    const defined = readdirSync(chainedDir)
      .filter((name) => name.endsWith('.js') && !name.endsWith('_test.js'))
      .flatMap((name) => [...readFileSync(path.join(chainedDir, name), 'utf8').matchAll(/prototype\.(\w+)\s*=/g)].map((match) => match[1] as string));
    const core = loadTf();
    expect([...chainedOpNames(core)].sort()).toEqual(defined.sort());
    const prototype = core.Tensor.prototype as unknown as Record<string, unknown>;
    for (const name of defined) expect(typeof prototype[name]).toBe('function');
  });

  it('gives face-api the same tfjs-core instance the WASM backend registers with', async () => {
    const { faceapi, tf } = await loadFaceModel();
    expect((faceapi.tf as unknown as Tf).engine()).toBe(tf.engine());
    expect(tf.getBackend()).toBe('wasm');
    // A chained method face-api calls (its types are not declared without the full package).
    const x = tf.tensor1d([1, 2, 3]) as unknown as { sub(y: unknown): { toInt(): { dataSync(): Int32Array } } };
    expect(Array.from(x.sub(tf.scalar(1)).toInt().dataSync())).toEqual([0, 1, 2]);
  });

  it('runs the built package on its bundle, loading nothing from the tfjs or face-api packages', () => {
    // npm test builds dist/ first; this is the code a global install runs.
    const script = `
      import { createRequire } from 'node:module';
      const { loadFaceModel } = await import(${JSON.stringify(path.join(root, 'dist/face/model.js'))});
      const { info } = await loadFaceModel();
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules[\\/]@(tensorflow|vladmandic)/.test(file));
      process.stdout.write(JSON.stringify({ backend: info.backend, loaded }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ backend: 'wasm', loaded: [] });
  }, 60_000);
});
