// Named queries of the units registry for the recommendations module (read through the door, not the tables).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitProfiles } from './schema.js';

/** A unit's e-mail address, when its profile keeps one. */
export async function unitEmail(db: Db, code: string): Promise<string | null> {
  const [p] = await db.select({ email: unitProfiles.email }).from(unitProfiles).where(eq(unitProfiles.code, code));
  return p?.email ?? null;
}
