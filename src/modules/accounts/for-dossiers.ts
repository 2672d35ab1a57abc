// Named queries of the accounts for the dossiers module (read through the door, not the tables): the people of a unit
// who work the one-stop's steps, with their roles, name and post.
import { and, arrayOverlaps, isNull } from 'drizzle-orm';
import { anyOf } from '../../db/statements.js';
import type { Db } from '../../db/client.js';
import type { UnitRole } from '../../core/scope.js';
import { peopleAtWork, unitServingPeopleIds } from '../workforce/index.js';
import { users } from './schema.js';

const localDay = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export interface UnitHandler {
  username: string;
  name: string;
  post: string | null;
  unitRoles: UnitRole[];
}

/**
 * The open personal accounts of the people who work in the unit today with a role of the one-stop (receiving,
 * specialist, leader), by name: its own staff who serve there and the staff seconded or sent to reinforce it (their
 * one account follows them, docs/accounts.md); its staff seconded elsewhere serve there, not here. A unit none of whose
 * people has one works the old way (its own account).
 */
export async function unitHandlers(
  db: Db,
  provinceCode: string,
  unitCode: string,
  now = new Date(),
): Promise<UnitHandler[]> {
  const today = localDay(now);
  const ids = await unitServingPeopleIds(db, provinceCode, unitCode, today);
  if (!ids.length) return [];
  const rows = await db
    .select({ username: users.username, personId: users.personId, unitRoles: users.unitRoles })
    .from(users)
    .where(
      and(
        anyOf(users.personId, ids, 'uuid'),
        isNull(users.closedAt),
        arrayOverlaps(users.unitRoles, ['receiving', 'specialist', 'leader']),
      ),
    );
  const at = await peopleAtWork(
    db,
    rows.map((r) => r.personId!),
    today,
  );
  return rows
    .filter((r) => at.get(r.personId!)?.unitCode === unitCode)
    .map((r) => {
      const p = at.get(r.personId!)!;
      return { username: r.username, name: p.fullName, post: p.postTitle, unitRoles: r.unitRoles as UnitRole[] };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
