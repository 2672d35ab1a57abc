// Named queries of the units registry that several modules read through the door (never through the tables).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { onBulkInsert } from '../../db/bulk.js';
import { units } from './schema.js';

type Place = Pick<typeof units.$inferSelect, 'code' | 'provinceCode' | 'level'>;
/**
 * Places already read, by code: reference data, like the unit lists of the service (a merger makes new units with new
 * codes), so a code once found is not asked again (every intake and action asked it) until the registry is loaded
 * again (`bulkInsert` into the unit tables empties it, as it does the lists). Unknown codes are not kept.
 */
const places = new Map<string, Place>();
const PLACES_KEPT = 20_000;
onBulkInsert((table) => {
  if (table.startsWith('unit')) places.clear();
});

/** Where a unit lies: its code, its province and its level; undefined for an unknown code. */
export async function unitPlace(db: Db, code: string): Promise<Place | undefined> {
  const known = places.get(code);
  if (known) return known;
  const [u] = await db
    .select({ code: units.code, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  if (u && places.size < PLACES_KEPT) places.set(code, Object.freeze(u));
  return u;
}
