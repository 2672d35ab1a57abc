import { and, eq, gt, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { EDUCATION, POLITICAL_THEORY, STATE_MANAGEMENT } from '../domain/requirements.js';
import { agencies, assignments, people, posts } from '../schema.js';
import { approvedHeadcountByUnit, heldOn } from './shared.js';

/**
 * The counts of the workforce summary (`workforceSummary`, `GET /api/workforce/summary`) that a periodic report prints,
 * and nothing else (issue #20): staff, approved headcount, vacant leadership seats, people not meeting their job's
 * requirements, secondments in force, per province and per unit. Counted over the whole scope by three grouped
 * statements, with the requirement check (`checkRequirements`) written in SQL, instead of the summary's structure,
 * requirement groups and lists: the national review counts 34 provinces on two days, and reads none of those.
 * Each count is defined exactly as the summary's (the same rows, joins and "in force on the day" test), so a report's
 * figure equals the page's; the reports' tests compare them.
 */
export interface SummaryCounts {
  staff: number;
  approvedHeadcount: number;
  leadershipVacancies: number;
  notMeetingRequirements: number;
  secondments: number;
  /** the country only: each province's figures (as the summary's `byProvince`) */
  byProvince: { provinceCode: string; staff: number; approvedHeadcount: number; leadershipVacancies: number }[];
  /** each unit with an approved headcount (as the summary's `byUnit`), by code */
  byUnit: { provinceCode: string; unitCode: string; approvedHeadcount: number; staff: number }[];
}

/** A ladder's rank in SQL as `checkRequirements` ranks (absent or unknown lowest), shifted by one. */
const rank = (ladder: readonly string[], value: SQL | AnyColumn) =>
  sql`coalesce(array_position(${sql.raw(`ARRAY[${ladder.map((v) => `'${v}'`).join(',')}]::text[]`)}, ${value}), 0)`;

/** `checkRequirements(post.requirements, person).meets === false`, in SQL (the post and the person joined). */
const fallsShort = (() => {
  const req = posts.requirements;
  const fields = sql`(${req} -> 'educationFields')`;
  return sql`(
    ${rank(EDUCATION, people.educationLevel)} < ${rank(EDUCATION, sql`${req} ->> 'minEducation'`)}
    or (jsonb_typeof(${fields}) = 'array' and jsonb_array_length(${fields}) > 0
        and not (coalesce(${people.educationField}, '') <> '' and ${fields} @> to_jsonb(${people.educationField})))
    or ${rank(POLITICAL_THEORY, people.politicalTheory)} < ${rank(POLITICAL_THEORY, sql`${req} ->> 'minPoliticalTheory'`)}
    or ${rank(STATE_MANAGEMENT, people.stateManagement)} < ${rank(STATE_MANAGEMENT, sql`${req} ->> 'minStateManagement'`)}
    or ((${req} ->> 'itCertificate') = 'true' and ${people.itCertificate} is null)
  )`;
})();

/**
 * The report's workforce counts of a scope (the country: both codes null; a province; a commune) on each of some days
 * (a report's period and the previous one's: one pass over the scope for both), each as the summary counts it on
 * that day. One answer per day, in the order asked.
 */
export async function workforceSummaryCounts(
  db: Db,
  scope: { provinceCode: string | null; unitCode: string | null },
  days: readonly string[],
): Promise<SummaryCounts[]> {
  if (days.length === 0) return [];
  const { provinceCode, unitCode } = scope;
  const country = !provinceCode;
  const inScope = (t: { provinceCode: AnyColumn; unitCode: AnyColumn }): SQL | undefined =>
    and(provinceCode ? eq(t.provinceCode, provinceCode) : undefined, unitCode ? eq(t.unitCode, unitCode) : undefined);
  const firstDay = [...days].sort()[0]!;
  const regular = sql`${assignments.kind} = 'regular'`;
  const seconded = sql`${assignments.kind} in ('secondment', 'reinforcement')`;
  // Per day d<i>: staff (one per post held, the person's record found), staff per unit (distinct people: the
  // summary's per-unit figure), people not meeting their post's requirements (a post found), secondments.
  const perDay: Record<string, SQL> = {};
  const seatsPerDay: Record<string, SQL> = {};
  days.forEach((day, i) => {
    const on = heldOn(day);
    perDay[`staff${i}`] = sql`(count(${people.id}) filter (where ${regular} and ${on}))::int`;
    perDay[`unitStaff${i}`] = country
      ? sql`0`
      : sql`(count(distinct ${assignments.personId}) filter (where ${regular} and ${on}))::int`;
    perDay[`notMeeting${i}`] =
      sql`(count(*) filter (where ${regular} and ${on} and ${people.id} is not null and ${posts.id} is not null and ${fallsShort}))::int`;
    perDay[`secondments${i}`] = sql`(count(${people.id}) filter (where ${seconded} and ${on}))::int`;
    seatsPerDay[`held${i}`] = sql`count(${assignments.id}) filter (where ${on})`;
  });
  const [headcount, staffing, seats] = await Promise.all([
    approvedHeadcountByUnit(db, inScope(agencies)),
    // One pass over the assignments in force on any of the days.
    db
      .select({ provinceCode: assignments.provinceCode, unitCode: assignments.unitCode, ...perDay })
      .from(assignments)
      .leftJoin(people, eq(people.id, assignments.personId))
      .leftJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
      // (in force on some day asked: not ended by the first of them; the start is checked per day above)
      .where(and(inScope(assignments), or(isNull(assignments.endDate), gt(assignments.endDate, firstDay))))
      .groupBy(assignments.provinceCode, assignments.unitCode),
    // Leadership seats without a holder on the day (a holder: any assignment to the post in force), per post.
    db
      .select({ provinceCode: posts.provinceCode, seats: posts.seats, ...seatsPerDay })
      .from(posts)
      .leftJoin(assignments, and(eq(assignments.provinceCode, posts.provinceCode), eq(assignments.postId, posts.id)))
      .where(and(inScope(posts), eq(posts.kind, 'leadership')))
      .groupBy(posts.provinceCode, posts.id, posts.seats),
  ]);
  return days.map((_, i) => {
    const num = (row: Record<string, unknown>, key: string) => Number(row[`${key}${i}`] ?? 0);
    // As the summary: a province's staff and requirement checks are counted for the provinces holding agencies.
    const counted = new Set(headcount.map((h) => h.provinceCode));
    if (!country) counted.add(provinceCode);
    type Province = SummaryCounts['byProvince'][number] & { notMeeting: number };
    const provinces = new Map<string, Province>();
    const province = (code: string) => {
      let p = provinces.get(code);
      if (!p)
        provinces.set(
          code,
          (p = { provinceCode: code, staff: 0, approvedHeadcount: 0, leadershipVacancies: 0, notMeeting: 0 }),
        );
      return p;
    };
    for (const code of counted) province(code);
    for (const h of headcount) province(h.provinceCode).approvedHeadcount += h.approved;
    let secondments = 0;
    for (const s of staffing) {
      secondments += num(s, 'secondments');
      if (!counted.has(s.provinceCode)) continue;
      province(s.provinceCode).staff += num(s, 'staff');
      province(s.provinceCode).notMeeting += num(s, 'notMeeting');
    }
    let vacancies = 0;
    for (const v of seats) {
      const vacant = Math.max(0, v.seats - num(v, 'held'));
      if (vacant === 0) continue;
      vacancies += vacant;
      province(v.provinceCode).leadershipVacancies += vacant;
    }
    const all = [...provinces.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
    const sum = (pick: (p: Province) => number) => all.reduce((n, p) => n + pick(p), 0);
    const unitStaff = new Map(staffing.map((s) => [`${s.provinceCode}|${s.unitCode}`, num(s, 'unitStaff')]));
    return {
      staff: sum((p) => p.staff),
      approvedHeadcount: sum((p) => p.approvedHeadcount),
      leadershipVacancies: vacancies,
      notMeetingRequirements: sum((p) => p.notMeeting),
      secondments,
      byProvince: country
        ? all.map((p) => ({
            provinceCode: p.provinceCode,
            staff: p.staff,
            approvedHeadcount: p.approvedHeadcount,
            leadershipVacancies: p.leadershipVacancies,
          }))
        : [],
      byUnit: country
        ? []
        : headcount
            .map((h) => ({
              provinceCode: h.provinceCode,
              unitCode: h.unitCode,
              approvedHeadcount: h.approved,
              staff: unitStaff.get(`${h.provinceCode}|${h.unitCode}`) ?? 0,
            }))
            .sort((a, b) => a.unitCode.localeCompare(b.unitCode)),
    };
  });
}
