/**
 * Shared pieces of the benchmark harness: options, throw-away databases, synthetic dossiers,
 * percentiles, the separate server process and the wrk runner.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';

export const benchDir = fileURLToPath(new URL('.', import.meta.url));
export const repoDir = fileURLToPath(new URL('..', import.meta.url));

export interface ScenarioResult {
  name: string;
  figure: number | null;
  unit: string;
  reference: number | null;
  referenceUnit: string;
  /** figure ÷ reference, or reference ÷ figure where smaller is better (said in notes) */
  ratio: number | null;
  target: string;
  met: boolean | null;
  notes: string;
  /** extra figures (p50, p99, sizes …) for the JSON file */
  details?: Record<string, unknown>;
  /** the scenario that measured it (set by the harness; LATEST.md replaces a scenario's lines as a whole) */
  scenario?: string;
}

export interface BenchContext {
  quick: boolean;
  /** postgres://… of the server, or undefined for PGlite */
  serverUrl?: string;
  kind: 'pglite' | 'postgres';
  log(line: string): void;
  /** registers clean-up to run at the end, even on failure */
  onCleanup(fn: () => Promise<void> | void): void;
  /** a fresh database for one scenario: a new server database, or a temp PGlite dir */
  freshDatabase(label: string): Promise<{ url?: string; dataDir?: string }>;
}

export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ScenarioResult[]>;
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// ---------- throw-away server databases ----------

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createServerDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return withDatabase(serverUrl, name);
}

export async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

// ---------- synthetic dossiers ----------

/**
 * Helper tables for the generators: communes ordered by population (the skew of the draw), and the
 * national procedures. Created once per database.
 */
export async function prepareSyntheticTables(database: Database): Promise<{ communes: number; procs: number }> {
  const exec = (q: string) => database.db.execute(sql.raw(q));
  await exec(
    `CREATE TABLE IF NOT EXISTS bench_communes (i int PRIMARY KEY, code text NOT NULL, province_code text NOT NULL)`,
  );
  await exec(
    `CREATE TABLE IF NOT EXISTS bench_procs
       (i int PRIMARY KEY, code text NOT NULL, field text NOT NULL, working_days int NOT NULL, online boolean NOT NULL)`,
  );
  await exec(`TRUNCATE bench_communes, bench_procs`);
  await exec(
    `INSERT INTO bench_communes SELECT row_number() OVER (ORDER BY population DESC NULLS LAST, code), code, province_code
       FROM units WHERE level = 'commune'`,
  );
  await exec(
    `INSERT INTO bench_procs SELECT row_number() OVER (ORDER BY code), code, field, working_days, online
       FROM procedures WHERE province_code = '' AND valid_to IS NULL AND decision_level = 'commune'`,
  );
  const [c] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM bench_communes`);
  const [p] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM bench_procs`);
  return { communes: c!.n, procs: p!.n };
}

/**
 * INSERT … SELECT of synthetic dossiers numbered [from, to]: a year of days ending `now`, communes drawn
 * with a population skew over all 34 provinces, 45 % online, ~5 % still open (mostly the last two weeks),
 * ~87 % finished on time, 80 % scanned, 30 % rated. mode 'open' makes every row a 'received' dossier of
 * the last three days (the pool that the action benchmark moves along).
 */
export function syntheticInsertSql(
  from: number,
  to: number,
  nowIso: string,
  counts: { communes: number; procs: number },
  mode: 'year' | 'open' = 'year',
): string {
  const age = mode === 'open' ? `r.r3 * 3` : `r.r3 * 365`;
  const open = mode === 'open' ? `true` : `((r.r3 * 365 < 14 AND r.r4 < 0.7) OR r.r4 < 0.01)`;
  const openStatus =
    mode === 'open'
      ? `'received'`
      : `(ARRAY['registered','received','in_processing','supplement_requested'])[1 + floor(r.r6 * 4)::int]`;
  return `
INSERT INTO dossiers (province_code, receipt_code, procedure_code, procedure_field, receiving_unit_code, handling_unit_code,
  channel, status, applicant_name, received_at, working_days, clock_start_on, due_date, original_due_date, supplement_count,
  finished_at, finished_on,
  has_input_scan, has_e_result, rating, version, updated_at)
SELECT province_code, receipt_code, procedure_code, procedure_field, unit, unit, channel, status, applicant_name, received_at, working_days,
  CASE WHEN status = 'registered' THEN NULL ELSE received_on END,
  CASE WHEN status = 'registered' THEN NULL ELSE received_on + (working_days * 1.4)::int END,
  CASE WHEN status = 'registered' THEN NULL ELSE received_on + (working_days * 1.4)::int END,
  supplement_count, finished_at, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
  has_input_scan, has_e_result, CASE WHEN finished_at IS NULL THEN NULL ELSE rating END, 1, coalesce(finished_at, received_at)
FROM (
  SELECT c.province_code, 'BENCH' || lpad(r.g::text, 9, '0') AS receipt_code, p.code AS procedure_code,
    p.field AS procedure_field, c.code AS unit,
    CASE WHEN r.r5 < 0.45 THEN 'online' WHEN r.r5 < 0.95 THEN 'in_person' ELSE 'post' END AS channel,
    CASE WHEN ${open} THEN ${openStatus}
         WHEN r.r4 < 0.04 THEN 'not_accepted' WHEN r.r4 < 0.05 THEN 'stopped' WHEN r.r4 < 0.3 THEN 'processed'
         ELSE 'returned' END AS status,
    'Nguyễn Văn ' || r.g AS applicant_name,
    ra AS received_at, (ra AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS received_on, p.working_days,
    CASE WHEN r.g % 50 = 0 THEN 2 WHEN r.g % 10 = 0 THEN 1 ELSE 0 END AS supplement_count,
    CASE WHEN ${open} THEN NULL
         ELSE least(TIMESTAMPTZ '${nowIso}', ra + (r.r6 * p.working_days * 1.6) * interval '1 day') END AS finished_at,
    (r.g % 10) < 8 AS has_input_scan, (r.g % 7) < 4 AS has_e_result,
    CASE WHEN (r.g * 37) % 100 >= 30 THEN NULL WHEN (r.g * 53) % 10 < 5 THEN 'very_satisfied'
         WHEN (r.g * 53) % 10 < 9 THEN 'satisfied' ELSE 'not_satisfied' END AS rating
  FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
        FROM generate_series(${from}, ${to}) AS g OFFSET 0) r
  CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '${nowIso}' - (${age}) * interval '1 day' AS ra) t
  JOIN bench_communes c ON c.i = 1 + least(${counts.communes - 1}, floor(power(r.r1, 2) * ${counts.communes})::int)
  JOIN bench_procs p ON p.i = 1 + least(${counts.procs - 1}, floor(r.r2 * ${counts.procs})::int)
) s`;
}

/** dossier_daily_stats from the dossiers: what the platform maintains incrementally, rebuilt in one pass. */
export const FILL_DAILY_STATS = `
INSERT INTO dossier_daily_stats (province_code, unit_code, day, field, received, received_online, received_offered_online,
  received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied,
  complained_or_dissatisfied, wait_minutes_total)
SELECT province_code, unit_code, day, field, sum(received), sum(received_online), sum(received_offered_online),
  sum(received_digitized), sum(finished),
  sum(finished_on_time), sum(finished_with_e_result), sum(ratings), sum(ratings_satisfied), sum(dislikes), sum(wait)
FROM (
  SELECT province_code, receiving_unit_code AS unit_code, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
    procedure_field AS field, count(*) AS received, count(*) FILTER (WHERE channel = 'online') AS received_online,
    count(*) FILTER (WHERE procedure_code IN (SELECT code FROM procedures WHERE online)) AS received_offered_online,
    count(*) FILTER (WHERE has_input_scan) AS received_digitized,
    0 AS finished, 0 AS finished_on_time, 0 AS finished_with_e_result, 0 AS ratings, 0 AS ratings_satisfied,
    0 AS dislikes, sum(CASE WHEN channel = 'in_person' THEN 12 ELSE 0 END) AS wait
  FROM dossiers GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT province_code, handling_unit_code, finished_on, procedure_field, 0, 0, 0, 0,
    count(*), count(*) FILTER (WHERE supplement_count <= 1 AND (due_date IS NULL OR finished_on <= due_date)),
    count(*) FILTER (WHERE has_e_result),
    count(*) FILTER (WHERE rating IS NOT NULL), count(*) FILTER (WHERE rating IN ('very_satisfied', 'satisfied')),
    count(*) FILTER (WHERE rating = 'not_satisfied'), 0
  FROM dossiers WHERE finished_on IS NOT NULL GROUP BY 1, 2, 3, 4
) x GROUP BY 1, 2, 3, 4`;

/** The province roll-up the country board reads (the platform keeps it in step with each action). */

// ---------- JS rows for the bulk scenario (same distribution) ----------

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

export interface DossierRowJs {
  id: string;
  province_code: string;
  receipt_code: string;
  procedure_code: string;
  procedure_field: string;
  receiving_unit_code: string;
  handling_unit_code: string;
  channel: string;
  status: string;
  applicant_name: string;
  applicant_id_number: string;
  received_at: string;
  working_days: number;
  clock_start_on: string | null;
  due_date: string | null;
  finished_at: string | null;
  finished_on: string | null;
  has_input_scan: boolean;
  has_e_result: boolean;
  rating: string | null;
}

const hex = (r: Rng, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += ((r.next() * 16) | 0).toString(16);
  return s;
};
const vnDate = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Minh Châu',
  'Quốc Dũng',
  'Thị Hà',
  'Đức Huy',
  'Thu Lan',
  'Hoàng Long',
  'Thị Mai',
  'Văn Nam',
];

export function* syntheticRows(
  n: number,
  chunk: number,
  seed: number,
  nowMs: number,
  communes: { code: string; province_code: string }[],
  procs: { code: string; field: string; working_days: number }[],
): Generator<DossierRowJs[]> {
  const r = new Rng(seed);
  let rows: DossierRowJs[] = [];
  for (let g = 1; g <= n; g++) {
    const c = communes[Math.min(communes.length - 1, Math.floor(r.next() ** 2 * communes.length))]!;
    const p = procs[Math.floor(r.next() * procs.length)]!;
    const ageDays = r.next() * 365;
    const r4 = r.next();
    const r5 = r.next();
    const r6 = r.next();
    const open = (ageDays < 14 && r4 < 0.7) || r4 < 0.01;
    const ra = nowMs - ageDays * 86_400_000;
    const status = open
      ? ['registered', 'received', 'in_processing', 'supplement_requested'][Math.floor(r6 * 4)]!
      : r4 < 0.04
        ? 'not_accepted'
        : r4 < 0.05
          ? 'stopped'
          : r4 < 0.3
            ? 'processed'
            : 'returned';
    const receivedOn = vnDate(ra);
    const due = status === 'registered' ? null : vnDate(ra + Math.round(p.working_days * 1.4) * 86_400_000);
    const fa = open ? null : Math.min(nowMs, ra + r6 * p.working_days * 1.6 * 86_400_000);
    const u = `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
    rows.push({
      id: u,
      province_code: c.province_code,
      receipt_code: 'BULK' + String(g).padStart(10, '0'),
      procedure_code: p.code,
      procedure_field: p.field,
      receiving_unit_code: c.code,
      handling_unit_code: c.code,
      channel: r5 < 0.45 ? 'online' : r5 < 0.95 ? 'in_person' : 'post',
      status,
      applicant_name: `${SURNAMES[g % SURNAMES.length]} ${GIVEN[(g * 7) % GIVEN.length]}`,
      applicant_id_number: String(1e11 + ((g * 7919) % 9e11))
        .padStart(12, '0')
        .slice(0, 12),
      received_at: new Date(ra).toISOString(),
      working_days: p.working_days,
      clock_start_on: status === 'registered' ? null : receivedOn,
      due_date: due,
      finished_at: fa === null ? null : new Date(fa).toISOString(),
      finished_on: fa === null ? null : vnDate(fa),
      has_input_scan: g % 10 < 8,
      has_e_result: g % 7 < 4,
      rating:
        fa === null || (g * 37) % 100 >= 30
          ? null
          : (g * 53) % 10 < 5
            ? 'very_satisfied'
            : (g * 53) % 10 < 9
              ? 'satisfied'
              : 'not_satisfied',
    });
    if (rows.length === chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length) yield rows;
}

export const BULK_COLUMNS: Record<keyof DossierRowJs, string> = {
  id: 'uuid',
  province_code: 'text',
  receipt_code: 'text',
  procedure_code: 'text',
  procedure_field: 'text',
  receiving_unit_code: 'text',
  handling_unit_code: 'text',
  channel: 'text',
  status: 'text',
  applicant_name: 'text',
  applicant_id_number: 'text',
  received_at: 'timestamptz',
  working_days: 'int',
  clock_start_on: 'date',
  due_date: 'date',
  finished_at: 'timestamptz',
  finished_on: 'date',
  has_input_scan: 'boolean',
  has_e_result: 'boolean',
  rating: 'text',
};

/** CSV for COPY (text values here never hold a comma, quote or newline, but quote anyway). */
export function toCsv(rows: DossierRowJs[]): string {
  const cols = Object.keys(BULK_COLUMNS) as (keyof DossierRowJs)[];
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    out[i] = cols
      .map((c) => {
        const v = row[c];
        if (v === null) return '';
        if (typeof v === 'string') return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
        return String(v);
      })
      .join(',');
  }
  return out.join('\n') + '\n';
}

// ---------- processes ----------

export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** RSS (kB) of a process and all its descendants, read from /proc. */
export function treeRssKb(rootPid: number, exclude?: RegExp): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const pid = Number(name);
      if (exclude?.test(readFileSync(`/proc/${name}/cmdline`, 'utf8'))) continue;
      rss.set(pid, kb);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  let largest = 0;
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop()!;
    const r = rss.get(p) ?? 0;
    total += r;
    largest = Math.max(largest, r);
    stack.push(...(children.get(p) ?? []));
  }
  return { total, largest };
}

export interface ServerHandle {
  port: number;
  url: string;
  pid: number;
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Starts `tsx bench/server.ts …` in its own process and waits for its READY line. */
export async function startServer(
  args: string[],
  env: Record<string, string | undefined>,
  log: (l: string) => void,
  timeoutMs = Number(process.env.BENCH_SERVER_START_TIMEOUT_MS ?? 600_000),
): Promise<ServerHandle> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      join(benchDir, 'server.ts'),
      '--port',
      String(port),
      ...args,
    ],
    {
      cwd: repoDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith('READY ')) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(6)));
        } else if (line.trim()) log(`  [server] ${line}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${stderr}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    info,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      }),
  };
}

export interface WrkResult {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  raw: string;
}

/** Runs wrk (a separate process) and reads the JSON line that bench/wrk/report.lua prints. */
export function runWrk(
  url: string,
  opts: {
    connections: number;
    seconds: number;
    threads?: number;
    script?: string;
    headers?: Record<string, string>;
    env?: Record<string, string>;
  },
): WrkResult {
  const args = [
    '-t',
    String(opts.threads ?? 2),
    '-c',
    String(opts.connections),
    '-d',
    `${opts.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    opts.script ?? join(benchDir, 'wrk', 'get.lua'),
  ];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const r = spawnSync('wrk', args, {
    encoding: 'utf8',
    env: { ...process.env, BENCH_WRK_DIR: join(benchDir, 'wrk'), ...opts.env },
    timeout: (opts.seconds + 60) * 1000,
  });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk gave no result: ${out.slice(-2000)}`);
  const j = JSON.parse(line.slice(8)) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p99_us: number;
    max_us: number;
    errors: number;
    status_errors: number;
  };
  const durationS = j.duration_us / 1e6;
  return {
    requests: j.requests,
    durationS,
    rps: j.requests / durationS,
    p50Ms: j.p50_us / 1000,
    p99Ms: j.p99_us / 1000,
    maxMs: j.max_us / 1000,
    errors: j.errors,
    non2xx: j.status_errors,
    raw: out,
  };
}

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

export async function signInHttp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

export function writeText(path: string, text: string) {
  writeFileSync(path, text);
}
export function readText(path: string) {
  return readFileSync(path, 'utf8');
}
export function removeDir(path: string) {
  rmSync(path, { recursive: true, force: true });
}

/**
 * CPU time (ms, user + system, every thread) of one process; with `reapedChildren`, plus that of its children
 * that have exited (PostgreSQL's postmaster reaps its backends: pgbench's connections end before we look).
 * 0 when it is gone. Linux /proc, 100 ticks/s.
 */
export function processCpuMs(pid: number, reapedChildren = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + (reapedChildren ? Number(f[13]) + Number(f[14]) : 0)) * 10;
  } catch {
    return 0;
  }
}

/** CPU time (ms) of every PostgreSQL server process on this machine, ended backends included (0 on PGlite: it runs inside the server). */
export function postgresCpuMs(): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const p of entries) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(Number(p), true);
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * CPU spent per request during a load run, by the server under test and by PostgreSQL: on a machine
 * shared with other work the request rate swings with the load, the work each request costs does not.
 */
export function cpuMeter(serverPid: number) {
  const server0 = processCpuMs(serverPid);
  const pg0 = postgresCpuMs();
  return (requests: number) => {
    const n = Math.max(1, requests);
    return {
      serverMsPerRequest: round((processCpuMs(serverPid) - server0) / n, 2),
      postgresMsPerRequest: round((postgresCpuMs() - pg0) / n, 2),
    };
  };
}
