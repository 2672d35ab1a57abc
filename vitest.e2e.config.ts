import { defineConfig } from 'vitest/config';

// Browser tests: the built app on a fresh embedded database, driven by Debian's chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
