// Named queries of the workforce registry that several modules read through the door (never through the tables).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from './schema.js';

/** Where a person's record lies (an account linked to it must have it in scope), or undefined. */
export async function personPlace(db: Db, id: string) {
  const [p] = await db
    .select({ provinceCode: people.provinceCode, unitCode: people.unitCode })
    .from(people)
    .where(eq(people.id, id));
  return p;
}
