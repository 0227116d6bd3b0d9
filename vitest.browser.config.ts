import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the page in Debian's chromium against the real server (test/browser/).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    // Photos are checked and fixed for real, face models included, on a shared machine.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
