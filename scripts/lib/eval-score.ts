/**
 * The numbers of an eval: how fix-photo ended for each kind of photo a person judged, and how often
 * each content check agreed with the person, on the originals, on naive crops and on fix-photo's
 * outputs. Pure: records in, numbers out, so two runs (before/after a change) compare key by key.
 */
import type { CheckVerdict, FixVerdict, PhotoRecord } from './eval-run.js';
import { expectedBackground, expectedClothing, expectedFaceCount, fixExpectations, type FixExpect, type TruthRow } from './eval-truth.js';

/**
 * How fix-photo ended, by exit status: `passed` exit 0 (for `should-fix` that is good, for
 * `must-not-pass` a success claimed wrongly), `refused` exit 1 without a photo, `failedHonestly`
 * exit 1 with a photo that says what is wrong, `error` the photo could not be read.
 */
export interface FixCounts {
  total: number;
  passed: number;
  refused: number;
  failedHonestly: number;
  error: number;
}

/**
 * One content check held to the person's judgement on one kind of image. `judged`: the sheet says
 * what the check should find and the check ran; `skipped`: it says, but the check did not run (no
 * image, no face, several faces). A false pass is a photo a person would reject let through.
 */
export interface Agreement {
  judged: number;
  agree: number;
  falsePass: number;
  falseFail: number;
  skipped: number;
  /** Of the images it ran on, how many it passed (warnings pass), judged or not. */
  ran: number;
  passed: number;
  /** agree / judged, or null when nothing was judged. */
  rate: number | null;
}

export const contentChecks = ['face-count', 'background', 'clothing-contrast'] as const;
export type ContentCheck = (typeof contentChecks)[number];
export const sources = ['original', 'crop', 'fixed'] as const;
export type Source = (typeof sources)[number];

export interface TimeStats {
  photos: number;
  medianMs: number;
  p90Ms: number;
  totalMs: number;
}

export interface Summary {
  photos: number;
  /** Photos that could not be read at all (missing, unreadable, not an image). */
  unreadable: number;
  /** Keyed by fix_expect; `unlabelled` holds rows whose fix_expect is empty or unknown. */
  fix: Record<FixExpect | 'unlabelled', FixCounts>;
  /**
   * must-not-pass photos fix-photo stopped where the sheet names a measurable reason (more than
   * one person, a light top, a hand, a profile, a grimace, looking aside): how many times its
   * report named that reason.
   */
  reasonNamed: { judged: number; named: number };
  checks: Record<ContentCheck, Record<Source, Agreement>>;
  time: { checkOriginal: TimeStats; checkCrop: TimeStats; fix: TimeStats };
}

/**
 * What the person says each content check should find. The fixed photo's background is not judged:
 * the sheet describes the original's wall, which fix-photo may have replaced.
 */
function expectation(check: ContentCheck, source: Source, row: TruthRow): 'pass' | 'fail' | undefined {
  if (check === 'face-count') return expectedFaceCount(row);
  if (check === 'background') return source === 'fixed' ? undefined : expectedBackground(row);
  return expectedClothing(row);
}

function verdictOf(record: PhotoRecord, source: Source): CheckVerdict | FixVerdict {
  return source === 'original' ? record.original : source === 'crop' ? record.crop : record.fix;
}

function agreement(records: readonly PhotoRecord[], check: ContentCheck, source: Source): Agreement {
  const counts: Agreement = { judged: 0, agree: 0, falsePass: 0, falseFail: 0, skipped: 0, ran: 0, passed: 0, rate: null };
  for (const record of records) {
    const status = verdictOf(record, source).checks[check];
    const ran = status === 'pass' || status === 'warn' || status === 'fail';
    const passed = status === 'pass' || status === 'warn';
    if (ran) {
      counts.ran++;
      if (passed) counts.passed++;
    }
    const expected = expectation(check, source, record.truth);
    if (expected === undefined) continue;
    if (!ran) {
      counts.skipped++;
      continue;
    }
    counts.judged++;
    if (passed === (expected === 'pass')) counts.agree++;
    else if (passed) counts.falsePass++;
    else counts.falseFail++;
  }
  counts.rate = counts.judged === 0 ? null : round(counts.agree / counts.judged);
  return counts;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function fixCounts(records: readonly PhotoRecord[]): FixCounts {
  const counts: FixCounts = { total: records.length, passed: 0, refused: 0, failedHonestly: 0, error: 0 };
  for (const { fix } of records) {
    if (fix.status === 'ok') counts.passed++;
    else if (fix.status === 'refused') counts.refused++;
    else if (fix.status === 'failed') counts.failedHonestly++;
    else counts.error++;
  }
  return counts;
}

/** What a `why` of "pose/expression: …" names, and the checks that measure it. */
const poseReasons: Array<[RegExp, string[]]> = [
  [/\bhands?\b/, ['hands']],
  [/\b(profile|turned)\b/, ['head-pose']],
  [/\b(tongue|grimace)\b/, ['mouth-closed']],
  [/\blooking aside\b/, ['eyes-open']],
];

/** The check ids (or refusal ids) that name what the sheet says is wrong with a photo. */
function reasonsToName(row: TruthRow): string[][] {
  const reasons: string[][] = [];
  if (row.people !== undefined && row.people > 1) reasons.push(['face-count', 'several-faces']);
  if (row.clothing === 'light') reasons.push(['clothing-contrast', 'light-top']);
  const pose = /pose\/expression:\s*([^;]+)/.exec(row.why ?? '')?.[1] ?? '';
  for (const [words, ids] of poseReasons) if (words.test(pose)) reasons.push(ids);
  return reasons;
}

function namesReason(fix: FixVerdict, ids: readonly string[]): boolean {
  const refusals = fix.refused ? [fix.refused, ...(fix.refused.also ?? [])] : [];
  return refusals.some((refusal) => ids.includes(refusal.id)) || fix.problems.some((problem) => problem.status === 'fail' && ids.includes(problem.id));
}

function timeStats(values: readonly number[]): TimeStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { photos: sorted.length, medianMs: at(0.5), p90Ms: at(0.9), totalMs: sorted.reduce((sum, value) => sum + value, 0) };
}

export function summarise(records: readonly PhotoRecord[]): Summary {
  const fix = Object.fromEntries([
    ...fixExpectations.map((expect) => [expect, fixCounts(records.filter((record) => record.truth.fixExpect === expect))]),
    ['unlabelled', fixCounts(records.filter((record) => record.truth.fixExpect === undefined))],
  ]) as Summary['fix'];
  const reasonNamed = { judged: 0, named: 0 };
  for (const record of records) {
    if (record.truth.fixExpect !== 'must-not-pass' || (record.fix.status !== 'refused' && record.fix.status !== 'failed')) continue;
    const reasons = reasonsToName(record.truth);
    if (reasons.length === 0) continue;
    reasonNamed.judged++;
    if (reasons.some((ids) => namesReason(record.fix, ids))) reasonNamed.named++;
  }
  const checks = Object.fromEntries(
    contentChecks.map((check) => [check, Object.fromEntries(sources.map((source) => [source, agreement(records, check, source)]))]),
  ) as Summary['checks'];
  const readable = records.filter((record) => record.original.status !== 'error');
  return {
    photos: records.length,
    unreadable: records.length - readable.length,
    fix,
    reasonNamed,
    checks,
    time: {
      checkOriginal: timeStats(readable.map((record) => record.original.ms)),
      checkCrop: timeStats(readable.filter((record) => record.crop.status !== 'error').map((record) => record.crop.ms)),
      fix: timeStats(records.filter((record) => record.fix.status !== 'error').map((record) => record.fix.ms)),
    },
  };
}

/** Every number of a summary under a dotted key (`fix.should-fix.passed`), for comparing two runs. */
function flatten(value: unknown, prefix = ''): Map<string, number | null> {
  const flat = new Map<string, number | null>();
  if (typeof value === 'number' || value === null) flat.set(prefix, value as number | null);
  else if (typeof value === 'object' && value !== undefined) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      for (const [k, v] of flatten(inner, prefix === '' ? key : `${prefix}.${key}`)) flat.set(k, v);
    }
  }
  return flat;
}

export interface NumberChange {
  key: string;
  before: number | null | undefined;
  after: number | null | undefined;
}

/** The numbers that differ between two summaries (timings left out: they vary run to run). */
export function compareSummaries(before: Summary, after: Summary): NumberChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])].filter((key) => !key.startsWith('time.'));
  return keys.filter((key) => old.get(key) !== now.get(key)).map((key) => ({ key, before: old.get(key), after: now.get(key) }));
}

export interface PhotoChange {
  file: string;
  before: FixVerdict['status'];
  after: FixVerdict['status'];
}

/** Photos whose fix-photo outcome changed between two runs, matched by file name. */
export function comparePhotos(before: readonly { file: string; fix: { status: FixVerdict['status'] } }[], after: readonly PhotoRecord[]): PhotoChange[] {
  const old = new Map(before.map((record) => [record.file, record.fix.status]));
  return after.flatMap((record) => {
    const was = old.get(record.file);
    return was !== undefined && was !== record.fix.status ? [{ file: record.file, before: was, after: record.fix.status }] : [];
  });
}
