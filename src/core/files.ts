/**
 * The one atomic writer and the one JSON-file reader. Every file shebao writes (fixed photos,
 * profiles, calendars, annotations) goes through writeFileAtomic; every JSON file it reads
 * (rules, specs, answers, profiles) through readJsonFile.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ShebaoError, systemReason } from './errors.js';

export interface FilesErrorDetails {
  /** The file to write exists and --force was not given. */
  'output-exists': { file: string };
  /** The file could not be written: `reason` is the system's error code. */
  'cannot-write': { file: string; reason: string };
  /** A JSON input (answers, profile) does not exist. */
  'file-not-found': { file: string };
  /** A JSON input cannot be read. */
  'file-unreadable': { file: string; reason: string };
  /** A JSON input is not JSON. Where it breaks, never what it says (it may hold an ID number). */
  'file-not-json': { file: string; line?: number; column?: number };
}

export interface WriteOptions {
  /** Replace an existing file. Without it an existing file is never replaced, even one that appears while writing. */
  overwrite: boolean;
  /** File mode of a new file, e.g. 0o600 for a profile. */
  mode?: number;
}

/**
 * Write to a temporary file beside the target, flush it, then move it into place, so a reader never
 * sees half a file and a full disk never leaves the old file truncated. Without `overwrite` the
 * move is a hard link, which fails if the target exists (a rename would silently replace it).
 * `shown` is the name used in errors (the path as the person gave it).
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, options: WriteOptions, shown: string = target): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  if (!options.overwrite && existsSync(target)) throw new ShebaoError('output-exists', { file: shown });
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o644);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  }
  try {
    if (options.overwrite) {
      renameSync(temp, target);
      return;
    }
    try {
      linkSync(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ShebaoError('output-exists', { file: shown });
      // File systems without hard links (FAT on a USB stick, some network shares): checked above, so rename.
      renameSync(temp, target);
    }
  } catch (error) {
    if (error instanceof ShebaoError) throw error;
    throw new ShebaoError('cannot-write', { file: shown, reason: systemReason(error) }, { cause: error });
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
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
