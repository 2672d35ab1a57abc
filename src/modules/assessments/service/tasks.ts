/** Tasks and deliveries: the head assigns and reviews, the person reports delivery. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { may, mustAt } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { personNamesJoin } from '../../workforce/index.js';
import { assessmentTasks } from '../schema.js';
import { defaultDelays } from '../domain/scoring.js';
import {
  type TaskDbRow,
  placeOf,
  conflict,
  notSelf,
  scopeWhere,
  loadPerson,
  loadPeriod,
  mustBeOpen,
  presentPeriod,
  presentTask,
  loadTask,
} from './common.js';
import { settingsFor } from './settings.js';
import { ensurePeriod } from './periods.js';

export interface AssignInput {
  personId: string;
  title: string;
  productKind: string;
  quantity: number;
  weight?: number;
  dueDate: string;
  clientRef?: string;
}

export async function assignTask(db: Db, actor: Actor, input: AssignInput, today: string) {
  // Tasks of last year (still being assessed in January), this year and the next.
  const thisYear = Number(today.slice(0, 4));
  const dueYear = Number(input.dueDate.slice(0, 4));
  if (dueYear < thisYear - 1 || dueYear > thisYear + 1)
    throw invalid('dueDate', 'due_outside_year', { year: `${thisYear - 1}–${thisYear + 1}` });
  const person = await loadPerson(db, input.personId);
  mustAt('task.assign', actor, placeOf(person));
  const s = await settingsFor(db, person.provinceCode);
  if (!s.productKinds.some((k) => k.code === input.productKind))
    throw invalid('productKind', 'product_kind_unknown', {
      kind: input.productKind,
      kinds: s.productKinds.map((k) => k.code).join(', '),
    });
  return db.transaction(async (tx) => {
    if (input.clientRef) {
      const [dup] = await tx
        .select()
        .from(assessmentTasks)
        .where(
          and(
            eq(assessmentTasks.provinceCode, person.provinceCode),
            eq(assessmentTasks.personId, person.id),
            eq(assessmentTasks.clientRef, input.clientRef),
          ),
        );
      if (dup) return presentTask(dup);
    }
    const period = await ensurePeriod(tx, placeOf(person), input.dueDate, s);
    mustBeOpen(await loadPeriod(tx, period.id, 'share'));
    const [t] = await tx
      .insert(assessmentTasks)
      .values({
        provinceCode: person.provinceCode,
        unitCode: person.unitCode,
        periodId: period.id,
        personId: person.id,
        title: input.title.trim(),
        productKind: input.productKind,
        quantity: input.quantity,
        weight: input.weight ?? 1,
        dueDate: input.dueDate,
        assignedBy: actor.username,
        clientRef: input.clientRef ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'assign',
      entity: 'assessment_task',
      entityId: t!.id,
      provinceCode: t!.provinceCode,
      unitCode: t!.unitCode,
      after: {
        personId: person.id,
        title: t!.title,
        productKind: t!.productKind,
        quantity: t!.quantity,
        weight: t!.weight,
        dueDate: t!.dueDate,
      },
    });
    return presentTask(t!);
  });
}

export async function listTasks(
  db: Db,
  actor: Actor,
  q: { person?: string; unit?: string; period?: string; status?: TaskDbRow['status']; page: number; pageSize: number },
) {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, assessmentTasks)];
  if (q.person) conds.push(eq(assessmentTasks.personId, q.person));
  if (q.unit) conds.push(eq(assessmentTasks.unitCode, q.unit));
  if (q.period) conds.push(eq(assessmentTasks.periodId, q.period));
  if (q.status) conds.push(eq(assessmentTasks.status, q.status));
  const where = and(...conds);
  const names = personNamesJoin(db);
  const [items, [count]] = await Promise.all([
    db
      .select({ t: assessmentTasks, fullName: names.fullName })
      .from(assessmentTasks)
      .leftJoin(names, eq(names.id, assessmentTasks.personId))
      .where(where)
      .orderBy(desc(assessmentTasks.dueDate), asc(assessmentTasks.title))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(assessmentTasks)
      .where(where),
  ]);
  return {
    items: items.map((r) => ({ ...presentTask(r.t), fullName: r.fullName })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getTask(db: Db, actor: Actor, id: string) {
  const [t] = await db.select().from(assessmentTasks).where(eq(assessmentTasks.id, id));
  if (!t) throw notFound('assessment_task', { code: id });
  mustAt('review.read', actor, placeOf(t), t.personId);
  const period = await loadPeriod(db, t.periodId);
  return { ...presentTask(t), period: presentPeriod(period) };
}

/** The person reports what they delivered, with evidence. Repeating the same report changes nothing. */
export async function deliverTask(
  db: Db,
  actor: Actor,
  id: string,
  input: { deliveredQuantity: number; deliveredOn: string; evidence?: string | null; version?: number },
  today: string,
) {
  if (input.deliveredOn > today) throw invalid('deliveredOn', 'invalid_value', { detail: `≤ ${today}` });
  return db.transaction(async (tx) => {
    const t = await loadTask(tx, id);
    if (!may('task.deliver', actor, { personId: t.personId }))
      throw new AppError(403, 'not_own_record', 'not_own_record');
    mustBeOpen(await loadPeriod(tx, t.periodId, 'share'));
    if (t.status === 'reviewed')
      throw new AppError(409, 'illegal_transition', 'illegal_transition', {
        action: 'deliver',
        status: 'reviewed',
        allowed: '—',
      });
    if (input.version !== undefined && input.version !== t.version) {
      if (
        t.deliveredQuantity === input.deliveredQuantity &&
        t.deliveredOn === input.deliveredOn &&
        (t.evidence ?? null) === (input.evidence ?? null)
      )
        return presentTask(t);
      throw conflict();
    }
    const [u] = await tx
      .update(assessmentTasks)
      .set({
        status: 'delivered',
        deliveredQuantity: input.deliveredQuantity,
        deliveredOn: input.deliveredOn,
        evidence: input.evidence ?? null,
        version: t.version + 1,
      })
      .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'deliver',
      entity: 'assessment_task',
      entityId: id,
      provinceCode: t.provinceCode,
      unitCode: t.unitCode,
      before: { status: t.status, deliveredQuantity: t.deliveredQuantity, deliveredOn: t.deliveredOn },
      after: {
        status: 'delivered',
        deliveredQuantity: input.deliveredQuantity,
        deliveredOn: input.deliveredOn,
        evidence: input.evidence ?? null,
      },
    });
    return presentTask(u!);
  });
}

export interface TaskReviewInput {
  acceptedQuantity: number;
  majorErrors: number;
  delays?: number;
  exemption?: 'none' | 'task' | 'timeliness';
  exemptionReason?: string | null;
  note?: string | null;
  version?: number;
}

export function reviewValues(t: TaskDbRow, input: TaskReviewInput) {
  const exemption = input.exemption ?? 'none';
  if (exemption !== 'none' && !input.exemptionReason?.trim())
    throw invalid('exemptionReason', 'exemption_reason_required', { field: 'exemptionReason' });
  const late = defaultDelays(t.dueDate, t.deliveredOn);
  return {
    acceptedQuantity: input.acceptedQuantity,
    majorErrors: input.majorErrors,
    delays: input.delays ?? late,
    exemption,
    exemptionReason: exemption === 'none' ? null : input.exemptionReason!.trim(),
    reviewNote: input.note ?? null,
  };
}

/** The head judges a task: accepted products, major errors, delays, an exemption for an objective cause. */
export async function reviewTask(db: Db, actor: Actor, id: string, input: TaskReviewInput) {
  return db.transaction(async (tx) => {
    const t = await loadTask(tx, id);
    mustAt('task.review', actor, placeOf(t));
    notSelf(actor, t.personId);
    mustBeOpen(await loadPeriod(tx, t.periodId, 'share'));
    if (input.version !== undefined && input.version !== t.version) throw conflict();
    const values = reviewValues(t, input);
    const [u] = await tx
      .update(assessmentTasks)
      .set({
        ...values,
        status: 'reviewed',
        reviewedBy: actor.username,
        reviewedAt: new Date(),
        version: t.version + 1,
      })
      .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'review',
      entity: 'assessment_task',
      entityId: id,
      provinceCode: t.provinceCode,
      unitCode: t.unitCode,
      before: {
        status: t.status,
        acceptedQuantity: t.acceptedQuantity,
        majorErrors: t.majorErrors,
        delays: t.delays,
        exemption: t.exemption,
      },
      after: values,
    });
    return presentTask(u!);
  });
}
