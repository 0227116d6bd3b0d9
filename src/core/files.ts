/**
 * The one atomic writer and the one JSON-file reader. Every file shebao writes (fixed photos,
 * profiles, calendars, annotations) goes through writeFileAtomic; every JSON file it reads
 * (rules, specs, answers, profiles) through readJsonFile.
 */
import { accessSync, closeSync, constants, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ShebaoError, systemReason } from './errors.js';

export interface FilesErrorDetails {
  /** The file to write exists and --force was not given. */
  'output-exists': { file: string };
  /** The file could not be written: `reason` is the system's error code. */
  'cannot-write': { file: string; reason: string };
  /**
   * A folder between the chosen output folder and the file is a symbolic link (`link`, as shown):
   * writing through it could land anywhere, so nothing is written.
   */
  'output-through-link': { file: string; link: string };
  /** A JSON input (answers, profile) does not exist. */
  'file-not-found': { file: string };
  /** A JSON input cannot be read. */
  'file-unreadable': { file: string; reason: string };
  /** A JSON input is not JSON. Where it breaks, never what it says (it may hold an ID number). */
  'file-not-json': { file: string; line?: number; column?: number };
}

/** A write error kept as data (a batch reports it per photo instead of stopping). */
export type WriteErrorData = {
  [Code in 'output-exists' | 'cannot-write' | 'output-through-link']: { code: Code; details: FilesErrorDetails[Code] };
}['output-exists' | 'cannot-write' | 'output-through-link'];

/** The write error of `error` as data, or undefined when it is some other error. */
export function writeErrorData(error: unknown): WriteErrorData | undefined {
  if (!(error instanceof ShebaoError)) return undefined;
  if (error.code === 'output-exists' || error.code === 'cannot-write' || error.code === 'output-through-link') {
    return { code: error.code, details: error.details } as WriteErrorData;
  }
  return undefined;
}

export interface WriteOptions {
  /**
   * Replace an existing file. Without it an existing file (or symbolic link) is never replaced, even
   * one that appears while writing. With it a symbolic link at the name is itself replaced: the file
   * it points to is never written.
   */
  overwrite: boolean;
  /** File mode of a new file, e.g. 0o600 for a profile. */
  mode?: number;
  /**
   * The folder the person chose to write into (an annotation or output folder, as an absolute
   * path). The file must lie inside it, and no folder between it and the file may be a symbolic
   * link: a link planted in the tree (or made by a photo's mirrored path) would send the write out
   * of the folder. The chosen folder itself, and the folders above it, may be links.
   */
  within?: string;
  /** `shown` for the chosen folder, to name a link below it in errors. */
  withinShown?: string;
  /**
   * Make missing folders on the way (default). false: a missing folder is an error (ENOENT), for a
   * file named on its own (`--ics no/such/dir/x.ics`), where a typo should not leave folders behind.
   */
  makeFolders?: boolean;
}

/** The longest part of a file's name kept in its temporary file's name (UTF-8 names allow 255 bytes). */
const tempNameChars = 40;

/**
 * Write to a temporary file beside the target, flush it, then move it into place, so a reader never
 * sees half a file and a full disk never leaves the old file truncated; the temporary file is
 * removed whatever fails. Missing folders on the way are made unless `makeFolders` is false.
 * Without `overwrite` the move is a hard link, which fails if the target exists (a rename would
 * silently replace it). `shown` is the name used in errors (the path as the person gave it).
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions, shown: string = target): void {
  const file = path.resolve(target);
  const folder = path.dirname(file);
  prepareFolder(folder, options.within === undefined ? undefined : path.resolve(options.within), { file: shown, within: options.withinShown }, options.makeFolders ?? true);
  const existing = lstatOrUndefined(file, shown);
  if (existing && !options.overwrite) throw new ShebaoError('output-exists', { file: shown });
  if (existing?.isDirectory()) throw new ShebaoError('cannot-write', { file: shown, reason: 'EISDIR' });
  const temp = path.join(folder, `.${path.basename(file).slice(0, tempNameChars)}.${process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', options.mode ?? 0o644);
    created = true;
    writeAll(fd, bytes);
    fsyncSync(fd);
    const closing = fd;
    fd = undefined;
    closeSync(closing);
    if (options.overwrite) {
      renameSync(temp, file);
      created = false;
    } else {
      placeWithoutReplacing(temp, file, shown);
    }
    syncFolder(folder);
  } catch (error) {
    if (error instanceof ShebaoError) throw error;
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  } finally {
    if (fd !== undefined) closeQuietly(fd);
    if (created) removeQuietly(temp);
  }
}

/**
 * Create `folder` (and the folders above it) if missing, and check it is a folder shebao may write
 * into: for an annotation or output folder, before the first photo, so a folder that cannot be
 * written is one clear error instead of one per photo. With `within`, as for writeFileAtomic: no
 * folder below it on the way may be a symbolic link.
 */
export function prepareOutputFolder(folder: string, shown: string = folder, within?: { folder: string; shown: string }): void {
  const absolute = path.resolve(folder);
  prepareFolder(absolute, within && path.resolve(within.folder), { file: shown, within: within?.shown });
  try {
    accessSync(absolute, constants.W_OK);
  } catch (error) {
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  }
}

/** writeSync may write less than asked (a nearly full disk): write the rest, or fail. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    // No progress and no error: the disk takes no more.
    if (written <= 0) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
    offset += written;
  }
}

/** Link the finished temporary file to the target name; fails if the name exists. */
function placeWithoutReplacing(temp: string, file: string, shown: string): void {
  try {
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ShebaoError('output-exists', { file: shown });
    // File systems without hard links (FAT on a USB stick, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (lstatOrUndefined(file, shown)) throw new ShebaoError('output-exists', { file: shown });
    renameSync(temp, file);
  }
}

/**
 * Make every missing folder from the root down to `folder`, one level at a time (Node's recursive
 * mkdir never returns on /proc), refusing anything that is not a folder, and, below `within`, a
 * symbolic link.
 */
function prepareFolder(folder: string, within: string | undefined, shown: { file: string; within?: string }, make = true): void {
  // The callers build the path inside the folder themselves: outside it is a bug, not a user's error.
  if (within !== undefined && !isInsideOrSame(folder, within)) throw new Error(`writeFileAtomic: ${folder} is not inside ${within}`);
  const root = path.parse(folder).root;
  const parts = folder.slice(root.length).split(path.sep).filter(Boolean);
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    const below = within !== undefined && isInsideOrSame(at, within) && at !== within;
    let stat = lstatOrUndefined(at, shown.file);
    if (!stat) {
      if (!make) throw new ShebaoError('cannot-write', { file: shown.file, reason: 'ENOENT' });
      try {
        mkdirSync(at);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new ShebaoError('cannot-write', { file: shown.file, reason: systemReason(error) }, { cause: error });
        }
      }
      stat = lstatOrUndefined(at, shown.file);
      if (!stat) throw new ShebaoError('cannot-write', { file: shown.file, reason: 'ENOENT' });
    }
    if (stat.isSymbolicLink()) {
      if (below) {
        const link = shown.within === undefined ? at : path.join(shown.within, path.relative(within as string, at));
        throw new ShebaoError('output-through-link', { file: shown.file, link });
      }
      stat = statOrUndefined(at);
    }
    if (!stat?.isDirectory()) throw new ShebaoError('cannot-write', { file: shown.file, reason: 'ENOTDIR' });
  }
}

function isInsideOrSame(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function lstatOrUndefined(file: string, shown: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  }
}

/** Something (a file, a folder, a link, even a dangling one) already has this name. */
export function nameTaken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Make the new name itself durable; folders cannot be opened for this on Windows, hence quietly. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // The file is written and named; only its survival of a power cut is less certain.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one reported.
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already, or the folder went away: nothing left to clean.
  }
}

/** Where JSON.parse stopped, as a line and column, from its message; never the text around it. */
function jsonPosition(text: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (at === undefined) return {};
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Parse JSON text; a syntax error names the file and where it broke, never the content. */
export function parseJsonText(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ShebaoError('file-not-json', { file: shown, ...jsonPosition(text, error) });
  }
}

/** Read and parse a JSON file. */
export function readJsonFile(file: string, shown: string = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = systemReason(error);
    if (reason === 'ENOENT') throw new ShebaoError('file-not-found', { file: shown });
    throw new ShebaoError('file-unreadable', { file: shown, reason });
  }
  return parseJsonText(text, shown);
}
