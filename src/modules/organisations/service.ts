import { and, asc, count, desc, eq, inArray, isNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound, outOfScope } from '../../core/errors.js';
import { scopeWhere, type Actor } from '../../core/scope.js';
import type { DeadlineClock } from '../../core/clock.js';
import { searchKey } from '../../core/text.js';
import { recordAudit } from '../audit/index.js';
import { unitPlace, unitShortNames } from '../units/index.js';
import { orgPlans, orgPlanUnits, orgUnits } from './schema.js';
import {
  allowedPlanActions,
  isOverdue,
  kindAfter,
  nextPlanState,
  shapeProblem,
  type OrgKind,
  type PlanAction,
  type PlanKind,
  type PlanState,
} from './domain/plans.js';
import { mayManage, mayReadOrg, mustManage, mustReadOrgs } from './policy.js';
import type { OrgPlan, OrgUnit, OrgUnitBody, PlanBody, Progress, ProgressRow } from './contract.js';

type UnitRow = typeof orgUnits.$inferSelect;
type PlanRow = typeof orgPlans.$inferSelect;

/** The names of the places units lie under (a commune, else the province), read once per list. */
const underNames = (db: Db, rows: UnitRow[]) =>
  unitShortNames(db, [...new Set(rows.flatMap((u) => [u.unitCode ?? u.provinceCode ?? []].flat()))]);

const toUnit = (u: UnitRow, actor: Actor, names: Map<string, string>): OrgUnit => ({
  id: u.id,
  kind: u.kind,
  provinceCode: u.provinceCode,
  unitCode: u.unitCode,
  ministry: u.ministry,
  underName: u.ministry ?? names.get(u.unitCode ?? u.provinceCode ?? '') ?? null,
  name: u.name,
  field: u.field,
  autonomy: u.autonomy,
  staff: u.staff,
  budgetVnd: u.budgetVnd,
  ownerAgency: u.ownerAgency,
  charterCapitalVnd: u.charterCapitalVnd,
  employees: u.employees,
  validFrom: u.validFrom,
  validTo: u.validTo,
  madeByPlan: u.madeByPlan,
  actions: mayManage(actor, u) && !u.validTo ? ['edit', 'plan'] : [],
});

/** Where a new unit or plan lies: a province (and its commune), or a ministry. */
async function placeOf(db: Db, input: { provinceCode?: string; unitCode?: string; ministry?: string }) {
  if (input.ministry && (input.provinceCode || input.unitCode))
    throw invalid('ministry', 'invalid_value', { detail: 'a ministry’s, or a province’s: not both' });
  if (input.ministry) return { provinceCode: null, unitCode: null, ministry: input.ministry };
  const code = input.unitCode ?? input.provinceCode;
  if (!code) throw invalid('provinceCode', 'required', { field: 'provinceCode' });
  const u = await unitPlace(db, code);
  if (!u || (input.provinceCode && u.provinceCode !== input.provinceCode))
    throw invalid(input.unitCode ? 'unitCode' : 'provinceCode', 'invalid_value', { detail: code });
  return { provinceCode: u.provinceCode, unitCode: u.code, ministry: null };
}

/** Scope of a list: the actor's province and communes; the ministries' units for the country's users. */
const listScope = (
  actor: Actor,
  cols: { provinceCode: typeof orgUnits.provinceCode; unitCode: typeof orgUnits.unitCode },
) => scopeWhere(actor, cols);

export async function createOrgUnit(db: Db, actor: Actor, input: OrgUnitBody, clock: DeadlineClock): Promise<OrgUnit> {
  const place = await placeOf(db, input);
  mustManage(actor, place);
  void clock;
  return db.transaction(async (tx) => {
    const [u] = await tx
      .insert(orgUnits)
      .values({ ...input, ...place, searchKey: searchKey(input.name) })
      .returning();
    await recordAudit(tx, actor, {
      action: 'org_unit_create',
      entity: 'org_unit',
      entityId: u!.id,
      provinceCode: place.provinceCode,
      unitCode: place.unitCode,
      after: input,
    });
    return toUnit(u!, actor, await underNames(tx, [u!]));
  });
}

export async function listOrgUnits(
  db: Db,
  actor: Actor,
  q: {
    kind?: OrgKind;
    province?: string;
    ministry?: string;
    q?: string;
    current?: boolean;
    page: number;
    pageSize: number;
  },
) {
  mustReadOrgs(actor);
  const conds: (SQL | undefined)[] = [
    listScope(actor, { provinceCode: orgUnits.provinceCode, unitCode: orgUnits.unitCode }),
  ];
  if (q.kind) conds.push(eq(orgUnits.kind, q.kind));
  if (q.province) conds.push(eq(orgUnits.provinceCode, q.province));
  if (q.ministry) conds.push(eq(orgUnits.ministry, q.ministry));
  if (q.current) conds.push(isNull(orgUnits.validTo));
  const key = q.q ? searchKey(q.q) : '';
  if (key) conds.push(sql`${orgUnits.searchKey} LIKE ${'%' + key.replace(/[%_\\]/g, '\\$&') + '%'}`);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(orgUnits)
      .where(where)
      .orderBy(asc(orgUnits.provinceCode), asc(orgUnits.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(orgUnits).where(where),
  ]);
  const names = await underNames(db, rows);
  return { items: rows.map((u) => toUnit(u, actor, names)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function toPlans(db: Db, rows: PlanRow[], actor: Actor, today: string): Promise<OrgPlan[]> {
  const sides = rows.length
    ? await db
        .select()
        .from(orgPlanUnits)
        .where(
          inArray(
            orgPlanUnits.planId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(orgPlanUnits.id))
    : [];
  return rows.map((p) => {
    const mine = sides.filter((s) => s.planId === p.id);
    const state = p.state as PlanState;
    return {
      id: p.id,
      provinceCode: p.provinceCode,
      ministry: p.ministry,
      kind: p.kind as PlanKind,
      title: p.title,
      decisionNumber: p.decisionNumber,
      decisionDate: p.decisionDate,
      targetDate: p.targetDate,
      state,
      staffMoved: p.staffMoved,
      newOwner: p.newOwner,
      doneOn: p.doneOn,
      note: p.note,
      before: mine.filter((s) => s.side === 'before').map((s) => ({ id: s.orgUnitId, name: s.name })),
      after: mine.filter((s) => s.side === 'after').map((s) => ({ id: s.orgUnitId, name: s.name })),
      overdue: isOverdue({ state, targetDate: p.targetDate }, today),
      version: p.version,
      actions: mayManage(actor, p) ? allowedPlanActions(state) : [],
    };
  });
}

async function loadPlan(db: Db, actor: Actor, id: string, lock = false) {
  const q = db.select().from(orgPlans).where(eq(orgPlans.id, id));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound('org_plan', { code: id });
  if (!mayReadOrg(actor, p)) throw outOfScope(p.provinceCode ?? p.ministry ?? id);
  return p;
}

export async function getPlan(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const p = await loadPlan(db, actor, id);
  return (await toPlans(db, [p], actor, clock.localDate(clock.now())))[0]!;
}

/**
 * A rearrangement plan of a province (its Department of Home Affairs) or of a ministry (the Ministry of Home Affairs
 * keeps those). The units before must exist now and lie where the plan lies; the same clientRef again gives the plan
 * made first.
 */
export async function createPlan(db: Db, actor: Actor, input: PlanBody, clock: DeadlineClock): Promise<OrgPlan> {
  const place = await placeOf(db, { provinceCode: input.provinceCode, ministry: input.ministry });
  mustManage(actor, place);
  const shape = shapeProblem(input.kind, input.before.length, input.after.length);
  if (shape) throw invalid(shape.field, 'invalid_value', { detail: shape.detail });
  if (input.kind === 'transfer' && !input.newOwner?.trim())
    throw invalid('newOwner', 'required', { field: 'newOwner' });
  if (input.decisionDate && input.targetDate < input.decisionDate)
    throw invalid('targetDate', 'invalid_value', { detail: `≥ ${input.decisionDate}` });
  const before = input.before.length ? await db.select().from(orgUnits).where(inArray(orgUnits.id, input.before)) : [];
  input.before.forEach((id, i) => {
    const u = before.find((b) => b.id === id);
    if (!u || u.validTo) throw invalid(`before.${i}`, 'invalid_value', { detail: 'a unit that exists now' });
    if (u.provinceCode !== place.provinceCode || (place.ministry && u.ministry !== place.ministry))
      throw invalid(`before.${i}`, 'org_unit_elsewhere', { name: u.name });
  });
  const id = await db.transaction(async (tx) => {
    const [p] = await tx
      .insert(orgPlans)
      .values({
        provinceCode: place.provinceCode,
        unitCode: place.provinceCode,
        ministry: place.ministry,
        kind: input.kind,
        title: input.title,
        decisionNumber: input.decisionNumber ?? null,
        decisionDate: input.decisionDate ?? null,
        targetDate: input.targetDate,
        staffMoved: input.staffMoved ?? 0,
        newOwner: input.newOwner ?? null,
        note: input.note ?? null,
        clientRef: input.clientRef ?? null,
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!p) {
      const [first] = await tx
        .select({ id: orgPlans.id })
        .from(orgPlans)
        .where(and(eq(orgPlans.createdBy, actor.id), eq(orgPlans.clientRef, input.clientRef ?? '')));
      return first!.id;
    }
    await tx.insert(orgPlanUnits).values([
      ...input.before.map((b) => ({
        planId: p.id,
        provinceCode: place.provinceCode,
        side: 'before' as const,
        orgUnitId: b,
        name: before.find((u) => u.id === b)!.name,
      })),
      ...input.after.map((a) => ({
        planId: p.id,
        provinceCode: place.provinceCode,
        side: 'after' as const,
        name: a.name,
      })),
    ]);
    await recordAudit(tx, actor, {
      action: 'org_plan_create',
      entity: 'org_plan',
      entityId: p.id,
      provinceCode: place.provinceCode,
      unitCode: place.provinceCode,
      after: input,
    });
    return p.id;
  });
  return getPlan(db, actor, id, clock);
}

export async function listPlans(
  db: Db,
  actor: Actor,
  q: { kind?: PlanKind; state?: PlanState; province?: string; overdue?: boolean; page: number; pageSize: number },
  clock: DeadlineClock,
) {
  mustReadOrgs(actor);
  const today = clock.localDate(clock.now());
  const conds: (SQL | undefined)[] = [
    scopeWhere(actor, { provinceCode: orgPlans.provinceCode, unitCode: orgPlans.unitCode }),
  ];
  if (q.kind) conds.push(eq(orgPlans.kind, q.kind));
  if (q.state) conds.push(eq(orgPlans.state, q.state));
  if (q.province) conds.push(eq(orgPlans.provinceCode, q.province));
  if (q.overdue) conds.push(and(lt(orgPlans.targetDate, today), notInArray(orgPlans.state, ['done', 'cancelled'])));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(orgPlans)
      .where(where)
      .orderBy(asc(orgPlans.targetDate), desc(orgPlans.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(orgPlans).where(where),
  ]);
  return { items: await toPlans(db, rows, actor, today), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * A step of a plan. Completing it closes the units before (valid until the day it took effect) and makes the units
 * after, each recording the plan that made it (the lineage, as for communes); their staff is the staff before,
 * shared out evenly.
 */
export async function actOnPlan(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: PlanAction; decisionNumber?: string; decisionDate?: string; doneOn?: string; version?: number },
  clock: DeadlineClock,
): Promise<OrgPlan> {
  const today = clock.localDate(clock.now());
  await db.transaction(async (tx) => {
    const p = await loadPlan(tx, actor, id, true);
    mustManage(actor, p);
    if (input.version !== undefined && input.version !== p.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const decision = {
      number: input.decisionNumber ?? p.decisionNumber,
      date: input.decisionDate ?? p.decisionDate,
    };
    const from = p.state as PlanState;
    const to = nextPlanState(from, input.action, decision);
    if (to === null)
      throw new AppError(
        409,
        'illegal_transition',
        'org_plan_illegal_transition',
        { action: input.action, status: from, allowed: allowedPlanActions(from).join(', ') || '—' },
        'action',
      );
    if (to === 'needs_decision') throw invalid('decisionNumber', 'org_plan_needs_decision');
    const patch: Partial<PlanRow> = {
      state: to,
      decisionNumber: decision.number,
      decisionDate: decision.date,
      version: p.version + 1,
      updatedAt: clock.now(),
    };
    if (to === 'done') {
      const doneOn = input.doneOn ?? today;
      if (doneOn > today) throw invalid('doneOn', 'invalid_value', { detail: `≤ ${today}` });
      patch.doneOn = doneOn;
      const sides = await tx.select().from(orgPlanUnits).where(eq(orgPlanUnits.planId, id));
      const beforeIds = sides.filter((s) => s.side === 'before').map((s) => s.orgUnitId!);
      const before = await tx.select().from(orgUnits).where(inArray(orgUnits.id, beforeIds));
      if (before.some((b) => b.validTo)) throw new AppError(409, 'org_unit_closed', 'org_unit_closed', {}, 'before');
      await tx.update(orgUnits).set({ validTo: doneOn }).where(inArray(orgUnits.id, beforeIds));
      const after = sides.filter((s) => s.side === 'after');
      const first = before[0]!;
      const share = (n: number | null) =>
        n === null ? null : Math.round(before.reduce((a, b) => a + (b.staff ?? 0), 0) / Math.max(after.length, 1));
      for (const a of after) {
        const [made] = await tx
          .insert(orgUnits)
          .values({
            kind: kindAfter(p.kind as PlanKind, first.kind),
            provinceCode: first.provinceCode,
            unitCode: first.unitCode,
            ministry: first.ministry,
            name: a.name,
            searchKey: searchKey(a.name),
            field: first.field,
            autonomy: first.autonomy,
            staff: share(first.staff),
            ownerAgency: p.newOwner ?? first.ownerAgency,
            validFrom: doneOn,
            madeByPlan: id,
          })
          .returning({ id: orgUnits.id });
        await tx.update(orgPlanUnits).set({ orgUnitId: made!.id }).where(eq(orgPlanUnits.id, a.id));
      }
    }
    await tx.update(orgPlans).set(patch).where(eq(orgPlans.id, id));
    await recordAudit(tx, actor, {
      action: `org_plan_${input.action}`,
      entity: 'org_plan',
      entityId: id,
      provinceCode: p.provinceCode,
      unitCode: p.unitCode,
      before: { state: from },
      after: { state: to, decision, doneOn: patch.doneOn ?? null },
    });
  });
  return getPlan(db, actor, id, clock);
}

/** Plans by kind and state, overdue plans and units before against after, per province and per ministry. */
export async function progress(db: Db, actor: Actor, clock: DeadlineClock): Promise<Progress> {
  mustReadOrgs(actor);
  const today = clock.localDate(clock.now());
  const planScope = scopeWhere(actor, { provinceCode: orgPlans.provinceCode, unitCode: orgPlans.unitCode });
  const unitScope = scopeWhere(actor, { provinceCode: orgUnits.provinceCode, unitCode: orgUnits.unitCode });
  const ownerOfPlan = sql<string>`COALESCE(${orgPlans.provinceCode}, ${orgPlans.ministry})`;
  const ownerOfUnit = sql<string>`COALESCE(${orgUnits.provinceCode}, ${orgUnits.ministry})`;
  const [plans, units] = await Promise.all([
    db
      .select({
        code: ownerOfPlan,
        ministry: orgPlans.ministry,
        kind: orgPlans.kind,
        state: orgPlans.state,
        n: count(),
        overdue: sql<number>`count(*) FILTER (WHERE ${orgPlans.targetDate} < ${today}
          AND ${orgPlans.state} NOT IN ('done', 'cancelled'))::int`,
      })
      .from(orgPlans)
      .where(planScope)
      .groupBy(ownerOfPlan, orgPlans.ministry, orgPlans.kind, orgPlans.state),
    db
      .select({
        code: ownerOfUnit,
        ministry: orgUnits.ministry,
        current: sql<number>`count(*) FILTER (WHERE ${orgUnits.validTo} IS NULL)::int`,
        closed: sql<number>`count(*) FILTER (WHERE ${orgUnits.validTo} IS NOT NULL)::int`,
        made: sql<number>`count(*) FILTER (WHERE ${orgUnits.madeByPlan} IS NOT NULL)::int`,
      })
      .from(orgUnits)
      .where(unitScope)
      .groupBy(ownerOfUnit, orgUnits.ministry),
  ]);
  const names = await unitShortNames(
    db,
    [...plans, ...units].filter((r) => !r.ministry).map((r) => r.code),
  );
  const rows = new Map<string, ProgressRow>();
  const rowOf = (code: string, ministry: string | null) => {
    const r: ProgressRow = rows.get(code) ?? {
      code,
      name: ministry ?? names.get(code) ?? code,
      owner: ministry ? 'ministry' : 'province',
      plans: 0,
      byKind: {},
      byState: {},
      overdue: 0,
      unitsBefore: 0,
      unitsAfter: 0,
      currentUnits: 0,
    };
    rows.set(code, r);
    return r;
  };
  for (const p of plans) {
    const r = rowOf(p.code, p.ministry);
    r.plans += p.n;
    r.byKind[p.kind] = (r.byKind[p.kind] ?? 0) + p.n;
    r.byState[p.state] = (r.byState[p.state] ?? 0) + p.n;
    r.overdue += Number(p.overdue);
  }
  for (const u of units) {
    const r = rowOf(u.code, u.ministry);
    r.currentUnits += Number(u.current);
    r.unitsBefore += Number(u.closed);
    r.unitsAfter += Number(u.made);
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.owner.localeCompare(b.owner) || a.code.localeCompare(b.code)),
  };
}
