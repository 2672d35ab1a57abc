import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareInChildProcess } from '../../src/server/first-preparation.js';
import { optionsFromEnv } from '../../src/server/options.js';

/** What every browser test's server starts from unless it asks otherwise (test/e2e/server.ts). */
export const E2E_DEMO = { seed: 2025, scale: 0.1, demoPassword: 'haicap-demo' };

/**
 * Makes the embedded database the browser tests' servers start from, once: the same first preparation a fresh
 * `npm start` runs (src/server/prepare-process.ts: migrations, real units, catalogue, a small demo nation), into a
 * directory each test file's server gets a copy of. A dozen files used to make it a dozen times (~1.5 min each on a
 * slow 2-core machine). HAICAP_E2E_FRESH=1 keeps the old way: each server prepares its own.
 */
export default async function setup(project: TestProject) {
  // (a server run from another checkout prepares its own: its schema may not be this one's)
  if (process.env.HAICAP_E2E_FRESH === '1' || process.env.HAICAP_E2E_SERVER_ROOT) {
    project.provide('e2eTemplate', '');
    return;
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'haicap-e2e-template-')), 'pglite');
  const started = Date.now();
  // The server's own first preparation, in its own process (this one is not run by tsx: the child is told to be).
  await prepareInChildProcess({ ...optionsFromEnv([], {}), dataDir: dir, ...E2E_DEMO }, true, () => {}, [
    '--import',
    'tsx',
  ]);
  console.log(`browser tests: the embedded database prepared in ${Math.round((Date.now() - started) / 1000)} s`);
  project.provide('e2eTemplate', dir);
  return () => rmSync(join(dir, '..'), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}
