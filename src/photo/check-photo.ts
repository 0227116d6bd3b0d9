/**
 * Checks one photo against a spec and returns the report: reason codes and numbers, never words.
 * Pure apart from reading the file (and running the face model when face checks are on); never
 * prints, never reads the clock: `today` is an option.
 */
import path from 'node:path';
import type { IsoDate } from '../core/dates.js';
import { isShebaoError, kindOf, ShebaoError } from '../core/errors.js';
import { analyzePhoto, UnreadableError, type AnalysisStep, type AnalyzedPhoto, type Unreadable } from './analyze.js';
import { HeicError } from './heic.js';
import { writeAnnotation, type AnnotateOptions } from './annotate.js';
import { photoChecks, runCheck, type AnyPhotoCheck, type CheckInputs, type FaceAnalysis, type Outcome, type Skipped, type SkipReason } from './checks/index.js';
import { defaultFaceAnalyzer } from './face-analyzer.js';
import { loadSpec, type PhotoSpec } from './spec.js';
import type { CheckResult, ImageFacts, PhotoReport } from './types.js';
import { uprightSize } from './upright.js';

/** Finds the faces in a photo. The default one loads the face model lazily, once per process. */
export type FaceAnalyzer = (bytes: Buffer) => Promise<FaceAnalysis>;

/** A photo: a path (read from `cwd`), or its bytes as a Buffer or Uint8Array (an upload). */
export type PhotoInput = string | Uint8Array;

export interface CheckOptions {
  /** A built-in spec id, a path to a spec file, or a loaded spec. Default `shebao-card`. */
  spec?: string | PhotoSpec;
  /** The date the `recent` check counts from, `YYYY-MM-DD`. Required: the library never reads the clock. */
  today: IsoDate;
  /** false skips the face checks (`--no-face`). */
  face?: boolean;
  faceAnalyzer?: FaceAnalyzer;
  /** Relative photo paths are read from here (default: the process's working directory). */
  cwd?: string;
  /** Write an annotated PNG of each photo into a folder (`--annotate`), with these labels. */
  annotate?: AnnotateOptions;
  /** How a photo given as bytes is named in its report (default `upload`). */
  name?: string;
}

export interface ResolvedCheckOptions {
  spec: PhotoSpec;
  today: IsoDate;
  face: boolean;
  faceAnalyzer?: FaceAnalyzer;
  cwd: string;
  annotate?: AnnotateOptions;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function resolveCheckOptions(options: CheckOptions): ResolvedCheckOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  }
  if (typeof options.today !== 'string' || !isoDate.test(options.today)) {
    throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  }
  const cwd = options.cwd ?? process.cwd();
  return {
    spec: typeof options.spec === 'object' ? options.spec : loadSpec(options.spec, { cwd }),
    today: options.today,
    face: options.face ?? true,
    faceAnalyzer: options.faceAnalyzer ?? defaultFaceAnalyzer,
    cwd,
    annotate: options.annotate === undefined ? undefined : { ...options.annotate, dir: path.resolve(cwd, options.annotate.dir) },
  };
}

/** The checks a spec switches on, in registry order (`readable` always). */
export function activeChecks(spec: PhotoSpec): AnyPhotoCheck[] {
  return photoChecks.filter((check) => check.id === 'readable' || spec.checks[check.id] !== undefined);
}

/** Check one photo, given as a path or as its bytes. */
export async function checkPhoto(photo: PhotoInput, options: CheckOptions): Promise<PhotoReport> {
  if (typeof photo !== 'string' && !(photo instanceof Uint8Array)) {
    throw new ShebaoError('invalid-argument', { name: 'photo', expected: 'string | Buffer | Uint8Array', received: kindOf(photo) });
  }
  const resolved = resolveCheckOptions(options);
  if (typeof photo === 'string') return runChecks(photo, resolved);
  const bytes = Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength);
  const analyzed = await analyzePhoto(bytes).catch((error: unknown): AnalyzedPhoto => ({ bytes, problem: photoProblem(error, 'decode') }));
  return runChecksOn(options.name ?? 'upload', analyzed, resolved);
}

const stageOrder = { file: 0, image: 1, pixels: 2 } as const;
const needsStage = { file: 0, bytes: 1, facts: 2, pixels: 3, face: 3 } as const;

/** How far the analysis got: 0 nothing, 1 bytes, 2 header facts, 3 pixels. */
function reached(analyzed: AnalyzedPhoto): number {
  return analyzed.problem ? stageOrder[analyzed.problem.stage] : 3;
}

export async function runChecks(file: string, options: ResolvedCheckOptions): Promise<PhotoReport> {
  const analyzed = await analyzePhoto(path.resolve(options.cwd, file)).catch((error: unknown): AnalyzedPhoto => ({ problem: photoProblem(error, 'decode') }));
  return runChecksOn(file, analyzed, options);
}

async function runChecksOn(file: string, analyzed: AnalyzedPhoto, options: ResolvedCheckOptions): Promise<PhotoReport> {
  const { spec, today } = options;
  const checks = activeChecks(spec);
  const level = reached(analyzed);
  // Each check runs only when the analysis reached its stage, so the fields it needs are there.
  const input = { file, today, problem: analyzed.problem, bytes: analyzed.bytes, facts: analyzed.facts, blocks: analyzed.blocks } as CheckInputs['face'] & CheckInputs['file'];
  const wantsFace = checks.some((check) => check.needs === 'face');
  let faceSkip: SkipReason | undefined;
  if (wantsFace && level >= needsStage.face) {
    if (!options.face) faceSkip = 'skipped-face-off';
    else if (!options.faceAnalyzer) faceSkip = 'skipped-no-detector';
    else {
      try {
        input.face = await options.faceAnalyzer(analyzed.bytes as Buffer);
      } catch (error) {
        // The face step decodes the photo again, with sharp: what it cannot decode, or any other
        // failure on this photo, is this photo's `readable` result, not the batch's end.
        return runChecksOn(file, { ...analyzed, blocks: undefined, problem: photoProblem(error, 'face') }, options);
      }
    }
  }
  let results: CheckResult[];
  try {
    results = checks.map((check): CheckResult => {
      if (level < needsStage[check.needs]) return { id: check.id, status: 'skip', reason: 'skipped-unreadable' };
      if (check.needs === 'face' && faceSkip) return { id: check.id, status: 'skip', reason: faceSkip };
      const { fixable: mendable, ...outcome }: (Outcome | Skipped) & { fixable?: false } = runCheck(check, input, spec.checks[check.id as keyof PhotoSpec['checks']] ?? {});
      // A warning-level check never fails a photo.
      const status = check.severity === 'warning' && outcome.status === 'fail' ? 'warn' : outcome.status;
      const fixable = status !== 'pass' && status !== 'skip' && mendable !== false && (check.fixable as readonly string[]).includes(outcome.reason);
      return { id: check.id, ...outcome, status, ...(fixable ? { fixable } : {}) };
    });
  } catch (error) {
    // A check that trips over what it was given (a bug): this photo's result, with only `readable` run.
    if (level === 0) throw error;
    return runChecksOn(file, { problem: photoProblem(error, 'check') }, options);
  }
  const report: PhotoReport = { file, ok: results.every((result) => result.status !== 'fail'), checks: results };
  if (options.annotate && level >= needsStage.pixels) {
    const { width, height } = uprightSize(analyzed.facts as ImageFacts);
    try {
      Object.assign(report, await writeAnnotation({ annotate: options.annotate, file, bytes: analyzed.bytes as Buffer, width, height, spec, face: input.face, results }));
    } catch (error) {
      // Drawing decodes the photo at full size, with sharp: what it cannot decode is this photo's result.
      return runChecksOn(file, { ...analyzed, blocks: undefined, problem: photoProblem(error, 'annotate') }, { ...options, annotate: undefined });
    }
  }
  return report;
}

/**
 * A failure inside one photo's check as that photo's `readable` problem. Errors meant for the
 * person (a ShebaoError: the face model is not installed, an annotation cannot be written) are
 * not about this photo and go on up; a detector handed impossible pixels is.
 */
export function photoProblem(error: unknown, step: AnalysisStep): Unreadable {
  if (error instanceof UnreadableError || error instanceof HeicError) return error.problem;
  if (isShebaoError(error) && error.code !== 'face-input-mismatch' && error.code !== 'face-input-size') throw error;
  return { stage: step === 'face' || step === 'annotate' ? 'pixels' : 'file', reason: 'analysis-failed', detail: { step } };
}

/** The report of a photo whose check ended before it made one (its worker thread died). */
export function failedReport(file: string, options: ResolvedCheckOptions, step: AnalysisStep): Promise<PhotoReport> {
  return runChecksOn(file, { problem: { stage: 'file', reason: 'analysis-failed', detail: { step } } }, { ...options, annotate: undefined });
}
