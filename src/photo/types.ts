export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One check's verdict on one photo. Part of the JSON contract (README, "JSON output"). */
export interface CheckResult {
  /** Stable kebab-case id, e.g. `file-size`. */
  id: string;
  status: CheckStatus;
  /** What was found, in the chosen language. */
  message: string;
  /** What the spec asks for, e.g. "14–40 KB". */
  expected?: string;
  /** What was measured, e.g. "41.2 KB". */
  actual?: string;
  /** What to do about a failure or warning. */
  hint?: string;
}

export interface PhotoReport {
  /** The path as given or as found in a directory. */
  file: string;
  /** True when no check failed (warnings do not fail a photo). */
  ok: boolean;
  checks: CheckResult[];
  /** With --annotate: the annotated PNG written for this photo. */
  annotation?: string;
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
