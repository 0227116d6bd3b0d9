/** The errors of fix, by code, with the details each carries (see src/core/errors.ts). */
import type { Unreadable } from '../photo/analyze.js';

export interface FixErrorDetails {
  /** The output path is the input itself and `force` was not given: the original is never replaced unasked. */
  'output-is-input': { file: string };
  /** The output folder is the input folder itself: the fixed photos would land among (and be named like) the originals. */
  'output-folder-is-input': { folder: string };
  /** `-o` names a file that does not end in .jpg or .jpeg (fix-photo always writes JPEG); `suggestion` is the name with .jpg. */
  'output-not-jpeg': { file: string; suggestion: string };
  /** The spec lacks checks fix-photo frames by (their ids in `missing`). */
  'spec-missing-rules': { spec: string; missing: string[] };
  /** An HEIC (HEVC) photo: the image library of this installation has no HEVC decoder. */
  'heic-no-decoder': { file: string };
  /** The photo cannot be read or decoded: the `readable` check's stage, reason and what is known. */
  'unreadable-photo': { file: string } & Unreadable;
  /** One photo of a batch hit an unexpected failure (a bug): the error's own message. */
  'fix-internal-error': { message: string };
}
