import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { loadReferenceUnits } from '../src/modules/units/index.js';
import { loadProcedureCatalogue } from '../src/modules/dossiers/index.js';
import { generateDemoNation } from '../src/demo/generate.js';

export const TEST_PASSWORD = 'haicap-demo';

/**
 * Builds the database every test file starts from, once: migrations, real units, demo nation.
 * PGlite: dumped to a snapshot each file loads (~0.5 s instead of migrating per file).
 * PostgreSQL (DATABASE_URL): the given throw-away database is wiped and prepared; files share it.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = await openDatabase({ url });
    await database.db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
    await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    await database.db.execute(sql`CREATE SCHEMA public`);
    await prepare(database);
    await database.close();
    project.provide('snapshot', '');
    return;
  }
  // A snapshot made by an earlier run of this same schema, reused while working on a few files (TEST_SNAPSHOT=.tmp/…).
  const reuse = process.env.TEST_SNAPSHOT;
  if (reuse && existsSync(reuse)) {
    project.provide('snapshot', reuse);
    return;
  }
  const database = await openDatabase({});
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('gzip');
  mkdirSync('.tmp', { recursive: true });
  const path = `.tmp/test-snapshot-${process.pid}.tar.gz`;
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('snapshot', path);
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>) {
  await runMigrations(database);
  await loadReferenceUnits(database);
  await loadProcedureCatalogue(database);
  await generateDemoNation(database, { seed: 7, scale: 0.05, password: TEST_PASSWORD });
}

declare module 'vitest' {
  export interface ProvidedContext {
    snapshot: string;
  }
}
