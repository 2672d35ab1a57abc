// Named queries of the units registry for the training module (read through the door, not the tables).
import { and, asc, desc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitProfiles, units, unitVersions } from './schema.js';

/**
 * The units in force on `day` (a version valid then), of a province or of the whole country, with the full name of
 * that day and the contact their profile keeps (hall address, phone, chair): the bridge points of a conference.
 * Provinces first, then communes, each by code.
 */
export function unitsWithContactsOn(db: Db, day: string, provinceCode: string | null) {
  return db
    .select({
      code: units.code,
      level: units.level,
      provinceCode: units.provinceCode,
      name: units.name,
      fullName: unitVersions.fullName,
      address: unitProfiles.address,
      phone: unitProfiles.phone,
      chairName: unitProfiles.chairName,
    })
    .from(units)
    .innerJoin(
      unitVersions,
      and(
        eq(unitVersions.provinceCode, units.provinceCode),
        eq(unitVersions.code, units.code),
        lte(unitVersions.validFrom, day),
        or(isNull(unitVersions.validTo), gt(unitVersions.validTo, day)),
      ),
    )
    .leftJoin(unitProfiles, eq(unitProfiles.code, units.code))
    .where(provinceCode ? eq(units.provinceCode, provinceCode) : undefined)
    .orderBy(desc(units.level), asc(units.code));
}
