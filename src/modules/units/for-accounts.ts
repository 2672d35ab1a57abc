// Named queries of the units registry for the accounts module (read through the door, not the tables).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from './schema.js';

/** The province of a unit, or undefined when there is no such unit (an account's scope must name real units). */
export async function unitProvince(db: Db, code: string): Promise<string | undefined> {
  const [unit] = await db.select().from(units).where(eq(units.code, code));
  return unit?.provinceCode;
}
