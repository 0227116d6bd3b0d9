/**
 * A seeded mutation fuzzer for the photo checker (issue 10): variants of the committed fixtures
 * (bit flips, truncation, duplicated and oversized segments, absurd frame sizes, many scans,
 * restart markers, bad Huffman, quantisation and scan tables) checked in batches through
 * checkPhotos with the face checks, as `shebao check-photo` checks a folder.
 *
 *   npm run fuzz                                     2,000 variants in batches of 250, seed 1
 *   npm run fuzz -- --count 10000 --seed 7           the long run
 *   npm run fuzz -- --concurrency 2                  through the worker threads
 *   npm run fuzz -- --keep /tmp/found                copy the variants that broke something there
 *
 * Asserts for every batch: it survives, every file gets exactly one report, no file sharp cannot
 * decode is `readable: pass` (nor with --no-face, the fast JPEG reader alone), and no file takes
 * more than 20 s + 5 s per MB. Prints variants, failures, peak RSS and time per file; exits 1 on
 * any failure or when the peak RSS passes --max-rss (MB, default 1024).
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './lib/fuzz-run.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '250' },
    concurrency: { type: 'string' },
    face: { type: 'string', default: 'model' },
    'fast-reader': { type: 'boolean', default: true },
    'max-rss': { type: 'string', default: '1024' },
    keep: { type: 'string' },
  },
});

const number = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    process.stderr.write(`--${name} should be a whole number, got "${value}"\n`);
    process.exit(2);
  }
  return parsed;
};

if (values.face !== 'model' && values.face !== 'decode') {
  process.stderr.write(`--face should be model or decode, got "${values.face}"\n`);
  process.exit(2);
}

const report = await runFuzz({
  seed: number('seed', values.seed) as number,
  count: number('count', values.count) as number,
  batch: Math.max(1, number('batch', values.batch) as number),
  concurrency: number('concurrency', values.concurrency),
  face: values.face,
  fastReaderCheck: values['fast-reader'],
  keep: values.keep,
  log: (line) => process.stderr.write(`${line}\n`),
});

const maxRss = number('max-rss', values['max-rss']) as number;
const byKind = new Map<string, number>();
for (const failure of report.failures) byKind.set(failure.kind, (byKind.get(failure.kind) ?? 0) + 1);
const lines = [
  `variants:        ${report.variants} in ${report.batches} batches (seed ${values.seed}, face ${values.face})`,
  `failures:        ${report.failures.length}${byKind.size > 0 ? ` (${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')})` : ''}`,
  `readable:        ${Object.entries(report.readable)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ')}`,
  `sharp decodes:   ${report.sharpDecodes}; unreadable to shebao though sharp decodes: ${report.stricterThanSharp}`,
  `peak RSS:        ${report.peakRssMb} MB (limit ${maxRss})`,
  `time per file:   min ${report.perFileMs.min} ms, median ${report.perFileMs.median} ms, max ${report.perFileMs.max} ms`,
  `largest variant: ${report.largest.bytes} bytes (${report.largest.recipe}) in ${report.largest.ms} ms`,
  `slowest variant: ${report.slowest.ms} ms, ${report.slowest.bytes} bytes (${report.slowest.base}: ${report.slowest.recipe}; the first file, which loads the face model, left out)`,
  `total:           ${report.totalSeconds} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
for (const failure of report.failures.slice(0, 40)) {
  process.stdout.write(`  ${failure.kind} #${failure.variant} ${failure.base} ${failure.recipe} (${failure.bytes} bytes)${failure.detail ? `: ${failure.detail}` : ''}\n`);
}
process.exitCode = report.failures.length > 0 || report.peakRssMb > maxRss ? 1 : 0;
