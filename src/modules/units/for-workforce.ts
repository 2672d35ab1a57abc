// Named queries of the units registry for the workforce module (read through the door, not the tables).
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units, unitVersions } from './schema.js';

/** Every unit's code and province (the Excel import checks each row's unit against them). */
export function allUnitPlaces(db: Db) {
  return db.select({ code: units.code, provinceCode: units.provinceCode }).from(units);
}

/** Full names of the units of a province (or of the country), as of `on`, by code. */
export async function unitFullNames(db: Db, provinceCode: string | null, on: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: unitVersions.code, fullName: unitVersions.fullName })
    .from(unitVersions)
    .where(
      and(
        provinceCode ? or(eq(unitVersions.provinceCode, provinceCode), eq(unitVersions.code, provinceCode)) : undefined,
        lte(unitVersions.validFrom, on),
        or(isNull(unitVersions.validTo), gt(unitVersions.validTo, on)),
      ),
    );
  return new Map(rows.map((r) => [r.code, r.fullName]));
}
