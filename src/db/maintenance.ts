import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { startPeriodic } from '../core/periodic.js';

/**
 * The embedded database (PGlite) has no autovacuum: without it, updated rows are never reclaimed, the planner's
 * statistics go stale and counts cannot be read from an index alone (the visibility map is never set). The
 * platform runs PostgreSQL's own autovacuum rule itself, a table at a time, every few minutes. A PostgreSQL server
 * has its autovacuum for this (on by default; keep it on).
 */

export interface TableActivity {
  table: string;
  live: number;
  dead: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

/** PostgreSQL's default autovacuum thresholds (autovacuum_vacuum_*, autovacuum_vacuum_insert_*, autovacuum_analyze_*). */
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;
const INSERT_BASE = 1000;
const INSERT_SCALE = 0.2;
const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;

/** What a table needs, by the autovacuum rule: VACUUM (with ANALYZE), ANALYZE alone, or nothing. */
export function maintenanceFor(t: TableActivity): 'vacuum' | 'analyze' | null {
  if (t.dead > VACUUM_BASE + VACUUM_SCALE * t.live || t.insertedSinceVacuum > INSERT_BASE + INSERT_SCALE * t.live)
    return 'vacuum';
  if (t.modifiedSinceAnalyze > ANALYZE_BASE + ANALYZE_SCALE * t.live) return 'analyze';
  return null;
}

/** Vacuums and analyzes the tables that need it, one at a time; returns what was done. */
export async function maintainTables(database: Database): Promise<{ table: string; done: 'vacuum' | 'analyze' }[]> {
  // The counters reach pg_stat_* once the backend reports them: ask for that first.
  await database.rows(sql`SELECT pg_stat_force_next_flush()`);
  await database.rows(sql`SELECT 1`);
  const tables = await database.rows<TableActivity>(sql`
    SELECT relname AS "table", n_live_tup::float8 AS live, n_dead_tup::float8 AS dead,
           n_ins_since_vacuum::float8 AS "insertedSinceVacuum", n_mod_since_analyze::float8 AS "modifiedSinceAnalyze"
    FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`);
  const done: { table: string; done: 'vacuum' | 'analyze' }[] = [];
  for (const t of tables) {
    const need = maintenanceFor(t);
    if (!need) continue;
    const name = sql.raw(`"${t.table.replace(/"/g, '""')}"`);
    await database.db.execute(need === 'vacuum' ? sql`VACUUM (ANALYZE) ${name}` : sql`ANALYZE ${name}`);
    done.push({ table: t.table, done: need });
  }
  return done;
}

/**
 * Runs `maintainTables` on an embedded database (nothing on a server): once shortly after the start (a database
 * made before this job existed, or loaded in bulk, gets its long pass then rather than in the middle of the work),
 * then every `everyMs`. Returns the stop function, which waits for a pass under way.
 */
export function startMaintenance(
  database: Database,
  log: (line: string) => void,
  everyMs = 10 * 60_000,
  firstAfterMs = 30_000,
): () => Promise<void> {
  if (database.kind !== 'pglite') return async () => {};
  const pass = () => {
    const t0 = Date.now();
    return maintainTables(database)
      .then((done) => {
        if (done.length)
          log(`maintenance: ${done.map((d) => `${d.done} ${d.table}`).join(', ')} in ${Date.now() - t0} ms`);
      })
      .catch((e: unknown) => log(`maintenance failed: ${(e as Error).message}`));
  };
  return startPeriodic(pass, everyMs, firstAfterMs);
}
