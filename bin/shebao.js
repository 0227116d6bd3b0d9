#!/usr/bin/env node
// Starts the program: the bundle that `npm run build` makes (dist/cli/shebao.cjs, shipped in the
// package), or in a fresh clone that has not been built, the sources through tsx (a dev dependency).
//
// The bundle is compiled with V8's code cache that the build wrote next to it
// (dist/cli/shebao.cjs.cache, made by running `shebao plan` once): compiling the 350 KB bundle
// and the functions a command runs was the largest part of a start (see scripts/build-cli.ts).
// V8 checks the cache against its own version and flags and the source, and compiles as usual
// when it does not match (another Node version), so a stale cache costs only its reading.
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

async function load() {
  if (existsSync(bundle) || !existsSync(source)) return loadBundle();
  const { register } = await import('tsx/esm/api');
  register();
  return import(source.href);
}

load().then(
  ({ main }) => main(),
  (error) => {
    process.stderr.write(`shebao is not built (${error.code ?? error.message}). Run: npm run build\n`);
    process.exitCode = 2;
  },
);
