import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk.js';
import { parseCsv } from './domain/csv.js';
import { searchKey } from '../../core/text.js';
import { buildVersions } from './domain/versions.js';

export const referenceDir = fileURLToPath(new URL('../../../data/reference/admin-units/', import.meta.url));

const read = (file: string) => parseCsv(readFileSync(referenceDir + file, 'utf8'));
const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
const orNull = (v: string | undefined) => (v ? v : null);

/** Loads the real units, their dated versions and their lineage once; later starts skip it. */
export async function loadReferenceUnits(database: Database): Promise<{ loaded: boolean }> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
  if (row && row.n > 0) return { loaded: false };

  const provinces = read('provinces.csv');
  const communes = read('communes.csv');
  const lineage = read('lineage.csv');
  const amendments = read('amendments_2026.csv');

  const unitRows = (
    [
      ...provinces.map((p) => ({ ...p, level: 'province', province_code: p.code, stats_flags: '' })),
      ...communes.map((c) => ({ ...c, level: 'commune' })),
    ] as Record<string, string>[]
  ).map((u) => ({
    code: u.code,
    level: u.level,
    province_code: u.province_code,
    name: u.name,
    search_key: searchKey(u.name!),
    area_km2: num(u.area_km2),
    population: num(u.population),
    gis_area_km2: num(u.gis_area_km2),
    stats_flags: u.stats_flags ?? '',
  }));

  const { versions, pending } = buildVersions(
    [
      ...provinces.map((p) => ({ code: p.code!, provinceCode: p.code!, type: p.type!, fullName: p.full_name! })),
      ...communes.map((c) => ({
        code: c.code!,
        provinceCode: c.province_code!,
        type: c.type!,
        fullName: c.full_name!,
      })),
    ],
    amendments.map((a) => ({
      code: a.code!,
      effectiveDate: orNull(a.effective_date),
      typeAfter: a.type_after!,
      fullNameAfter: a.full_name_after!,
      legalBasis: a.legal_basis!,
    })),
  );
  const provinceOf = new Map(unitRows.map((u) => [u.code, u.province_code]));

  await database.db.transaction(async (tx) => {
    await bulkInsert(
      tx as never,
      'units',
      {
        code: 'text',
        level: 'text',
        province_code: 'text',
        name: 'text',
        search_key: 'text',
        area_km2: 'float8',
        population: 'int',
        gis_area_km2: 'float8',
        stats_flags: 'text',
      },
      unitRows,
    );
    await bulkInsert(
      tx as never,
      'unit_versions',
      {
        code: 'text',
        province_code: 'text',
        valid_from: 'date',
        valid_to: 'date',
        type: 'text',
        full_name: 'text',
        legal_basis: 'text',
      },
      versions.map((v) => ({
        code: v.code,
        province_code: v.provinceCode,
        valid_from: v.validFrom,
        valid_to: v.validTo,
        type: v.type,
        full_name: v.fullName,
        legal_basis: v.legalBasis,
      })),
    );
    await bulkInsert(
      tx as never,
      'unit_pending_amendments',
      {
        code: 'text',
        province_code: 'text',
        type_after: 'text',
        full_name_after: 'text',
        legal_basis: 'text',
      },
      pending.map((a) => ({
        code: a.code,
        province_code: provinceOf.get(a.code),
        type_after: a.typeAfter,
        full_name_after: a.fullNameAfter,
        legal_basis: a.legalBasis,
      })),
    );
    await bulkInsert(
      tx as never,
      'unit_lineage',
      {
        new_unit_code: 'text',
        new_province_code: 'text',
        new_unit_name: 'text',
        old_unit_code: 'text',
        old_unit_name: 'text',
        old_level: 'text',
        old_unit_type: 'text',
        old_parent_code: 'text',
        old_parent_name: 'text',
        old_province_code: 'text',
        old_province_name: 'text',
        relation: 'text',
        source_note: 'text',
      },
      lineage.map((l) => ({
        new_unit_code: l.new_unit_code,
        new_province_code: l.new_province_code,
        new_unit_name: l.new_unit_name,
        old_unit_code: orNull(l.old_unit_code),
        old_unit_name: l.old_unit_name,
        old_level: l.old_level,
        old_unit_type: orNull(l.old_unit_type),
        old_parent_code: orNull(l.old_parent),
        old_parent_name: orNull(l.old_parent_name),
        old_province_code: orNull(l.old_province_code),
        old_province_name: orNull(l.old_province_name),
        relation: l.relation,
        source_note: orNull(l.source_note),
      })),
    );
  });
  return { loaded: true };
}
