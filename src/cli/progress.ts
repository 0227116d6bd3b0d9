/** A one-line progress bar on stderr, only for a person watching (see showProgress). */
import type { OutStream } from './context.js';

export interface Progress {
  update(done: number, total: number): void;
  /** Clear the bar before other output on the same terminal; the next update draws it again. */
  clear(): void;
  done(): void;
}

export function progressBar(stream: OutStream, label: string, enabled: boolean): Progress {
  if (!enabled) return { update: () => undefined, clear: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return; // at most ten redraws a second
      last = now;
      shown = true;
      const width = 24;
      const filled = Math.round((done / Math.max(1, total)) * width);
      stream.write(`\r${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
      last = 0;
    },
    done() {
      this.clear();
    },
  };
}
