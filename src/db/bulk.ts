import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.js';

const bulkListeners: ((table: string) => void)[] = [];
/** Called with the table's name whenever `bulkInsert` writes to it (caches of reference data drop their copies). */
export function onBulkInsert(listener: (table: string) => void): void {
  bulkListeners.push(listener);
}

/**
 * Inserts many rows through one JSON parameter and jsonb_to_recordset: about 4× the speed
 * of a multi-row VALUES insert built by the ORM, on both drivers (see design notes).
 * `columns` maps snake_case column names to their SQL types; row keys use the same names.
 * The document is read as jsonb, parsed once: a json/jsonb column's value (an object, an array) is taken from it as
 * it is. Read as json, the document was scanned once to be checked and each such value parsed again (5–25 % slower
 * on PGlite for the settlement cases' benefit breakdowns and the assessment reviews, bench/results/NOTES.md).
 */
export async function bulkInsert(
  db: Db,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  chunkSize = 5000,
): Promise<void> {
  for (const l of bulkListeners) l(table);
  const names = Object.keys(columns);
  const colList = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const recordDef = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '));
  for (let i = 0; i < rows.length; i += chunkSize) {
    const json = JSON.stringify(rows.slice(i, i + chunkSize));
    await db.execute(
      sql`INSERT INTO ${sql.raw(`"${table}"`)} (${colList}) SELECT ${colList} FROM jsonb_to_recordset(${json}::jsonb) AS x(${recordDef})`,
    );
  }
  for (const l of bulkListeners) l(table);
}

/**
 * Drops the plain secondary indexes of `tables` (not unique ones, not those behind a constraint) and returns their
 * definitions for `rebuildIndexes`: for a bulk load that nobody reads meanwhile, building an index once at the end
 * costs less than keeping it up to date row by row. Only where a failure throws the whole database away (the first
 * preparation of an embedded database), since a crash in between would leave the tables without their indexes.
 */
export async function dropSecondaryIndexes(db: Db, tables: string[]): Promise<string[]> {
  if (!tables.length) return [];
  const known = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')`),
  ).map((r) => r.name);
  const unknown = tables.filter((t) => !known.includes(t));
  if (unknown.length) throw new Error(`no such table: ${unknown.join(', ')}`);
  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`
      SELECT quote_ident(ix.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_class ix ON ix.oid = i.indexrelid
      WHERE t.relnamespace = current_schema()::regnamespace
        AND t.relname IN (${sql.join(
          tables.map((x) => sql`${x}`),
          sql`, `,
        )})
        AND NOT i.indisunique AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`),
  );
  for (const ix of indexes) await db.execute(sql.raw(`DROP INDEX ${ix.name}`));
  return indexes.map((ix) => ix.def);
}

/** Builds again the indexes `dropSecondaryIndexes` dropped. */
export async function rebuildIndexes(db: Db, definitions: string[]): Promise<void> {
  for (const def of definitions) await db.execute(sql.raw(def));
}
