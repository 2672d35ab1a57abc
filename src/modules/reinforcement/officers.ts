import { and, desc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { OfficerDirectory } from '../recommendations/index.js';
import { reinforcementOfficers, reinforcementPhases } from './schema.js';

/** The officers as the channel (recommendations) asks after them; registered with it at start-up. */
export const officerDirectory: OfficerDirectory = {
  async isOfficer(db: Db, userId: string) {
    const [r] = await db
      .select({ u: reinforcementOfficers.userId })
      .from(reinforcementOfficers)
      .where(eq(reinforcementOfficers.userId, userId))
      .limit(1);
    return !!r;
  },
  async provincesOn(db: Db, userId: string, day: string) {
    const rows = await db
      .select({ p: reinforcementOfficers.provinceCode })
      .from(reinforcementOfficers)
      .innerJoin(reinforcementPhases, eq(reinforcementPhases.id, reinforcementOfficers.phaseId))
      .where(
        and(
          eq(reinforcementOfficers.userId, userId),
          lte(reinforcementPhases.startsOn, day),
          gte(reinforcementPhases.endsOn, day),
        ),
      );
    return rows.map((r) => r.p);
  },
  userIds: (db: Db) => db.select({ id: reinforcementOfficers.userId }).from(reinforcementOfficers),
};

/**
 * The province an officer acts in (issue #14): that of the assignment covering the day, else of their latest
 * assignment (between phases they still read their province's work); null for a Ministry user never assigned.
 */
export async function officerReach(db: Db, userId: string, day: string): Promise<string | null> {
  const rows = await db
    .select({ p: reinforcementOfficers.provinceCode, startsOn: reinforcementPhases.startsOn })
    .from(reinforcementOfficers)
    .innerJoin(reinforcementPhases, eq(reinforcementPhases.id, reinforcementOfficers.phaseId))
    .where(eq(reinforcementOfficers.userId, userId))
    .orderBy(desc(reinforcementPhases.endsOn), desc(reinforcementPhases.startsOn));
  if (!rows.length) return null;
  return (rows.find((r) => r.startsOn <= day) ?? rows[rows.length - 1]!).p;
}
