import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedQuery } from '../../db/prepared.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../core/errors.js';
import { scopeOf, scopeWhere, type Actor } from '../../core/scope.js';
import { mayWorkforce, personActions } from './policy.js';
import { recordAudit } from '../audit/index.js';
import { units } from '../units/index.js';
import { searchKey } from '../../core/text.js';
import { agencies, assignments, people, posts } from './schema.js';
import { ageBand, ageOn, checkRequirements, type Requirements } from './domain/requirements.js';
import { maskNationalId, nationalIdProblem } from './domain/national-id.js';
import { COMMUNE_AGENCIES, PROVINCE_HOME_AFFAIRS } from './domain/structure.js';

type PersonRow = typeof people.$inferSelect;

async function unitOf(db: Db, code: string) {
  const [u] = await db
    .select({ code: units.code, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  return u;
}
const placeOf = (p: { provinceCode: string; unitCode: string }) => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});

/** The person as the actor may see them: the ID number in full only to those who manage the person. */
export function presentPerson(actor: Actor, p: PersonRow) {
  const actions = personActions(actor, placeOf(p));
  const full = actions.includes('edit');
  return {
    id: p.id,
    provinceCode: p.provinceCode,
    unitCode: p.unitCode,
    fullName: p.fullName,
    birthDate: p.birthDate,
    sex: p.sex,
    nationalId: full ? p.nationalId : maskNationalId(p.nationalId),
    ethnicity: p.ethnicity,
    phone: p.phone,
    email: p.email,
    category: p.category,
    educationLevel: p.educationLevel,
    educationField: p.educationField,
    politicalTheory: p.politicalTheory,
    stateManagement: p.stateManagement,
    itCertificate: p.itCertificate,
    foreignLanguage: p.foreignLanguage,
    rankCode: p.rankCode,
    salaryStep: p.salaryStep,
    salaryCoefficient: p.salaryCoefficient,
    partyJoinDate: p.partyJoinDate,
    version: p.version,
    actions,
  };
}

export interface PeopleQuery {
  /** a whole province */
  province?: string;
  unit?: string;
  category?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listPeople(db: Db, actor: Actor, q: PeopleQuery) {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, people)];
  if (q.province) conds.push(eq(people.provinceCode, q.province));
  if (q.unit) conds.push(eq(people.unitCode, q.unit));
  if (q.category) conds.push(eq(people.category, q.category as PersonRow['category']));
  if (q.q) {
    const key = searchKey(q.q).replace(/[%_\\]/g, '\\$&');
    if (key) conds.push(sql`${people.searchKey} LIKE ${'%' + key + '%'}`);
  }
  const where = and(...conds);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(people)
      .where(where)
      .orderBy(asc(people.provinceCode), asc(people.unitCode), asc(people.searchKey))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(where),
  ]);
  return { items: items.map((p) => presentPerson(actor, p)), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadPerson(db: Db, id: string, forUpdate = false) {
  const [p] = forUpdate
    ? await db.select().from(people).where(eq(people.id, id)).for('update')
    : await personById(db).execute({ id });
  if (!p) throw notFound('user');
  return p;
}

// The person page's two reads, built once (see preparedQuery).
const personById = preparedQuery((db) =>
  db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder('id')))
    .prepare('person_by_id'),
);
const assignmentHistory = preparedQuery((db) =>
  db
    .select({ a: assignments, postTitle: posts.title, postRequirements: posts.requirements, agencyName: agencies.name })
    .from(assignments)
    .leftJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
    .leftJoin(agencies, and(eq(agencies.provinceCode, assignments.provinceCode), eq(agencies.id, assignments.agencyId)))
    .where(eq(assignments.personId, sql.placeholder('personId')))
    .orderBy(desc(assignments.startDate))
    .prepare('assignment_history'),
);

/** The person page: the record, the whole assignment history, and whether the current post's requirements are met. */
export async function getPerson(db: Db, actor: Actor, id: string, today: string) {
  const p = await loadPerson(db, id);
  // Visible to the unit that holds the person now, and to a unit where they serve on secondment.
  const history = await assignmentHistory(db).execute({ personId: p.id });
  const current = history.filter((h) => !h.a.endDate || h.a.endDate > today);
  const visible =
    mayWorkforce('read', actor, placeOf(p)) ||
    current.some((h) => mayWorkforce('read', actor, { provinceCode: h.a.provinceCode, unitCode: h.a.unitCode }));
  if (!visible) throw outOfScope(p.unitCode);
  const main = current.find((h) => h.a.kind === 'regular' && h.postRequirements);
  const check = main?.postRequirements ? checkRequirements(main.postRequirements, p) : null;
  return {
    ...presentPerson(actor, p),
    age: ageOn(p.birthDate, today),
    requirements: check ? { post: main!.postTitle, ...check } : null,
    assignments: history.map((h) => ({
      id: h.a.id,
      unitCode: h.a.unitCode,
      agencyName: h.agencyName,
      postTitle: h.postTitle,
      kind: h.a.kind,
      startDate: h.a.startDate,
      endDate: h.a.endDate,
      fromUnitCode: h.a.fromUnitCode,
      note: h.a.note,
      current: !h.a.endDate || h.a.endDate > today,
    })),
  };
}

export interface PersonInput {
  unitCode: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  nationalId: string;
  ethnicity?: string;
  phone?: string | null;
  email?: string | null;
  category: PersonRow['category'];
  educationLevel: string;
  educationField?: string | null;
  politicalTheory?: string;
  stateManagement?: string;
  itCertificate?: string | null;
  foreignLanguage?: string | null;
  rankCode?: string | null;
  salaryStep?: number | null;
  salaryCoefficient?: number | null;
  partyJoinDate?: string | null;
}

function checkNationalId(id: string, birthDate: string, sex: 'male' | 'female') {
  const problem = nationalIdProblem(id, birthDate, sex);
  if (problem) throw invalid('nationalId', 'invalid_value', { detail: problem });
}

async function nationalIdTaken(db: Db, id: string, exceptPerson?: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.nationalId, id));
  return row && row.id !== exceptPerson;
}

export async function createPerson(db: Db, actor: Actor, input: PersonInput) {
  const unit = await unitOf(db, input.unitCode);
  if (!unit) throw invalid('unitCode', 'invalid_value', { detail: input.unitCode });
  if (!mayWorkforce('create', actor, { provinceCode: unit.provinceCode, unitCode: unit.code }))
    throw outOfScope(unit.code);
  checkNationalId(input.nationalId, input.birthDate, input.sex);
  const result = await db.transaction(async (tx) => {
    if (await nationalIdTaken(tx, input.nationalId))
      throw new AppError(409, 'national_id_taken', 'national_id_taken', {}, 'nationalId');
    const [p] = await tx
      .insert(people)
      .values({ ...input, provinceCode: unit.provinceCode, searchKey: searchKey(input.fullName) })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'person',
      entityId: p!.id,
      provinceCode: p!.provinceCode,
      unitCode: p!.unitCode,
      after: { ...input, nationalId: maskNationalId(input.nationalId) },
    });
    return presentPerson(actor, p!);
  });
  // After the commit: a summary computed meanwhile must not outlive the change.
  forgetWorkforceSummaries();
  return result;
}

/** Updates the record; `version` guards against overwriting someone else's change. */
export async function updatePerson(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<Omit<PersonInput, 'unitCode'>> & { version?: number },
) {
  const result = await db.transaction(async (tx) => {
    const p = await loadPerson(tx, id, true);
    if (!mayWorkforce('read', actor, placeOf(p))) throw outOfScope(p.unitCode);
    if (!mayWorkforce('edit', actor, placeOf(p))) throw forbidden();
    if (patch.version !== undefined && patch.version !== p.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const { version: _v, ...fields } = patch;
    const next = { ...p, ...fields };
    if (fields.nationalId || fields.birthDate || fields.sex) {
      checkNationalId(next.nationalId, next.birthDate, next.sex);
      if (fields.nationalId && (await nationalIdTaken(tx, fields.nationalId, p.id)))
        throw new AppError(409, 'national_id_taken', 'national_id_taken', {}, 'nationalId');
    }
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => v !== undefined && (p as Record<string, unknown>)[k] !== v),
    );
    if (Object.keys(changed).length === 0) return presentPerson(actor, p);
    const [u] = await tx
      .update(people)
      .set({
        ...changed,
        ...(changed.fullName ? { searchKey: searchKey(String(changed.fullName)) } : {}),
        version: p.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(people.provinceCode, p.provinceCode), eq(people.id, p.id)))
      .returning();
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, (p as Record<string, unknown>)[k]]));
    const mask = (o: Record<string, unknown>) =>
      'nationalId' in o ? { ...o, nationalId: maskNationalId(String(o.nationalId)) } : o;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'person',
      entityId: p.id,
      provinceCode: p.provinceCode,
      unitCode: p.unitCode,
      before: mask(before),
      after: mask(changed),
    });
    return presentPerson(actor, u!);
  });
  // After the commit: a summary computed meanwhile must not outlive the change.
  forgetWorkforceSummaries();
  return result;
}

export interface AssignInput {
  personId: string;
  postId: string;
  kind: 'regular' | 'secondment' | 'reinforcement';
  startDate: string;
  endDate?: string;
  note?: string;
}

/**
 * Puts a person on a post from a date. A regular assignment closes the person's current regular one
 * (a move between units keeps the whole record: the person's unit follows); a secondment or
 * reinforcement runs beside it and must end.
 */
export async function assign(db: Db, actor: Actor, input: AssignInput) {
  if (input.kind !== 'regular' && !input.endDate) throw invalid('endDate', 'required', { field: 'endDate' });
  if (input.endDate && input.endDate <= input.startDate)
    throw invalid('endDate', 'invalid_value', { detail: `> ${input.startDate}` });
  const result = await db.transaction(async (tx) => {
    const p = await loadPerson(tx, input.personId, true);
    const [post] = await tx.select().from(posts).where(eq(posts.id, input.postId));
    if (!post) throw invalid('postId', 'invalid_value', { detail: input.postId });
    // The receiving unit decides who serves in it; a move also needs the right over the person's present unit.
    if (!mayWorkforce('assign', actor, placeOf(post))) throw outOfScope(post.unitCode);
    if (input.kind === 'regular' && !mayWorkforce('assign', actor, placeOf(p))) throw outOfScope(p.unitCode);
    if (input.kind === 'regular') {
      await tx
        .update(assignments)
        .set({ endDate: input.startDate })
        .where(
          and(
            eq(assignments.personId, p.id),
            eq(assignments.kind, 'regular'),
            or(isNull(assignments.endDate), gt(assignments.endDate, input.startDate)),
          ),
        );
    }
    const [a] = await tx
      .insert(assignments)
      .values({
        provinceCode: post.provinceCode,
        personId: p.id,
        unitCode: post.unitCode,
        agencyId: post.agencyId,
        postId: post.id,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        fromUnitCode: input.kind === 'regular' ? null : p.unitCode,
        note: input.note ?? null,
      })
      .returning();
    if (input.kind === 'regular' && (p.unitCode !== post.unitCode || p.provinceCode !== post.provinceCode)) {
      await tx
        .update(people)
        .set({
          unitCode: post.unitCode,
          provinceCode: post.provinceCode,
          version: p.version + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(people.provinceCode, p.provinceCode), eq(people.id, p.id)));
    }
    await recordAudit(tx, actor, {
      action: 'assign',
      entity: 'person',
      entityId: p.id,
      provinceCode: post.provinceCode,
      unitCode: post.unitCode,
      before: { unitCode: p.unitCode },
      after: {
        postId: post.id,
        postTitle: post.title,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
      },
    });
    return {
      id: a!.id,
      personId: p.id,
      unitCode: post.unitCode,
      postTitle: post.title,
      kind: a!.kind,
      startDate: a!.startDate,
      endDate: a!.endDate,
    };
  });
  // After the commit: a summary computed meanwhile must not outlive the change.
  forgetWorkforceSummaries();
  return result;
}

/** Agencies and posts of a unit, with who holds each post now and the vacant seats. */
export async function unitStructure(db: Db, actor: Actor, unitCode: string, today: string) {
  const unit = await unitOf(db, unitCode);
  if (!unit) throw notFound('unit', { code: unitCode });
  if (!mayWorkforce('read', actor, { provinceCode: unit.provinceCode, unitCode: unit.code }))
    throw outOfScope(unitCode);
  const [ags, ps, holders] = await Promise.all([
    db
      .select()
      .from(agencies)
      .where(and(eq(agencies.provinceCode, unit.provinceCode), eq(agencies.unitCode, unitCode)))
      .orderBy(asc(agencies.kind)),
    db
      .select()
      .from(posts)
      .where(and(eq(posts.provinceCode, unit.provinceCode), eq(posts.unitCode, unitCode))),
    db
      .select({
        postId: assignments.postId,
        personId: people.id,
        fullName: people.fullName,
        kind: assignments.kind,
        endDate: assignments.endDate,
      })
      .from(assignments)
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(
        and(
          eq(assignments.provinceCode, unit.provinceCode),
          eq(assignments.unitCode, unitCode),
          or(isNull(assignments.endDate), gt(assignments.endDate, today)),
        ),
      ),
  ]);
  // The legal order of Decree 150/2025 (Party, Council, Committee, office, departments, center), then the province's.
  const order = [...COMMUNE_AGENCIES.map((a) => a.kind), PROVINCE_HOME_AFFAIRS.kind];
  ags.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return ags.map((a) => {
    const agencyPosts = ps.filter((p) => p.agencyId === a.id);
    const staffed = holders.filter((h) => agencyPosts.some((p) => p.id === h.postId)).length;
    return {
      id: a.id,
      kind: a.kind,
      name: a.name,
      approvedHeadcount: a.approvedHeadcount,
      staffed,
      posts: agencyPosts.map((p) => {
        const on = holders.filter((h) => h.postId === p.id);
        return {
          id: p.id,
          kind: p.kind,
          code: p.code,
          title: p.title,
          seats: p.seats,
          vacant: Math.max(0, p.seats - on.length),
          holders: on.map((h) => ({ personId: h.personId, fullName: h.fullName, kind: h.kind, endDate: h.endDate })),
        };
      }),
    };
  });
}

/**
 * The workforce summary of a scope: staffing against approved headcount per unit, vacant leadership
 * posts (and since when), the share not meeting their job's requirements and why, age and qualification
 * structure, secondments in force.
 */
/**
 * The workforce views of a scope (the actor's, or `q.unit` within it). `full` keeps every vacancy and
 * secondment (the Excel workbook); the JSON answer keeps the first 200 and 500.
 */
/**
 * Summaries are heavy (every person of the scope) and change slowly: kept for a minute per scope and
 * day, and forgotten at once when this process changes the workforce (another process: within a minute).
 */
const SUMMARY_CACHE_MS = 60_000;
const summaryCache = new Map<string, { at: number; value: Promise<unknown> }>();
export function forgetWorkforceSummaries() {
  summaryCache.clear();
}

export async function workforceSummary(
  db: Db,
  actor: Actor,
  q: { unit?: string },
  today: string,
  opts: { full?: boolean } = {},
) {
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
