/**
 * Admission for the photo routes: `slots` requests are worked on at once, `queueLength` more may
 * wait, and one more is turned away (429) with an estimate of when to try again. A request holds
 * its ticket from its arrival (before its body is read, so a full server never reads a 20 MB
 * upload it will refuse) until its work is done, even when the client has gone or the answer was
 * a timeout: the count never says there is room while the workers are still busy.
 */

export class QueueFullError extends Error {
  constructor(readonly retryAfter: number) {
    super(`queue full, retry after ${retryAfter} s`);
  }
}

/** Where a request stands: admitted (waiting or uploading), then running, then done. */
export interface Ticket {
  /** Wait for a free slot, run `work` in it, and free the slot. Rejects with the signal's reason if it aborts first. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Leave without running (the body was refused, the client left): frees the place. Idempotent; ignored while running. */
  leave(): void;
}

/** Each finished run moves the estimate of a run's length this far towards it. */
const smoothing = 0.2;

export class WorkQueue {
  private admitted = 0;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Estimated seconds per run (a moving average, starting at one second). */
  private secondsPerRun = 1;

  constructor(
    readonly slots: number,
    readonly queueLength: number,
  ) {}

  /** Take a place, or throw QueueFullError when `slots + queueLength` requests are already in. */
  enter(): Ticket {
    if (this.admitted >= this.slots + this.queueLength) throw new QueueFullError(this.retryAfter());
    this.admitted++;
    let state: 'admitted' | 'running' | 'done' = 'admitted';
    const leave = () => {
      if (state !== 'admitted') return;
      state = 'done';
      this.admitted--;
    };
    return {
      leave,
      run: async <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
        if (state !== 'admitted') throw new Error('ticket already used');
        await this.slot(signal).catch((error: unknown) => {
          leave();
          throw error;
        });
        state = 'running';
        const started = performance.now();
        try {
          return await work();
        } finally {
          this.secondsPerRun += smoothing * ((performance.now() - started) / 1000 - this.secondsPerRun);
          state = 'done';
          this.admitted--;
          this.running--;
          this.waiting.shift()?.();
        }
      },
    };
  }

  /** Seconds until a place is likely free: the runs ahead of a newcomer, shared over the slots. */
  retryAfter(): number {
    return Math.max(1, Math.ceil((this.secondsPerRun * Math.max(1, this.admitted - this.slots + 1)) / this.slots));
  }

  /** How many requests are in (waiting, uploading or running), and how many run. */
  get load(): { admitted: number; running: number } {
    return { admitted: this.admitted, running: this.running };
  }

  private slot(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener('abort', abort);
        this.running++;
        resolve();
      };
      const abort = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(signal?.reason);
      };
      this.waiting.push(take);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }
}
