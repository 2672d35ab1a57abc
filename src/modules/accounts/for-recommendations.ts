// Named queries of the accounts for the recommendations module (read through the door, not the tables): who
// receives a notice.
import { and, eq, inArray, isNull, notInArray, sql, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { users } from './schema.js';

/** The Ministry's users, leaving out those whose id is in `except` (a subquery of user ids) when given. */
export function ministryUserIds(db: Db, except?: SQLWrapper) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'ministry'), except ? notInArray(users.id, except) : undefined));
}

/** The province's own users (not a commune's). */
export function provinceUserIds(db: Db, provinceCode: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'province'), eq(users.provinceCode, provinceCode), isNull(users.communeCode)));
}

/** The commune's users. */
export function communeUserIds(db: Db, provinceCode: string, communeCode: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.provinceCode, provinceCode), eq(users.communeCode, communeCode), inArray(users.role, ['commune'])),
    );
}

/**
 * The users of many units at once, in one statement: a commune's users (as `communeUserIds`), a province's own (as
 * `provinceUserIds`, when the unit is the province itself).
 */
export async function unitsUserIds(
  db: Db,
  units: { provinceCode: string; unitCode: string }[],
): Promise<{ id: string; unitCode: string }[]> {
  if (!units.length) return [];
  const json = JSON.stringify(units.map((u) => ({ p: u.provinceCode, u: u.unitCode })));
  return rowsOf<{ id: string; unitCode: string }>(
    await db.execute(sql`
      SELECT ${users.id} AS "id", x.u AS "unitCode"
      FROM json_to_recordset(${json}::json) AS x(p text, u text)
      JOIN ${users} ON ${users.provinceCode} = x.p AND (
        (x.u = x.p AND ${users.role} = 'province' AND ${users.communeCode} IS NULL)
        OR (x.u <> x.p AND ${users.role} = 'commune' AND ${users.communeCode} = x.u))`),
  );
}
