/**
 * The named queries the dossiers module reads units through (it never touches the units' tables itself): a unit's
 * place, a province's communes and their former districts, and the names and contact address a printed form shows.
 */
import { officeHoursOf } from './domain/office-hours.js';
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitLineage, unitProfiles, units, unitVersions } from './schema.js';

/** The codes of a province's communes. */
export function communeCodesOf(db: Db, provinceCode: string) {
  return db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.provinceCode, provinceCode), inArray(units.level, ['commune'])));
}

/** The former districts each new commune of a province was formed from (communes sharing one are neighbours). */
export function formerDistrictsOf(db: Db, provinceCode: string) {
  return db
    .selectDistinct({ code: unitLineage.newUnitCode, district: unitLineage.oldParentCode })
    .from(unitLineage)
    .where(and(eq(unitLineage.newProvinceCode, provinceCode), eq(unitLineage.oldLevel, 'commune')));
}

/** The units of `codes` with their level, short name and official full name in force on `day`. */
export function unitNamesOn(db: Db, codes: string[], day: string) {
  return db
    .select({ code: units.code, level: units.level, name: units.name, fullName: unitVersions.fullName })
    .from(units)
    .leftJoin(
      unitVersions,
      and(
        eq(unitVersions.provinceCode, units.provinceCode),
        eq(unitVersions.code, units.code),
        lte(unitVersions.validFrom, day),
        or(isNull(unitVersions.validTo), gt(unitVersions.validTo, day)),
      ),
    )
    .where(inArray(units.code, codes));
}

/** A unit's contact address, when its profile keeps one. */
export async function unitAddress(db: Db, code: string): Promise<string | null> {
  const [profile] = await db
    .select({ address: unitProfiles.address })
    .from(unitProfiles)
    .where(eq(unitProfiles.code, code));
  return profile?.address ?? null;
}

/**
 * A unit's contact for citizens (the look-up page: where to collect a result, whom to call, when it is open): its
 * office hours are its own, or the default with its source (domain/office-hours.ts).
 */
export async function unitContact(db: Db, code: string) {
  const [profile] = await db
    .select({
      address: unitProfiles.address,
      phone: unitProfiles.phone,
      email: unitProfiles.email,
      officeHours: unitProfiles.officeHours,
    })
    .from(unitProfiles)
    .where(eq(unitProfiles.code, code));
  return {
    address: profile?.address ?? null,
    phone: profile?.phone ?? null,
    email: profile?.email ?? null,
    hours: officeHoursOf(profile?.officeHours),
  };
}
