import { sniffFormat } from '../sniff.js';
import type { ImageFormat } from '../types.js';
import { defineCheck, type Outcome } from './check.js';

type FormatOutcome = Outcome<'ok' | 'not-jpeg' | 'progressive', { format: ImageFormat; progressive: boolean; bytes: number }, { format: 'jpeg'; baseline: boolean }>;

export const formatCheck = defineCheck({
  id: 'format',
  severity: 'error',
  needs: 'bytes',
  params: (z) => z.object({ format: z.literal('jpeg'), baseline: z.boolean() }),
  fixable: ['not-jpeg', 'progressive'],
  run({ bytes, facts }, params): FormatOutcome {
    const format = facts?.format ?? sniffFormat(bytes);
    const measured = { format, progressive: facts?.progressive ?? false, bytes: bytes.length };
    const limits = { format: params.format, baseline: params.baseline };
    if (format !== 'jpeg') return { status: 'fail', reason: 'not-jpeg', measured, limits };
    if (params.baseline && measured.progressive) return { status: 'fail', reason: 'progressive', measured, limits };
    return { status: 'pass', reason: 'ok', measured, limits };
  },
});
