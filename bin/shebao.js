#!/usr/bin/env node
// Starts the program: the bundle that `npm run build` makes (dist/cli/shebao.cjs, shipped in the
// package), or in a fresh clone that has not been built, the sources through tsx (a dev dependency).
//
// The bundle is compiled with V8's code cache that the build wrote next to it
// (dist/cli/shebao.cjs.cache, made by running `shebao plan` once): compiling the 350 KB bundle
// and the functions a command runs was the largest part of a start (see scripts/build-cli.ts).
// V8 checks the cache against its own version and flags and the source, and compiles as usual
// when it does not match (another Node version), so a stale cache costs only its reading.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = new URL('../dist/cli/shebao.cjs', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

/**
 * Runs the bundle as Node runs a CommonJS file, with two differences the build arranged for:
 * its dynamic imports go through `__shebaoImport` (an import from here, relative to the bundle),
 * and `../core/errors.js` is the ES module the compiled modules share, imported here.
 */
async function loadBundle() {
  const file = fileURLToPath(bundle);
  const cacheFile = `${file}.cache`;
  const errors = await import(new URL('../dist/core/errors.js', import.meta.url).href);
  const nodeRequire = createRequire(file);
  const require = (id) => (id === '../core/errors.js' ? errors : nodeRequire(id));
  const shebaoImport = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, bundle).href : specifier);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const wrapped = `(function (exports, require, module, __filename, __dirname, __shebaoUrl, __shebaoImport) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  // The build sets this to write the cache, after the command has run and compiled what it uses.
  const cacheOut = process.env.SHEBAO_WRITE_CODE_CACHE;
  if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file), bundle.href, shebaoImport);
  return module.exports;
}

/**
 * The photo commands' memory. glibc's malloc gives threads their own arenas (up to eight per core);
 * sharp's decoders, the face and segmentation models and worker threads allocate from several, and
 * over a batch of phone photos the arenas fragment: 200 originals of 12–14 MP peaked at 452 MB,
 * 379 MB with MALLOC_ARENA_MAX=2 (docs/speed.md). glibc also raises its mmap threshold each time a
 * large block is freed, so the image buffers of later photos are carved from the heap and fragment
 * it; MALLOC_MMAP_THRESHOLD_ fixed at 1 MB keeps them mapped and returned whole (with the hand
 * models, the 200 originals peak at 434–469 MB with fewer arenas alone, 390 MB with both). glibc
 * reads both once, when a process starts, so on Linux fix-photo, and check-photo with its face
 * checks, start Node once more with them set (about 0.12 s), unless MALLOC_ARENA_MAX is set
 * already. The other commands, check-photo --no-face, and other systems start as they are. Returns
 * whether it did.
 */
function restartWithFewerArenas() {
  if (process.platform !== 'linux' || process.env.MALLOC_ARENA_MAX !== undefined) return false;
  const args = process.argv.slice(2);
  let at = 0;
  while (at < args.length && args[at].startsWith('-')) at += args[at] === '--lang' ? 2 : 1;
  const command = args[at];
  // Without the face models (--no-face) a batch stays small, and a second start would be most of the time.
  const photos = ['fix-photo', 'fix'].includes(command) || (['check-photo', 'check'].includes(command) && !args.includes('--no-face'));
  if (!photos) return false;
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { MALLOC_MMAP_THRESHOLD_: '1048576', ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  // Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const pass = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, pass);
  child.on('error', (error) => {
    process.stderr.write(`shebao could not start (${error.message})\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Ended by a signal: end the same way, so the shell sees what the command saw.
      for (const name of signals) process.off(name, pass);
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code ?? 1;
  });
  return true;
}

async function load() {
  if (existsSync(bundle) || !existsSync(source)) return loadBundle();
  const { register } = await import('tsx/esm/api');
  register();
  return import(source.href);
}

if (!restartWithFewerArenas()) load().then(
  ({ main }) => main(),
  (error) => {
    process.stderr.write(`shebao is not built (${error.code ?? error.message}). Run: npm run build\n`);
    process.exitCode = 2;
  },
);
