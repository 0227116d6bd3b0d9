/**
 * Names that come from outside (file names, ICC profile descriptions, values people typed): how
 * they are held, how they reach the file system again, and how they are shown.
 *
 * A Linux file name is bytes, not text. Node decodes names it reads as UTF-8 and replaces bytes
 * that are not UTF-8 with U+FFFD, after which the file cannot be opened by that name. shebao keeps
 * such bytes the way Python's `surrogateescape` does: byte 0xNN becomes the lone surrogate U+DCNN,
 * which no valid UTF-8 name can contain. `fsPath` turns the name back into the bytes for fs calls,
 * and `escapeControls` shows the byte as `\xNN`. JSON output carries the name as `"\udcNN"`.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A name's bytes as a string: UTF-8 where it is UTF-8, U+DC80–U+DCFF for each byte that is not. */
export function nameFromBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF), or 0. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k]! >= low && bytes[i + k]! <= high;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeEscaping(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceAt(bytes, i);
    if (length === 0) {
      text += String.fromCharCode(0xdc00 + bytes[i]!);
      i += 1;
    } else {
      text += utf8.decode(bytes.subarray(i, i + length));
      i += length;
    }
  }
  return text;
}

const escapedByte = /[\udc80-\udcff]/;

/** Whether a name holds bytes that are not UTF-8 (see nameFromBytes). */
export function hasEscapedBytes(name: string): boolean {
  return escapedByte.test(name);
}

/** What to give an fs call for a name: the string itself, or its original bytes when it has escaped ones. */
export function fsPath(name: string): string | Buffer {
  if (!hasEscapedBytes(name)) return name;
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    // An escaped byte is a low surrogate not preceded by a high one (that would be a real character).
    const previous = i > 0 ? name.charCodeAt(i - 1) : 0;
    if (unit >= 0xdc80 && unit <= 0xdcff && !(previous >= 0xd800 && previous <= 0xdbff)) {
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([unit - 0xdc00]));
      run = '';
    } else {
      run += name[i];
    }
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/**
 * Characters that must not reach a terminal or a log raw: C0 and C1 controls and DEL (escape
 * sequences can recolour, retitle or clear a terminal), bidirectional overrides and isolates
 * (they reorder what is shown, "Trojan Source", CVE-2021-42574), line and paragraph separators,
 * the noncharacters U+FFFE/U+FFFF and lone surrogates.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const unsafeExceptLines = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How one unsafe character is shown: `\n`, `\x1B` for a control or an escaped byte, `\u202E` otherwise. */
export function escapeCharacter(char: string): string {
  const unit = char.charCodeAt(0);
  if (named[char]) return named[char];
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  if (unit < 0x20 || unit === 0x7f) return `\\x${hex(unit, 2)}`;
  if (unit >= 0xdc80 && unit <= 0xdcff) return `\\x${hex(unit - 0xdc00, 2)}`;
  return `\\u${hex(unit, 4)}`;
}

/**
 * A name made safe to print: every unsafe character shown as an escape (`\x1B[31m`, `\xE9` for a
 * byte that is not UTF-8, `\u202E`). With `keepNewlines`, line feeds stay (for messages that span
 * lines on purpose). A backslash already in the name is shown as it is.
 */
export function escapeControls(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? unsafeExceptLines : unsafe, escapeCharacter);
}

/** Every string inside a value (an error's details) passed through `change`, escapeControls by default. */
export function mapStringsDeep<T>(value: T, change: (text: string) => string = escapeControls): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStringsDeep(item, change)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStringsDeep(item, change)])) as T;
  }
  return value;
}

/** A directory entry with its name as nameFromBytes gives it. */
export interface NamedEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * A directory's entries, names read as bytes (readdir's strings would turn a byte that is not
 * UTF-8 into U+FFFD, a name no later call can open). `dir` may itself hold escaped bytes.
 */
export async function readDirectory(dir: string): Promise<NamedEntry[]> {
  const entries = await readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
  return entries.map((entry) => Object.assign(entry, { name: nameFromBytes(entry.name as unknown as Buffer) }) as unknown as NamedEntry);
}

/**
 * A path typed on the command line, matched back to the file it meant. Node decodes argv as
 * UTF-8 and turns a byte that is not UTF-8 into U+FFFD before shebao sees it, so such a name
 * arrives changed. When the path as given does not exist and has a U+FFFD in it, each such part
 * is looked up in its folder among the names that decode the same way; one match is taken, none
 * or several (names differing only in the lost bytes) leave the path as given, to be reported
 * missing. Pass such names through a folder (`shebao check-photo dir/`) to avoid the guess.
 */
export async function recoverTypedPath(typed: string, cwd: string): Promise<string> {
  if (!typed.includes('\ufffd') || (await exists(path.resolve(cwd, typed)))) return typed;
  const parts = typed.split('/');
  let at = path.isAbsolute(typed) ? '/' : cwd;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.includes('\ufffd')) {
      const entries = await readdir(fsPath(at), { encoding: 'buffer' }).catch(() => [] as Buffer[]);
      const matches = entries.filter((bytes) => bytes.toString('utf8') === part);
      if (matches.length !== 1) return typed;
      parts[i] = nameFromBytes(matches[0]!);
    }
    at = path.join(at, parts[i]!);
  }
  return parts.join('/');
}

async function exists(name: string): Promise<boolean> {
  return lstat(fsPath(name)).then(
    () => true,
    () => false,
  );
}
