// Named queries of the units registry for the reinforcement module (read through the door, not the tables).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from './schema.js';

/** A unit's short name, province and level; undefined for an unknown code. */
export async function unitNamedPlace(db: Db, code: string) {
  const [u] = await db
    .select({ code: units.code, name: units.name, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  return u;
}

/** Is `code` a province? */
export async function isProvince(db: Db, code: string): Promise<boolean> {
  const [prov] = await db
    .select({ code: units.code })
    .from(units)
    .where(and(eq(units.code, code), eq(units.level, 'province')));
  return !!prov;
}

/** The short names of these units, by code. */
export async function unitShortNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  return new Map(
    (codes.length
      ? await db.select({ code: units.code, name: units.name }).from(units).where(inArray(units.code, codes))
      : []
    ).map((u) => [u.code, u.name]),
  );
}

/** The communes of a province (or of the country), with their short names, by code. */
export function communesOf(db: Db, provinceCode?: string) {
  return db
    .select({ code: units.code, name: units.name, provinceCode: units.provinceCode })
    .from(units)
    .where(and(eq(units.level, 'commune'), provinceCode ? eq(units.provinceCode, provinceCode) : undefined))
    .orderBy(asc(units.code));
}
