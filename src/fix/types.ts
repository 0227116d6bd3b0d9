/**
 * What fix-photo did to a photo, or why it would not: ids, codes and numbers, never sentences (the
 * tables in src/i18n say them). Part of the JSON contract (README, "shebao fix-photo").
 */
import type { ErrorCode, ErrorDetails } from '../core/errors.js';
import type { ImageFormat, PhotoReport } from '../photo/types.js';
import type { Edge } from './frame.js';

/** A colour as data carries it: whole channel values, red, green, blue. */
export type RgbTriple = [number, number, number];

/** Why the background was left as it is. */
export type KeptBackground = 'already-white' | 'dark' | 'coloured' | 'busy';

/** One thing fix-photo changed. `id` is stable (scripts match on it); the other fields are its numbers and codes. */
export type Change =
  /** The pixels were turned upright as the EXIF orientation (2–8) said. */
  | { id: 'rotated'; orientation: number }
  /**
   * Not an sRGB JPEG. `from` is the codes joined with `+` (`png`, `cmyk`, `grayscale`, an ICC
   * profile's name; `jpeg` when only transparency was flattened); the other fields are each part:
   * the source format, transparency flattened onto white, the colour space converted, the profile.
   */
  | {
      id: 'converted';
      from: string;
      to: 'sRGB JPEG';
      format: ImageFormat;
      flattened: boolean;
      space: 'cmyk' | 'grayscale' | null;
      profile: string | null;
    }
  /** The whole photo was turned about its centre by `degrees` (clockwise positive) to level the eyes. */
  | { id: 'levelled'; degrees: number }
  /** The part of the upright source that became the photo, in its pixels. */
  | { id: 'cropped'; from: { width: number; height: number }; region: { x: number; y: number; width: number; height: number } }
  /**
   * Output px per source px, and where the face lands in the output (px, rounded). `soft`: enlarged
   * more than ×1.25, so the photo may look soft.
   */
  | { id: 'scaled'; factor: number; predicted: { faceWidth: number; eyeMidX: number; eyeY: number; hairTop: number }; soft: boolean }
  /** White rows added above the head (the original had too little room above it). */
  | { id: 'padded-top'; rows: number }
  /**
   * The photo ended short of the framing at these edges: this many output px were added beyond
   * each, white where they are background, the clothes continued where the person runs into the edge.
   */
  | { id: 'canvas-extended'; edges: Partial<Record<'left' | 'right' | 'bottom', number>> }
  /** The person was cut out (person segmentation) and put on white; `from` is the old background's median colour. */
  | { id: 'background-replaced'; from: RgbTriple }
  /** Person segmentation could not run here (its model did not load): only a light plain wall can be whitened. */
  | { id: 'segmentation-unavailable' }
  /** A light plain wall of colour `from` was made white. */
  | { id: 'background-whitened'; from: RgbTriple }
  /** The wall (of colour `colour`) was left as it is, and why. */
  | { id: 'background-kept'; reason: KeptBackground; colour: RgbTriple }
  /** The top of the hair could not be seen against the background: estimated from the face width. */
  | { id: 'hair-top-estimated' }
  /** The photo already passed every check of the spec: written unchanged, byte for byte. */
  | { id: 'already-compliant' }
  /** The crown touches the original's top edge without being cut: white is added above it. */
  | { id: 'crown-at-edge' }
  /** The metadata the original carried, all dropped; `takenOn` is its capture date (YYYY-MM-DD) or null. */
  | { id: 'metadata-removed'; exif: boolean; gps: boolean; icc: boolean; takenOn: string | null }
  /** The baseline JPEG written: its quality, size in bytes and density. */
  | { id: 'encoded'; quality: number; bytes: number; dpi: number | null };

export type ChangeId = Change['id'];
export type ChangeOf<Id extends ChangeId> = Extract<Change, { id: Id }>;

/** The original shows a light top or bare shoulders below the frame: shares of the chest band that are skin, and mid-tone or darker cloth. */
export type LightTop = { id: 'light-top'; skinShare: number; midToneShare: number };

/**
 * Why a photo could not be framed: a stable `id` and its numbers. `also` lists what else in the
 * original stops it and a retake must mend too (a light top under a cut-off head), so one retake
 * mends everything.
 */
export type Refusal = RefusalReason & { also?: LightTop[] };

type RefusalReason =
  | { id: 'no-face' }
  | { id: 'several-faces'; faces: number }
  /** The face is `faceWidth` px wide in the original; reaching `minFaceWidth` output px needs enlarging ×`enlargement` (over the limit). */
  | { id: 'face-too-small'; faceWidth: number; minFaceWidth: number; enlargement: number }
  /** The framing needs this many more pixels of the original beyond each edge named. */
  | { id: 'too-close-to-edge'; missing: Partial<Record<Edge, number>> }
  /** The hair touches the top edge of the original. */
  | { id: 'head-cut-off' }
  | LightTop;

export type RefusalId = Refusal['id'];
export type RefusalOf<Id extends RefusalId> = Extract<Refusal, { id: Id }>;

/** A ShebaoError as data: its code and details. */
export type FixError = { [Code in ErrorCode]: { code: Code; details: ErrorDetails[Code] } }[ErrorCode];

export interface FixResult {
  /** The input path as given (or as found in a directory); for bytes, the `name` option (default `upload`). */
  input: string;
  /** The file written, or null when none was (refused, failed, or the JPEG is returned in `jpeg`). */
  output: string | null;
  /** True when the fixed photo passes the spec (no check failed). */
  ok: boolean;
  changes: Change[];
  /** check-photo's report of the fixed photo. */
  report?: PhotoReport;
  /** Why no photo was made: the photo cannot be framed. */
  refused?: Refusal;
  /** Why no photo was made: the file could not be read or written (batch mode; a single photo throws). */
  error?: FixError;
  /**
   * Folder mode: the name this photo would have had (`<out>/b.jpg`), which another input (or a
   * folder) would have had too; `output` is the distinct name it was given instead (`b-png.jpg`).
   */
  nameClash?: string;
  /** The fixed JPEG, when it was not written to a file (`output: false`, or bytes given without an output path). */
  jpeg?: Buffer;
}

export interface FixBatch {
  spec: string;
  /** The folder as given, and where the results were written. */
  input: string;
  output: string;
  summary: { total: number; passed: number; failed: number };
  results: FixResult[];
}
