import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { units } from '../../units/index.js';
import type { people } from '../schema.js';

// What the workforce service's sections share: the unit of a code and the place of a record.

export type PersonRow = typeof people.$inferSelect;

export async function unitOf(db: Db, code: string) {
  const [u] = await db
    .select({ code: units.code, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  return u;
}
export const placeOf = (p: { provinceCode: string; unitCode: string }) => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});
