import { defineConfig } from 'vitest/config';

// Browser tests: the built app on its own embedded database (a copy of one prepared once), driven by Debian's chromium.
// The hooks start the server: they wait as long as the server may take to be ready (HAICAP_E2E_READY_SECONDS,
// test/e2e/server.ts), and a minute.
const readySeconds = Number(process.env.HAICAP_E2E_READY_SECONDS) || 300;

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // the embedded database every server starts from, prepared once (test/e2e/global-setup.ts)
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: (readySeconds + 60) * 1000,
    fileParallelism: false,
  },
});
