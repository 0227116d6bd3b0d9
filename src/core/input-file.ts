/**
 * The one way shebao reads a file the user named (a photo, a spec): a regular file only, opened
 * without blocking and read no further than a byte cap. A FIFO would block an ordinary open until
 * someone writes to it, /dev/zero never ends, and a sparse 1 GB file is a gigabyte of zeros; each
 * is refused from what fstat says before a byte is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { ShebaoError } from './errors.js';
import { fsPath } from './names.js';

/** Why a file was not read, in the terms of the errors and checks that report it. */
export type InputFileProblem =
  | { reason: 'missing' | 'permission-denied' | 'is-directory' | 'read-error'; systemCode: string }
  | { reason: 'not-a-file'; fileType: SpecialFileType }
  | { reason: 'too-large'; bytes: number; maxBytes: number };

export type SpecialFileType = 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

export class InputFileError extends Error {
  constructor(readonly problem: InputFileProblem) {
    super(`input file not read: ${problem.reason}`);
    this.name = 'InputFileError';
  }
}

/**
 * O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one (it only
 * changes reads of FIFOs and devices, which are never made). O_NOCTTY: a terminal named as a photo
 * never becomes the process's controlling terminal. Both are 0 where the platform lacks them.
 */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Bytes asked for per read when the size is unknown (files in /proc say 0). */
const chunk = 64 * 1024;

function typeOf(stats: Stats): SpecialFileType {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

function fromSystemError(error: unknown, file: string): InputFileError {
  const systemCode = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (systemCode === 'ENOENT') return new InputFileError({ reason: 'missing', systemCode });
  if (systemCode === 'EACCES' || systemCode === 'EPERM') return new InputFileError({ reason: 'permission-denied', systemCode });
  if (systemCode === 'EISDIR') return new InputFileError({ reason: 'is-directory', systemCode });
  // open() of a socket fails with ENXIO; say what it is rather than the system's riddle.
  if (systemCode === 'ENXIO' || systemCode === 'ENODEV') {
    const stats = (() => {
      try {
        return statSync(fsPath(file));
      } catch {
        return undefined;
      }
    })();
    if (stats && !stats.isFile() && !stats.isDirectory()) return new InputFileError({ reason: 'not-a-file', fileType: typeOf(stats) });
  }
  return new InputFileError({ reason: 'read-error', systemCode });
}

/**
 * Read a regular file of at most `maxBytes` bytes (symbolic links to one are followed; a name with
 * bytes that are not UTF-8 is opened by those bytes, see ./names.ts). Throws
 * InputFileError for anything else: a directory, a FIFO, a device or socket, a file larger than
 * the cap (told by its size before reading, and by reading no more than cap + 1 bytes when the
 * size lies, as in /proc or a file still growing), or a system error.
 */
export function readInputFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(fsPath(file), openFlags);
  } catch (error) {
    throw fromSystemError(error, file);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputFileError({ reason: 'is-directory', systemCode: 'EISDIR' });
    if (!stats.isFile()) throw new InputFileError({ reason: 'not-a-file', fileType: typeOf(stats) });
    if (stats.size > maxBytes) throw new InputFileError({ reason: 'too-large', bytes: stats.size, maxBytes });
    // One byte more than the size says, so the read that returns 0 (the end) needs no new buffer.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stats.size > 0 ? stats.size + 1 : chunk));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw new InputFileError({ reason: 'too-large', bytes: length, maxBytes });
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw fromSystemError(error, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * readInputFile for a file whose problems are the person's to fix (a spec): an exit-2 error that
 * names the file and says what it is, never its contents.
 */
export function readInputFileOrThrow(file: string, maxBytes: number, shown: string = file): Buffer {
  try {
    return readInputFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    const { problem } = error;
    if (problem.reason === 'missing') throw new ShebaoError('file-not-found', { file: shown });
    if (problem.reason === 'not-a-file') throw new ShebaoError('file-not-regular', { file: shown, fileType: problem.fileType });
    if (problem.reason === 'too-large') throw new ShebaoError('file-too-large', { file: shown, bytes: problem.bytes, maxBytes: problem.maxBytes });
    throw new ShebaoError('file-unreadable', { file: shown, reason: problem.systemCode });
  }
}
