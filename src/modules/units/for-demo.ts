// The named query the demo nation's generator reads the units through (src/demo, never the units' tables).
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { DemoUnit } from '../../core/demo.js';
import { units, unitVersions } from './schema.js';

/** Every unit in force today with its name, type and statistics: provinces first, then communes, by code. */
export function demoUnits(db: Db): Promise<DemoUnit[]> {
  return db
    .select({
      code: units.code,
      level: units.level,
      provinceCode: units.provinceCode,
      name: units.name,
      fullName: unitVersions.fullName,
      type: unitVersions.type,
      population: units.population,
      statsFlags: units.statsFlags,
    })
    .from(units)
    .innerJoin(unitVersions, and(eq(unitVersions.code, units.code), isNull(unitVersions.validTo)))
    .orderBy(desc(units.level), asc(units.code)) as Promise<DemoUnit[]>;
}
