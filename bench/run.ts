/**
 * The benchmark suite (issue #7). `npm run bench` (full sizes) or `npm run bench -- --quick`
 * (a few minutes), `--only <scenario>[,<scenario>]`, `--latest` (only rewrite LATEST.md). Runs on PGlite, or on PostgreSQL when
 * DATABASE_URL is set (throw-away databases haicap_bench_<pid>_*, dropped after).
 * Prints a table and writes bench/results/<date>-<database>.json and .md, and LATEST.md.
 * Needs: wrk (Debian package), pgbench (PostgreSQL client, server runs only), /usr/bin/chromium.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import {
  benchDir,
  createServerDatabase,
  dropServerDatabase,
  removeDir,
  tempDir,
  wrkAvailable,
  type BenchContext,
  type Scenario,
  type ScenarioResult,
} from './lib.js';
import { coldStart } from './scenarios/cold-start.js';
import { readApi } from './scenarios/read-api.js';
import { actions } from './scenarios/actions.js';
import { web } from './scenarios/web.js';
import { bulk } from './scenarios/bulk.js';
import { boards } from './scenarios/boards.js';
import { workforceFile } from './scenarios/workforce-file.js';
import { workforceSummary } from './scenarios/workforce-summary.js';
import { settlement } from './scenarios/settlement.js';
import { reports } from './scenarios/reports.js';
import { archives } from './scenarios/archives.js';
import { archivesUpload } from './scenarios/archives-upload.js';

import { trainings } from './scenarios/trainings.js';
import { officeDay } from './scenarios/office-day.js';

const ALL: Scenario[] = [
  coldStart,
  readApi,
  actions,
  web,
  bulk,
  boards,
  workforceFile,
  workforceSummary,
  settlement,
  reports,
  trainings,
  archives,
  archivesUpload,
  officeDay,
];
const argv = process.argv.slice(2);
const USAGE = `npm run bench [-- options]   (DATABASE_URL set: PostgreSQL, else PGlite)
  --quick                 smaller sizes, a few minutes
  --only a,b              only these scenarios: ${ALL.map((s) => s.name).join(', ')}
  --latest                only rewrite bench/results/LATEST.md from the results already written
  --help                  this text (runs nothing)
Environment: BENCH_SERVER_NODE_ARGS, BENCH_SERVER_START_TIMEOUT_MS, DB_POOL_MAX; see bench/README.md.`;
// A bench takes minutes and loads the machine: anything it does not know (a misspelt flag, `--help`) runs nothing.
const KNOWN = new Set(['--quick', '--only', '--latest']);
const unknownArgs = argv.filter((a, i) => !KNOWN.has(a) && argv[i - 1] !== '--only');
if (argv.includes('--help') || argv.includes('-h') || unknownArgs.length) {
  if (unknownArgs.length && !argv.includes('--help') && !argv.includes('-h'))
    console.error(`unknown argument(s): ${unknownArgs.join(' ')}`);
  console.log(USAGE);
  process.exit(argv.includes('--help') || argv.includes('-h') ? 0 : 2);
}
const quick = argv.includes('--quick');
const onlyArg = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const only = onlyArg?.split(',');
const serverUrl = process.env.DATABASE_URL || undefined;
const kind = serverUrl ? 'postgres' : 'pglite';
const resultsDir = join(benchDir, 'results');

if (only)
  for (const o of only)
    if (!ALL.some((s) => s.name === o))
      throw new Error(`unknown scenario ${o}; one of ${ALL.map((s) => s.name).join(', ')}`);
const latestOnly = argv.includes('--latest');
if (!latestOnly && !wrkAvailable()) throw new Error('wrk is not installed: apt-get install -y wrk');

const cleanups: (() => Promise<void> | void)[] = [];
const t0 = Date.now();
const log = (l: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${l}`);
const ctx: BenchContext = {
  quick,
  serverUrl,
  kind,
  log,
  onCleanup: (fn) => cleanups.push(fn),
  async freshDatabase(label) {
    if (serverUrl) {
      const name = `haicap_bench_${process.pid}_${label}`;
      const url = await createServerDatabase(serverUrl, name);
      cleanups.push(() => dropServerDatabase(serverUrl, name));
      return { url };
    }
    const dir = tempDir(`haicap-bench-${label}-`);
    // and the directory a first start prepares beside it (left behind when the start was stopped half-way)
    cleanups.push(() => {
      removeDir(dir);
      removeDir(`${dir}.preparing`);
    });
    return { dataDir: dir };
  },
};

async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      console.error('clean-up:', (e as Error).message);
    }
  }
}
process.on('SIGINT', async () => {
  await cleanup();
  process.exit(130);
});

const sh = (c: string) => {
  try {
    return execSync(c, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

async function machine() {
  const pg = new PGlite();
  const [{ version: pgliteVersion }] = (await pg.query<{ version: string }>('select version()')).rows as [
    { version: string },
  ];
  await pg.close();
  let serverVersion: string | null = null;
  if (serverUrl) {
    const c = postgres(serverUrl, { max: 1 });
    serverVersion = (await c`select version()`)[0]!.version as string;
    await c.end();
  }
  const pkg = JSON.parse(
    readFileSync(join(benchDir, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  return {
    nproc: Number(sh('nproc')),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    pglite: `${pkg.version} (${pgliteVersion.split(' on ')[0]})`,
    postgres: serverVersion?.split(' on ')[0] ?? null,
    wrk: sh('wrk --version 2>&1 | head -1').split(' [')[0],
    chromium: sh('/usr/bin/chromium --version'),
    os: sh('. /etc/os-release && echo $PRETTY_NAME'),
  };
}

const fmt = (x: number | null) => (x === null ? '—' : x.toLocaleString('en'));
const mark = (m: boolean | null) => (m === null ? 'n/a' : m ? 'met' : 'MISSED');

function table(results: ScenarioResult[], runs?: string[]): string {
  const head =
    `| scenario | figure | reference | ratio | target | met |${runs ? ' run |' : ''}\n` +
    `|---|---|---|---|---|---|${runs ? '---|' : ''}`;
  const rows = results.map(
    (r, i) =>
      `| ${r.name} | ${fmt(r.figure)} ${r.unit} | ${fmt(r.reference)} ${r.referenceUnit} | ` +
      `${r.ratio === null ? '—' : r.ratio} | ${r.target} | ${mark(r.met)} |${runs ? ` ${runs[i]} |` : ''}`,
  );
  return [head, ...rows].join('\n');
}

function notesList(results: ScenarioResult[]): string {
  return results.map((r) => `- **${r.name}**: ${r.notes}`).join('\n');
}

function machineLine(m: Awaited<ReturnType<typeof machine>>) {
  return (
    `${m.nproc} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, PGlite ${m.pglite}` +
    `${m.postgres ? `, ${m.postgres}` : ''}, ${m.wrk}, ${m.chromium}; ` +
    `load average at start ${m.loadAverageAtStart.join(' / ')} (machine shared with other work)`
  );
}

/**
 * LATEST.md: the newest figure of every scenario per database and size, whichever run it came from (a full run
 * with the 10M boards takes about an hour, so most runs are `--only` ones), each with a link to its run and the
 * machine it ran on. Runs of older code kept for an A/B (`-before` in the file name) are left out.
 */
function writeLatest() {
  type Run = {
    file: string;
    startedAt: string;
    database: string;
    quick: boolean;
    machine: Awaited<ReturnType<typeof machine>>;
    results: ScenarioResult[];
  };
  const runs: Run[] = readdirSync(resultsDir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}.*\.json$/.test(f) && !f.includes('-before'))
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as Omit<Run, 'file'>) }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const latest = new Map<string, Map<string, { result: ScenarioResult; run: Run }>>();
  for (const run of runs) {
    const key = `${run.database}${run.quick ? ' (quick)' : ''}`;
    const byName = latest.get(key) ?? new Map<string, { result: ScenarioResult; run: Run }>();
    // A scenario's lines are replaced as a whole (a failed run, or lines that changed names, leave nothing stale).
    const ran = new Set(run.results.map((r) => r.scenario).filter((x) => x !== undefined));
    for (const [name, line] of byName)
      if (line.result.scenario !== undefined && ran.has(line.result.scenario)) byName.delete(name);
    for (const result of run.results) byName.set(result.name, { result, run });
    latest.set(key, byName);
  }
  const when = (run: Run) => `${run.startedAt.slice(0, 16).replace('T', ' ')} UTC`;
  let md =
    '# Benchmark figures (latest per scenario, database and size)\n\n' +
    'Written by `npm run bench`; see `bench/README.md`. Every figure is paired with a reference measured in the same run; ' +
    'each line links the run it comes from, and the runs below say which machine.\n';
  for (const [key, byName] of [...latest.entries()].sort()) {
    const lines = [...byName.values()];
    const used = [...new Set(lines.map((l) => l.run))].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    md += `\n## ${key}\n\n${table(
      lines.map((l) => l.result),
      lines.map((l) => `[${l.run.startedAt.slice(0, 10)}](${l.run.file})`),
    )}\n\n`;
    md += `Runs:\n${used.map((run) => `- [${run.file}](${run.file}), ${when(run)}: ${machineLine(run.machine)}`).join('\n')}\n\n`;
    md += `<details><summary>notes</summary>\n\n${notesList(lines.map((l) => l.result))}\n\n</details>\n`;
  }
  const notes = join(resultsDir, 'NOTES.md');
  if (existsSync(notes)) md += `\n${readFileSync(notes, 'utf8')}`;
  writeFileSync(join(resultsDir, 'LATEST.md'), md);
}

if (latestOnly) {
  writeLatest();
  console.log('wrote bench/results/LATEST.md');
  process.exit(0);
}

const startedAt = new Date().toISOString();
const results: ScenarioResult[] = [];
const failures: string[] = [];
let m: Awaited<ReturnType<typeof machine>>;
try {
  m = await machine();
  log(`haicap bench on ${kind}${quick ? ' (quick)' : ''}: ${machineLine(m)}`);
  for (const s of ALL) {
    if (only && !only.includes(s.name)) continue;
    log(`▶ ${s.name}`);
    try {
      results.push(...(await s.run(ctx)).map((r) => ({ ...r, scenario: s.name })));
    } catch (e) {
      const msg = (e as Error).stack ?? String(e);
      log(`✗ ${s.name} failed: ${msg}`);
      failures.push(s.name);
      results.push({
        name: s.name,
        figure: null,
        unit: '',
        reference: null,
        referenceUnit: '',
        ratio: null,
        target: '',
        met: null,
        notes: `failed: ${(e as Error).message.split('\n')[0]}`,
        scenario: s.name,
      });
    }
  }
} finally {
  await cleanup();
}
const durationS = (Date.now() - t0) / 1000;
console.log(`\n${table(results)}\n`);
mkdirSync(resultsDir, { recursive: true });
const stamp = startedAt.slice(0, 10);
const base = `${stamp}-${kind}${quick ? '-quick' : ''}${only ? `-${only.join('+')}` : ''}`;
writeFileSync(
  join(resultsDir, `${base}.json`),
  JSON.stringify({ startedAt, durationS, database: kind, quick, only: only ?? null, machine: m!, results }, null, 2) +
    '\n',
);
writeFileSync(
  join(resultsDir, `${base}.md`),
  `# haicap bench: ${kind}${quick ? ' (quick)' : ''}, ${startedAt}\n\n` +
    `Machine: ${machineLine(m!)}.\n\n${table(results)}\n\n${notesList(results)}\n`,
);
writeLatest();
log(`wrote bench/results/${base}.json and .md, LATEST.md (${Math.round(durationS)} s)`);
process.exit(failures.length ? 1 : 0);
