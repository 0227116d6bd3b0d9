/**
 * The photo work of the HTTP API, on photos given as bytes: checking, drawing the annotated
 * picture, fixing. Runs in the server's worker threads (./worker.ts); returns data, never words
 * (the labels drawn on the picture come in with the job).
 */
import type { IsoDate } from '../core/dates.js';
import { ShebaoError } from '../core/errors.js';
import { fixPhoto } from '../fix/fix-photo.js';
import { analyzePhoto, loadSharp, maxInputPixels } from '../photo/analyze.js';
import { drawAnnotation, type AnnotationLabels } from '../photo/annotate.js';
import { checkPhoto } from '../photo/check-photo.js';
import type { FaceAnalysis } from '../photo/checks/index.js';
import { defaultFaceAnalyzer } from '../photo/face-analyzer.js';
import { loadSpec, type PhotoSpec } from '../photo/spec.js';
import { uprightSize } from '../photo/upright.js';
import { photosOf, type Job, type JobResults, type Upload } from './job.js';

export async function runJob(job: Job): Promise<JobResults[Job['kind']]> {
  // Every photo of a request is measured against the budget before any work, so none is half done.
  for (const photo of photosOf(job)) await guardPixels(photo, Math.min(job.maxPixels, maxInputPixels));
  const spec = loadSpec(job.spec);
  if (job.kind === 'fix') return fixPhoto(job.photo.bytes, { spec, today: job.today, output: false, name: job.photo.name });
  if (job.kind === 'annotate') return annotate(job.photo, spec, job.today, job.labels);
  const results = [];
  for (const { name, bytes } of job.photos) results.push(await checkPhoto(bytes, { spec, today: job.today, face: job.face, name }));
  const passed = results.filter((report) => report.ok).length;
  return { spec: spec.id, summary: { total: results.length, passed, failed: results.length - passed }, results };
}

/**
 * The size the photo's header declares, before anything is decoded. A header sharp cannot read
 * is left to the checker, which says what is wrong with the file.
 */
async function guardPixels({ bytes }: Upload, maxPixels: number): Promise<void> {
  const sharp = await loadSharp();
  const header = await sharp(bytes).metadata().catch(() => undefined);
  const { width = 0, height = 0 } = header ?? {};
  if (width * height > maxPixels) throw new ShebaoError('too-many-pixels', { width, height, maxPixels });
}

/** The photo with the spec's guides and what was measured, as PNG bytes; an unreadable photo is an `unreadable-photo` error. */
async function annotate(photo: Upload, spec: PhotoSpec, today: IsoDate, labels: AnnotationLabels): Promise<Uint8Array> {
  const bytes = Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength);
  const analyzed = await analyzePhoto(bytes);
  if (analyzed.problem || !analyzed.facts) throw new ShebaoError('unreadable-photo', { file: photo.name, ...(analyzed.problem ?? { stage: 'image', reason: 'undecodable' }) });
  // The face the checks measured is the face drawn: the analyzer's answer is kept on its way to the checks.
  let face: FaceAnalysis | undefined;
  const report = await checkPhoto(bytes, { spec, today, name: photo.name, faceAnalyzer: async (input) => (face = await defaultFaceAnalyzer(input)) });
  const { width, height } = uprightSize(analyzed.facts);
  return drawAnnotation({ bytes, width, height, spec, face, results: report.checks, labels });
}
