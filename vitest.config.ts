import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The page's browser tests need chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // Photo and face tests decode real images; give slow CI machines room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
