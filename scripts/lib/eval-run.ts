/**
 * Runs shebao over a folder a person has judged: check-photo on each original and on a naive crop
 * of it, fix-photo into the output folder, and keeps what each said as data (statuses, reason codes,
 * numbers, milliseconds). Only the library's public API is used, loaded from any shebao tree, so
 * the same script measures today's code and an older checkout. One photo at a time: memory stays
 * that of one photo whatever the folder holds. Nothing is ever written into the input folder.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as ShebaoLibrary from '../../src/index.js';
import { readGroundTruth, type GroundTruth, type TruthRow } from './eval-truth.js';

type Shebao = typeof ShebaoLibrary;
type Sharp = typeof import('sharp').default;
type CheckResult = ShebaoLibrary.CheckResult;
type PhotoReport = ShebaoLibrary.PhotoReport;
type PhotoSpec = ShebaoLibrary.PhotoSpec;

/** A shebao tree's library and the sharp it uses (two copies of libvips in one process clash). */
export interface Library {
  root: string;
  version: string;
  shebao: Shebao;
  sharp: Sharp;
}

/** Why the eval cannot start; the CLI words it. */
export type RunProblem =
  | { code: 'no-library'; dir: string; entry: string }
  | { code: 'out-inside-input'; out: string; folder: string }
  | { code: 'folder-missing'; folder: string };

export class RunError extends Error {
  constructor(readonly problem: RunProblem) {
    super(problem.code);
  }
}

const thisTree = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Load the library of a shebao tree: its built `dist/index.js` (as `npx shebao` runs it), or with
 * no tree given, this tree's sources (tsx compiles them), so the eval measures the working copy.
 */
export async function loadLibrary(dir?: string): Promise<Library> {
  const root = path.resolve(dir ?? thisTree);
  const entry = dir === undefined ? path.join(root, 'src/index.ts') : path.join(root, 'dist/index.js');
  if (!existsSync(entry)) throw new RunError({ code: 'no-library', dir: root, entry });
  const shebao = (await import(pathToFileURL(entry).href)) as Shebao;
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return { root, version, shebao, sharp: await importSharpOf(root) };
}

/**
 * The ESM build of the sharp installed for a tree (the one its library imports), found through its
 * package.json `exports` (which does not export package.json itself: found beside the CJS entry).
 */
async function importSharpOf(root: string): Promise<Sharp> {
  let dir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('sharp'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string; exports?: { '.'?: { import?: string | { default?: string } } } };
  const esm = pkg.exports?.['.']?.import;
  const file = typeof esm === 'string' ? esm : (esm?.default ?? pkg.main ?? 'index.js');
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Sharp };
  module.default.cache(false);
  return module.default;
}

/** An error kept as data: a ShebaoError's code and details, or `internal` with the message. */
export interface ErrorData {
  code: string;
  details: Record<string, unknown>;
}

export type CheckStatusOf = 'pass' | 'fail' | 'warn' | 'skip';

/** check-photo on one image. `error`: the photo could not be read (or the check threw). */
export interface CheckVerdict {
  status: 'ok' | 'failed' | 'error';
  /** Every check's status by id, for the agreement numbers. */
  checks: Record<string, CheckStatusOf>;
  /** The checks that failed or warned, with their reasons and numbers. */
  problems: CheckResult[];
  /** The one face, as face-width, face-centered and eye-height measured it (px). */
  face?: { faceWidth: number; eyeMidX: number; fromBottom: number };
  error?: ErrorData;
  ms: number;
  /** The naive crop's file, relative to the output folder. */
  image?: string;
  /** The annotated picture, relative to the output folder. */
  annotation?: string;
}

/** fix-photo on one photo: exit 0 (`ok`), exit 1 with a photo (`failed`) or without (`refused`), or an error. */
export interface FixVerdict {
  status: 'ok' | 'failed' | 'refused' | 'error';
  checks: Record<string, CheckStatusOf>;
  problems: CheckResult[];
  refused?: ShebaoLibrary.Refusal;
  changes: ShebaoLibrary.Change[];
  error?: ErrorData;
  ms: number;
  output?: string;
  annotation?: string;
}

export interface PhotoRecord {
  index: number;
  file: string;
  truth: TruthRow;
  /** A small picture of the input, relative to the output folder. */
  thumb?: string;
  original: CheckVerdict;
  crop: CheckVerdict;
  fix: FixVerdict;
}

export interface EvalOptions {
  folder: string;
  out: string;
  /** A spec id or file (default: the library's default); a relative file is read from `cwd`. */
  spec?: string;
  cwd?: string;
  today: string;
  /** The annotation's labels come from this language's table. */
  lang: ShebaoLibrary.Lang;
  limit?: number;
  /** The shebao to measure (loadLibrary). */
  library: Library;
  onPhoto?: (done: number, total: number, record: PhotoRecord) => void;
}

export interface EvalRun {
  library: Library;
  truth: GroundTruth;
  spec: PhotoSpec;
  folder: string;
  out: string;
  records: PhotoRecord[];
}

/** Folders the eval writes into, under the output folder. */
const outputDirs = { fixed: 'fixed', crops: 'crops', thumbs: 'thumbs', annotated: 'annotated' } as const;
/** Full-size annotations of originals, shrunk and removed one by one. */
const scratchDir = path.join(outputDirs.annotated, 'original', 'full');

export async function runEval(options: EvalOptions): Promise<EvalRun> {
  const folder = path.resolve(options.folder);
  const out = path.resolve(options.out);
  checkFolders(folder, out);
  const truth = readGroundTruth(folder);
  const { library } = options;
  const spec = library.shebao.loadSpec(options.spec ?? library.shebao.defaultSpecId, { cwd: options.cwd });
  for (const dir of Object.values(outputDirs)) mkdirSync(path.join(out, dir), { recursive: true });
  const rows = options.limit === undefined ? truth.rows : truth.rows.slice(0, options.limit);
  const context: PhotoContext = { library, spec, folder, out, today: options.today, labels: library.shebao.wording(options.lang).photo.annotation };
  const records: PhotoRecord[] = [];
  for (const [i, row] of rows.entries()) {
    const record = await evaluatePhoto(row, i + 1, context);
    records.push(record);
    options.onPhoto?.(i + 1, rows.length, record);
  }
  rmSync(path.join(out, scratchDir), { recursive: true, force: true });
  return { library, truth, spec, folder, out, records };
}

/** The photo folder exists and the output folder does not lie inside it (nothing is written there). */
export function checkFolders(folder: string, out: string): void {
  if (!existsSync(folder)) throw new RunError({ code: 'folder-missing', folder });
  if (isInside(realpathSync(folder), realPathOf(out))) throw new RunError({ code: 'out-inside-input', out, folder });
}

/** Whether `inner` is `outer` or lies below it. */
function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor's, plus the rest. */
function realPathOf(target: string): string {
  let existing = target;
  while (!existsSync(existing)) existing = path.dirname(existing);
  return path.join(realpathSync(existing), path.relative(existing, target));
}

interface PhotoContext {
  library: Library;
  spec: PhotoSpec;
  folder: string;
  out: string;
  today: string;
  labels: ShebaoLibrary.AnnotationLabels;
}

/** `007-name`: numbered so two photos never share an output, the name kept (Chinese included) so a person finds it. */
function outputName(index: number, file: string): string {
  const stem = path.parse(file).name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_');
  return `${String(index).padStart(3, '0')}-${stem}`;
}

function errorData(error: unknown): ErrorData {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && 'details' in error) {
    return { code: error.code, details: error.details as Record<string, unknown> };
  }
  return { code: 'internal', details: { message: error instanceof Error ? error.message : String(error) } };
}

function statuses(report: PhotoReport | undefined): Record<string, CheckStatusOf> {
  return Object.fromEntries((report?.checks ?? []).map((check) => [check.id, check.status]));
}

function problemsOf(report: PhotoReport | undefined): CheckResult[] {
  return (report?.checks ?? []).filter((check) => check.status === 'fail' || check.status === 'warn');
}

function checkVerdict(report: PhotoReport, ms: number): CheckVerdict {
  const unreadable = report.checks.some((check) => check.id === 'readable' && check.status === 'fail');
  const verdict: CheckVerdict = { status: unreadable ? 'error' : report.ok ? 'ok' : 'failed', checks: statuses(report), problems: problemsOf(report), ms };
  const measured = (id: string, key: string) => {
    const value = report.checks.find((check) => check.id === id)?.measured?.[key];
    return typeof value === 'number' ? value : undefined;
  };
  const faceWidth = measured('face-width', 'px');
  const eyeMidX = measured('face-centered', 'eyeMidX');
  const fromBottom = measured('eye-height', 'fromBottom');
  if (faceWidth !== undefined && eyeMidX !== undefined && fromBottom !== undefined) verdict.face = { faceWidth, eyeMidX, fromBottom };
  return verdict;
}

function failedVerdict(error: ErrorData): CheckVerdict {
  return { status: 'error', checks: {}, problems: [], error, ms: 0 };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - start) };
}

async function evaluatePhoto(row: TruthRow, index: number, context: PhotoContext): Promise<PhotoRecord> {
  const name = outputName(index, row.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(context.folder, row.file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const data: ErrorData =
      code === 'ENOENT' ? { code: 'file-not-found', details: { file: row.file } } : { code: 'file-unreadable', details: { file: row.file, reason: code ?? 'unknown' } };
    const failed = failedVerdict(data);
    return { index, file: row.file, truth: row, original: failed, crop: failed, fix: { ...failed, changes: [] } };
  }
  const fix = await runFix(bytes, row.file, name, context);
  const original = await runCheck(bytes, row.file, context);
  const record: PhotoRecord = { index, file: row.file, truth: row, original, crop: original, fix };
  if (original.status === 'error') return record;
  record.thumb = await writeThumb(context.library.sharp, bytes, path.join(outputDirs.thumbs, `${name}.jpg`), context.out);
  // Without a fixed photo, the original's annotation shows what check-photo saw (the faces it found).
  if (fix.output === undefined) fix.annotation = await annotateOriginal(bytes, name, context);
  record.crop = await runCropCheck(bytes, original, name, context);
  return record;
}

/** fix-photo, as `shebao fix-photo <photo> -o <out>/fixed/<name>.jpg` runs it. */
async function runFix(bytes: Buffer, file: string, name: string, context: PhotoContext): Promise<FixVerdict> {
  const { shebao } = context.library;
  const fixedFile = path.join(outputDirs.fixed, `${name}.jpg`);
  let verdict: FixVerdict;
  try {
    const { today, spec, out } = context;
    const { value: result, ms } = await timed(() => shebao.fixPhoto(bytes, { today, spec, name: file, output: path.join(out, fixedFile), force: true }));
    const status = result.refused ? 'refused' : result.ok ? 'ok' : result.output === null ? 'error' : 'failed';
    verdict = { status, checks: statuses(result.report), problems: problemsOf(result.report), changes: result.changes, ms };
    if (result.refused) verdict.refused = result.refused;
    if (result.error) verdict.error = result.error as ErrorData;
    if (result.output !== null) verdict.output = fixedFile;
  } catch (error) {
    return { ...failedVerdict(errorData(error)), changes: [] };
  }
  if (verdict.output !== undefined) {
    verdict.annotation = await annotate(readFileSync(path.join(context.out, fixedFile)), `${name}.jpg`, path.join(outputDirs.annotated, 'fixed'), context);
  }
  return verdict;
}

/** check-photo on the original, as the user gave it. */
async function runCheck(bytes: Buffer, file: string, context: PhotoContext): Promise<CheckVerdict> {
  try {
    const { value: report, ms } = await timed(() => context.library.shebao.checkPhoto(bytes, { today: context.today, spec: context.spec, name: file }));
    return checkVerdict(report, ms);
  } catch (error) {
    return failedVerdict(errorData(error));
  }
}

/** check-photo on a naive crop: what a portal sees when someone crops their phone photo by hand. */
async function runCropCheck(bytes: Buffer, original: CheckVerdict, name: string, context: PhotoContext): Promise<CheckVerdict> {
  const { out, today, spec, labels } = context;
  try {
    const crop = await naiveCrop(context.library.sharp, bytes, original, spec);
    const cropFile = path.join(outputDirs.crops, `${name}.jpg`);
    writeFileSync(path.join(out, cropFile), crop);
    const annotateDir = path.join(out, outputDirs.annotated, 'crop');
    const { value: report, ms } = await timed(() => context.library.shebao.checkPhoto(crop, { today, spec, name: `${name}.jpg`, annotate: { dir: annotateDir, labels } }));
    const verdict: CheckVerdict = { ...checkVerdict(report, ms), image: cropFile };
    if (report.annotation) verdict.annotation = path.relative(out, report.annotation);
    return verdict;
  } catch (error) {
    return failedVerdict(errorData(error));
  }
}

async function annotate(bytes: Buffer, name: string, dir: string, context: PhotoContext): Promise<string | undefined> {
  try {
    const report = await context.library.shebao.checkPhoto(bytes, { today: context.today, spec: context.spec, name, annotate: { dir: path.join(context.out, dir), labels: context.labels } });
    return report.annotation === undefined ? undefined : path.relative(context.out, report.annotation);
  } catch {
    return undefined;
  }
}

/** Annotation drawn at full size on a phone original is tens of MB: keep a 900 px JPEG of it. */
async function annotateOriginal(bytes: Buffer, name: string, context: PhotoContext): Promise<string | undefined> {
  const png = await annotate(bytes, `${name}.jpg`, scratchDir, context);
  if (png === undefined) return undefined;
  const small = path.join(outputDirs.annotated, 'original', `${name}.jpg`);
  try {
    await context.library.sharp(path.join(context.out, png)).resize(900, 900, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toFile(path.join(context.out, small));
    return small;
  } catch {
    return undefined;
  } finally {
    rmSync(path.join(context.out, png), { force: true });
  }
}

async function writeThumb(sharp: Sharp, bytes: Buffer, file: string, out: string): Promise<string | undefined> {
  try {
    await sharp(bytes).rotate().resize(300, 370, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toFile(path.join(out, file));
    return file;
  } catch {
    // A format sharp cannot decode (HEIC on the prebuilt binaries): the sheet shows the name only.
    return undefined;
  }
}

/** The one face of a photo, in its pixels. */
export interface FacePlace {
  eyeMidX: number;
  eyeY: number;
  faceWidth: number;
}

/**
 * The region of the upright photo a naive crop takes: the spec's shape, scaled so the face is the
 * middle of the allowed width, the eyes centred and at half the height, kept inside the photo
 * (shrunk if the photo is too small: a naive tool never pads). Without one face: the centre.
 */
export function cropRegion(
  image: { width: number; height: number },
  face: FacePlace | undefined,
  target: { width: number; height: number; faceWidth: number },
): { left: number; top: number; width: number; height: number } {
  const aspect = target.width / target.height;
  let width = face ? (target.width * face.faceWidth) / target.faceWidth : image.width;
  let height = width / aspect;
  const shrink = Math.min(1, image.width / width, image.height / height);
  width *= shrink;
  height *= shrink;
  const centreX = face ? face.eyeMidX : image.width / 2;
  const centreY = face ? face.eyeY : image.height / 2;
  const left = Math.min(Math.max(0, centreX - width / 2), image.width - width);
  const top = Math.min(Math.max(0, centreY - height / 2), image.height - height);
  return { left: Math.round(left), top: Math.round(top), width: Math.max(1, Math.floor(width)), height: Math.max(1, Math.floor(height)) };
}

/**
 * The crop itself. The face comes from check-photo's report of the original, whose content checks
 * measure the photo upright (issue 9); a tree that measured the stored pixels of a sideways photo
 * would get a misplaced crop here, and nothing else.
 */
async function naiveCrop(sharp: Sharp, bytes: Buffer, original: CheckVerdict, spec: PhotoSpec): Promise<Buffer> {
  const { checks } = spec;
  const width = checks.dimensions?.width ?? 358;
  const height = checks.dimensions?.height ?? 441;
  const faceWidth = checks['face-width'] ? (checks['face-width'].min + checks['face-width'].max) / 2 : width * 0.6;
  const metadata = await sharp(bytes).metadata();
  const sideways = (metadata.orientation ?? 1) >= 5;
  const image = { width: (sideways ? metadata.height : metadata.width) ?? 0, height: (sideways ? metadata.width : metadata.height) ?? 0 };
  const found = original.face;
  const face = found ? { faceWidth: found.faceWidth, eyeMidX: found.eyeMidX, eyeY: image.height - found.fromBottom } : undefined;
  const region = cropRegion(image, face, { width, height, faceWidth });
  const { data, info } = await sharp(bytes).rotate().extract(region).resize(width, height, { fit: 'fill' }).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  return encodeWithin(sharp, data, { width, height, channels: info.channels }, checks['file-size']?.maxBytes);
}

/**
 * The best JPEG quality that keeps the crop under the spec's size limit, as an ID-photo app would
 * save it, so the crop's verdict is about its content and not about its bytes.
 */
async function encodeWithin(sharp: Sharp, pixels: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }, maxBytes: number | undefined): Promise<Buffer> {
  const encode = (quality: number) => sharp(pixels, { raw }).jpeg({ quality }).toBuffer();
  let best = await encode(90);
  if (maxBytes === undefined || best.length <= maxBytes) return best;
  let low = 30;
  let high = 89;
  best = await encode(low);
  while (low < high) {
    const quality = Math.ceil((low + high) / 2);
    const jpeg = await encode(quality);
    if (jpeg.length <= maxBytes) {
      best = jpeg;
      low = quality;
    } else high = quality - 1;
  }
  return best;
}
