/**
 * The shape of a photo check. Each check is one unit with a stable id, a title, a severity, the
 * zod schema of its parameters in the spec file, and a pure `run`. The registry (./index.ts) lists
 * them in the order they are reported.
 */
import type { z } from 'zod';
import type { IsoDate } from '../../core/dates.js';
import type { Lang, Text } from '../../core/i18n.js';
import type { Unreadable } from '../analyze.js';
import type { BlockImage } from '../jpeg.js';
import type { CheckStatus, ImageFacts } from '../types.js';

/** One detected face, in pixels of the stored image (origin top-left). */
export interface FaceMeasure {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** Width of the face itself (cheek to cheek), as the spec measures it. */
  faceWidth: number;
  /** x of the midpoint of the two eye centres (双眼连线中点). */
  eyeMidX: number;
  /** y of the lower eye centre: the eye line's shortest distance to the bottom edge is what the spec measures. */
  eyeY: number;
  /** Angle of the eye line from horizontal, degrees (positive: right eye lower). */
  tiltDegrees: number;
  /** The two eye centres, left and right as seen in the picture. */
  eyes: { left: { x: number; y: number }; right: { x: number; y: number } };
}

export interface FaceAnalysis {
  faces: FaceMeasure[];
  /** Rows from the top edge to the top of the hair, found from the background; undefined if unclear. */
  hairTop?: number;
}

export interface CheckInput {
  /** Why the photo could not be fully read, if it could not. */
  problem?: Unreadable;
  file: string;
  bytes?: Buffer;
  facts?: ImageFacts;
  blocks?: BlockImage;
  face?: FaceAnalysis;
  lang: Lang;
  today: IsoDate;
}

export interface Outcome {
  status: CheckStatus;
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
}

/** Which part of the analysis a check needs: the bytes, the header facts, the pixels, or the face. */
export type CheckNeeds = 'bytes' | 'facts' | 'pixels' | 'face';

export interface PhotoCheck<P = unknown> {
  id: string;
  title: Text;
  /** 'warning' checks never fail a photo: their problems are reported as `warn`. */
  severity: 'error' | 'warning';
  needs: CheckNeeds;
  /** The check's parameters in a spec file (besides `source` and `verified`). */
  params: z.ZodType<P>;
  /** A short human summary of the parameters, for `shebao rules`. */
  describe(params: P, lang: Lang): string;
  run(input: CheckInput, params: P): Outcome;
}

/** Define a check with its parameter type inferred from the schema. */
export function defineCheck<S extends z.ZodType>(check: PhotoCheck<z.infer<S>> & { params: S }): PhotoCheck<z.infer<S>> {
  return check;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** 40960 → "40,960" (toLocaleString is slow enough to show up in a batch profile). */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Rec. 601 luma, the Y of JFIF. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
