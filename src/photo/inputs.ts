/**
 * Turns what the user typed (files, directories, quoted globs) into a sorted, de-duplicated list of
 * photo paths, and cuts a deterministic shard of it for CI matrices.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ShebaoError } from '../core/errors.js';
import { fsPath, readDirectory, recoverTypedPath, type NamedEntry } from '../core/names.js';

/** Extensions looked for inside directories (case-insensitive). Named files are always checked. */
export const imageExtensions = ['.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.webp', '.heic', '.heif', '.avif', '.gif', '.bmp', '.tif', '.tiff'];

function isImageName(name: string): boolean {
  return imageExtensions.includes(path.extname(name).toLowerCase());
}

const globChars = /[*?[\]{}]/;

/**
 * The photos in a folder and its subfolders, without recursion (a tree 10,000 folders deep would
 * overflow the stack) and without following links to folders (no loops). A subfolder that cannot
 * be listed (no permission, a path longer than the system allows) is kept as a path of its own:
 * the `readable` check then reports it, and the rest of the tree is still checked.
 */
async function walk(root: string, found: string[]): Promise<void> {
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries: NamedEntry[];
    try {
      entries = await readDirectory(dir);
    } catch {
      found.push(dir);
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // .git, .DS_Store, editors' swap files
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) subfolders.push(full);
      else if (!isImageName(entry.name)) continue;
      else if (entry.isFile()) found.push(full);
      // A link to a photo counts; links to directories are not followed (no loops).
      else if (entry.isSymbolicLink() && (await stat(fsPath(full)).catch(() => undefined))?.isFile()) found.push(full);
    }
    // Depth first, in name order (the list is sorted at the end anyway).
    pending.push(...subfolders.reverse());
  }
}

/**
 * Files are kept as given (a missing one is reported by the `readable` check, not dropped);
 * directories are searched recursively; a pattern with glob characters is expanded. Throws an
 * exit-2 error when nothing at all is found.
 */
export async function collectPhotos(inputs: readonly string[], cwd: string): Promise<string[]> {
  if (inputs.length === 0) {
    throw new ShebaoError('no-photos-given', {});
  }
  const found: string[] = [];
  const empty: string[] = [];
  for (const typed of inputs) {
    const input = await recoverTypedPath(typed, cwd);
    const absolute = path.resolve(cwd, input);
    const info = await stat(fsPath(absolute)).catch(() => undefined);
    if (info?.isDirectory()) {
      const inDir: string[] = [];
      await walk(absolute, inDir);
      if (inDir.length === 0) empty.push(input);
      // Paths found in a directory are shown relative to where the user typed it.
      found.push(...inDir.map((file) => path.join(input, path.relative(absolute, file))));
    } else if (!info && globChars.test(input)) {
      const { glob } = await import('tinyglobby');
      const matches = await glob(input, { cwd, onlyFiles: true, dot: false });
      if (matches.length === 0) empty.push(input);
      found.push(...matches.filter(isImageName).map((file) => path.normalize(file)));
    } else {
      found.push(input);
    }
  }
  const unique = [...new Set(found)].sort(comparePaths);
  if (unique.length === 0) {
    throw new ShebaoError('no-photos-found', { inputs: empty, extensions: [...imageExtensions] });
  }
  return unique;
}

/** Code-point order, so the same inputs give the same order on every machine and locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Shard {
  index: number;
  count: number;
}

/** More shards than this is a typo: no CI matrix runs a million jobs, and takeShard's products stay exact. */
export const maxShards = 1_000_000;

/** Parse `i/n` (1-based, n ≤ maxShards). */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  // 1/99999999999999999999 would round to 1/1e20, a shard with nothing in it, and exit 0.
  if (!match || !(count >= 1 && count <= maxShards) || index < 1 || index > count) {
    throw new ShebaoError('invalid-shard', { value });
  }
  return { index, count };
}

/** The i-th of n contiguous slices of the sorted list; together the slices cover it exactly once. */
export function takeShard<T>(items: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
}
