/**
 * Reads a folder's `ground-truth.tsv`: what a person saw in each photo, in the format of
 * ../shared/real-photos/README.md. Tolerant of what a studio's own sheet looks like (any column
 * order, extra columns, missing optional ones, CRLF, a BOM, blank lines); strict only about the
 * columns the numbers cannot do without.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const truthFile = 'ground-truth.tsv';

/** Columns without which no number can be computed. */
export const requiredColumns = ['file', 'fix_expect'] as const;

export const backgrounds = ['white', 'light-grey', 'coloured', 'busy', 'dark'] as const;
export const clothings = ['dark', 'suit-white-shirt', 'light', 'none'] as const;
export const fixExpectations = ['should-fix', 'must-not-pass', 'uncertain'] as const;

export type BackgroundTruth = (typeof backgrounds)[number];
export type ClothingTruth = (typeof clothings)[number];
export type FixExpect = (typeof fixExpectations)[number];

/** One photo as a person judged it. A field is absent when its column is missing or its cell is empty or unknown. */
export interface TruthRow {
  /** Line in the TSV (1 is the header). */
  line: number;
  /** The photo's path relative to the folder, as the sheet spells it. */
  file: string;
  people?: number;
  background?: BackgroundTruth;
  clothing?: ClothingTruth;
  framing?: string;
  fixExpect?: FixExpect;
  why?: string;
  note?: string;
}

/** A cell the reader did not understand: the row is kept, that field is not judged. */
export interface UnknownValue {
  line: number;
  column: string;
  value: string;
}

export interface GroundTruth {
  file: string;
  columns: string[];
  rows: TruthRow[];
  unknown: UnknownValue[];
}

/** Why the sheet cannot be used; the CLI words it. */
export type TruthProblem =
  | { code: 'truth-missing'; file: string }
  | { code: 'truth-missing-column'; file: string; column: string; found: string[] };

export class TruthError extends Error {
  constructor(readonly problem: TruthProblem) {
    super(problem.code);
  }
}

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function readGroundTruth(folder: string): GroundTruth {
  const file = path.join(folder, truthFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TruthError({ code: 'truth-missing', file });
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const columns = (lines[0] ?? '').split('\t').map((cell) => cell.trim().toLowerCase());
  for (const column of requiredColumns) {
    if (!columns.includes(column)) throw new TruthError({ code: 'truth-missing-column', file, column, found: columns.filter((c) => c !== '') });
  }
  const rows: TruthRow[] = [];
  const unknown: UnknownValue[] = [];
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const cells = new Map(text.split('\t').map((cell, index) => [columns[index] ?? '', cell.trim()]));
    const cell = (column: string) => cells.get(column) ?? '';
    const fileCell = cell('file');
    if (fileCell === '') return;
    const row: TruthRow = { line, file: fileCell };
    // Each judged column: empty means "not judged", anything else must be a known value.
    const judge = <T>(column: string, parse: (value: string) => T | undefined, assign: (value: T) => void) => {
      const value = cell(column);
      if (value === '') return;
      const parsed = parse(value.toLowerCase());
      if (parsed === undefined) unknown.push({ line, column, value });
      else assign(parsed);
    };
    judge('people', (v) => (/^\d+$/.test(v) ? Number(v) : undefined), (v) => (row.people = v));
    judge('background', (v) => oneOf(backgrounds, v), (v) => (row.background = v));
    judge('clothing', (v) => oneOf(clothings, v), (v) => (row.clothing = v));
    judge('fix_expect', (v) => oneOf(fixExpectations, v), (v) => (row.fixExpect = v));
    for (const [column, key] of [
      ['framing', 'framing'],
      ['why', 'why'],
      ['note', 'note'],
    ] as const) {
      if (cell(column) !== '') row[key] = cell(column);
    }
    rows.push(row);
  });
  return { file, columns, rows, unknown };
}

/**
 * What each content check should say about a photo, by the person's judgement: 'pass', 'fail', or
 * undefined when the sheet does not say (or the check cannot be held to it).
 */
export function expectedFaceCount(row: TruthRow): 'pass' | 'fail' | undefined {
  return row.people === undefined ? undefined : row.people === 1 ? 'pass' : 'fail';
}

/** A white or light-grey wall should pass `background`; a coloured, busy or dark one should fail. */
export function expectedBackground(row: TruthRow): 'pass' | 'fail' | undefined {
  if (row.background === undefined) return undefined;
  return row.background === 'white' || row.background === 'light-grey' ? 'pass' : 'fail';
}

/** A light top should fail `clothing-contrast`; a dark top or a dark jacket should pass. */
export function expectedClothing(row: TruthRow): 'pass' | 'fail' | undefined {
  if (row.clothing === undefined || row.clothing === 'none') return undefined;
  return row.clothing === 'light' ? 'fail' : 'pass';
}
