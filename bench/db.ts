/** A database opened by the harness itself (bulk and board scenarios), migrated with the real units and procedures. */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../src/db/client.js';
import { loadReferenceUnits } from '../src/modules/units/index.js';
import { loadProcedureCatalogue } from '../src/modules/dossiers/index.js';
import type { BenchContext } from './lib.js';

export interface HarnessDb {
  database: Database;
  /** one dedicated connection for raw SQL (session settings stick) */
  exec(q: string): Promise<void>;
  /** the postgres.js client behind exec (server only), for COPY */
  raw?: postgres.Sql;
  close(): Promise<void>;
}

export async function openHarnessDb(ctx: BenchContext, label: string): Promise<HarnessDb> {
  const where = await ctx.freshDatabase(label);
  const database = await openDatabase({ url: where.url, dataDir: where.url ? undefined : where.dataDir });
  await runMigrations(database);
  await loadReferenceUnits(database);
  await loadProcedureCatalogue(database);
  if (where.url) {
    const raw = postgres(where.url, { max: 1, onnotice: () => {} });
    return {
      database,
      raw,
      exec: async (q) => void (await raw.unsafe(q)),
      close: async () => {
        await raw.end({ timeout: 5 });
        await database.close();
      },
    };
  }
  return {
    database,
    exec: async (q) => void (await database.pglite!.exec(q)),
    close: () => database.close(),
  };
}

export async function count(database: Database, table: string): Promise<number> {
  const [r] = await database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return r!.n;
}
