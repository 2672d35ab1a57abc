import { and, asc, eq, gt, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outOfScope } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { agencies, assignments, people, posts } from '../schema.js';
import { ageBand, checkRequirements, type Requirements } from '../domain/requirements.js';
import { mayWorkforce, mustWorkforceRole } from '../policy.js';
import { unitOf } from './shared.js';

/**
 * Summaries are heavy (every person of the scope) and change slowly: kept for a minute per scope and
 * day, and forgotten at once when this process changes the workforce (another process: within a minute).
 */
const SUMMARY_CACHE_MS = 60_000;
const summaryCache = new Map<string, { at: number; value: Promise<unknown> }>();
export function forgetWorkforceSummaries() {
  summaryCache.clear();
}

/**
 * The workforce summary of a scope (the actor's, or `q.unit` within it): staffing against approved headcount per
 * unit, vacant leadership posts (and since when), the share not meeting their job's requirements and why, age and
 * qualification structure, secondments in force. `full` keeps every vacancy and secondment (the Excel workbook); the
 * JSON answer keeps the first 200 and 500.
 */
export async function workforceSummary(
  db: Db,
  actor: Actor,
  q: { unit?: string },
  today: string,
  opts: { full?: boolean } = {},
) {
  mustWorkforceRole('read', actor);
  let provinceCode: string | null = null;
  let unitCode: string | null = null;
  const s = scopeOf(actor);
  if (s.kind === 'province') provinceCode = s.provinceCode;
  if (s.kind === 'commune') [provinceCode, unitCode] = [s.provinceCode, s.communeCode];
  if (q.unit) {
    const u = await unitOf(db, q.unit);
    if (!u || !mayWorkforce('read', actor, { provinceCode: u.provinceCode, unitCode: u.code }))
      throw outOfScope(q.unit);
    if (u.level === 'province') {
      if (s.kind === 'commune') throw outOfScope(q.unit);
      provinceCode = u.code;
    } else [provinceCode, unitCode] = [u.provinceCode, u.code];
  }
  const key = `${provinceCode}|${unitCode}|${today}|${opts.full ? 1 : 0}`;
  const hit = summaryCache.get(key);
  if (hit && Date.now() - hit.at < SUMMARY_CACHE_MS) return hit.value as ReturnType<typeof computeSummary>;
  const value = computeSummary(db, provinceCode, unitCode, today, opts);
  summaryCache.set(key, { at: Date.now(), value });
  value.catch(() => summaryCache.delete(key));
  return value;
}

async function computeSummary(
  db: Db,
  provinceCode: string | null,
  unitCode: string | null,
  today: string,
  opts: { full?: boolean },
) {
  const inScope = (t: { provinceCode: AnyColumn; unitCode: AnyColumn }): SQL | undefined =>
    and(provinceCode ? eq(t.provinceCode, provinceCode) : undefined, unitCode ? eq(t.unitCode, unitCode) : undefined);
  const open = or(isNull(assignments.endDate), gt(assignments.endDate, today));
  const country = !provinceCode;

  const [headcount, staffByUnit, vacancies, structure, requirementRows, seconded, staffByProvince] = await Promise.all([
    db
      .select({
        provinceCode: agencies.provinceCode,
        unitCode: agencies.unitCode,
        approved: sql<number>`sum(${agencies.approvedHeadcount})::int`,
      })
      .from(agencies)
      .where(inScope(agencies))
      .groupBy(agencies.provinceCode, agencies.unitCode),
    // Staff = people holding a regular post now (those who left stay in the registry, not in the count).
    db
      .select({ unitCode: assignments.unitCode, staff: sql<number>`count(distinct ${assignments.personId})::int` })
      .from(assignments)
      .where(and(inScope(assignments), eq(assignments.kind, 'regular'), open))
      .groupBy(assignments.unitCode),
    // Leadership seats without a current holder, with the day the last holder left (or the post's creation).
    db
      .select({
        provinceCode: posts.provinceCode,
        unitCode: posts.unitCode,
        code: posts.code,
        title: posts.title,
        seats: posts.seats,
        held: sql<number>`count(${assignments.id}) filter (where ${assignments.endDate} is null or ${assignments.endDate} > ${today})::int`,
        lastLeft: sql<string | null>`max(${assignments.endDate}) filter (where ${assignments.endDate} <= ${today})`,
        createdOn: posts.createdOn,
      })
      .from(posts)
      .leftJoin(assignments, and(eq(assignments.provinceCode, posts.provinceCode), eq(assignments.postId, posts.id)))
      .where(and(inScope(posts), eq(posts.kind, 'leadership')))
      .groupBy(posts.provinceCode, posts.unitCode, posts.id, posts.code, posts.title, posts.seats, posts.createdOn),
    // Grouped in SQL: a country-wide summary reads a few thousand groups, not every person.
    db
      .select({
        category: people.category,
        educationLevel: people.educationLevel,
        sex: people.sex,
        age: sql<number>`date_part('year', age(${today}::date, ${people.birthDate}))::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(inScope(assignments), eq(assignments.kind, 'regular'), open))
      .groupBy(people.category, people.educationLevel, people.sex, sql`4`),
    db
      .select({
        provinceCode: assignments.provinceCode,
        requirements: posts.requirements,
        educationLevel: people.educationLevel,
        educationField: people.educationField,
        politicalTheory: people.politicalTheory,
        stateManagement: people.stateManagement,
        itCertificate: sql<string | null>`case when ${people.itCertificate} is null then null else 'yes' end`,
        n: sql<number>`count(*)::int`,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .innerJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
      .where(and(inScope(assignments), eq(assignments.kind, 'regular'), open))
      .groupBy(
        assignments.provinceCode,
        posts.requirements,
        people.educationLevel,
        people.educationField,
        people.politicalTheory,
        people.stateManagement,
        sql`7`,
      ),
    db
      .select({
        personId: assignments.personId,
        fullName: people.fullName,
        provinceCode: assignments.provinceCode,
        unitCode: assignments.unitCode,
        fromUnitCode: assignments.fromUnitCode,
        kind: assignments.kind,
        startDate: assignments.startDate,
        endDate: assignments.endDate,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(inScope(assignments), inArray(assignments.kind, ['secondment', 'reinforcement']), open))
      .orderBy(asc(assignments.endDate), asc(people.searchKey))
      .limit(opts.full ? 100_000 : 500),
    // The map of the Ministry: staff counted as in `staff` (people in a regular post now), per province.
    country
      ? db
          .select({ provinceCode: assignments.provinceCode, n: sql<number>`count(*)::int` })
          .from(assignments)
          .innerJoin(people, eq(people.id, assignments.personId))
          .where(and(eq(assignments.kind, 'regular'), open))
          .groupBy(assignments.provinceCode)
      : Promise.resolve([]),
  ]);

  const staffOf = new Map(staffByUnit.map((r) => [r.unitCode, r.staff]));
  const shortfalls: Record<string, number> = {};
  let notMeeting = 0;
  let assessed = 0;
  type ProvinceFigures = {
    provinceCode: string;
    staff: number;
    approvedHeadcount: number;
    leadershipVacancies: number;
    assessed: number;
    notMeeting: number;
  };
  const provinces = new Map<string, ProvinceFigures>();
  const province = (code: string) => {
    let p = provinces.get(code);
    if (!p)
      provinces.set(
        code,
        (p = {
          provinceCode: code,
          staff: 0,
          approvedHeadcount: 0,
          leadershipVacancies: 0,
          assessed: 0,
          notMeeting: 0,
        }),
      );
    return p;
  };
  for (const r of requirementRows) {
    const c = checkRequirements(r.requirements as Requirements, r);
    assessed += r.n;
    if (!c.meets) notMeeting += r.n;
    if (country) {
      province(r.provinceCode).assessed += r.n;
      if (!c.meets) province(r.provinceCode).notMeeting += r.n;
    }
    for (const x of c.shortfalls) shortfalls[x] = (shortfalls[x] ?? 0) + r.n;
  }
  const count = (groups: { key: string; n: number }[]) =>
    groups.reduce<Record<string, number>>((m, g) => ((m[g.key] = (m[g.key] ?? 0) + g.n), m), {});
  const vacant = vacancies
    .filter((v) => v.held < v.seats)
    .map((v) => {
      const since = v.lastLeft ?? v.createdOn;
      return {
        provinceCode: v.provinceCode,
        unitCode: v.unitCode,
        code: v.code,
        title: v.title,
        vacantSeats: v.seats - v.held,
        vacantSince: since,
        daysVacant: Math.max(0, Math.round((Date.parse(today) - Date.parse(since)) / 86_400_000)),
      };
    })
    .sort(
      (a, b) => b.daysVacant - a.daysVacant || a.unitCode.localeCompare(b.unitCode) || a.code.localeCompare(b.code),
    );
  if (country) {
    for (const h of headcount) province(h.provinceCode).approvedHeadcount += h.approved;
    for (const r of staffByProvince) province(r.provinceCode).staff += r.n;
    for (const v of vacant) province(v.provinceCode).leadershipVacancies += v.vacantSeats;
  }
  return {
    scope: { provinceCode, unitCode },
    staff: structure.reduce((s2, g) => s2 + g.n, 0),
    approvedHeadcount: headcount.reduce((s2, r) => s2 + r.approved, 0),
    byUnit: headcount.map((h) => ({
      provinceCode: h.provinceCode,
      unitCode: h.unitCode,
      approvedHeadcount: h.approved,
      staff: staffOf.get(h.unitCode) ?? 0,
    })),
    requirements: {
      assessed,
      notMeeting,
      notMeetingRate: assessed ? Math.round((notMeeting / assessed) * 1000) / 10 : null,
      shortfalls,
    },
    leadershipVacancies: {
      total: vacant.reduce((s2, v) => s2 + v.vacantSeats, 0),
      byPost: count(vacant.map((v) => ({ key: v.code, n: v.vacantSeats }))),
      items: opts.full ? vacant : vacant.slice(0, 200),
    },
    structure: {
      byCategory: count(structure.map((g) => ({ key: g.category, n: g.n }))),
      byEducation: count(structure.map((g) => ({ key: g.educationLevel, n: g.n }))),
      bySex: count(structure.map((g) => ({ key: g.sex, n: g.n }))),
      byAge: count(structure.map((g) => ({ key: ageBand(g.age), n: g.n }))),
    },
    secondments: seconded,
    /** Country scope only: the figures of each province, for the Ministry's map. */
    ...(country
      ? { byProvince: [...provinces.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode)) }
      : {}),
  };
}
