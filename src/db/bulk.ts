import { is, sql } from 'drizzle-orm';
import { PgliteSession } from 'drizzle-orm/pglite';
import { rowsOf, type Db } from './client.js';

const bulkListeners: ((table: string) => void)[] = [];
/** Called with the table's name whenever `bulkInsert` writes to it (caches of reference data drop their copies). */
export function onBulkInsert(listener: (table: string) => void): void {
  bulkListeners.push(listener);
}

/**
 * Inserts many rows through one JSON parameter: about 4× the speed of a multi-row VALUES insert built by the ORM, on
 * both drivers (see design notes). `columns` maps snake_case column names to their SQL types; row keys use the same
 * names; a missing value, `undefined` or `null` is SQL null (a json column's too).
 * Each row travels as an array of its values in the columns' order, taken apart with `->` / `->>` by position: the
 * document is a third shorter than one of objects (the column names are not repeated on every row) and PostgreSQL
 * parses less (the first preparation: 933 million characters of JSON with the names, bench/results/NOTES.md). It is
 * read as jsonb, parsed once: a json/jsonb column's value (an object, an array) is taken from it as it is.
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
  const values = sql.raw(names.map((n, i) => valueAt(i, columns[n]!)).join(', '));
  const binary = onPglite(db);
  for (let i = 0; i < rows.length; i += chunkSize) {
    // JSON.stringify writes an undefined array element as null
    const json = JSON.stringify(rows.slice(i, i + chunkSize).map((r) => names.map((n) => r[n])));
    const doc = binary ? jsonbDocument(json) : json;
    await db.execute(
      sql`INSERT INTO ${sql.raw(`"${table}"`)} (${colList}) SELECT ${values} FROM jsonb_array_elements(${doc}::jsonb) AS x`,
    );
  }
  for (const l of bulkListeners) l(table);
}

/** The SQL reading the value of column `type` at position `i` of the row `x` (a jsonb array). */
function valueAt(i: number, type: string): string {
  const t = type.trim().toLowerCase();
  if (!/^[a-z][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/.test(t))
    throw new Error(`bulkInsert: unexpected column type ${type}`);
  // a JSON null is SQL null, as jsonb_to_recordset made it
  if (t === 'jsonb') return `NULLIF(x->${i}, 'null'::jsonb)`;
  if (t === 'json') return `NULLIF(x->${i}, 'null'::jsonb)::json`;
  return t === 'text' ? `x->>${i}` : `(x->>${i})::${t}`;
}

const utf8 = new TextEncoder();

/** Whether `db` (a database or a transaction) runs on PGlite. */
function onPglite(db: Db): boolean {
  return is(db._.session, PgliteSession);
}

/**
 * A JSON text as jsonb's binary form (a version byte 1, then the UTF-8 text): PGlite sends bytes as they are, where
 * a string parameter is measured character by character twice in JavaScript (its `U`: 8 % of the first preparation's
 * CPU, bench/results/NOTES.md). Read by PostgreSQL's jsonb_recv exactly as the text would be by jsonb_in.
 */
function jsonbDocument(json: string): Uint8Array {
  // TextEncoder.encode is Node's fastest way to UTF-8 (~1 ms for 600,000 Vietnamese characters, 3× Buffer.write).
  const text = utf8.encode(json);
  const bytes = new Uint8Array(1 + text.length);
  bytes[0] = 1;
  bytes.set(text, 1);
  return bytes;
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
