/**
 * `padding`: nothing after the JPEG's end-of-image marker. Some ID-photo tools and websites pad a
 * small photo with zero bytes to reach a size such as 14 KB; the file then passes a size check
 * while the picture is as compressed as before, and upload checks that read the last two bytes for
 * the end marker (FF D9) reject it. Other data after the end (a phone's second picture or video)
 * does not belong in an ID photo either.
 */
import { findJpegEnd, isJpeg } from '../jpeg.js';
import { defineCheck, type Outcome } from './check.js';

type PaddingOutcome =
  | Outcome<'ok' | 'zero-padding' | 'trailing-data', { trailingBytes: number; imageBytes: number }, { maxTrailingBytes: number }>
  | Outcome<'not-jpeg' | 'no-end-marker', Record<string, never>, { maxTrailingBytes: number }>;

export const paddingCheck = defineCheck({
  id: 'padding',
  severity: 'error',
  needs: 'bytes',
  params: (z) => z.object({ maxTrailingBytes: z.number().int().nonnegative() }),
  // fix-photo writes a new JPEG, which ends at its marker.
  fixable: ['zero-padding', 'trailing-data'],
  run({ bytes }, params): PaddingOutcome {
    const limits = { maxTrailingBytes: params.maxTrailingBytes };
    if (!isJpeg(bytes)) return { status: 'skip', reason: 'not-jpeg', measured: {}, limits };
    const end = findJpegEnd(bytes);
    // A stream with no end is `readable`'s to report (truncated).
    if (end === undefined) return { status: 'skip', reason: 'no-end-marker', measured: {}, limits };
    const trailing = bytes.subarray(end);
    const measured = { trailingBytes: trailing.length, imageBytes: end };
    if (trailing.length <= params.maxTrailingBytes) return { status: 'pass', reason: 'ok', measured, limits };
    return { status: 'fail', reason: trailing.every((byte) => byte === 0) ? 'zero-padding' : 'trailing-data', measured, limits };
  },
});
