import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Photo and face tests decode real images; give slow CI machines room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
