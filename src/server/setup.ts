import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../db/client.js';
import { loadReferenceUnits } from '../modules/units/index.js';
import { loadProcedureCatalogue } from '../modules/dossiers/index.js';
import { generateDemoNation, isDemoLoaded } from '../demo/generate.js';
import { accountByUsername, setPassword } from '../modules/accounts/index.js';
import { isDemoMode, wantsDemo, type PlatformOptions } from './options.js';
import { prepareInChildProcess, startFirstPreparation } from './first-preparation.js';

export { isDemoMode, optionsFromEnv, type PlatformOptions } from './options.js';

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
  if (made) {
    // On PGlite a sample of 9,000 rows a table (statistics target 30, PostgreSQL's default 100): 2.2 s instead of
    // 6.1 s, the most the first start spent in one step (bench/results/NOTES.md, 2026-12-07); the maintenance job
    // (src/db/maintenance.ts) analyzes a table again with the default once a tenth of it has changed.
    const sampled = database.kind === 'pglite';
    if (sampled) await database.db.execute(sql`SET default_statistics_target = 30`);
    await database.db.execute(sql`VACUUM (ANALYZE)`);
    if (sampled) await database.db.execute(sql`RESET default_statistics_target`);
  }
  return made;
}

/**
 * Opens the database and brings it up to date: migrations, real units, demo nation, first administrator. A new
 * embedded database is first prepared in a child process (see prepare-process.ts), then opened here; on a server,
 * the demo nation's first generation runs in that child too.
 */
export async function preparePlatform(
  opts: PlatformOptions,
  log: (line: string) => void,
  /** `startFirstPreparation` already started by the caller (src/server/main.ts), or undefined to start it here */
  firstPreparation = startFirstPreparation(opts, log),
): Promise<{ database: Database; demo: boolean }> {
  const wantDemo = wantsDemo(opts);
  let database: Database;
  let demoMade = await firstPreparation;
  if (opts.databaseUrl) {
    database = await openDatabase({ url: opts.databaseUrl });
    await prepareDatabase(database, opts, false, log);
    // The demo nation's first generation runs in a child process, as on PGlite: its heap would otherwise stay with
    // the server (~525 MB resident instead of ~170 MB).
    if (wantDemo && !(await isDemoLoaded(database))) demoMade = await prepareInChildProcess(opts, true, log);
  } else {
    database = await openDatabase({ dataDir: opts.dataDir });
    // An existing directory is brought up to date here (new migrations, a demo asked for later): one writer only.
    demoMade = (await prepareDatabase(database, opts, wantDemo, log)) ?? demoMade;
  }
  if (demoMade) log(`demo nation generated (seed ${opts.seed}, scale ${opts.scale}): ${JSON.stringify(demoMade)}`);
  if (opts.adminPassword) {
    const admin = await accountByUsername(database.db, 'admin');
    if (!admin) {
      await setPassword(database.db, 'admin', opts.adminPassword);
      log('created the administrator "admin" from HAICAP_ADMIN_PASSWORD');
    }
  }
  return { database, demo: isDemoMode(opts, await isDemoLoaded(database)) };
}
