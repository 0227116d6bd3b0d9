import { maxInputPixels, type UnreadableReason } from '../analyze.js';
import { defineCheck, type Outcome } from './check.js';

type ReadableOutcome =
  | Outcome<'ok', { bytes: number; width: number; height: number }, { maxPixels: number }>
  | Outcome<UnreadableReason, { bytes?: number; systemCode?: string; format?: string; width?: number; height?: number }, { maxPixels: number }>;

/**
 * Always runs, with no parameters: the file exists, can be read, is not empty, decodes, and does
 * not declare more pixels than the safety limit. When it fails, the checks that need what could not
 * be read are skipped.
 */
export const readableCheck = defineCheck({
  id: 'readable',
  severity: 'error',
  needs: 'file',
  params: (z) => z.object({}),
  fixable: [],
  run({ problem, bytes, facts }): ReadableOutcome {
    const limits = { maxPixels: maxInputPixels };
    if (!problem) return { status: 'pass', reason: 'ok', measured: { bytes: bytes?.length ?? 0, width: facts?.width ?? 0, height: facts?.height ?? 0 }, limits };
    return { status: 'fail', reason: problem.reason, measured: { ...(bytes ? { bytes: bytes.length } : {}), ...problem.detail }, limits };
  },
});
