import { and, eq, gte, lte } from 'drizzle-orm';
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
