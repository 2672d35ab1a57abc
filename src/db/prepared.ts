import type { Db } from './client.js';

/**
 * A query built once per database and run many times (drizzle's prepared query: the SQL text, the selection and
 * the row mapping are made once; values come in as `sql.placeholder`s at `execute`). Building a select with joins
 * costs more Node time than PostgreSQL takes to answer it (the person page: half of the server's CPU was drizzle
 * building its two queries). Kept per database object and built on the one it runs on: inside a transaction it is
 * built for that transaction (correct, but nothing saved).
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}
