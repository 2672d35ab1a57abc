import { and, asc, eq, gt, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outOfScope } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { agencies, assignments, people, posts, workforceFigureChanges, workforceProvinceFigures } from '../schema.js';
import { rowsOf } from '../../../db/client.js';
import { ageBand, checkRequirements, type Requirements } from '../domain/requirements.js';
import { mayWorkforce, mustWorkforceRole } from '../policy.js';
import { approvedHeadcountByUnit, heldOn, unitOf } from './shared.js';

/**
 * Summaries are heavy (every person of the scope) and change slowly: kept for a minute per scope and
 * day, and forgotten at once when this process changes the workforce (another process: within a minute).
 */
const SUMMARY_CACHE_MS = 60_000;
const summaryCache = new Map<string, { at: number; value: Promise<unknown> }>();
/** Forgets this process's summaries only; a change to the workforce calls `workforceChanged`. */
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

/** The heavy part of a province's summary, kept per province and day (workforce_province_figures). */
interface ProvinceFigures {
  /** units with an approved headcount, and their staff (distinct people in a regular post now) */
  byUnit: { unitCode: string; approved: number; staff: number }[];
  structure: { category: string; educationLevel: string; sex: string; age: number; n: number }[];
  requirements: { assessed: number; notMeeting: number; shortfalls: Record<string, number> };
  /** people in a regular post now (one per post held) */
  staff: number;
}

/** The heavy figures of some provinces (or of one commune), grouped per province, read from the workforce. */
async function heavyFigures(
  db: Db,
  provinceCodes: string[],
  unitCode: string | null,
  today: string,
): Promise<Map<string, ProvinceFigures>> {
  const inScope = (t: { provinceCode: AnyColumn; unitCode: AnyColumn }): SQL | undefined =>
    and(inArray(t.provinceCode, provinceCodes), unitCode ? eq(t.unitCode, unitCode) : undefined);
  const open = heldOn(today);
  const [headcount, staffByUnit, structure, requirementRows] = await Promise.all([
    approvedHeadcountByUnit(db, inScope(agencies)),
    // Staff = people holding a regular post now (those who left stay in the registry, not in the count).
    db
      .select({
        provinceCode: assignments.provinceCode,
        unitCode: assignments.unitCode,
        staff: sql<number>`count(distinct ${assignments.personId})::int`,
      })
      .from(assignments)
      .where(and(inScope(assignments), eq(assignments.kind, 'regular'), open))
      .groupBy(assignments.provinceCode, assignments.unitCode),
    // Grouped in SQL: a country-wide summary reads a few thousand groups, not every person.
    db
      .select({
        provinceCode: assignments.provinceCode,
        category: people.category,
        educationLevel: people.educationLevel,
        sex: people.sex,
        age: sql<number>`date_part('year', age(${today}::date, ${people.birthDate}))::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(inScope(assignments), eq(assignments.kind, 'regular'), open))
      .groupBy(assignments.provinceCode, people.category, people.educationLevel, people.sex, sql`5`),
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
  ]);
  const out = new Map<string, ProvinceFigures>();
  const of = (code: string) => {
    let f = out.get(code);
    if (!f)
      out.set(
        code,
        (f = { byUnit: [], structure: [], requirements: { assessed: 0, notMeeting: 0, shortfalls: {} }, staff: 0 }),
      );
    return f;
  };
  for (const code of provinceCodes) of(code);
  const staffOf = new Map(staffByUnit.map((r) => [`${r.provinceCode}|${r.unitCode}`, r.staff]));
  for (const h of headcount)
    of(h.provinceCode).byUnit.push({
      unitCode: h.unitCode,
      approved: h.approved,
      staff: staffOf.get(`${h.provinceCode}|${h.unitCode}`) ?? 0,
    });
  for (const { provinceCode: p, ...g } of structure) {
    of(p).structure.push(g);
    of(p).staff += g.n;
  }
  for (const r of requirementRows) {
    const c = checkRequirements(r.requirements as Requirements, r);
    const q = of(r.provinceCode).requirements;
    q.assessed += r.n;
    if (!c.meets) q.notMeeting += r.n;
    for (const x of c.shortfalls) q.shortfalls[x] = (q.shortfalls[x] ?? 0) + r.n;
  }
  return out;
}

/**
 * The heavy figures of a province or of the country: the kept ones of today still valid (no change to the province's
 * workforce since they were computed), the others computed now in one pass and kept.
 */
async function keptFigures(
  db: Db,
  provinceCode: string | null,
  today: string,
  computed: (provinces: number) => void = () => {},
) {
  const now = rowsOf<{ now: string }>(await db.execute(sql`select clock_timestamp()::text as now`))[0]!.now;
  const codes = provinceCode
    ? [provinceCode]
    : (await db.selectDistinct({ p: agencies.provinceCode }).from(agencies)).map((r) => r.p);
  const kept = await db
    .select({ provinceCode: workforceProvinceFigures.provinceCode, figures: workforceProvinceFigures.figures })
    .from(workforceProvinceFigures)
    .leftJoin(workforceFigureChanges, eq(workforceFigureChanges.provinceCode, workforceProvinceFigures.provinceCode))
    .where(
      and(
        eq(workforceProvinceFigures.day, today),
        inArray(workforceProvinceFigures.provinceCode, codes),
        or(
          isNull(workforceFigureChanges.changedAt),
          gt(workforceProvinceFigures.computedAt, workforceFigureChanges.changedAt),
        ),
      ),
    );
  const out = new Map(kept.map((r) => [r.provinceCode, r.figures as ProvinceFigures]));
  const stale = codes.filter((c) => !out.has(c));
  computed(stale.length);
  if (stale.length) {
    const fresh = await heavyFigures(db, stale, null, today);
    const rows = [...fresh].map(([p, figures]) => ({ provinceCode: p, day: today, computedAt: now, figures }));
    await db
      .insert(workforceProvinceFigures)
      .values(rows)
      .onConflictDoUpdate({
        target: [workforceProvinceFigures.provinceCode, workforceProvinceFigures.day],
        set: { computedAt: sql`excluded.computed_at`, figures: sql`excluded.figures` },
      });
    for (const [p, f] of fresh) out.set(p, f);
  }
  return out;
}

/**
 * Keeps the day's figures of every province computed, so that no reader waits for them: the first reading of the day
 * computed all 34 (2.2 s on the embedded database with the demo nation, bench `workforce-summary`), and a reading after
 * a change the changed province's. Returns the provinces computed (none when all were still valid).
 */
export async function keepWorkforceFiguresWarm(db: Db, today: string): Promise<number> {
  let computed = 0;
  await keptFigures(db, null, today, (n) => (computed = n));
  return computed;
}

/**
 * A change to a province's workforce makes its kept figures stale: called after the change commits, with the
 * provinces it touched (none: every province), so a summary computed from the data before the change is not kept.
 */
export async function workforceChanged(db: Db, provinceCodes?: readonly string[]): Promise<void> {
  summaryCache.clear();
  const codes = provinceCodes?.length
    ? [...new Set(provinceCodes)]
    : (await db.selectDistinct({ p: agencies.provinceCode }).from(agencies)).map((r) => r.p);
  if (!codes.length) return;
  await db
    .insert(workforceFigureChanges)
    .values(codes.map((p) => ({ provinceCode: p, changedAt: sql`clock_timestamp()` as unknown as string })))
    .onConflictDoUpdate({ target: workforceFigureChanges.provinceCode, set: { changedAt: sql`clock_timestamp()` } });
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
  const open = heldOn(today);
  const country = !provinceCode;

  const secondedWhere = and(inScope(assignments), inArray(assignments.kind, ['secondment', 'reinforcement']), open);
  const [heavy, vacancies, seconded, [secondedCount]] = await Promise.all([
    // a commune's are read directly (a few hundred people); a province's and the country's are kept
    unitCode ? heavyFigures(db, [provinceCode!], unitCode, today) : keptFigures(db, provinceCode, today),
    // Leadership seats without a current holder, with the day the last holder left (or the post's creation).
    db
      .select({
        provinceCode: posts.provinceCode,
        unitCode: posts.unitCode,
        code: posts.code,
        title: posts.title,
        seats: posts.seats,
        held: sql<number>`count(${assignments.id}) filter (where ${open})::int`,
        lastLeft: sql<string | null>`max(${assignments.endDate}) filter (where ${assignments.endDate} <= ${today})`,
        createdOn: posts.createdOn,
      })
      .from(posts)
      .leftJoin(assignments, and(eq(assignments.provinceCode, posts.provinceCode), eq(assignments.postId, posts.id)))
      .where(and(inScope(posts), eq(posts.kind, 'leadership')))
      .groupBy(posts.provinceCode, posts.unitCode, posts.id, posts.code, posts.title, posts.seats, posts.createdOn),
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
      .where(secondedWhere)
      .orderBy(asc(assignments.endDate), asc(people.searchKey))
      .limit(opts.full ? 100_000 : 500),
    // all of them (the list above stops at 500 for the page), counted as the list is: the person's record found
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(secondedWhere),
  ]);
  const provinceList = [...heavy].sort(([a], [b]) => a.localeCompare(b));
  const headcount = provinceList.flatMap(([p, f]) =>
    f.byUnit.map((u) => ({ provinceCode: p, unitCode: u.unitCode, approved: u.approved, staff: u.staff })),
  );
  const structure = provinceList.flatMap(([, f]) => f.structure);
  const staffByProvince = country ? provinceList.map(([p, f]) => ({ provinceCode: p, n: f.staff })) : [];
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
  for (const [p, f] of provinceList) {
    const r = f.requirements;
    assessed += r.assessed;
    notMeeting += r.notMeeting;
    if (country) {
      province(p).assessed += r.assessed;
      province(p).notMeeting += r.notMeeting;
    }
    for (const [x, n] of Object.entries(r.shortfalls)) shortfalls[x] = (shortfalls[x] ?? 0) + n;
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
      staff: h.staff,
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
    secondmentsTotal: Number(secondedCount?.n ?? 0),
    /** Country scope only: the figures of each province, for the Ministry's map. */
    ...(country
      ? { byProvince: [...provinces.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode)) }
      : {}),
  };
}
