import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { bulkInsert } from '../../../db/bulk.js';
import { preparedQuery } from '../../../db/prepared.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../../core/errors.js';
import { scopeWhere, type Actor } from '../../../core/scope.js';
import { searchKey } from '../../../core/text.js';
import { appendAudit, recordAudit } from '../../audit/index.js';
import { agencies, assignments, people, posts } from '../schema.js';
import { ageOn, checkRequirements } from '../domain/requirements.js';
import { maskNationalId, nationalIdProblem } from '../domain/national-id.js';
import { partyJoinDateProblem } from '../domain/party.js';
import { mayWorkforce, mustWorkforce, mustWorkforceRole, personActions } from '../policy.js';
import { placeOf, unitOf, type PersonRow } from './shared.js';
import { workforceChanged } from './summary.js';

// People: the registry's records, read and written. This file is the only writer of the `people` table (the
// Excel import and the demo generator write through insertPeopleRows / updatePeopleRows).

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
  mustWorkforceRole('read', actor);
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

export async function loadPerson(db: Db, id: string, forUpdate = false) {
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
  // The record and its history are read together (one wait, not two); the history of an unknown id is empty.
  const [p, history] = await Promise.all([loadPerson(db, id), assignmentHistory(db).execute({ personId: id })]);
  // Visible to the unit that holds the person now, and to a unit where they serve on secondment.
  const current = history.filter((h) => !h.a.endDate || h.a.endDate > today);
  const visible =
    mayWorkforce('read', actor, placeOf(p), p.id) ||
    current.some((h) => mayWorkforce('read', actor, { provinceCode: h.a.provinceCode, unitCode: h.a.unitCode }));
  if (!visible) throw outOfScope(p.unitCode);
  // Reading an official's personal record is logged (Decree 13/2023/NĐ-CP; issue #14), except one's own.
  // One statement that commits alone (the entry is sealed into its chain at that commit), as the dossier page's.
  if (actor.personId !== p.id)
    await appendAudit(db, actor, {
      action: 'read',
      entity: 'person',
      entityId: p.id,
      provinceCode: p.provinceCode,
      unitCode: p.unitCode,
    });
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
  // the reason in words, as the import says it (it was the program's key: "…không hợp lệ: birth")
  if (problem) throw invalid('nationalId', `import_id_${problem}`, { prefix: id.slice(0, 3) });
}

/** Party membership from the 18th birthday (domain/party.ts, the import's rule too): an earlier date is a slip. */
function checkPartyJoinDate(birthDate: string, partyJoinDate: string | null | undefined) {
  if (partyJoinDate && partyJoinDateProblem(birthDate, partyJoinDate))
    throw invalid('partyJoinDate', 'party_join_before_18');
}

async function nationalIdTaken(db: Db, id: string, exceptPerson?: string) {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.nationalId, id));
  return row && row.id !== exceptPerson;
}

export async function createPerson(db: Db, actor: Actor, input: PersonInput) {
  const unit = await unitOf(db, input.unitCode);
  if (!unit) throw invalid('unitCode', 'invalid_value', { detail: input.unitCode });
  mustWorkforce('create', actor, { provinceCode: unit.provinceCode, unitCode: unit.code });
  checkNationalId(input.nationalId, input.birthDate, input.sex);
  checkPartyJoinDate(input.birthDate, input.partyJoinDate);
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
  await workforceChanged(db, [unit.provinceCode]);
  return result;
}

/** Updates the record; `version` guards against overwriting someone else's change. */
export async function updatePerson(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<Omit<PersonInput, 'unitCode'>> & { version?: number },
) {
  const touched: string[] = [];
  const result = await db.transaction(async (tx) => {
    const p = await loadPerson(tx, id, true);
    touched.push(p.provinceCode);
    if (!mayWorkforce('read', actor, placeOf(p))) throw outOfScope(p.unitCode);
    if (!mayWorkforce('edit', actor, placeOf(p))) throw forbidden();
    if (patch.version !== undefined && patch.version !== p.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const { version: _v, ...fields } = patch;
    const next = { ...p, ...fields };
    if (fields.partyJoinDate || fields.birthDate) checkPartyJoinDate(next.birthDate, next.partyJoinDate);
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
  await workforceChanged(db, touched);
  return result;
}

/** Column types of the `people` rows the bulk writers take (snake_case names, as in the table). */
export type PeopleColumns = Record<string, string>;

/**
 * Adds people in bulk (the Excel import, once every row is checked; the demo generator). The caller audits and
 * forgets the summaries once the transaction commits.
 */
export async function insertPeopleRows(
  db: Db,
  columns: PeopleColumns,
  rows: Record<string, unknown>[],
  chunk?: number,
) {
  await bulkInsert(db, 'people', columns, rows, chunk);
}

/**
 * Rewrites people in bulk (the Excel import): every column of `columns` but the key and the ID number, with the
 * version raised by one. Rows are matched by province and id.
 */
export async function updatePeopleRows(db: Db, columns: PeopleColumns, rows: Record<string, unknown>[]) {
  const names = Object.keys(columns);
  const setList = sql.raw(
    names
      .filter((n) => n !== 'id' && n !== 'province_code' && n !== 'national_id')
      .map((n) => `"${n}" = x."${n}"`)
      .join(', '),
  );
  const recordDef = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '));
  await db.execute(sql`UPDATE "people" AS p SET ${setList}, "version" = p."version" + 1, "updated_at" = now()
        FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${recordDef})
        WHERE p."province_code" = x."province_code" AND p."id" = x."id"`);
}

/** Moves a person's record to the unit of their new regular post (an assignment, in its transaction). */
export async function movePerson(db: Db, p: PersonRow, to: { provinceCode: string; unitCode: string }) {
  await db
    .update(people)
    .set({
      unitCode: to.unitCode,
      provinceCode: to.provinceCode,
      version: p.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(people.provinceCode, p.provinceCode), eq(people.id, p.id)));
}
