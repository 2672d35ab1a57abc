// Named queries of the accounts for the reinforcement module (read through the door, not the tables).
import type { Db } from '../../db/client.js';
import { users } from './schema.js';

/**
 * The users' names as a subquery to join by `id` inside a bigger statement, e.g.
 * `.innerJoin(names, eq(names.id, schedules.userId))` (one statement; PostgreSQL flattens it into the join).
 */
export function userNamesJoin(db: Db) {
  return db.select({ id: users.id, username: users.username }).from(users).as('user_names');
}
