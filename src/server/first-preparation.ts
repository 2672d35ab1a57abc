import { fork } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, extname, join } from 'node:path';
import { wantsDemo, type PlatformOptions } from './options.js';

/**
 * The first preparation of an embedded database, in a process of its own (prepare-process.ts). This file loads no
 * module of the platform, so that the server can start it first and load its own modules meanwhile, on the other
 * core (src/server/main.ts: ~3 s of a first start).
 */

/** Runs `prepareDatabase` in src/server/prepare-process.ts and waits for it; its log lines come back as they are written. */
export function prepareInChildProcess(
  opts: PlatformOptions,
  wantDemo: boolean,
  log: (line: string) => void,
  /** the child's Node options; default the caller's own (a caller not run by tsx passes ['--import', 'tsx']) */
  execArgv?: string[],
): Promise<Record<string, number> | null> {
  const here = fileURLToPath(import.meta.url);
  const { databaseUrl, dataDir, seed, scale, demoPassword } = opts;
  const { DATABASE_URL: _url, HAICAP_ADMIN_PASSWORD: _admin, ...env } = process.env;
  const child = fork(join(dirname(here), `prepare-process${extname(here)}`), [], {
    execArgv,
    env: {
      ...env,
      HAICAP_PREPARE: JSON.stringify({ opts: { databaseUrl, dataDir, seed, scale, demoPassword }, wantDemo }),
    },
  });
  // The child must not outlive the server (a restart would find two writers on one directory).
  const stopChild = () => child.kill();
  process.once('exit', stopChild);
  return new Promise((resolve, reject) => {
    let result: { made: Record<string, number> | null } | undefined;
    let error: string | undefined;
    child.on('message', (m: { log?: string; made?: Record<string, number> | null; error?: string }) => {
      if (m.log !== undefined) log(m.log);
      else if (m.error !== undefined) error = m.error;
      else result = { made: m.made ?? null };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      process.removeListener('exit', stopChild);
      if (result && code === 0) resolve(result.made);
      else reject(new Error(`preparing the database failed (exit ${code}): ${error ?? 'no result'}`));
    });
  });
}

/**
 * The start's first steps on the data: `--reset` (the embedded database only) removes the data directory, at once;
 * then a new embedded database is made when its directory holds none: prepared beside the data directory and moved
 * into place whole, so that a start stopped half-way leaves no half-made database behind (the next start begins
 * again). Returns what the demo generation made, or null when there was nothing to make (a server's database, or a
 * directory already made). Runs in a child process; the caller may do other work meanwhile.
 */
export async function startFirstPreparation(
  opts: PlatformOptions,
  log: (line: string) => void,
): Promise<Record<string, number> | null> {
  if (opts.reset) {
    if (opts.databaseUrl)
      throw new Error('--reset only clears the embedded database; drop the server database yourself');
    rmSync(opts.dataDir, { recursive: true, force: true });
    log(`reset: removed ${opts.dataDir}`);
  }
  if (opts.databaseUrl || existsSync(join(opts.dataDir, 'PG_VERSION'))) return null;
  const preparing = `${opts.dataDir}.preparing`;
  rmSync(preparing, { recursive: true, force: true });
  const made = await prepareInChildProcess({ ...opts, dataDir: preparing }, wantsDemo(opts), log);
  rmSync(opts.dataDir, { recursive: true, force: true });
  renameSync(preparing, opts.dataDir);
  return made;
}
