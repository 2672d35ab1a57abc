/**
 * The named queries the assessments module reads the workforce through (it never touches the workforce's tables
 * itself): a person, a unit's staff and leaders, the assignment spans, the staff counts, and the people's names as
 * a subquery to join inside an assessment statement (one statement still; PostgreSQL flattens it into the join).
 */
import { and, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import type { Place } from '../../core/scope.js';
import { agencies, assignments, people, posts } from './schema.js';

/** A person with their place and full name; undefined for an unknown id. */
export async function personNamed(db: Db, id: string) {
  const [p] = await db
    .select({ id: people.id, provinceCode: people.provinceCode, unitCode: people.unitCode, fullName: people.fullName })
    .from(people)
    .where(eq(people.id, id));
  return p;
}

/** The full names of these people (ids not found are left out). */
export function personNames(db: Db, ids: string[]) {
  return db.select({ id: people.id, fullName: people.fullName }).from(people).where(inArray(people.id, ids));
}

/** People whose record sits in the unit now. */
export function unitStaff(db: Db, place: Place) {
  return db
    .select({ id: people.id, fullName: people.fullName, category: people.category })
    .from(people)
    .where(and(eq(people.provinceCode, place.provinceCode), eq(people.unitCode, place.unitCode)));
}

/** How many people's records sit in the unit now. */
export async function unitStaffCount(db: Db, place: Place): Promise<number> {
  const staff = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(and(eq(people.provinceCode, place.provinceCode), eq(people.unitCode, place.unitCode)));
  return staff[0]?.n ?? 0;
}

/** Head counts by unit within a province, or by province for the country (no `provinceCode`). */
export function staffCounts(db: Db, provinceCode: string | null | undefined) {
  const staffGroup = provinceCode ? people.unitCode : people.provinceCode;
  return db
    .select({ code: staffGroup, n: sql<number>`count(*)::int` })
    .from(people)
    .where(provinceCode ? eq(people.provinceCode, provinceCode) : undefined)
    .groupBy(staffGroup);
}

/** The assignment spans (start, end) of these people, wherever they worked. */
export function assignmentSpans(db: Db, ids: string[]) {
  return db
    .select({ personId: assignments.personId, start: assignments.startDate, end: assignments.endDate })
    .from(assignments)
    .where(inArray(assignments.personId, ids));
}

/** The people holding a leadership post in the unit at some time between `start` and `end`. */
export function unitLeaders(db: Db, place: Place, start: string, end: string) {
  return db
    .select({ personId: assignments.personId })
    .from(assignments)
    .innerJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
    .where(
      and(
        eq(assignments.provinceCode, place.provinceCode),
        eq(assignments.unitCode, place.unitCode),
        eq(posts.kind, 'leadership'),
        lte(assignments.startDate, end),
        or(isNull(assignments.endDate), sql`${assignments.endDate} > ${start}`),
      ),
    );
}

/**
 * Who held which post in the unit at some time between `start` and `end`: the person, the agency's kind (office,
 * department, service centre, People's Committee…), the post's code and whether it is a leadership post. The
 * assessments read from it whom each leader manages.
 */
export function unitPostHolders(db: Db, place: Place, start: string, end: string) {
  return db
    .select({ personId: assignments.personId, agencyKind: agencies.kind, postCode: posts.code, postKind: posts.kind })
    .from(assignments)
    .innerJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
    .innerJoin(agencies, and(eq(agencies.provinceCode, posts.provinceCode), eq(agencies.id, posts.agencyId)))
    .where(
      and(
        eq(assignments.provinceCode, place.provinceCode),
        eq(assignments.unitCode, place.unitCode),
        lte(assignments.startDate, end),
        or(isNull(assignments.endDate), sql`${assignments.endDate} > ${start}`),
      ),
    );
}

/**
 * The people's names and categories as a subquery to left-join by `id` inside a bigger statement, e.g.
 * `.leftJoin(names, eq(names.id, tasks.personId))`.
 */
export function personNamesJoin(db: Db) {
  return db
    .select({ id: people.id, fullName: people.fullName, category: people.category })
    .from(people)
    .as('person_names');
}

/**
 * The people who held an assignment at some time in `year` (`id`, `province_code`, `unit_code`), as a subquery for
 * the FROM of a bigger statement: `FROM (${staffOfYearSql(year)}) p` (PostgreSQL flattens it: one statement).
 */
export function staffOfYearSql(year: number): SQL {
  return sql`SELECT p.id, p.province_code, p.unit_code FROM people p
    WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id AND a.start_date <= ${`${year}-12-31`}
                    AND (a.end_date IS NULL OR a.end_date >= ${`${year}-01-01`}))`;
}

/**
 * For the assessments' demo part: everyone with each assignment's span, unit and whether its post leads, one
 * row per person and assignment as one JSON text of arrays ([person id, province, unit, full name, national id,
 * assignment id, assignment unit, start, end, leadership post?, assignment kind, the post's agency kind, post code]):
 * ~127,000 rows parse far faster that way than as rows. The agency kind and post code say whom a leader manages.
 */
export async function staffSpansJson(database: Database): Promise<string> {
  const [row] = await database.rows<{ j: string | null }>(sql`
    SELECT json_agg(json_build_array(p.id, p.province_code, p.unit_code, p.full_name, p.national_id,
                                     a.id, a.unit_code, a.start_date, a.end_date, po.kind = 'leadership', a.kind,
                                     ag.kind, po.code))::text AS j
    FROM people p
    LEFT JOIN assignments a ON a.province_code = p.province_code AND a.person_id = p.id
    LEFT JOIN posts po ON po.province_code = a.province_code AND po.id = a.post_id
    LEFT JOIN agencies ag ON ag.province_code = po.province_code AND ag.id = po.agency_id`);
  return row?.j ?? '[]';
}

/**
 * For the assessments' demo part: moves the start of the given assignments (the demo's recent recruits), in one
 * statement. Only the demo calls it; the workforce stays the one writer of its tables.
 */
export async function setAssignmentStarts(db: Db, rows: { id: string; start_date: string }[]): Promise<void> {
  await db.execute(sql`
    UPDATE assignments a SET start_date = x.start_date
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id uuid, start_date date)
    WHERE a.id = x.id`);
}
