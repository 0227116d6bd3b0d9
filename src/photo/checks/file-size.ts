import { defineCheck, type Outcome } from './check.js';

type FileSizeOutcome = Outcome<'ok' | 'too-small' | 'too-large', { bytes: number }, { minBytes: number; maxBytes: number }>;

export const fileSizeCheck = defineCheck({
  id: 'file-size',
  severity: 'error',
  needs: 'bytes',
  params: (z) => z
    .object({ minBytes: z.number().int().nonnegative(), maxBytes: z.number().int().positive() })
    .refine((p) => p.minBytes <= p.maxBytes, { message: 'minBytes ≤ maxBytes', path: ['minBytes'] }),
  fixable: ['too-small', 'too-large'],
  run({ bytes }, params): FileSizeOutcome {
    // 1 KB = 1024 bytes (DOMAIN §1.1); the limits are kept in bytes so a file just over the limit
    // is never mistaken for one inside it ("40.0 KB" could be 40,961 bytes).
    const measured = { bytes: bytes.length };
    const limits = { minBytes: params.minBytes, maxBytes: params.maxBytes };
    if (bytes.length < params.minBytes) return { status: 'fail', reason: 'too-small', measured, limits };
    if (bytes.length > params.maxBytes) return { status: 'fail', reason: 'too-large', measured, limits };
    return { status: 'pass', reason: 'ok', measured, limits };
  },
});
