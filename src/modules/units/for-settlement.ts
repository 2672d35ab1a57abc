// Named queries of the units registry for the settlement module (read through the door, not the tables).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from './schema.js';

/** The provinces (34 since 12/6/2025), with their short names, in code order. */
export function provinceList(db: Db) {
  return db
    .select({ code: units.code, name: units.name })
    .from(units)
    .where(eq(units.level, 'province'))
    .orderBy(asc(units.code));
}
