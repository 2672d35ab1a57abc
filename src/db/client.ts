import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { noBus, postgresBus, type Bus } from './bus.js';

/**
 * The query builder on either driver. Made without drizzle's relational layer (`db.query.*`, unused here): it is
 * rebuilt for every transaction, one builder per table, ~2 % of a dossier action's server CPU.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs raw SQL and returns its rows, the same shape on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
  /** Messages to the other processes on the same database (./bus.ts); PGlite: none. */
  bus: Bus;
  /** The embedded engine, for snapshots in tests. */
  pglite?: PGlite;
}

/** The rows of `db.execute` on either driver (postgres.js returns them, PGlite wraps them in `{ rows }`). */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface OpenOptions {
  /** postgres://… runs on a server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (tests). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const client = postgres(opts.url, { max: poolSize(), onnotice: () => {} });
    const db = drizzlePostgres({ client: preparing(client) }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      rows: async <T>(q: SQL) => rowsOf<T>(await db.execute(q)),
      close: () => client.end({ timeout: 5 }),
      bus: postgresBus(client),
    };
  }
  const pglite = await createPglite(opts.dataDir, opts.loadDataDir);
  const db = drizzlePglite({ client: pglite }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    rows: async <T>(q: SQL) => rowsOf<T>(await db.execute(q)),
    close: () => pglite.close(),
    bus: noBus,
  };
}

/** A PGlite as the platform opens it (extensions, settings), ready. */
export async function createPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({
    dataDir,
    loadDataDir,
    // pg_trgm: the archives' description search (migration 0027); an extension must be loaded when opened
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers()}`],
  });
  await pglite.waitReady;
  return pglite;
}

/**
 * PGlite's buffer cache: `PGLITE_SHARED_BUFFERS`, default 32MB (PostgreSQL's own default, 128MB, costs ~120 MB of
 * resident memory more from the first query; the data files stay in the system's file cache either way).
 */
function pgliteSharedBuffers(): string {
  const v = process.env.PGLITE_SHARED_BUFFERS;
  return v && /^\d+(kB|MB|GB)$/.test(v) ? v : '32MB';
}

/** postgres.js pool size: `DB_POOL_MAX`, default 10 (PostgreSQL is on the same few cores more often than not). */
function poolSize(): number {
  const n = Number(process.env.DB_POOL_MAX);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** Statement texts prepared so far in this process; past the cap, new texts run unprepared. */
const preparedTexts = new Set<string>();
const MAX_PREPARED_TEXTS = 2000;
const MAX_PREPARED_LENGTH = 4000;

function shouldPrepare(text: string): boolean {
  if (text.length > MAX_PREPARED_LENGTH) return false;
  if (preparedTexts.has(text)) return true;
  if (preparedTexts.size >= MAX_PREPARED_TEXTS) return false;
  preparedTexts.add(text);
  return true;
}

type Sql = ReturnType<typeof postgres>;

/**
 * Drizzle sends its queries through postgres.js `unsafe(text, params, { prepare: false })`. Unprepared,
 * postgres.js asks the server for the parameter types first: two round trips per statement, and a parse
 * and plan each time. Prepared (one named statement per text and connection, kept by postgres.js), it
 * is one round trip and no re-parse. Drizzle's texts are templates, so they are few; very long texts
 * (multi-row inserts) and anything past a cap of distinct texts stay unprepared, so the statement cache
 * stays bounded. Transactions and savepoints hand out their own connection: those are wrapped too.
 */
function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(text, params as never, { ...options, prepare: shouldPrepare(text) });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const i = args.findIndex((a) => typeof a === 'function');
          if (i >= 0) {
            const fn = args[i] as (c: Sql) => unknown;
            args[i] = (inner: Sql) => fn(preparing(inner));
          }
          return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!.apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    // Serialize concurrent starts against one server.
    await migratePostgres(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}
