#!/usr/bin/env node
// Starts the compiled program; all logic lives in src/ (compiled to dist/ by `npm run build`).
import('../dist/cli/main.js').then(
  ({ main }) => main(),
  (error) => {
    process.stderr.write(`shebao is not built (${error.code ?? error.message}). Run: npm run build\n`);
    process.exitCode = 2;
  },
);
