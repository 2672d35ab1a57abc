import { is, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PgliteSession } from 'drizzle-orm/pglite';
import { rowsOf, type Db } from './client.js';

const bulkListeners: ((table: string) => void)[] = [];
/** Called with the table's name whenever `bulkInsert` writes to it (caches of reference data drop their copies). */
export function onBulkInsert(listener: (table: string) => void): void {
  bulkListeners.push(listener);
}

/**
 * Inserts many rows at once. `columns` maps snake_case column names to their SQL types; row keys use the same names;
 * a missing value, `undefined` or `null` is SQL null (a json column's too, and a JSON null).
 *
 * On a PostgreSQL server the rows go through one JSON parameter per chunk: about 4× the speed of a multi-row VALUES
 * insert built by the ORM (see design notes). Each row travels as an array of its values in the columns' order, taken
 * apart with `->` / `->>` by position: the document is a third shorter than one of objects and PostgreSQL parses less
 * (bench/results/NOTES.md). It is read as jsonb, parsed once: a json/jsonb column's value is taken from it as it is.
 *
 * On PGlite the same values go as PostgreSQL's COPY text format from PGlite's `/dev/blob`: each value is the text
 * `x->>i` would have given (so the columns' own input functions read the same text), no document is parsed and
 * COPY writes a page of rows at a time (the first preparation's bulk steps: bench/results/NOTES.md, 2026-12-07).
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
  const readers = names.map((n, i) => valueAt(i, columns[n]!)); // checks every type before anything is written
  const client = pgliteClient(db);
  if (client) {
    const json = names.map((n) => /^jsonb?$/i.test(columns[n]!.trim()));
    const statement = `COPY "${table}" (${names.map((n) => `"${n}"`).join(', ')}) FROM '/dev/blob'`;
    for (let i = 0; i < rows.length; i += chunkSize) {
      const blob = new Blob([utf8.encode(copyText(rows, i, Math.min(rows.length, i + chunkSize), names, json))]);
      await client.query(statement, [], { blob });
    }
  } else {
    const colList = sql.raw(names.map((n) => `"${n}"`).join(', '));
    const values = sql.raw(readers.join(', '));
    for (let i = 0; i < rows.length; i += chunkSize) {
      // JSON.stringify writes an undefined array element as null
      const json = JSON.stringify(rows.slice(i, i + chunkSize).map((r) => names.map((n) => r[n])));
      await db.execute(
        sql`INSERT INTO ${sql.raw(`"${table}"`)} (${colList}) SELECT ${values} FROM jsonb_array_elements(${json}::jsonb) AS x`,
      );
    }
  }
  for (const l of bulkListeners) l(table);
}

const special = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** A text as COPY's text format writes it: backslash, tab, newline and carriage return escaped. */
const copyEscape = (s: string) => (special.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => escapes[c]!) : s);

/**
 * Rows `from`…`to` as COPY text: one line each, values separated by tabs, `\N` for null. A value is written as the
 * JSON path's `x->>i` gives it (a json column: its JSON text), so that both paths store the same.
 */
function copyText(rows: Record<string, unknown>[], from: number, to: number, names: string[], json: boolean[]): string {
  let out = '';
  for (let r = from; r < to; r++) {
    const row = rows[r]!;
    for (let k = 0; k < names.length; k++) {
      if (k) out += '\t';
      const v = row[names[k]!];
      let text: string | undefined;
      if (v === null || v === undefined) text = undefined;
      else if (json[k]) {
        // a JSON null (NaN, an invalid date…) is SQL null, as NULLIF(x->i, 'null') made it
        text = JSON.stringify(v);
        if (text === 'null') text = undefined;
      } else if (typeof v === 'string') text = v;
      else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : undefined;
      else if (typeof v === 'boolean') text = v ? 'true' : 'false';
      else {
        // an object (a Date…): its JSON, a JSON string unquoted, as ->> gives it
        const j = JSON.stringify(v) as string | undefined;
        text = j === undefined || j === 'null' ? undefined : j.startsWith('"') ? (JSON.parse(j) as string) : j;
      }
      out += text === undefined ? '\\N' : copyEscape(text);
    }
    out += '\n';
  }
  return out;
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

/** The driver's client behind `db` (the database or the open transaction). */
function sessionClient<T>(db: Db): T | undefined {
  return (db._.session as unknown as { client?: T }).client;
}

/** The PGlite client (the database or the open transaction) behind `db`, or null on a PostgreSQL server. */
function pgliteClient(db: Db) {
  type Client = { query(q: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };
  return is(db._.session, PgliteSession) ? (sessionClient<Client>(db) ?? null) : null;
}

/**
 * Drops the plain secondary indexes of `tables` (not unique ones, not those behind a constraint) and returns their
 * definitions for `rebuildIndexes`: for a bulk load that nobody reads meanwhile, building an index once at the end
 * costs less than keeping it up to date row by row. Only where a failure throws the whole database away (the first
 * preparation of an embedded database), since a crash in between would leave the tables without their indexes.
 */
export async function dropSecondaryIndexes(db: Db, tables: string[]): Promise<string[]> {
  return dropIndexes(db, await secondaryIndexes(db, tables));
}

/** Drops indexes read by `secondaryIndexes` (through `runSoon`) and returns their definitions for `rebuildIndexes`. */
export async function dropIndexes(db: Db, indexes: { name: string; def: string }[]): Promise<string[]> {
  for (const ix of indexes) await runSoon(db, sql.raw(`DROP INDEX ${ix.name}`));
  return indexes.map((ix) => ix.def);
}

/** The plain secondary indexes of `tables` (what `dropSecondaryIndexes` drops), read once. */
export async function secondaryIndexes(
  db: Db,
  tables: string[],
): Promise<{ table: string; name: string; def: string }[]> {
  if (!tables.length) return [];
  const known = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')`),
  ).map((r) => r.name);
  const unknown = tables.filter((t) => !known.includes(t));
  if (unknown.length) throw new Error(`no such table: ${unknown.join(', ')}`);
  return rowsOf<{ table: string; name: string; def: string }>(
    await db.execute(sql`
      SELECT t.relname AS "table", quote_ident(ix.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
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
      ORDER BY 2`),
  );
}

/** Builds again the indexes `dropSecondaryIndexes` dropped (through `runSoon`). */
export async function rebuildIndexes(db: Db, definitions: string[]): Promise<void> {
  for (const def of definitions) await runSoon(db, sql.raw(def));
}

/**
 * Runs a statement whose answer the caller does not need. On the first preparation's database (PGlite in a worker
 * thread, ./pglite-thread.ts) it is only sent: it runs in its turn while the caller goes on, and a failure is thrown
 * at the next statement; everywhere else it is run and waited for.
 */
export async function runSoon(db: Db, statement: SQL): Promise<void> {
  const client = sessionClient<{ later?: (sql: string, params: unknown[]) => Promise<void> }>(db);
  if (typeof client?.later !== 'function') {
    await db.execute(statement);
    return;
  }
  const { sql: text, params } = dialect.sqlToQuery(statement);
  await client.later(text, params);
}

const dialect = new PgDialect();
