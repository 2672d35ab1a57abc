/** One server under test shared by the HTTP scenarios (read API, actions, web), started on first use. */
import { join } from 'node:path';
import { removeDir, startServer, tempDir, type BenchContext, type ServerHandle } from './lib.js';

export interface AppServer extends ServerHandle {
  idsFile: string;
  dir: string;
  dbUrl?: string;
}

let current: Promise<AppServer> | undefined;

export function appServer(ctx: BenchContext): Promise<AppServer> {
  current ??= (async () => {
    const db = await ctx.freshDatabase('app');
    const dir = tempDir('haicap-bench-app-');
    const idsFile = join(dir, 'ids.tsv');
    const pool = ctx.quick ? 40_000 : 200_000;
    ctx.log(`starting the server under test (${ctx.kind}, demo nation, ${pool.toLocaleString('en')} open dossiers)…`);
    const h = await startServer(
      ['--seed-open', String(pool), '--ids-file', idsFile],
      { DATABASE_URL: db.url ?? '', DATA_DIR: db.dataDir ?? '' },
      ctx.log,
    );
    ctx.log(`  server ready on :${h.port} in ${h.info.readyMs} ms (seeded ${h.info.seeded})`);
    const s: AppServer = { ...h, idsFile, dir, dbUrl: db.url };
    ctx.onCleanup(async () => {
      await s.stop();
      removeDir(dir);
    });
    return s;
  })();
  return current;
}

let empty: Promise<ServerHandle> | undefined;
/** A bare Fastify with one empty route and a tiny HTML page: the references for the HTTP figures. */
export function emptyServer(ctx: BenchContext): Promise<ServerHandle> {
  empty ??= (async () => {
    const h = await startServer(['--empty'], {}, ctx.log);
    ctx.onCleanup(() => h.stop());
    return h;
  })();
  return empty;
}
