#!/usr/bin/env node
// Starts the program: the bundle that `npm run build` makes (dist/cli/shebao.js, shipped in the
// package), or in a fresh clone that has not been built, the sources through tsx (a dev dependency).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/shebao.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);

async function load() {
  if (existsSync(bundle) || !existsSync(source)) return import(bundle.href);
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
