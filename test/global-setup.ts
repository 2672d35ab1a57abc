import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { withServer } from './pg-server.js';
import { withoutSpareWal } from './snapshot-tar.js';
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
    // A frozen copy of the prepared database, nobody connects to: a file that needs the demo as it was built (the
    // authorization matrix, the demo's own checks) gets a private database made from it (test/helpers.ts).
    const template = `${new URL(url).pathname.slice(1)}_tpl`;
    await withServer(url, async (q) => {
      await q.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await q.unsafe(`CREATE DATABASE "${template}" TEMPLATE "${new URL(url).pathname.slice(1)}"`);
    });
    project.provide('pgTemplate', template);
    return async () => {
      await withServer(url, async (q) => {
        const copies = await q<{ datname: string }[]>`
          SELECT datname FROM pg_database WHERE datname = ${template} OR datname LIKE ${`${template}_%`}`;
        for (const { datname } of copies) await q.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      });
    };
  }
  project.provide('pgTemplate', '');
  // A snapshot made by an earlier run of this same schema (kept with TEST_SNAPSHOT_KEEP=1), reused while working on a
  // few files (TEST_SNAPSHOT=.tmp/…).
  const reuse = process.env.TEST_SNAPSHOT;
  if (reuse && existsSync(reuse)) {
    project.provide('snapshot', reuse);
    return;
  }
  const database = await openDatabase({});
  await prepare(database);
  // Uncompressed and without the spare WAL segments: each test file opens it in ~a third of the time a gzip of the
  // whole directory took (unpacking it was most of each file's start; bench/results/NOTES.md, 2026-12-07).
  await database.pglite!.exec('CHECKPOINT');
  const redo = await database.pglite!.query<{ f: string }>('SELECT redo_wal_file AS f FROM pg_control_checkpoint()');
  const dump = await database.pglite!.dumpDataDir('none');
  const { tar } = withoutSpareWal(new Uint8Array(await dump.arrayBuffer()), redo.rows[0]!.f);
  mkdirSync('.tmp', { recursive: true });
  const path = `.tmp/test-snapshot-${process.pid}.tar`;
  writeFileSync(path, tar);
  await database.close();
  project.provide('snapshot', path);
  // (TEST_SNAPSHOT_KEEP=1 keeps it for TEST_SNAPSHOT)
  return () => {
    if (process.env.TEST_SNAPSHOT_KEEP !== '1') rmSync(path, { force: true });
  };
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>) {
  await runMigrations(database);
  await loadReferenceUnits(database);
  await loadProcedureCatalogue(database);
  // a throw-away template: the bulk steps defer their indexes, as an embedded first preparation does
  await generateDemoNation(database, {
    seed: 7,
    scale: 0.05,
    password: TEST_PASSWORD,
    deferIndexes: database.kind === 'pglite',
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    snapshot: string;
    pgTemplate: string;
  }
}
