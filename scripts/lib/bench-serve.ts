/**
 * Load on one `shebao serve` (`npm run bench -- --serve`): the compiled server in its own
 * process, driven by autocannon from this one. Requests/s and p50/p99 latency of POST /api/check
 * on the 358×441 face fixture, without and with the face checks (min/median/max over the runs),
 * then 10,000 checks in a row with the server's RSS at every 2,500 (1,000 at every 250 with the
 * face checks, which take a hundred times longer): flat when nothing is kept between requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

interface Options {
  /** Runs of each measurement. */
  repeat: number;
  /** The server's --concurrency (default: its own, one per core). */
  concurrency?: string;
}

/** Requests per run: enough for a stable p99 at each speed. */
const requests = { noFace: 2_000, face: 200 } as const;
const soaks = [
  { face: false, total: 10_000, step: 2_500 },
  { face: true, total: 1_000, step: 250 },
] as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const spread = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)} / ${median(values).toFixed(digits)} / ${Math.max(...values).toFixed(digits)}`;

/** The server's resident memory (the process and its worker threads), in MB, from /proc. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

function startServer(root: string, concurrency: string | undefined): Promise<{ child: ChildProcess; url: string }> {
  // A deep queue: the load generator's connections wait for a slot instead of getting 429s.
  const args = [path.join(root, 'bin/shebao.js'), 'serve', '--port', '0', '--queue', '64', '--lang', 'en', ...(concurrency ? ['--concurrency', concurrency] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/\S+\//.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`shebao serve exited (${code}) before listening`)));
  });
}

async function load(url: string, body: Buffer, amount: number, connections: number): Promise<autocannon.Result> {
  const result = await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'image/jpeg' }, amount, connections });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${amount} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return result;
}

export async function measureServe(root: string, options: Options): Promise<void> {
  const photo = readFileSync(path.join(root, 'fixtures/face/face-geometry.pass.jpg'));
  const { child, url } = await startServer(root, options.concurrency);
  try {
    const pid = child.pid as number;
    const health = (await (await fetch(`${url}healthz`)).json()) as { version: string };
    // Two connections per slot keep every worker busy while the next request waits in the queue.
    const slots = Number(options.concurrency ?? (await import('node:os')).availableParallelism());
    const connections = 2 * slots;
    console.log(`shebao serve ${health.version}: ${slots} slot(s), ${connections} connections, POST /api/check of a 358×441 JPEG (${(photo.length / 1024).toFixed(1)} KB)`);
    console.log(`RSS after start: ${rssMb(pid).toFixed(0)} MB`);
    for (const face of [false, true]) {
      const target = `${url}api/check?face=${face}`;
      // Warm-up: each worker started, and with faces its models loaded.
      await load(target, photo, 4 * slots, connections);
      const runs: autocannon.Result[] = [];
      for (let run = 0; run < options.repeat; run++) runs.push(await load(target, photo, face ? requests.face : requests.noFace, connections));
      console.log(`\nface=${face}: ${face ? requests.face : requests.noFace} requests × ${options.repeat} runs (min / median / max)`);
      // Over the run's whole length (autocannon's own average is of whole-second samples).
      console.log(`  requests/s   ${spread(runs.map((result) => result.requests.total / result.duration), 1)}`);
      console.log(`  p50 ms       ${spread(runs.map((result) => result.latency.p50))}`);
      console.log(`  p99 ms       ${spread(runs.map((result) => result.latency.p99))}`);
      console.log(`  RSS after    ${rssMb(pid).toFixed(0)} MB`);
    }
    for (const { face, total, step } of soaks) {
      console.log(`\n${total.toLocaleString('en')} requests, face=${face}: RSS (MB) after each ${step.toLocaleString('en')}`);
      for (let done = step; done <= total; done += step) {
        await load(`${url}api/check?face=${face}`, photo, step, connections);
        console.log(`  ${done.toLocaleString('en').padStart(6)}  ${rssMb(pid).toFixed(0)}`);
      }
    }
  } finally {
    child.kill('SIGINT');
  }
}
