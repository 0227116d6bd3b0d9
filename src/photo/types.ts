import type { WriteErrorData } from '../core/files.js';
import type { Measure } from './checks/check.js';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/**
 * One check's verdict on one photo, as data. Part of the JSON contract (schema/check-photo.json):
 * `reason` is a stable code per outcome; `measured` and `limits` are numbers, codes and small
 * records (bytes, px, RGB triples, shares). Words come from the renderers.
 */
export interface CheckResult {
  /** Stable kebab-case id, e.g. `file-size`. */
  id: string;
  status: CheckStatus;
  /** Stable kebab-case code of the outcome, e.g. `too-large`, `blue`, `skipped-no-face`. */
  reason: string;
  /** What was measured. Absent when the check was skipped. */
  measured?: { readonly [key: string]: Measure };
  /** What the spec asks for. */
  limits?: { readonly [key: string]: Measure };
  /** True when `shebao fix-photo` repairs this problem. */
  fixable?: boolean;
}

export interface PhotoReport {
  /** The path as given or as found in a directory. */
  file: string;
  /** True when no check failed (warnings do not fail a photo). */
  ok: boolean;
  checks: CheckResult[];
  /** With --annotate: the annotated PNG written for this photo. */
  annotation?: string;
  /** With --annotate, when no PNG was written: why (it exists and --force was not given, or the write failed). */
  annotationError?: WriteErrorData;
}

export interface BatchReport {
  spec: string;
  summary: { total: number; passed: number; failed: number };
  results: PhotoReport[];
}

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heif' | 'avif' | 'tiff' | 'bmp' | 'unknown';

/** What the file says about itself, read before (and without) decoding the pixels. */
export interface ImageFacts {
  format: ImageFormat;
  width: number;
  height: number;
  /** Colour components stored in the file: 1 grey, 3 colour, 4 CMYK. */
  channels: number;
  /** 'ycbcr' and 'rgb' are colour; 'gray' and 'cmyk' are not what portals accept. */
  colorSpace: 'ycbcr' | 'rgb' | 'gray' | 'cmyk' | 'ycck' | 'other';
  progressive: boolean;
  /** Pixels per inch, when the file records a density. */
  dpi?: { x: number; y: number };
  orientation?: number;
  /** EXIF DateTimeOriginal (or DateTime) as YYYY-MM-DD. */
  captureDate?: string;
  hasGps: boolean;
  /** The ICC profile's description, when one is embedded. */
  iccDescription?: string;
}
