/** What fix-photo did to a photo, or why it would not. Part of the JSON contract (docs/readme/fix-photo.md). */
import type { PhotoReport } from '../photo/types.js';

/** One thing fix-photo changed. `id` is stable (scripts match on it); `message` is for people. */
export type Change = { message: string } & (
  | { id: 'rotated'; orientation: number }
  | { id: 'converted'; from: string; to: 'sRGB JPEG' }
  | { id: 'levelled'; degrees: number }
  | { id: 'cropped'; from: { width: number; height: number }; region: { x: number; y: number; width: number; height: number } }
  | { id: 'scaled'; factor: number }
  | { id: 'padded-top'; rows: number }
  | { id: 'background-whitened'; from: string }
  | { id: 'background-kept'; reason: 'already-white' | 'dark' | 'coloured' | 'busy'; colour: string }
  | { id: 'hair-top-estimated' }
  | { id: 'metadata-removed'; exif: boolean; gps: boolean; icc: boolean; takenOn: string | null }
  | { id: 'encoded'; quality: number; bytes: number; dpi: number | null }
);

export type ChangeId = Change['id'];

/** Why a photo could not be framed. `id` is stable. */
export interface Refusal {
  id: 'no-face' | 'several-faces' | 'face-too-small' | 'too-close-to-edge' | 'head-cut-off';
  message: string;
  hint: string;
}

export interface FixResult {
  /** The input path as given (or as found in a directory). */
  input: string;
  /** The photo written, or null when fix-photo refused or failed before writing. */
  output: string | null;
  /** True when the output passes the spec (no check failed). */
  ok: boolean;
  changes: Change[];
  /** check-photo's report of the output. */
  report?: PhotoReport;
  /** Why no photo was written: the photo cannot be framed. */
  refused?: Refusal;
  /** Why no photo was written: the file could not be read or written (batch mode; a single photo exits 2). */
  error?: { message: string; hint?: string };
}

export interface FixBatch {
  spec: string;
  /** The folder as given, and where the results were written. */
  input: string;
  output: string;
  summary: { total: number; passed: number; failed: number };
  results: FixResult[];
}
