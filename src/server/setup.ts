import { fork } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, extname, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../db/client.js';
import { loadReferenceUnits } from '../modules/units/index.js';
import { loadProcedureCatalogue } from '../modules/dossiers/index.js';
import { generateDemoNation, isDemoLoaded } from '../demo/generate.js';
import { accountByUsername, setPassword } from '../modules/accounts/index.js';

export interface PlatformOptions {
  databaseUrl?: string;
  dataDir: string;
  reset: boolean;
  /** undefined = on for the embedded database, off for a server */
  demo?: boolean;
  seed: number;
  scale: number;
  demoPassword: string;
  adminPassword?: string;
}

export function optionsFromEnv(argv: string[], env = process.env): PlatformOptions {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data/pglite'),
    reset: flag('reset'),
    demo: flag('no-demo') ? false : flag('demo') || env.DEMO === '1' ? true : undefined,
    seed: Number(value('seed') ?? env.DEMO_SEED ?? 2025),
    scale: Number(value('scale') ?? env.DEMO_SCALE ?? 1),
    demoPassword: env.DEMO_PASSWORD ?? 'haicap-demo',
    adminPassword: env.HAICAP_ADMIN_PASSWORD || undefined,
  };
}

/**
 * Demo mode (the sign-in page shows the shared demo password): the demo nation is loaded and was asked for — the
 * embedded database by default, a server only with DEMO=1 or --demo. A server whose database merely holds the demo
 * accounts, or a start with --no-demo, is not in demo mode (issue #14: the password is not served to anyone).
 */
export function isDemoMode(opts: Pick<PlatformOptions, 'databaseUrl' | 'demo'>, demoLoaded: boolean): boolean {
  return demoLoaded && (opts.demo ?? !opts.databaseUrl);
}

/** Migrations, real units, procedure catalogue and, when wanted, the demo nation; each step does nothing once done. */
export async function prepareDatabase(
  database: Database,
  opts: Pick<PlatformOptions, 'seed' | 'scale' | 'demoPassword'> & { deferIndexes?: boolean },
  wantDemo: boolean,
  log: (line: string) => void,
): Promise<Record<string, number> | null> {
  // Progress as a share of the whole first preparation, written at the head of the line ("[ 42%] …").
  const at = (share: number) => `[${String(Math.round(share * 100)).padStart(3)}%]`;
  await runMigrations(database);
  const ref = await loadReferenceUnits(database);
  if (ref.loaded) log(`${at(0.05)} database schema made`);
  if (ref.loaded) log(`${at(0.15)} loaded the real units: 34 provinces, 3,321 communes, lineage and 2026 amendments`);
  const catalogue = await loadProcedureCatalogue(database);
  if (catalogue.loaded) log(`${at(0.18)} loaded the procedure catalogue`);
  if (catalogue.corrected) log(`brought ${catalogue.corrected} national procedures in line with the catalogue file`);
  if (!wantDemo) return null;
  let demoShare = 0;
  const made = await generateDemoNation(
    database,
    { seed: opts.seed, scale: opts.scale, password: opts.demoPassword, deferIndexes: opts.deferIndexes },
    (line) => log(`${at(0.18 + 0.78 * demoShare)} ${line}`),
    (share) => (demoShare = share),
  );
  if (made) log(`${at(0.97)} demo nation generated; updating the planner's statistics`);
  // Fresh statistics for the planner and the visibility map set (counts read from an index alone): PGlite has no
  // autovacuum (src/db/maintenance.ts runs its rule while the platform runs), and bulk-loaded tables otherwise look empty.
  if (made) await database.db.execute(sql`VACUUM (ANALYZE)`);
  return made;
}

/** Runs `prepareDatabase` in src/server/prepare-process.ts and waits for it; its log lines come back as they are written. */
function prepareInChildProcess(
  opts: PlatformOptions,
  wantDemo: boolean,
  log: (line: string) => void,
): Promise<Record<string, number> | null> {
  const here = fileURLToPath(import.meta.url);
  const { databaseUrl, dataDir, seed, scale, demoPassword } = opts;
  const { DATABASE_URL: _url, HAICAP_ADMIN_PASSWORD: _admin, ...env } = process.env;
  const child = fork(join(dirname(here), `prepare-process${extname(here)}`), [], {
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
 * Opens the database and brings it up to date: migrations, real units, demo nation, first administrator. A new
 * embedded database is first prepared in a child process (see prepare-process.ts), then opened here; on a server,
 * the demo nation's first generation runs in that child too.
 */
export async function preparePlatform(
  opts: PlatformOptions,
  log: (line: string) => void,
): Promise<{ database: Database; demo: boolean }> {
  if (opts.reset) {
    if (opts.databaseUrl)
      throw new Error('--reset only clears the embedded database; drop the server database yourself');
    rmSync(opts.dataDir, { recursive: true, force: true });
    log(`reset: removed ${opts.dataDir}`);
  }
  const wantDemo = opts.demo ?? !opts.databaseUrl;
  let made: Record<string, number> | null = null;
  let database: Database;
  if (opts.databaseUrl) {
    database = await openDatabase({ url: opts.databaseUrl });
    await prepareDatabase(database, opts, false, log);
    // The demo nation's first generation runs in a child process, as on PGlite: its heap would otherwise stay with
    // the server (~525 MB resident instead of ~170 MB).
    if (wantDemo && !(await isDemoLoaded(database))) made = await prepareInChildProcess(opts, true, log);
  } else {
    if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) {
      // Prepared beside the data directory and moved into place whole: a start that is stopped half-way leaves no
      // half-made database behind (the next start begins again).
      const preparing = `${opts.dataDir}.preparing`;
      rmSync(preparing, { recursive: true, force: true });
      made = await prepareInChildProcess({ ...opts, dataDir: preparing }, wantDemo, log);
      rmSync(opts.dataDir, { recursive: true, force: true });
      renameSync(preparing, opts.dataDir);
    }
    database = await openDatabase({ dataDir: opts.dataDir });
    // An existing directory is brought up to date here (new migrations, a demo asked for later): one writer only.
    made = (await prepareDatabase(database, opts, wantDemo, log)) ?? made;
  }
  if (made) log(`demo nation generated (seed ${opts.seed}, scale ${opts.scale}): ${JSON.stringify(made)}`);
  if (opts.adminPassword) {
    const admin = await accountByUsername(database.db, 'admin');
    if (!admin) {
      await setPassword(database.db, 'admin', opts.adminPassword);
      log('created the administrator "admin" from HAICAP_ADMIN_PASSWORD');
    }
  }
  return { database, demo: isDemoMode(opts, await isDemoLoaded(database)) };
}
