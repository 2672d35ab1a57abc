import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** What every browser test's server starts from unless it asks otherwise (test/e2e/server.ts). */
export const E2E_DEMO = { seed: 2025, scale: 0.1, demoPassword: 'haicap-demo' };

/**
 * Makes the embedded database the browser tests' servers start from, once: the same first preparation a fresh
 * `npm start` runs (src/server/prepare-process.ts: migrations, real units, catalogue, a small demo nation), into a
 * directory each test file's server gets a copy of. A dozen files used to make it a dozen times (~1.5 min each on a
 * slow 2-core machine). HAICAP_E2E_FRESH=1 keeps the old way: each server prepares its own.
 */
export default async function setup(project: TestProject) {
  if (process.env.HAICAP_E2E_FRESH === '1') {
    project.provide('e2eTemplate', '');
    return;
  }
  const root = process.env.HAICAP_E2E_SERVER_ROOT || process.cwd();
  const dir = join(mkdtempSync(join(tmpdir(), 'haicap-e2e-template-')), 'pglite');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const { DATABASE_URL: _url, ...env } = process.env;
    let error = '';
    const child = fork(join(root, 'src/server/prepare-process.ts'), [], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: { ...env, HAICAP_PREPARE: JSON.stringify({ opts: { dataDir: dir, ...E2E_DEMO }, wantDemo: true }) },
    });
    child.on('message', (m: { error?: string }) => {
      if (m.error) error = m.error;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && !error ? resolve() : reject(new Error(`preparing the browser tests' database failed: ${error}`)),
    );
  });
  console.log(`browser tests: the embedded database prepared in ${Math.round((Date.now() - started) / 1000)} s`);
  project.provide('e2eTemplate', dir);
  return () => rmSync(join(dir, '..'), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}
