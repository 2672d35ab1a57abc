// The names behind login names, for the records that show who acted (registered in core/actor-names.ts).
import { ilike, or } from 'drizzle-orm';
import { anyOf } from '../../db/statements.js';
import type { Db } from '../../db/client.js';
import type { ActorName } from '../../core/actor-names.js';
import { peopleAtWork } from '../workforce/index.js';
import { users } from './schema.js';

const localDay = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** A personal account: its holder's name and post today; another account: its display name. */
export async function namesOfAccounts(db: Db, usernames: readonly string[]): Promise<Map<string, ActorName>> {
  const rows = await db
    .select({ username: users.username, displayName: users.displayName, personId: users.personId })
    .from(users)
    .where(anyOf(users.username, usernames));
  const people = await peopleAtWork(
    db,
    rows.filter((r) => r.personId).map((r) => r.personId!),
    localDay(new Date()),
  );
  const out = new Map<string, ActorName>();
  for (const r of rows) {
    const p = r.personId ? people.get(r.personId) : undefined;
    out.set(r.username, { name: p?.fullName ?? r.displayName, post: p?.postTitle ?? null });
  }
  return out;
}

/** The login names of accounts whose display name or login name contains `text` (at most 200). */
export async function usernamesMatching(db: Db, text: string): Promise<string[]> {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(or(ilike(users.displayName, like), ilike(users.username, like)))
    .limit(200);
  return rows.map((r) => r.username);
}
