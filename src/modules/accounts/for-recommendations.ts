// Named queries of the accounts for the recommendations module (read through the door, not the tables): who
// receives a notice.
import { and, eq, inArray, isNull, notInArray, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
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
