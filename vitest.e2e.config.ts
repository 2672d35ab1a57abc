import { defineConfig } from 'vitest/config';

// Browser tests: the built app on a fresh embedded database, driven by Debian's chromium. The hooks start the server:
// they wait as long as the server may take to be ready (HAICAP_E2E_READY_SECONDS, test/e2e/server.ts), and a minute.
const readySeconds = Number(process.env.HAICAP_E2E_READY_SECONDS) || 300;

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: (readySeconds + 60) * 1000,
    fileParallelism: false,
  },
});
