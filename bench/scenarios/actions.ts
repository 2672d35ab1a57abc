/**
 * 1. Dossier actions through the HTTP API (signed in, validated, audited, committed) from wrk,
 * against the database's own single-row update transactions per second on the same table shape
 * (pgbench on the server; a tight in-process loop on PGlite, which has no other clients).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { appServer } from '../app-server.js';
import {
  benchDir,
  cpuMeter,
  postgresCpuMs,
  prepareSyntheticTables,
  readText,
  removeDir,
  round,
  runWrk,
  signInHttp,
  syntheticInsertSql,
  tempDir,
  writeText,
  type BenchContext,
  type Scenario,
} from '../lib.js';
import { openDatabase, runMigrations } from '../../src/db/client.js';
import { loadReferenceUnits } from '../../src/modules/units/index.js';
import { loadProcedureCatalogue } from '../../src/modules/dossiers/index.js';

const CONNECTIONS = 32;

export const actions: Scenario = {
  name: 'actions',
  async run(ctx) {
    const srv = await appServer(ctx);
    const seconds = ctx.quick ? 10 : 30;
    const provinces = new Set<string>();
    const lines = readText(srv.idsFile).split('\n').filter(Boolean);
    for (const l of lines) provinces.add(l.split('\t')[1]!);
    const sessions: string[] = [];
    for (const p of provinces) {
      const s = await signInHttp(srv.url, `province-${p}`, 'haicap-demo');
      sessions.push(`${p}\t${s.cookie}\t${s.csrfToken}`);
    }
    const sessionsFile = join(srv.dir, 'sessions.tsv');
    writeText(sessionsFile, sessions.join('\n') + '\n');
    ctx.log(
      `  ${sessions.length} province officers signed in; ${lines.length.toLocaleString('en')} dossiers in the pool; ` +
        `wrk ${CONNECTIONS} connections × ${seconds} s`,
    );
    const meter = cpuMeter(srv.pid);
    const r = runWrk(srv.url, {
      connections: CONNECTIONS,
      seconds,
      script: join(benchDir, 'wrk', 'actions.lua'),
      env: { BENCH_IDS: srv.idsFile, BENCH_SESSIONS: sessionsFile, BENCH_THREADS: '2' },
    });
    const cpu = meter(r.requests);
    ctx.log(
      `  actions: ${round(r.rps, 0)}/s, p50 ${round(r.p50Ms)} ms, p99 ${round(r.p99Ms)} ms, non-2xx ${r.non2xx}, ` +
        `errors ${r.errors}; CPU per action: server ${cpu.serverMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms`,
    );

    const ref =
      ctx.kind === 'postgres'
        ? pgbenchUpdates(ctx, srv.dbUrl!, lines.length, seconds)
        : await pgliteUpdates(ctx, lines.length, Math.min(seconds, 10));
    ctx.log(`  reference: ${round(ref.tps, 0)} single-row update transactions/s (${ref.how})`);
    const ratio = r.rps / ref.tps;
    return [
      {
        name: 'dossier actions via HTTP',
        figure: round(r.rps, 0),
        unit: 'actions/s',
        reference: round(ref.tps, 0),
        referenceUnit: 'single-row UPDATE tx/s (same table)',
        ratio: round(ratio, 3),
        target: '≥ 30 % of the raw update rate, p99 < 50 ms',
        met: ratio >= 0.3 && r.p99Ms < 50 && r.non2xx === 0,
        notes:
          `p50 ${round(r.p50Ms)} ms, p99 ${round(r.p99Ms)} ms at ${CONNECTIONS} connections; ${r.non2xx} non-2xx, ` +
          `${r.errors} socket errors; CPU per action: server ${cpu.serverMsPerRequest} ms` +
          (ctx.kind === 'postgres'
            ? `, PostgreSQL ${cpu.postgresMsPerRequest} ms ` +
              `(reference: ${ref.postgresMsPerTx ?? '—'} ms PostgreSQL CPU per pgbench update)`
            : '') +
          `; reference: ${ref.how}`,
        details: {
          connections: CONNECTIONS,
          seconds,
          requests: r.requests,
          p50Ms: round(r.p50Ms, 2),
          p99Ms: round(r.p99Ms, 2),
          maxMs: round(r.maxMs, 1),
          non2xx: r.non2xx,
          errors: r.errors,
          cpu,
          reference: ref,
        },
      },
    ];
  },
};

function pgbenchUpdates(ctx: BenchContext, url: string, pool: number, seconds: number) {
  const u = new URL(url);
  const dir = tempDir('haicap-pgbench-');
  const script = join(dir, 'update.sql');
  writeText(
    script,
    `\\set n random(1, ${pool})\n` +
      `UPDATE dossiers SET version = version + 1, updated_at = now() WHERE receipt_code = 'BENCH' || lpad(:n::text, 9, '0');\n`,
  );
  const bin =
    ['/usr/lib/postgresql/15/bin/pgbench', 'pgbench'].find((b) => spawnSync(b, ['--version']).status === 0) ??
    'pgbench';
  const pg0 = postgresCpuMs();
  const r = spawnSync(
    bin,
    [
      '-n',
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      script,
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username || 'postgres'),
      u.pathname.slice(1),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    },
  );
  removeDir(dir);
  const out = r.stdout + r.stderr;
  const tps = Number(
    /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1],
  );
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  if (!tps) throw new Error(`pgbench failed: ${out.slice(-1500)}`);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]) || tps * seconds;
  const postgresMsPerTx = round((postgresCpuMs() - pg0) / transactions, 2);
  ctx.log(
    `  pgbench: ${out
      .split('\n')
      .filter((l) => /tps|latency/.test(l))
      .join('; ')}`,
  );
  return {
    tps,
    latencyAvgMs: lat,
    postgresMsPerTx,
    how: `pgbench ${CONNECTIONS} clients, ${seconds} s, autocommit UPDATE by receipt_code over the same ${pool.toLocaleString('en')} rows`,
  };
}

async function pgliteUpdates(ctx: BenchContext, pool: number, seconds: number) {
  const dir = tempDir('haicap-bench-ref-');
  const database = await openDatabase({ dataDir: dir });
  try {
    await runMigrations(database);
    await loadReferenceUnits(database);
    await loadProcedureCatalogue(database);
    const counts = await prepareSyntheticTables(database);
    for (let a = 1; a <= pool; a += 50_000)
      await database.db.execute(
        sql.raw(syntheticInsertSql(a, Math.min(pool, a + 49_999), new Date().toISOString(), counts, 'open')),
      );
    await database.db.execute(sql.raw('VACUUM (ANALYZE) dossiers'));
    const pg = database.pglite!;
    const stmt = `UPDATE dossiers SET version = version + 1, updated_at = now() WHERE receipt_code = $1`;
    const t0 = performance.now();
    let n = 0;
    const lat: number[] = [];
    while (performance.now() - t0 < seconds * 1000) {
      const code = 'BENCH' + String(1 + Math.floor(Math.random() * pool)).padStart(9, '0');
      const s = performance.now();
      await pg.query(stmt, [code]);
      lat.push(performance.now() - s);
      n++;
    }
    const tps = n / ((performance.now() - t0) / 1000);
    ctx.log(`  PGlite loop: ${n} updates`);
    return {
      tps,
      latencyAvgMs: round(lat.reduce((a, b) => a + b, 0) / lat.length, 3),
      postgresMsPerTx: null,
      how:
        `PGlite in-process loop, ${seconds} s, autocommit UPDATE by receipt_code over ${pool.toLocaleString('en')} rows ` +
        '(a separate PGlite of the same shape: the server process holds the other)',
    };
  } finally {
    await database.close();
    removeDir(dir);
  }
}
