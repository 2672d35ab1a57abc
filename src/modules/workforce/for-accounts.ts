// Named queries of the workforce registry for the accounts module (read through the door, never the tables).
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { anyOf } from '../../db/statements.js';

export interface PersonAtWork {
  id: string;
  fullName: string;
  /** the unit where the person works today: a running secondment's or reinforcement's, else their own */
  provinceCode: string;
  unitCode: string;
  /** the title of the post they hold today (the secondment's first), or null */
  postTitle: string | null;
}

/**
 * Where people work today, with their name and post: the account linked to a person follows them, so a person
 * moved (a regular assignment changes their unit) or seconded keeps one account whose unit is the one they serve in.
 */
export async function peopleAtWork(db: Db, ids: readonly string[], today: string): Promise<Map<string, PersonAtWork>> {
  const out = new Map<string, PersonAtWork>();
  if (!ids.length) return out;
  const rows = rowsOf<{
    id: string;
    full_name: string;
    province_code: string;
    unit_code: string;
    s_province: string | null;
    s_unit: string | null;
    post_title: string | null;
  }>(
    await db.execute(sql`
      SELECT p.id, p.full_name, p.province_code, p.unit_code, s.province_code AS s_province, s.unit_code AS s_unit,
        (SELECT po.title FROM assignments a
           JOIN posts po ON po.province_code = a.province_code AND po.id = a.post_id
          WHERE a.person_id = p.id AND a.start_date <= ${today} AND (a.end_date IS NULL OR a.end_date > ${today})
          ORDER BY (a.kind <> 'regular') DESC, a.start_date DESC LIMIT 1) AS post_title
      FROM people p
      LEFT JOIN LATERAL (
        SELECT a.province_code, a.unit_code FROM assignments a
         WHERE a.person_id = p.id AND a.kind <> 'regular' AND a.start_date <= ${today}
           AND (a.end_date IS NULL OR a.end_date > ${today})
         ORDER BY a.start_date DESC LIMIT 1) s ON true
      WHERE ${anyOf(sql`p.id`, ids, 'uuid')}`),
  );
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      fullName: r.full_name,
      provinceCode: r.s_province ?? r.province_code,
      unitCode: r.s_unit ?? r.unit_code,
      postTitle: r.post_title,
    });
  return out;
}

/** The people whose record sits in a unit now (their own unit), for its accounts page. */
export async function unitPeopleIds(db: Db, provinceCode: string, unitCode: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`SELECT id FROM people WHERE province_code = ${provinceCode} AND unit_code = ${unitCode}`),
  );
  return rows.map((r) => r.id);
}

/**
 * The people who serve in a unit on `today`: its own staff and those seconded or sent to reinforce it (a running
 * secondment's or reinforcement's post in the unit), whichever province they come from. Some of its own staff may
 * serve elsewhere that day: `peopleAtWork` tells where each one works.
 */
export async function unitServingPeopleIds(
  db: Db,
  provinceCode: string,
  unitCode: string,
  today: string,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT id FROM people WHERE province_code = ${provinceCode} AND unit_code = ${unitCode}
      UNION
      SELECT person_id AS id FROM assignments
       WHERE province_code = ${provinceCode} AND unit_code = ${unitCode} AND kind <> 'regular'
         AND start_date <= ${today} AND (end_date IS NULL OR end_date > ${today})`),
  );
  return rows.map((r) => r.id);
}

/**
 * The people a sign-in through an OpenID Connect provider names (docs/decisions/0005): by the 12-digit personal
 * identification number the staff record keeps, or by its e-mail address (any case). Normally one; the accounts
 * module refuses anything else.
 */
export async function peopleIdentifiedBy(db: Db, by: 'national_id' | 'email', value: string): Promise<string[]> {
  const where = by === 'national_id' ? sql`national_id = ${value}` : sql`lower(email) = lower(${value})`;
  const rows = rowsOf<{ id: string }>(await db.execute(sql`SELECT id FROM people WHERE ${where} LIMIT 2`));
  return rows.map((r) => r.id);
}
