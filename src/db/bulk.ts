import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

const bulkListeners: ((table: string) => void)[] = [];
/** Called with the table's name whenever `bulkInsert` writes to it (caches of reference data drop their copies). */
export function onBulkInsert(listener: (table: string) => void): void {
  bulkListeners.push(listener);
}

/**
 * Inserts many rows through one JSON parameter and json_to_recordset: about 4× the speed
 * of a multi-row VALUES insert built by the ORM, on both drivers (see design notes).
 * `columns` maps snake_case column names to their SQL types; row keys use the same names.
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
      sql`INSERT INTO ${sql.raw(`"${table}"`)} (${colList}) SELECT ${colList} FROM json_to_recordset(${json}::json) AS x(${recordDef})`,
    );
  }
  for (const l of bulkListeners) l(table);
}
