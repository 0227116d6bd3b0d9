/**
 * The package's own costs, for `npm run bench -- --install` and `npm run bench -- --startup`:
 * what a global install downloads and puts on disk, and how long a command takes to start next to
 * a bare `node -e 0` started in the same run.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return result;
}

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * `npm pack` (of the dist/ that `npm run bench` has just built), then `npm install --global` of the
 * tarball into an empty prefix with an empty cache, as a CI job or `npx` on a new machine does.
 * Downloaded: the tarballs npm fetched, read from its cache index (the registry's package
 * metadata comes on top). Installed: the prefix's disk usage, as `du` counts it.
 */
export function measureInstall(root: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'shebao-install-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root).stdout) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
    const tarball = packed[0] as (typeof packed)[number];
    const prefix = path.join(work, 'prefix');
    const cache = path.join(work, 'cache');
    const started = performance.now();
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--cache', cache, '--no-audit', '--no-fund', path.join(work, tarball.filename)], work);
    const seconds = (performance.now() - started) / 1000;
    let tarballs = 0;
    let downloaded = 0;
    for (const file of filesUnder(path.join(cache, '_cacache', 'index-v5'))) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const entry = line.split('\t')[1];
        if (!entry) continue;
        const { key, size } = JSON.parse(entry) as { key: string; size?: number };
        // Registry tarballs only: the cache also holds shebao's own tarball, read from disk.
        if (!key.startsWith('make-fetch-happen:request-cache:') || !key.endsWith('.tgz')) continue;
        tarballs++;
        downloaded += size ?? 0;
      }
    }
    const diskKb = Number(run('du', ['-sk', prefix], work).stdout.split('\t')[0]);
    const warnings = `${installed.stdout}\n${installed.stderr}`.split('\n').filter((line) => /\bwarn\b/i.test(line));
    console.log(`npm ${run('npm', ['--version'], work).stdout.trim()}, Node ${process.version}, empty cache`);
    console.log(`shebao tarball: ${mb(tarball.size)} MB packed, ${mb(tarball.unpackedSize)} MB unpacked, ${tarball.entryCount} files`);
    console.log(`npm install --global: ${mb(diskKb * 1024)} MB installed, ${mb(downloaded)} MB downloaded in ${tarballs} tarballs, ${seconds.toFixed(0)} s`);
    console.log(warnings.length === 0 ? 'npm warnings: none' : `npm warnings:\n${warnings.join('\n')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** min / median / max of a list of numbers, in whole milliseconds. */
function spread(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] as number, median: sorted[Math.floor(sorted.length / 2)] as number, max: sorted[sorted.length - 1] as number };
}

/**
 * Wall time from spawn to exit of each command, the runs interleaved (bare node, then each command,
 * again and again) so a busy moment on a shared machine falls on all of them alike. The ratio is of
 * the medians.
 */
export function measureStartup(root: string, runs: number): void {
  const bin = path.join(root, 'bin/shebao.js');
  const commands: Array<{ label: string; args: string[]; env?: Record<string, undefined> }> = [
    { label: 'node -e 0', args: ['-e', '0'] },
    // NODE_EXTRA_CA_CERTS makes every node start parse that certificate file, bare or not (about
    // 60 ms of the bare start on the 2-core test machine, which sets it): where it is set, every
    // ratio below is smaller than on a machine without it, so the bare start without it is shown.
    ...(process.env.NODE_EXTRA_CA_CERTS ? [{ label: 'node -e 0 (no NODE_EXTRA_CA_CERTS)', args: ['-e', '0'], env: { NODE_EXTRA_CA_CERTS: undefined } }] : []),
    { label: 'shebao plan --newborn 2024-05-01', args: [bin, 'plan', '--newborn', '2024-05-01', '--today', '2026-11-22'] },
    { label: 'shebao id 11010519491231002X', args: [bin, 'id', '11010519491231002X', '--today', '2026-11-22'] },
    { label: 'shebao --version', args: [bin, '--version'] },
    { label: 'shebao rules', args: [bin, 'rules'] },
  ];
  const times = commands.map(() => [] as number[]);
  for (let round = -1; round < runs; round++) {
    commands.forEach((command, i) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, command.args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...command.env } });
      const ms = performance.now() - start;
      if (result.status !== 0) throw new Error(`${command.label} exited with ${result.status}: ${result.stderr}`);
      if (round >= 0) (times[i] as number[]).push(ms); // round -1 warms the file cache
    });
  }
  const bare = spread(times[0] as number[]).median;
  console.log(`start-up, ${runs} runs each, interleaved, wall ms (min / median / max), Node ${process.version}`);
  commands.forEach((command, i) => {
    const { min, median, max } = spread(times[i] as number[]);
    const ratio = command.args[0] === '-e' ? '' : `  ${(median / bare).toFixed(2)}× bare node (+${(median - bare).toFixed(0)} ms)`;
    console.log(`${command.label.padEnd(34)} ${min.toFixed(0).padStart(4)} / ${median.toFixed(0).padStart(4)} / ${max.toFixed(0).padStart(4)}${ratio}`);
  });
  countInstructions(root, commands);
}

/**
 * The same commands' CPU instructions under valgrind's callgrind, when it is installed
 * (`apt-get install valgrind`): within about 3% from run to run where wall times on a shared
 * machine vary by a third, so this is the figure to compare across changes. One run each, and
 * where NODE_EXTRA_CA_CERTS is set, each again without it.
 */
function countInstructions(root: string, commands: ReadonlyArray<{ label: string; args: string[]; env?: Record<string, undefined> }>): void {
  if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('CPU instructions: valgrind is not installed (apt-get install valgrind), skipped');
    return;
  }
  const count = (args: string[], env: Record<string, undefined> = {}): number | undefined => {
    const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    const collected = /Collected : (\d+)/.exec(result.stderr ?? '')?.[1];
    return collected === undefined ? undefined : Number(collected);
  };
  const environments: Array<{ label: string; env: Record<string, undefined> }> = [{ label: 'as set', env: {} }];
  if (process.env.NODE_EXTRA_CA_CERTS) environments.push({ label: 'without NODE_EXTRA_CA_CERTS', env: { NODE_EXTRA_CA_CERTS: undefined } });
  const millions = (n: number | undefined) => (n === undefined ? 'not measured' : `${(n / 1e6).toFixed(0)} M`);
  for (const { label, env } of environments) {
    const bare = count(['-e', '0'], env);
    console.log(`CPU instructions (callgrind), ${label}: node -e 0 ${millions(bare)}`);
    for (const command of commands.filter((c) => c.args[0] !== '-e')) {
      const n = count(command.args, env);
      const ratio = n === undefined || bare === undefined ? '' : `  ${(n / bare).toFixed(2)}× bare node`;
      console.log(`  ${command.label.padEnd(34)} ${millions(n).padStart(7)}${ratio}`);
    }
  }
}
