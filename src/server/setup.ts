import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../db/client.js';
import { loadReferenceUnits } from '../modules/units/reference.js';
import { loadProcedureCatalogue } from '../modules/dossiers/reference.js';
import { generateDemoNation, isDemoLoaded } from '../demo/generate.js';
import { users } from '../modules/accounts/schema.js';
import { setPassword } from '../modules/accounts/service.js';

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

/** Opens the database and brings it up to date: migrations, real units, demo nation, first administrator. */
export async function preparePlatform(opts: PlatformOptions, log: (line: string) => void): Promise<{ database: Database; demo: boolean }> {
  if (opts.reset) {
    if (opts.databaseUrl) throw new Error('--reset only clears the embedded database; drop the server database yourself');
    rmSync(opts.dataDir, { recursive: true, force: true });
    log(`reset: removed ${opts.dataDir}`);
  }
  const open = () => openDatabase({ url: opts.databaseUrl, dataDir: opts.databaseUrl ? undefined : opts.dataDir });
  let database = await open();
  await runMigrations(database);
  const ref = await loadReferenceUnits(database);
  if (ref.loaded) log('loaded the real units: 34 provinces, 3,321 communes, lineage and 2026 amendments');
  if ((await loadProcedureCatalogue(database)).loaded) log('loaded the procedure catalogue');
  const wantDemo = opts.demo ?? database.kind === 'pglite';
  if (wantDemo) {
    const made = await generateDemoNation(database, { seed: opts.seed, scale: opts.scale, password: opts.demoPassword }, log);
    if (made) {
      log(`demo nation generated (seed ${opts.seed}, scale ${opts.scale}): ${JSON.stringify(made)}`);
      // Fresh statistics for the planner: PGlite has no autovacuum, and bulk-loaded tables otherwise look empty.
      await database.db.execute(sql`ANALYZE`);
      // PGlite's WebAssembly heap keeps its high-water mark: reopen to serve from a small one.
      if (database.kind === 'pglite') {
        await database.close();
        database = await open();
      }
    }
  }
  if (opts.adminPassword) {
    const [admin] = await database.db.select().from(users).where(eq(users.username, 'admin'));
    if (!admin) {
      await setPassword(database.db, 'admin', opts.adminPassword);
      log('created the administrator "admin" from HAICAP_ADMIN_PASSWORD');
    }
  }
  return { database, demo: await isDemoLoaded(database) };
}
