/**
 * A fixed-seed slice of `npm run fuzz` (scripts/fuzz.ts): mutated JPEGs through checkPhotos in
 * batches. The long run (10,000 variants) is reported in the issue; this slice keeps the invariants
 * in every `npm test`: the batch survives, one report per file, nothing sharp cannot decode is
 * `readable: pass`, bounded memory.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../scripts/lib/fuzz-run.js';

describe('the fuzzer, a fixed-seed slice', () => {
  it('150 variants through the face step’s decoding and the fast reader alone: no failures', async () => {
    const report = await runFuzz({ seed: 20261130, count: 150, batch: 75, face: 'decode', fastReaderCheck: true });
    expect(report.failures).toEqual([]);
    expect(Object.values(report.readable).reduce((sum, n) => sum + n, 0)).toBe(150);
    // The slice reaches both sides: readable variants and every kind of unreadable one.
    expect(report.readable.ok).toBeGreaterThan(10);
    expect(report.readable.damaged).toBeGreaterThan(10);
    expect(report.peakRssMb).toBeLessThan(1024);
  }, 120_000);

  it('24 variants with the real face model: no failures', async () => {
    const report = await runFuzz({ seed: 7, count: 24, batch: 24 });
    expect(report.failures).toEqual([]);
    expect(report.peakRssMb).toBeLessThan(1024);
  }, 120_000);
});
