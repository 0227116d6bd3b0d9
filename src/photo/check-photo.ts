/**
 * Checks one photo against a spec and returns the report. Pure apart from reading the file (and
 * running the face model when face checks are on); never prints.
 */
import path from 'node:path';
import { calendarDateAt, type IsoDate } from '../core/dates.js';
import type { Lang } from '../core/i18n.js';
import { tr } from '../core/i18n.js';
import { analyzePhoto, type AnalyzedPhoto } from './analyze.js';
import { writeAnnotation } from './annotate.js';
import { photoChecks, type CheckInput, type FaceAnalysis, type PhotoCheck } from './checks/index.js';
import { defaultFaceAnalyzer } from './face-analyzer.js';
import { loadSpec, type PhotoSpec } from './spec.js';
import type { CheckResult, ImageFacts, PhotoReport } from './types.js';

/** Finds the faces in a photo. The default one loads the face model lazily, once per process. */
export type FaceAnalyzer = (bytes: Buffer) => Promise<FaceAnalysis>;

export interface CheckOptions {
  /** A built-in spec id, a path to a spec file, or a loaded spec. Default `shebao-card`. */
  spec?: string | PhotoSpec;
  lang?: Lang;
  /** The date the `recent` check counts from. Default: today in China. */
  today?: IsoDate;
  /** false skips the face checks (`--no-face`). */
  face?: boolean;
  faceAnalyzer?: FaceAnalyzer;
  /** Relative photo paths are read from here (default: the process's working directory). */
  cwd?: string;
  /** Write an annotated PNG of each photo into this directory (`--annotate`). */
  annotate?: string;
}

export interface ResolvedCheckOptions {
  spec: PhotoSpec;
  lang: Lang;
  today: IsoDate;
  face: boolean;
  faceAnalyzer?: FaceAnalyzer;
  cwd: string;
  annotate?: string;
}

export function resolveCheckOptions(options: CheckOptions = {}): ResolvedCheckOptions {
  return {
    spec: typeof options.spec === 'object' ? options.spec : loadSpec(options.spec, { cwd: options.cwd }),
    lang: options.lang ?? 'zh',
    today: options.today ?? calendarDateAt(new Date()),
    face: options.face ?? true,
    faceAnalyzer: options.faceAnalyzer ?? defaultFaceAnalyzer,
    cwd: options.cwd ?? process.cwd(),
    annotate: options.annotate === undefined ? undefined : path.resolve(options.cwd ?? process.cwd(), options.annotate),
  };
}

/** The checks a spec switches on, in registry order (`readable` always). */
export function activeChecks(spec: PhotoSpec): PhotoCheck<unknown>[] {
  return photoChecks.filter((check) => check.id === 'readable' || spec.checks[check.id] !== undefined);
}

export async function checkPhoto(file: string, options: CheckOptions = {}): Promise<PhotoReport> {
  return runChecks(file, resolveCheckOptions(options));
}

const stageOrder = { file: 0, image: 1, pixels: 2 } as const;
const needsStage = { bytes: 1, facts: 2, pixels: 3, face: 3 } as const;

/** How far the analysis got: 0 nothing, 1 bytes, 2 header facts, 3 pixels. */
function reached(analyzed: AnalyzedPhoto): number {
  return analyzed.problem ? stageOrder[analyzed.problem.stage] : 3;
}

export async function runChecks(file: string, options: ResolvedCheckOptions): Promise<PhotoReport> {
  const { spec, lang, today } = options;
  const checks = activeChecks(spec);
  const analyzed = await analyzePhoto(path.resolve(options.cwd, file));
  const level = reached(analyzed);
  const input: CheckInput = { file, lang, today, problem: analyzed.problem, bytes: analyzed.bytes, facts: analyzed.facts, blocks: analyzed.blocks };
  const wantsFace = checks.some((check) => check.needs === 'face');
  let faceSkip: string | undefined;
  if (wantsFace && level >= needsStage.face) {
    if (!options.face) faceSkip = tr(lang, '已用 --no-face 跳过人脸检查', 'face checks skipped (--no-face)');
    else if (!options.faceAnalyzer) faceSkip = tr(lang, '没有可用的人脸检测器', 'no face detector available');
    else input.face = await options.faceAnalyzer(analyzed.bytes as Buffer);
  }
  const results: CheckResult[] = checks.map((check) => {
    if (check.id !== 'readable' && level < needsStage[check.needs]) {
      return { id: check.id, status: 'skip', message: tr(lang, '照片无法读取，未检查', 'not checked: the photo could not be read') };
    }
    if (check.needs === 'face' && faceSkip) return { id: check.id, status: 'skip', message: faceSkip };
    const outcome = check.run(input, spec.checks[check.id] ?? {});
    // A warning-level check never fails a photo.
    const status = check.severity === 'warning' && outcome.status === 'fail' ? 'warn' : outcome.status;
    return { id: check.id, ...outcome, status };
  });
  const report: PhotoReport = { file, ok: results.every((result) => result.status !== 'fail'), checks: results };
  if (options.annotate && level >= needsStage.pixels) {
    const { width, height } = analyzed.facts as ImageFacts;
    report.annotation = await writeAnnotation({ dir: options.annotate, file, bytes: analyzed.bytes as Buffer, width, height, spec, face: input.face, results });
  }
  return report;
}
