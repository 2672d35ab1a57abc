/**
 * 5. Cold start of `npm start` on a fresh data directory (PGlite) or a fresh server database
 * (`--demo`), to a ready server with the demo nation; and the server's resident memory.
 * Reference: a bare Fastify started the same way (node + tsx), ready and resident.
 */
import { spawn } from 'node:child_process';
import {
  benchDir,
  createServerDatabase,
  dropServerDatabase,
  freePort,
  removeDir,
  repoDir,
  round,
  sleep,
  tempDir,
  treeRssKb,
  type BenchContext,
  type Scenario,
} from '../lib.js';
import { join } from 'node:path';

async function timeStart(
  ctx: BenchContext,
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
  port: number,
  readyPath: string,
) {
  const t0 = performance.now();
  const child = spawn(cmd, args, {
    cwd: repoDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-4000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-4000)));
  let readyMs = NaN;
  const deadline = t0 + 180_000;
  while (performance.now() < deadline && child.exitCode === null) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (r.status === 200) {
        readyMs = performance.now() - t0;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(50);
  }
  await sleep(2000);
  // the first preparation's process may still be ending (its heap is freed when it exits): not the server's memory
  const rss = treeRssKb(child.pid!, /prepare-process/);
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    /* gone */
  }
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  if (Number.isNaN(readyMs)) throw new Error(`${cmd} ${args.join(' ')} never became ready: ${out}`);
  return { readyMs, rssMb: rss.largest / 1024, treeRssMb: rss.total / 1024, out };
}

export const coldStart: Scenario = {
  name: 'cold-start',
  async run(ctx) {
    const dataDir = tempDir('haicap-bench-cold-');
    let dbName: string | undefined;
    try {
      const env: Record<string, string | undefined> = { LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: '' };
      const args = ['start'];
      if (ctx.kind === 'postgres') {
        dbName = `haicap_bench_${process.pid}_cold`;
        env.DATABASE_URL = await createServerDatabase(ctx.serverUrl!, dbName);
        args.push('--', '--demo');
      }
      const app = await timeStart(ctx, 'npm', args, env, await freePort(), '/api/health');
      ctx.log(
        `  npm start: ready in ${round(app.readyMs / 1000, 2)} s, server RSS ${round(app.rssMb, 0)} MB ` +
          `(process tree ${round(app.treeRssMb, 0)} MB)`,
      );
      const refPort = await freePort();
      const ref = await timeStart(
        ctx,
        process.execPath,
        ['--import', 'tsx', join(benchDir, 'server.ts'), '--empty', '--port', String(refPort)],
        {},
        refPort,
        '/bench/empty',
      );
      ctx.log(`  bare Fastify (tsx): ready in ${round(ref.readyMs / 1000, 2)} s, RSS ${round(ref.rssMb, 0)} MB`);
      const what =
        ctx.kind === 'postgres'
          ? 'npm start -- --demo on a fresh server database'
          : 'npm start on a fresh PGlite data directory';
      return [
        {
          name: 'cold start to ready (demo nation)',
          figure: round(app.readyMs / 1000, 2),
          unit: 's',
          reference: round(ref.readyMs / 1000, 2),
          referenceUnit: 's bare Fastify via tsx',
          ratio: round(app.readyMs / ref.readyMs, 1),
          target: 'ready < 60 s',
          met: app.readyMs < 60_000,
          notes: `${what} (migrations, real units, demo nation; web already built); ratio = times slower than the bare start`,
        },
        {
          name: 'server resident memory after start',
          figure: round(app.rssMb, 0),
          unit: 'MB',
          reference: round(ref.rssMb, 0),
          referenceUnit: 'MB bare Fastify via tsx',
          ratio: round(app.rssMb / ref.rssMb, 1),
          target: '< 400 MB resident',
          met: app.rssMb < 400,
          notes:
            'RSS of the server process 2 s after ready (largest process of the npm → tsx → node tree, the first ' +
            "preparation's ending process aside; " +
            `whole tree ${round(app.treeRssMb, 0)} MB)`,
        },
      ];
    } finally {
      removeDir(dataDir);
      if (dbName) await dropServerDatabase(ctx.serverUrl!, dbName);
    }
  },
};
