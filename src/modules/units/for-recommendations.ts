// Named queries of the units registry for the recommendations module (read through the door, not the tables).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitProfiles } from './schema.js';

/** A unit's e-mail address, when its profile keeps one. */
export async function unitEmail(db: Db, code: string): Promise<string | null> {
  const [p] = await db.select({ email: unitProfiles.email }).from(unitProfiles).where(eq(unitProfiles.code, code));
  return p?.email ?? null;
}

/** The e-mail addresses of many units (those whose profile keeps one), by code. */
export async function unitEmails(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({ code: unitProfiles.code, email: unitProfiles.email })
    .from(unitProfiles)
    .where(inArray(unitProfiles.code, codes));
  return new Map(rows.filter((r) => r.email).map((r) => [r.code, r.email!]));
}
