import type { Db } from '../../../db/client.js';
import { unitPlace } from '../../units/index.js';
import { and, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { agencies, assignments, type people } from '../schema.js';

// What the workforce service's sections share: the unit of a code and the place of a record.

export type PersonRow = typeof people.$inferSelect;

export const unitOf = (db: Db, code: string) => unitPlace(db, code);
export const placeOf = (p: { provinceCode: string; unitCode: string }) => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});

/**
 * An assignment held on a day: begun by then and not yet ended (the end day is the first day without it). The one
 * definition of the summary, its kept figures and the reports' counts (a past day leaves out those appointed later).
 */
export const heldOn = (day: string): SQL =>
  and(lte(assignments.startDate, day), or(isNull(assignments.endDate), gt(assignments.endDate, day)))!;

/** The approved headcount of each unit with agencies in `where` (the summary's and the reports' counts). */
export const approvedHeadcountByUnit = (db: Db, where: SQL | undefined) =>
  db
    .select({
      provinceCode: agencies.provinceCode,
      unitCode: agencies.unitCode,
      approved: sql<number>`sum(${agencies.approvedHeadcount})::int`,
    })
    .from(agencies)
    .where(where)
    .groupBy(agencies.provinceCode, agencies.unitCode);
