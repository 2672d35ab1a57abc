/**
 * The server under test, in its own process: preparePlatform + buildApp on the given database
 * (DATABASE_URL or DATA_DIR), with the demo nation and, on request, a pool of open dossiers for
 * the action benchmark. `--empty` starts a bare Fastify instead (the reference route); `--bare-upload <dir>` a bare
 * `node:http` server that writes each PATCH body to a file of its own in <dir> (`--hash`: and SHA-256s it), the
 * ceiling of an upload over HTTP on this machine (bench `archives-upload`).
 * Prints `READY {json}` on stdout once listening.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = Number(value('port') ?? 0);

if (value('bare-upload')) {
  const dir = value('bare-upload')!;
  const hash = argv.includes('--hash');
  let n = 0;
  const server = createServer((req, res) => {
    const offset = Number(req.headers['upload-offset'] ?? 0);
    const size = Number(req.headers['upload-length'] ?? 0);
    const h = hash ? createHash('sha256') : null;
    let length = 0;
    pipeline(
      req,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          length += chunk.length;
          h?.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(`${dir}/${n++}`, { flags: 'wx' }),
    ).then(
      () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ offset: offset + length, complete: offset + length >= size }));
      },
      (e: Error) => {
        res.statusCode = 500;
        res.end(e.message);
      },
    );
  });
  server.listen(port, '127.0.0.1', () => console.log(`READY ${JSON.stringify({ port, bareUpload: true, hash })}`));
} else if (argv.includes('--empty')) {
  const app = Fastify({ logger: false });
  app.get('/bench/empty', async () => ({ ok: true }));
  app.get('/bench/hello', async (_req, reply) =>
    reply
      .type('text/html')
      .send(
        '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><h1>Xin chào</h1></body></html>',
      ),
  );
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`READY ${JSON.stringify({ port, empty: true })}`);
} else {
  const { preparePlatform } = await import('../src/server/setup.js');
  const { buildApp } = await import('../src/server/app.js');
  const { prepareSyntheticTables, syntheticInsertSql } = await import('./lib.js');
  const { recountFigures } = await import('../src/modules/dossiers/service.js');
  const t0 = Date.now();
  const { database, demo } = await preparePlatform(
    {
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: process.env.DATA_DIR!,
      reset: false,
      demo: true,
      seed: 2025,
      scale: 1,
      demoPassword: 'haicap-demo',
    },
    (l) => console.log(l),
  );
  const prepared = Date.now();
  const pool = Number(value('seed-open') ?? 0);
  let seeded = 0;
  if (pool > 0) {
    const [have] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM dossiers WHERE receipt_code LIKE 'BENCH%'`,
    );
    if (have!.n === 0) {
      const counts = await prepareSyntheticTables(database);
      const step = 50_000;
      for (let a = 1; a <= pool; a += step) {
        await database.db.execute(
          sql.raw(syntheticInsertSql(a, Math.min(pool, a + step - 1), new Date().toISOString(), counts, 'open')),
        );
      }
      await recountFigures(database.db);
      // As autovacuum would (the platform runs the same rule on PGlite): statistics and the visibility map.
      await database.db.execute(sql.raw('VACUUM (ANALYZE) dossiers'));
    }
    const ids = await database.rows<{ id: string; province_code: string; unit: string }>(
      sql`SELECT id, province_code, handling_unit_code AS unit FROM dossiers
          WHERE receipt_code LIKE 'BENCH%' AND status = 'received' ORDER BY receipt_code`,
    );
    seeded = ids.length;
    const file = value('ids-file');
    // id, province, handling unit (actions.lua reads the first two)
    if (file) writeFileSync(file, ids.map((r) => `${r.id}\t${r.province_code}\t${r.unit}`).join('\n') + '\n');
  }
  const [field] = await database.rows<{ field: string }>(
    sql`SELECT procedure_field AS field FROM dossiers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const webDir = fileURLToPath(new URL('../dist/web/', import.meta.url));
  // as src/server/main.ts: the heap's growth between collections (HEAP_GROWTH_PERCENT)
  (await import('../src/server/memory.js')).tuneHeap();
  const app = await buildApp({ database, config: { demo, demoPassword: 'haicap-demo', secureCookies: false, webDir } });
  await app.listen({ port, host: '127.0.0.1' });
  if (argv.includes('--echo-id')) {
    // The load generator tells its requests apart by an id it sends and gets back (office-day: latency per kind of
    // request). Set on the raw response before Fastify writes its head, which keeps it: the app itself is untouched.
    const listeners = app.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    app.server.removeAllListeners('request');
    app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const id = req.headers['x-bench-id'];
      if (typeof id === 'string') res.setHeader('x-bench-id', id);
      for (const l of listeners) l.call(app.server, req, res);
    });
  }
  console.log(
    `READY ${JSON.stringify({
      port,
      kind: database.kind,
      prepareMs: prepared - t0,
      readyMs: Date.now() - t0,
      seeded,
      topField: field?.field ?? null,
    })}`,
  );
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
