/** Comparisons between units and the units overdue with their annual ratings. */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/client.js';
import { forbidden } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { may } from '../policy.js';
import { staffCounts, staffOfYearSql } from '../../workforce/index.js';
import { annualRatings, assessmentSettings, assessmentUnitYears } from '../schema.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../domain/settings.js';
import { excellentQuota } from '../domain/scoring.js';
import { unitNames, dueDate } from './common.js';
import { settingsFor } from './settings.js';

/**
 * Units compared: the Ministry sees provinces, a province its communes (and its own departments):
 * staff, rated, confirmed, bands, the share rated excellent, units over the quota.
 */
export async function compareUnits(db: Db, actor: Actor, year: number, province?: string) {
  if (!may('compare', actor)) throw forbidden();
  const s = scopeOf(actor);
  const provinceCode = s.kind === 'country' ? province : s.provinceCode;
  if (s.kind === 'commune') throw forbidden();
  const group = provinceCode ? annualRatings.unitCode : annualRatings.provinceCode;
  const where = and(
    eq(annualRatings.year, year),
    provinceCode ? eq(annualRatings.provinceCode, provinceCode) : undefined,
  );
  const rows = await db
    .select({
      code: group,
      rated: sql<number>`count(${annualRatings.band})::int`,
      confirmed: sql<number>`count(*) filter (where ${annualRatings.status} = 'confirmed')::int`,
      excellent: sql<number>`count(*) filter (where ${annualRatings.band} = 'excellent')::int`,
      good: sql<number>`count(*) filter (where ${annualRatings.band} = 'good')::int`,
      completed: sql<number>`count(*) filter (where ${annualRatings.band} = 'completed')::int`,
      notCompleted: sql<number>`count(*) filter (where ${annualRatings.band} = 'not_completed')::int`,
      notRated: sql<number>`count(*) filter (where ${annualRatings.band} is null)::int`,
    })
    .from(annualRatings)
    .where(where)
    .groupBy(group);
  const staff = await staffCounts(db, provinceCode);
  const staffOf = new Map(staff.map((x) => [x.code, x.n]));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  // Each province's own quota applies to its units.
  const overrides = new Map((await db.select().from(assessmentSettings)).map((r) => [r.provinceCode, r.overrides]));
  const settingsOf = (pc: string) => mergeSettings(DEFAULT_SETTINGS, overrides.get(''), overrides.get(pc));
  // Units over the quota: counted per unit even when the rows are provinces.
  const perUnit = await db
    .select({
      provinceCode: annualRatings.provinceCode,
      unitCode: annualRatings.unitCode,
      excellent: sql<number>`count(*) filter (where ${annualRatings.band} = 'excellent')::int`,
      good: sql<number>`count(*) filter (where ${annualRatings.band} = 'good')::int`,
      outstanding: sql<boolean>`coalesce(bool_or(${assessmentUnitYears.outstanding}), false)`,
    })
    .from(annualRatings)
    .leftJoin(
      assessmentUnitYears,
      and(
        eq(assessmentUnitYears.provinceCode, annualRatings.provinceCode),
        eq(assessmentUnitYears.unitCode, annualRatings.unitCode),
        eq(assessmentUnitYears.year, annualRatings.year),
      ),
    )
    .where(where)
    .groupBy(annualRatings.provinceCode, annualRatings.unitCode);
  const overQuota = new Map<string, number>();
  for (const u of perUnit) {
    if (u.excellent > excellentQuota(settingsOf(u.provinceCode), u.good, u.outstanding)) {
      const key = provinceCode ? u.unitCode : u.provinceCode;
      overQuota.set(key, (overQuota.get(key) ?? 0) + 1);
    }
  }
  const codes = [...new Set([...staffOf.keys(), ...byCode.keys()])];
  const nameOf = await unitNames(db, codes);
  const items = codes
    .map((code) => {
      const r = byCode.get(code);
      const rated = r?.rated ?? 0;
      return {
        code,
        name: nameOf.get(code) ?? code,
        staff: staffOf.get(code) ?? 0,
        rated,
        confirmed: r?.confirmed ?? 0,
        notRated: r?.notRated ?? 0,
        bands: {
          excellent: r?.excellent ?? 0,
          good: r?.good ?? 0,
          completed: r?.completed ?? 0,
          not_completed: r?.notCompleted ?? 0,
        },
        excellentShare: rated ? Math.round((1000 * (r?.excellent ?? 0)) / rated) / 10 : null,
        unitsOverQuota: overQuota.get(code) ?? 0,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    year,
    provinceCode: provinceCode ?? null,
    level: provinceCode ? ('commune' as const) : ('province' as const),
    items,
  };
}

/**
 * Units whose annual rating is not done before the due date (15 December): staff without a
 * confirmed rating, with the days left (negative once late).
 */
export async function overdueAssessments(
  db: Db,
  actor: Actor,
  year: number,
  today: string,
  page: number,
  pageSize: number,
) {
  if (!may('overdue', actor)) throw forbidden();
  const s = scopeOf(actor);
  const settings = await settingsFor(db, s.kind === 'country' ? null : s.provinceCode);
  const due = dueDate(settings, year);
  const scope =
    s.kind === 'province'
      ? sql`AND p.province_code = ${s.provinceCode}`
      : s.kind === 'commune'
        ? sql`AND p.province_code = ${s.provinceCode} AND p.unit_code = ${s.communeCode}`
        : sql``;
  const rows = await db.execute(sql`
    SELECT p.province_code AS "provinceCode", p.unit_code AS "unitCode",
           count(*)::int AS staff,
           count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS confirmed,
           count(r.id) FILTER (WHERE r.status = 'proposed')::int AS proposed,
           (count(*) OVER ())::int AS total
    FROM (${staffOfYearSql(year)}) p
    LEFT JOIN annual_ratings r ON r.province_code = p.province_code AND r.person_id = p.id AND r.year = ${year}
    WHERE TRUE ${scope}
    GROUP BY p.province_code, p.unit_code
    HAVING count(r.id) FILTER (WHERE r.status = 'confirmed') < count(*)
    ORDER BY count(r.id) FILTER (WHERE r.status = 'confirmed')::float / count(*), p.province_code, p.unit_code
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
  `);
  const list = rowsOf<{
    provinceCode: string;
    unitCode: string;
    staff: number;
    confirmed: number;
    proposed: number;
    total: number;
  }>(rows);
  const daysLeft = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  const names = await unitNames(
    db,
    list.map((r) => r.unitCode),
  );
  return {
    year,
    due,
    daysLeft,
    total: list[0]?.total ?? 0,
    page,
    pageSize,
    items: list.map(({ total: _total, ...r }) => ({
      ...r,
      name: names.get(r.unitCode) ?? r.unitCode,
      pending: r.staff - r.confirmed,
    })),
  };
}
