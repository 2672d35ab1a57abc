// Named queries of the units registry for the assessments module (read through the door, not the tables).
import { and, asc, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitVersions } from './schema.js';

/** The versions of these units' full names in force by `day`, oldest first (so the latest wins in a map). */
export function unitNameVersions(db: Db, codes: string[], day: string) {
  return db
    .select({ code: unitVersions.code, fullName: unitVersions.fullName, validFrom: unitVersions.validFrom })
    .from(unitVersions)
    .where(and(inArray(unitVersions.code, codes), lte(unitVersions.validFrom, day)))
    .orderBy(asc(unitVersions.validFrom));
}
