/**
 * An office day under load (issue #14): 10 minutes (`--quick` 60 s) of a weighted mix of what the offices do, at 50
 * connections, from many signed-in accounts of different units and roles: commune accounts and the showcase
 * commune's personal receiving officers, specialists and leaders, province officers, the Ministry. wrk (a third
 * process, bench/wrk/office-day.lua) keeps 50 requests in flight without pause (a closed loop: the figure is the
 * latency the server gives when it is kept busy, not an office's think time). The server under test is a fresh one
 * (its own database, the demo nation and a pool of open dossiers) so that its memory is read from its start.
 *
 * Reported: requests, every status per kind, errors (any non-2xx but the 409 a retried intake may get, and socket
 * errors), p50/p99 per kind and overall, CPU per request, the server's RSS every 10 s with the rule "flat": the
 * highest sample after the warm-up (the first minute; a third of a quick run) is at most 1.10 × the highest sample
 * of the warm-up.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { emptyServer } from '../app-server.js';
import {
  benchDir,
  cpuMeter,
  percentile,
  readText,
  removeDir,
  round,
  runWrk,
  signInHttp,
  startServer,
  tempDir,
  treeRssKb,
  writeText,
  type Scenario,
} from '../lib.js';

const CONNECTIONS = 50;
const THREADS = 2;
/** communes whose accounts are signed in (those holding the most open dossiers), and the showcase commune */
const COMMUNES = 40;
const SHOWCASE = '00004';
/** the showcase units' personal accounts (src/demo/personal-accounts.ts); those the demo made are signed in */
const PERSONAL = [
  ['receiving', 'tiepnhan', 2],
  ['specialist', 'chuyenvien', 2],
  ['leader', 'lanhdao', 2],
] as const;
/** the intake's procedure: a national procedure of the commune level (the fault tests' too) */
const PROCEDURE = '1.004873';
/** RSS: the highest sample after the warm-up may be this much above the warm-up's highest */
const FLAT_FACTOR = 1.1;
const RSS_LIMIT_MB = 400;
const P99_TARGET_MS = 250;

interface Session {
  kind: string;
  username: string;
  cookie: string;
  csrfToken: string;
  unit: string;
  province: string;
  people: string[];
}

export const officeDay: Scenario = {
  name: 'office-day',
  async run(ctx) {
    const seconds = ctx.quick ? 60 : 600;
    const warmupS = Math.min(60, seconds / 3);
    const db = await ctx.freshDatabase('office');
    const dir = tempDir('haicap-bench-office-');
    ctx.onCleanup(() => removeDir(dir));
    const idsFile = join(dir, 'ids.tsv');
    const pool = ctx.quick ? 40_000 : 200_000;
    ctx.log(`starting a server of its own (${ctx.kind}, demo nation, ${pool.toLocaleString('en')} open dossiers)…`);
    const srv = await startServer(
      ['--seed-open', String(pool), '--ids-file', idsFile, '--echo-id'],
      { DATABASE_URL: db.url ?? '', DATA_DIR: db.dataDir ?? '' },
      ctx.log,
      // the demo nation takes minutes to make on a loaded machine (12 on PostgreSQL at a load average of 15)
      1_800_000,
    );
    ctx.onCleanup(() => srv.stop());
    ctx.log(`  server ready on :${srv.port} in ${srv.info.readyMs} ms`);
    const get = (s: Session, path: string) => fetch(srv.url + path, { headers: { cookie: s.cookie } });

    // The accounts: the communes holding the most open dossiers, their provinces, the Ministry, the showcase's people.
    const rows = readText(idsFile)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t') as [string, string, string]);
    const perUnit = new Map<string, number>();
    for (const [, , u] of rows) perUnit.set(u, (perUnit.get(u) ?? 0) + 1);
    const communes = [...perUnit.entries()]
      .filter(([u]) => u.length === 5)
      .sort((a, b) => b[1] - a[1])
      .slice(0, COMMUNES)
      .map(([u]) => u);
    if (!communes.includes(SHOWCASE)) communes.push(SHOWCASE);
    const provinceOf = new Map(rows.map(([, p, u]) => [u, p]));
    provinceOf.set(SHOWCASE, '01');
    const provinces = [...new Set(communes.map((c) => provinceOf.get(c)!))];
    const sessions: Session[] = [];
    const signIn = async (kind: string, username: string, unit: string, province: string) => {
      const s = await signInHttp(srv.url, username, 'haicap-demo');
      sessions.push({ kind, username, ...s, unit, province, people: [] });
    };
    for (const c of communes) await signIn('commune', `commune-${c}`, c, provinceOf.get(c)!);
    for (const p of provinces) await signIn('province', `province-${p}`, p, p);
    await signIn('ministry', 'ministry', '', '');
    for (const [kind, key, count] of PERSONAL)
      for (let n = 1; n <= count; n++)
        await signIn(kind, `${SHOWCASE}-${key}-${n}`, SHOWCASE, '01').catch(() => undefined);
    // People each account may open (the first page of its unit's, province's or country's staff).
    for (const s of sessions) {
      const q = s.kind === 'ministry' ? '' : s.kind === 'province' ? `province=${s.province}&` : `unit=${s.unit}&`;
      const res = await get(s, `/api/people?${q}pageSize=20`);
      if (res.status === 200) s.people = ((await res.json()) as { items: { id: string }[] }).items.map((p) => p.id);
      else await res.body?.cancel();
    }
    const signedIn = new Set(communes);
    const poolRows = rows.filter(([, , u]) => signedIn.has(u));
    const byKind = sessions.reduce<Record<string, number>>((m, s) => ({ ...m, [s.kind]: (m[s.kind] ?? 0) + 1 }), {});
    ctx.log(
      `  ${sessions.length} accounts signed in (${Object.entries(byKind)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}); ${poolRows.length.toLocaleString('en')} open dossiers in their communes`,
    );
    if (poolRows.length < 1000) throw new Error(`too few open dossiers in the signed-in communes: ${poolRows.length}`);
    const sessionsFile = join(dir, 'sessions.tsv');
    writeText(
      sessionsFile,
      sessions
        .map((s) => [s.kind, s.username, s.cookie, s.csrfToken, s.unit, s.province, s.people.join(',')].join('\t'))
        .join('\n') + '\n',
    );
    const poolFile = join(dir, 'pool.tsv');
    writeText(poolFile, poolRows.map((r) => r.join('\t')).join('\n') + '\n');

    // Each kind once before the load, to stop on a wrong route or account rather than count 10 minutes of errors.
    const commune = sessions.find((s) => s.kind === 'commune' && s.people.length)!;
    const field = String(srv.info.topField ?? '');
    const checks: [Session, string][] = [
      [commune, `/api/dossiers?unit=${commune.unit}&status=received&pageSize=50`],
      [commune, `/api/dossiers/${poolRows.find((r) => r[2] === commune.unit)?.[0] ?? poolRows[0]![0]}`],
      [commune, '/api/dossiers/queue'],
      [commune, `/api/dashboards/dossiers?unit=${commune.unit}`],
      [sessions.find((s) => s.kind === 'ministry')!, '/api/dashboards/dossiers'],
      [commune, '/api/units?q=ba%20dinh&pageSize=20'],
      [commune, `/api/people/${commune.people[0]}`],
    ];
    for (const [s, path] of checks) {
      const res = await get(s, path);
      if (res.status !== 200) throw new Error(`${s.username} GET ${path}: ${res.status} ${await res.text()}`);
      await res.body?.cancel();
    }
    const intake = await fetch(`${srv.url}/api/dossiers`, {
      method: 'POST',
      headers: { cookie: commune.cookie, 'x-csrf-token': commune.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: PROCEDURE, channel: 'in_person', applicantName: 'Nguyễn Văn Thử' }),
    });
    if (intake.status !== 201)
      throw new Error(`intake by ${commune.username}: ${intake.status} ${await intake.text()}`);

    // The reference: an empty route of a bare Fastify at the same connections.
    const ref = await emptyServer(ctx);
    const r0 = runWrk(`${ref.url}/bench/empty`, { connections: CONNECTIONS, seconds: 10 });
    ctx.log(`  empty route: ${round(r0.rps, 0)} req/s, p99 ${round(r0.p99Ms)} ms`);

    // The load, with the server's RSS every 10 s.
    const outFile = join(dir, 'requests.tsv');
    const rss: { s: number; mb: number }[] = [];
    const sample = (s: number) => rss.push({ s, mb: round(treeRssKb(srv.pid).total / 1024, 1) });
    const load0 = loadavg().map((x) => round(x, 2));
    ctx.log(`  ${CONNECTIONS} connections × ${seconds} s; load average ${load0.join(' / ')}`);
    const meter = cpuMeter(srv.pid);
    sample(0);
    const t0 = Date.now();
    const timer = setInterval(() => {
      const s = Math.round((Date.now() - t0) / 1000);
      sample(s);
      if (s % 60 === 0) ctx.log(`  ${s} s: RSS ${rss.at(-1)!.mb} MB`);
    }, 10_000);
    const wrkOut = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [
          '-t',
          String(THREADS),
          '-c',
          String(CONNECTIONS),
          '-d',
          `${seconds}s`,
          '--timeout',
          '10s',
          '-s',
          join(benchDir, 'wrk', 'office-day.lua'),
          srv.url,
        ],
        {
          env: {
            ...process.env,
            BENCH_WRK_DIR: join(benchDir, 'wrk'),
            BENCH_SESSIONS: sessionsFile,
            BENCH_IDS: poolFile,
            BENCH_FIELD: encodeURIComponent(field),
            BENCH_PROCEDURE: PROCEDURE,
            BENCH_THREADS: String(THREADS),
            BENCH_STAMP: String(Date.now()),
            BENCH_OUT: outFile,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const kill = setTimeout(() => child.kill('SIGKILL'), (seconds + 120) * 1000);
      child.on('error', reject);
      child.on('exit', () => {
        clearTimeout(kill);
        resolve(out);
      });
    });
    clearInterval(timer);
    sample(Math.round((Date.now() - t0) / 1000));
    const load1 = loadavg().map((x) => round(x, 2));
    const line = wrkOut.split('\n').find((l) => l.startsWith('WRKJSON '));
    const files = Array.from({ length: THREADS }, (_, i) => `${outFile}.${i}`);
    if (!line || !files.every((f) => existsSync(f))) throw new Error(`wrk gave no result: ${wrkOut.slice(-2000)}`);
    const w = JSON.parse(line.slice(8)) as { requests: number; duration_us: number; errors: number };
    const cpu = meter(w.requests);

    // Per kind: latencies and statuses, from the script's files; the retried intakes' answers against the first's.
    const lat = new Map<string, number[]>();
    const statuses = new Map<string, Map<number, number>>();
    const first = new Map<string, string>();
    const again = new Map<string, string>();
    for (const file of files)
      for (const l of readFileSync(file, 'utf8').split('\n')) {
        const f = l.split('\t');
        if (f[0] === 'L') {
          const [, kind, status, us] = f as [string, string, string, string];
          const a = lat.get(kind) ?? [];
          a.push(Number(us) / 1000);
          lat.set(kind, a);
          const m = statuses.get(kind) ?? new Map<number, number>();
          m.set(Number(status), (m.get(Number(status)) ?? 0) + 1);
          statuses.set(kind, m);
        } else if (f[0] === 'I') first.set(f[1]!, f[2]!);
        else if (f[0] === 'J') again.set(f[1]!, f[2]!);
      }
    const retries = { same: 0, differ: 0, unmatched: 0 };
    for (const [key, id] of again) {
      const was = first.get(key);
      if (was === undefined) retries.unmatched++;
      else if (was === id) retries.same++;
      else retries.differ++;
    }
    const all = [...lat.values()].flat();
    const kinds = [...lat.keys()].filter((k) => lat.get(k)!.length).sort();
    const errorsOf = (kind: string) =>
      [...(statuses.get(kind) ?? new Map<number, number>()).entries()]
        .filter(([st]) => (st < 200 || st > 299) && !(kind === 'intake retry' && st === 409))
        .reduce((n, [, c]) => n + c, 0);
    const httpErrors = kinds.reduce((n, k) => n + errorsOf(k), 0);
    const errors = httpErrors + w.errors + retries.differ;
    const perKind = kinds.map((k) => {
      const a = lat.get(k)!;
      return {
        kind: k,
        requests: a.length,
        p50Ms: round(percentile(a, 50), 1),
        p99Ms: round(percentile(a, 99), 1),
        maxMs: round(Math.max(...a), 0),
        statuses: Object.fromEntries(statuses.get(k) ?? []),
        errors: errorsOf(k),
      };
    });
    const p50 = percentile(all, 50);
    const p99 = percentile(all, 99);
    const rps = w.requests / (w.duration_us / 1e6);
    for (const k of perKind)
      ctx.log(
        `  ${k.kind.padEnd(14)} ${String(k.requests).padStart(7)} req  p50 ${k.p50Ms} ms  p99 ${k.p99Ms} ms  max ${k.maxMs} ms  ` +
          `statuses ${JSON.stringify(k.statuses)}`,
      );
    ctx.log(
      `  all: ${all.length} req (${round(rps, 0)}/s), p50 ${round(p50)} ms, p99 ${round(p99)} ms; errors ${errors} ` +
        `(HTTP ${httpErrors}, socket or past wrk's 10 s timeout ${w.errors}, retries answered with another dossier ` +
        `${retries.differ}); ` +
        `retries replayed ${retries.same}; CPU per request: server ${cpu.serverMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms`,
    );

    // Memory: flat when no sample after the warm-up passes the warm-up's highest by more than FLAT_FACTOR.
    const warm = rss.filter((x) => x.s <= warmupS);
    const after = rss.filter((x) => x.s > warmupS);
    const warmMax = Math.max(...warm.map((x) => x.mb));
    const afterMax = after.length ? Math.max(...after.map((x) => x.mb)) : warmMax;
    const peak = Math.max(...rss.map((x) => x.mb));
    const flat = afterMax <= FLAT_FACTOR * warmMax;
    const drift = after.length ? round(after.at(-1)!.mb - after[0]!.mb, 1) : 0;
    ctx.log(
      `  RSS (MB) every 10 s: ${rss.map((x) => x.mb).join(', ')}; warm-up (≤ ${warmupS} s) max ${warmMax}, after max ` +
        `${afterMax} (${flat ? 'flat' : 'NOT flat'}), peak ${peak}; load average ${load0.join(' / ')} → ${load1.join(' / ')}`,
    );

    const kindsNote = perKind
      .map(
        (k) =>
          `${k.kind} ${k.requests.toLocaleString('en')} (p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms; ` +
          `${Object.entries(k.statuses)
            .map(([st, n]) => `${st}×${n}`)
            .join(' ')})`,
      )
      .join('; ');
    const machineNote = `load average ${load0.join(' / ')} at the start of the load, ${load1.join(' / ')} at its end`;
    const accountsNote = `${sessions.length} accounts (${Object.entries(byKind)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')})`;
    const details = {
      seconds,
      connections: CONNECTIONS,
      requests: all.length,
      wrkRequests: w.requests,
      rps: round(rps, 1),
      p50Ms: round(p50, 2),
      p99Ms: round(p99, 2),
      errors,
      httpErrors,
      socketErrors: w.errors,
      retries,
      perKind,
      cpu,
      rssMb: rss,
      warmupS,
      loadAverage: { start: load0, end: load1 },
      accounts: byKind,
      reference: { rps: round(r0.rps, 1), p99Ms: round(r0.p99Ms, 2) },
    };
    return [
      {
        name: 'office day: mixed load at 50 connections',
        figure: round(p99, 1),
        unit: 'ms p99',
        reference: round(r0.p99Ms, 1),
        referenceUnit: 'ms p99 empty Fastify route',
        ratio: null,
        target: `0 errors, p99 < ${P99_TARGET_MS} ms (${seconds / 60} min)`,
        met: errors === 0 && p99 < P99_TARGET_MS,
        notes:
          `${all.length.toLocaleString('en')} requests in ${seconds} s (${round(rps, 0)}/s), p50 ${round(p50)} ms, ` +
          `p99 ${round(p99)} ms; errors ${errors} (non-2xx ${httpErrors}, wrk's socket errors and answers past its 10 s ` +
          `timeout ${w.errors}, retried intakes answered ` +
          `with another dossier ${retries.differ}); ${retries.same} retried intakes got the first answer back; ` +
          `per kind: ${kindsNote}; ${accountsNote}; CPU per request: server ${cpu.serverMsPerRequest} ms` +
          (ctx.kind === 'postgres' ? `, PostgreSQL ${cpu.postgresMsPerRequest} ms` : '') +
          `; ${machineNote}`,
        details,
      },
      {
        name: 'office day: server memory',
        figure: peak,
        unit: 'MB peak RSS',
        reference: rss[0]!.mb,
        referenceUnit: 'MB RSS before the load',
        ratio: round(peak / rss[0]!.mb, 2),
        target: `flat after the first minute (max after ≤ ${FLAT_FACTOR} × max of the first), < ${RSS_LIMIT_MB} MB`,
        met: flat && peak < RSS_LIMIT_MB,
        notes:
          `RSS every 10 s (MB): ${rss.map((x) => x.mb).join(', ')}; warm-up (first ${warmupS} s) max ${warmMax} MB, ` +
          `afterwards max ${afterMax} MB: ${flat ? 'flat' : 'NOT flat'}; from the first sample after the warm-up to the ` +
          `last ${drift >= 0 ? '+' : ''}${drift} MB; ${machineNote}`,
        details: { rssMb: rss, warmupS, warmMax, afterMax, flat, drift, peak },
      },
    ];
  },
};
