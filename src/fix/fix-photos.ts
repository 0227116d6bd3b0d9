/**
 * A folder at a time (a photo studio's day of work): every image in it, recursively, fixed into a
 * mirrored tree under the output folder. A photo that cannot be read, framed or written is
 * reported and the batch goes on.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isShebaoError, kindOf, ShebaoError, systemReason } from '../core/errors.js';
import { collectPhotos } from '../photo/inputs.js';
import { fixPhoto, resolveFixOptions, type FixOptions } from './fix-photo.js';
import type { FixBatch, FixError, FixResult } from './types.js';

export interface BatchFixOptions extends Omit<FixOptions, 'output' | 'name'> {
  /** Where the fixed photos go; default `<folder>-fixed` beside the folder. */
  outputDir?: string;
  onProgress?: (done: number, total: number) => void;
}

export function defaultOutputDir(dir: string): string {
  const trimmed = dir.replace(/[\\/]+$/, '') || '.';
  return `${path.resolve(trimmed) === path.resolve('/') ? 'photos' : trimmed}-fixed`;
}

/** Fix every photo in a folder, recursively; a photo that cannot be read or written is reported in its result. */
export async function fixPhotos(dir: string, options: BatchFixOptions): Promise<FixBatch> {
  if (typeof dir !== 'string') throw new ShebaoError('invalid-argument', { name: 'dir', expected: 'string', received: kindOf(dir) });
  // Wrong options fail the batch before the first photo, not each photo in turn.
  const resolved = resolveFixOptions(options);
  const { spec, cwd } = resolved;
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
      await makeFolder(path.dirname(path.resolve(cwd, output)), path.dirname(output));
      results.push(await fixPhoto(input, { ...resolved, output }));
    } catch (error) {
      // One bad photo (or a bug it triggers) must not cost the rest of the day's work.
      results.push({ input, output: null, ok: false, changes: [], error: asData(error) });
    }
    options.onProgress?.(index + 1, inputs.length);
  }
  const passed = results.filter((result) => result.ok).length;
  return { spec: spec.id, input: dir, output: outputDir, summary: { total: results.length, passed, failed: results.length - passed }, results };
}

async function makeFolder(folder: string, shown: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  }
}

function asData(error: unknown): FixError {
  if (isShebaoError(error)) return { code: error.code, details: error.details } as FixError;
  return { code: 'fix-internal-error', details: { message: error instanceof Error ? error.message : String(error) } };
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
