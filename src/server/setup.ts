import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname, resolve } from 'node:path';
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

/** Forks src/demo/generate-process.ts on the data directory and waits for it; its log lines come back as they are written. */
function generateInChildProcess(opts: PlatformOptions, log: (line: string) => void): Promise<Record<string, number> | null> {
  const child = fork(fileURLToPath(new URL(`../demo/generate-process${extname(fileURLToPath(import.meta.url))}`, import.meta.url)), [], {
    env: {
      ...process.env,
      HAICAP_DEMO_DATA_DIR: opts.dataDir,
      HAICAP_DEMO_SEED: String(opts.seed),
      HAICAP_DEMO_SCALE: String(opts.scale),
      HAICAP_DEMO_PASSWORD: opts.demoPassword,
    },
  });
  return new Promise((resolve, reject) => {
    let result: { made: Record<string, number> | null } | undefined;
    let error: string | undefined;
    child.on('message', (m: { log?: string; made?: Record<string, number> | null; error?: string }) => {
      if (m.log !== undefined) log(m.log);
      else if (m.error !== undefined) error = m.error;
      else result = { made: m.made ?? null };
    });
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result.made) : reject(new Error(`demo generation failed (exit ${code}): ${error ?? 'no result'}`))));
  });
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
  if (wantDemo && !(await isDemoLoaded(database))) {
    let made: Record<string, number> | null;
    if (database.kind === 'pglite') {
      // In a process of its own: the generation's memory goes with it (see generate-process.ts).
      await database.close();
      made = await generateInChildProcess(opts, log);
      database = await open();
    } else {
      made = await generateDemoNation(database, { seed: opts.seed, scale: opts.scale, password: opts.demoPassword }, log);
      if (made) await database.db.execute(sql`ANALYZE`);
    }
    if (made) log(`demo nation generated (seed ${opts.seed}, scale ${opts.scale}): ${JSON.stringify(made)}`);
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
