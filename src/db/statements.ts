import { getTableColumns, getTableName, sql, type Column, type SQL, type Table } from 'drizzle-orm';

/**
 * Hot statements written as `sql` templates over a table's drizzle columns. Drizzle's query builder spends more
 * Node time building a statement than PostgreSQL takes to run it (~80 µs for a select or update of a 30-column row,
 * ~35 µs for an insert, against ~2 µs for a template: measured by scratch micro-benchmark, see bench/results/NOTES.md):
 * in the statements every action runs (the row lock, the update, the event, the audit entry) that was a quarter of
 * the server's CPU. Values still go through each column's own mapping both ways, so rows read the same as through
 * the builder, on both drivers.
 */
export interface TableShape<T extends Table> {
  table: T;
  /** `"snake_name" AS "camelKey", …` for every column */
  selection: SQL;
  /** a driver row (keys as in `selection`) as the builder would return it */
  read(row: Record<string, unknown>): T['$inferSelect'];
  /** `"name"` of a column key */
  column(key: string): SQL;
  /** a value as the column sends it to the driver */
  param(key: string, value: unknown): SQL;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function tableShape<T extends Table>(table: T): TableShape<T> {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const byKey = new Map(columns);
  const names = new Map(columns.map(([k, c]) => [k, sql.raw(quote(c.name))]));
  const nameOf = (key: string) => {
    const n = names.get(key);
    if (!n) throw new Error(`${getTableName(table)} has no column ${key}`);
    return n;
  };
  const selection = sql.raw(columns.map(([k, c]) => `${quote(c.name)} AS ${quote(k)}`).join(', '));
  const columnOf = (key: string) => {
    const c = byKey.get(key);
    if (!c) throw new Error(`${getTableName(table)} has no column ${key}`);
    return c;
  };
  return {
    table,
    selection,
    read(row) {
      for (const [k, c] of columns) {
        const v = row[k];
        if (v !== null && v !== undefined) row[k] = c.mapFromDriverValue(v);
        else row[k] = null;
      }
      return row as T['$inferSelect'];
    },
    column: nameOf,
    param: (key, value) =>
      value === null || value === undefined ? sql`NULL` : sql`${columnOf(key).mapToDriverValue(value)}`,
  };
}

/** `INSERT INTO t (cols) VALUES (…)` for the keys given (the others take their defaults). */
export function insertInto<T extends Table>(shape: TableShape<T>, values: Record<string, unknown>): SQL {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  return sql`INSERT INTO ${sql.raw(quote(getTableName(shape.table)))} (${sql.join(
    keys.map((k) => shape.column(k)),
    sql`, `,
  )}) VALUES (${sql.join(
    keys.map((k) => shape.param(k, values[k])),
    sql`, `,
  )})`;
}

/** `"col" = value, …` for an UPDATE's SET, from the keys given. */
export function setList<T extends Table>(shape: TableShape<T>, patch: Record<string, unknown>): SQL {
  return sql.join(
    Object.keys(patch)
      .filter((k) => patch[k] !== undefined)
      .map((k) => sql`${shape.column(k)} = ${shape.param(k, patch[k])}`),
    sql`, `,
  );
}

/**
 * `column = ANY(…)` over the values sent as one parameter (joined by U+001F, split again in PostgreSQL), instead of an
 * `IN ($1, $2, …)` list: the statement's text is the same whatever the number of values, so it is prepared once. A list
 * of each length was a statement of its own (2,183 texts of one queue query in a 10-minute office day), each kept
 * prepared on every connection until the cap of prepared texts, after which new texts took two round trips.
 */
export function anyOf(column: Column | SQL, values: readonly string[], type: 'text' | 'uuid' = 'text'): SQL {
  if (values.some((v) => v.includes('\u001f'))) throw new Error('anyOf: a value holds the separator U+001F');
  return sql`${column} = ANY(string_to_array(${values.join('\u001f')}::text, chr(31))::${sql.raw(type)}[])`;
}
