// Named queries of the accounts that several readers use through the door (never through the table).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users } from './schema.js';

/** The account of a user name (who they are and their role; never the password), or undefined. */
export async function accountByUsername(db: Db, username: string) {
  const [u] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.username, username));
  return u;
}
