/**
 * A folder at a time (a photo studio's day of work): every image in it, recursively, fixed into a
 * mirrored tree under the output folder. A photo that cannot be read, framed or written is
 * reported and the batch goes on.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isShebaoError } from '../core/errors.js';
import { collectPhotos } from '../photo/inputs.js';
import { loadSpec } from '../photo/spec.js';
import { fixPhoto, type FixOptions } from './fix-photo.js';
import type { FixBatch, FixResult } from './types.js';

export interface BatchFixOptions extends Omit<FixOptions, 'output'> {
  /** Where the fixed photos go; default `<folder>-fixed` beside the folder. */
  outputDir?: string;
  onProgress?: (done: number, total: number) => void;
}

export function defaultOutputDir(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, '') || '.';
  return `${path.resolve(trimmed) === path.resolve('/') ? 'photos' : trimmed}-fixed`;
}

export async function fixPhotos(dir: string, options: BatchFixOptions = {}): Promise<FixBatch> {
  const cwd = options.cwd ?? process.cwd();
  const spec = typeof options.spec === 'object' ? options.spec : loadSpec(options.spec, { cwd });
  const outputDir = options.outputDir ?? defaultOutputDir(dir);
  const dirPath = path.resolve(cwd, dir);
  const outPath = path.resolve(cwd, outputDir);
  // The output folder may sit inside the input folder: what is in it is not input.
  const inputs = (await collectPhotos([dir], cwd)).filter((file) => !isInside(path.resolve(cwd, file), outPath));
  const outputs = mirroredOutputs(inputs.map((file) => path.relative(dirPath, path.resolve(cwd, file))), outputDir);
  const results: FixResult[] = [];
  for (const [index, input] of inputs.entries()) {
    const output = outputs[index] as string;
    try {
      await mkdir(path.dirname(path.resolve(cwd, output)), { recursive: true });
      results.push(await fixPhoto(input, { ...options, spec, cwd, output }));
    } catch (error) {
      // One bad photo (or a bug it triggers) must not cost the rest of the day's work.
      const message = isShebaoError(error) ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      results.push({ input, output: null, ok: false, changes: [], error: { message, hint: isShebaoError(error) ? error.hint : undefined } });
    }
    options.onProgress?.(index + 1, inputs.length);
  }
  const passed = results.filter((result) => result.ok).length;
  return { spec: spec.id, input: dir, output: outputDir, summary: { total: results.length, passed, failed: results.length - passed }, results };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * `a/b.png` → `<out>/a/b.jpg`. When two inputs would land on the same name (`b.png` and `b.jpg`),
 * each keeps its extension in the name (`b-png.jpg`, `b-jpg.jpg`).
 */
function mirroredOutputs(relatives: readonly string[], outputDir: string): string[] {
  const plain = relatives.map((file) => {
    const parsed = path.parse(file);
    return path.join(parsed.dir, `${parsed.name}.jpg`);
  });
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  return relatives.map((file, i) => {
    const name = plain[i] as string;
    if ((counts.get(name.toLowerCase()) ?? 0) === 1) return path.join(outputDir, name);
    const parsed = path.parse(file);
    return path.join(outputDir, parsed.dir, `${parsed.name}-${parsed.ext.slice(1).toLowerCase()}.jpg`);
  });
}
