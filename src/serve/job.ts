/**
 * What the photo routes hand to a worker thread (./worker.ts, which runs it with ./run-job.ts),
 * and what comes back: plain data that crosses between threads.
 */
import type { IsoDate } from '../core/dates.js';
import type { FixResult } from '../fix/types.js';
import type { AnnotationLabels } from '../photo/annotate.js';
import type { BatchReport } from '../photo/types.js';

/** One uploaded photo: the name it is reported under, and its bytes. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

interface JobBase {
  /** A built-in spec id (the routes accept no paths). */
  spec: string;
  today: IsoDate;
  /** The server's pixel budget (at most the checker's own). */
  maxPixels: number;
}

export type Job =
  | (JobBase & { kind: 'check'; photos: Upload[]; face: boolean })
  | (JobBase & { kind: 'annotate'; photo: Upload; labels: AnnotationLabels })
  | (JobBase & { kind: 'fix'; photo: Upload });

/** What each kind of job returns. */
export interface JobResults {
  check: BatchReport;
  annotate: Uint8Array;
  fix: FixResult;
}

/** The photos a job works on. */
export function photosOf(job: Job): Upload[] {
  return job.kind === 'check' ? job.photos : [job.photo];
}
