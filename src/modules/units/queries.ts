// Named queries of the units registry that several modules read through the door (never through the tables).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from './schema.js';

/** Where a unit lies: its code, its province and its level; undefined for an unknown code. */
export async function unitPlace(db: Db, code: string) {
  const [u] = await db
    .select({ code: units.code, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  return u;
}
