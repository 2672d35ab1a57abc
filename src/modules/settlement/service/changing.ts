// Changing a case: corrections, the steps (approve, refuse, decide, pay, close) and the override, each versioned.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { type Actor } from '../../../core/scope.js';
import { searchKey } from '../../../core/text.js';
import { recordAudit } from '../../audit/index.js';
import { type BenefitInput, type Category } from '../domain/benefits.js';
import { isSettled, nextStatus, type Status } from '../domain/lifecycle.js';
import type { AllowancesInput } from '../domain/salary.js';
import { RULE_VERSION } from '../domain/settings.js';
import type { CorrectBody, StepBody } from '../contract.js';
import { mustAt, type SettlementAction } from '../policy.js';
import { settlementCases, settlementEvents, type Correction } from '../schema.js';
import { type Row, placeOf, loadCase, detail } from './reading.js';
import { loadSettings } from './settings.js';
import { normaliseSalary } from './calculator.js';
import { type Values, compute } from './proposing.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Writes a change of a case if nobody changed it since it was read (409 otherwise), with its line in the case's
 * history: the one way every step, correction and override is saved.
 */
async function saveVersioned(
  tx: Tx,
  actor: Actor,
  r: Row,
  set: Partial<typeof settlementCases.$inferInsert>,
  event: { at: Date; action: string; toStatus: string; note: string | null },
): Promise<Row> {
  const [u] = await tx
    .update(settlementCases)
    .set(set)
    .where(
      and(
        eq(settlementCases.provinceCode, r.provinceCode),
        eq(settlementCases.id, r.id),
        eq(settlementCases.version, r.version),
      ),
    )
    .returning();
  if (!u) throw new AppError(409, 'version_conflict', 'record_version_conflict');
  await tx.insert(settlementEvents).values({
    provinceCode: r.provinceCode,
    caseId: r.id,
    at: event.at,
    actorUsername: actor.username,
    action: event.action,
    fromStatus: r.status,
    toStatus: event.toStatus,
    note: event.note,
  });
  return u;
}

function checkVersion(r: Row, version: number) {
  if (r.version !== version) throw new AppError(409, 'version_conflict', 'record_version_conflict');
}

export async function correctCase(
  db: Db,
  actor: Actor,
  id: string,
  body: CorrectBody,
  clock: DeadlineClock,
  lang: Lang,
) {
  const r = await loadCase(db, id);
  mustAt('case.correct', actor, placeOf(r), r.personId);
  checkVersion(r, body.version);
  if (r.status !== 'proposed' && r.status !== 'approved')
    throw new AppError(409, 'illegal_transition', 'settlement_correct_closed');
  const now = clock.now();
  const salaryIn = normaliseSalary(body.salary);
  const before: Values = {
    fullName: r.fullName,
    birthDate: r.birthDate,
    sex: r.sex,
    category: r.category as Category,
    coefficient: r.coefficient,
    leadershipCoefficient: r.leadershipCoefficient,
    allowances: (r.allowances as AllowancesInput | null) ?? null,
    monthlySalary: r.monthlySalary,
    siYears: r.siYears,
    siMonths: r.siMonths,
    retirementDate: r.retirementDate,
    leaveDate: r.leaveDate,
  };
  const after: Values = {
    ...before,
    ...(body.fullName !== undefined ? { fullName: body.fullName } : {}),
    ...(body.birthDate !== undefined ? { birthDate: body.birthDate } : {}),
    ...(body.sex !== undefined ? { sex: body.sex } : {}),
    ...(body.category !== undefined ? { category: body.category } : {}),
    ...(salaryIn
      ? {
          coefficient: salaryIn.coefficient,
          leadershipCoefficient: salaryIn.leadershipCoefficient ?? null,
          allowances: salaryIn.allowances ?? null,
          monthlySalary: null,
        }
      : {}),
    ...(body.monthlySalary !== undefined ? { monthlySalary: body.monthlySalary } : {}),
    ...(body.socialInsurance ? { siYears: body.socialInsurance.years, siMonths: body.socialInsurance.months } : {}),
    ...(body.retirementDate !== undefined ? { retirementDate: body.retirementDate } : {}),
    ...(body.leaveDate !== undefined ? { leaveDate: body.leaveDate } : {}),
  };
  const changed = (Object.keys(after) as (keyof Values)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
  );
  if (changed.length === 0) throw new AppError(400, 'validation', 'settlement_nothing_to_correct', {}, 'reason');
  const settings = await loadSettings(db);
  const benefit = compute(after, r.regime as BenefitInput['regime'], r.restructuringDecisionDate, settings);
  const corrections: Correction[] = changed.map((k) => ({
    field: k,
    from: before[k],
    to: after[k],
    reason: body.reason,
    by: actor.username,
    at: now.toISOString(),
  }));
  const row = await db.transaction(async (tx) => {
    const u = await saveVersioned(
      tx,
      actor,
      r,
      {
        fullName: after.fullName,
        birthDate: after.birthDate,
        sex: after.sex,
        category: after.category,
        coefficient: after.coefficient,
        leadershipCoefficient: after.leadershipCoefficient,
        allowances: (after.allowances as Record<string, unknown> | null) ?? null,
        monthlySalary: after.monthlySalary,
        siYears: after.siYears,
        siMonths: after.siMonths,
        retirementDate: after.retirementDate,
        leaveDate: after.leaveDate,
        corrections: [...r.corrections, ...corrections],
        benefit: benefit as unknown as Record<string, unknown>,
        benefitTotal: benefit.total,
        ruleVersion: RULE_VERSION,
        searchKey: searchKey(`${after.fullName} ${r.code}`),
        version: r.version + 1,
        updatedAt: now,
      },
      {
        at: now,
        action: 'correct',
        toStatus: r.status,
        note: body.reason,
      },
    );
    await recordAudit(tx, actor, {
      action: 'correct',
      entity: 'settlement_case',
      entityId: r.id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode,
      before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), total: r.benefitTotal },
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), total: benefit.total, reason: body.reason },
    });
    return u;
  });
  return detail(db, actor, row, clock, lang);
}

export async function stepCase(db: Db, actor: Actor, id: string, body: StepBody, clock: DeadlineClock, lang: Lang) {
  const r = await loadCase(db, id);
  mustAt(`case.${body.step}` as SettlementAction, actor, placeOf(r), r.personId);
  checkVersion(r, body.version);
  const to = nextStatus(r.status as Status, body.step);
  if (!to) throw new AppError(409, 'illegal_transition', 'settlement_step_not_allowed');
  const now = clock.now();
  // a decision is recorded once issued, a payment once made: a date to come would leave the case stuck (a probe)
  const today = clock.localDate(now);
  for (const field of ['decisionDate', 'paidOn'] as const) {
    const day = body[field];
    if (day && day > today) throw invalid(field, 'date_in_future');
  }
  const set: Partial<typeof settlementCases.$inferInsert> = { status: to, version: r.version + 1, updatedAt: now };
  let note: string | null = null;
  if (body.step === 'refuse') {
    if (!body.reason) throw invalid('reason', 'required', { field: 'reason' });
    set.refusalReason = body.reason;
    note = body.reason;
  } else if (body.step === 'approve') {
    set.approvedBy = actor.username;
  } else if (body.step === 'decide') {
    if (!body.decisionNo) throw invalid('decisionNo', 'required', { field: 'decisionNo' });
    if (!body.decisionDate) throw invalid('decisionDate', 'required', { field: 'decisionDate' });
    if (body.decisionDate < r.restructuringDecisionDate)
      throw invalid('decisionDate', 'invalid_value', { detail: `≥ ${r.restructuringDecisionDate}` });
    set.leavingDecisionNo = body.decisionNo;
    set.leavingDecisionDate = body.decisionDate;
    note = `${body.decisionNo} (${body.decisionDate})`;
  } else if (body.step === 'pay') {
    if (!body.paidOn) throw invalid('paidOn', 'required', { field: 'paidOn' });
    if (body.paidAmount === undefined) throw invalid('paidAmount', 'required', { field: 'paidAmount' });
    if (r.leavingDecisionDate && body.paidOn < r.leavingDecisionDate)
      throw invalid('paidOn', 'invalid_value', { detail: `≥ ${r.leavingDecisionDate}` });
    set.paidOn = body.paidOn;
    set.paidAmount = body.paidAmount;
    note = `${body.paidAmount} VND (${body.paidOn})`;
  }
  const row = await db.transaction(async (tx) => {
    const u = await saveVersioned(tx, actor, r, set, {
      at: now,
      action: body.step,
      toStatus: to,
      note: note,
    });
    await recordAudit(tx, actor, {
      action: body.step,
      entity: 'settlement_case',
      entityId: r.id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode,
      before: { status: r.status },
      after: { status: to, note },
    });
    return u;
  });
  return detail(db, actor, row, clock, lang);
}

/** An approver sets the amount instead of the computed total, with a reason; both stay visible. */
export async function overrideCase(
  db: Db,
  actor: Actor,
  id: string,
  body: { version: number; amount: number; reason: string },
  clock: DeadlineClock,
  lang: Lang,
) {
  const r = await loadCase(db, id);
  mustAt('case.override', actor, placeOf(r), r.personId);
  checkVersion(r, body.version);
  if (isSettled(r.status as Status)) throw new AppError(409, 'illegal_transition', 'settlement_step_not_allowed');
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const u = await saveVersioned(
      tx,
      actor,
      r,
      {
        overrideAmount: body.amount,
        overrideReason: body.reason,
        overrideBy: actor.username,
        overrideAt: now,
        version: r.version + 1,
        updatedAt: now,
      },
      {
        at: now,
        action: 'override',
        toStatus: r.status,
        note: `${body.amount} VND: ${body.reason}`,
      },
    );
    await recordAudit(tx, actor, {
      action: 'override',
      entity: 'settlement_case',
      entityId: r.id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode,
      before: { computed: r.benefitTotal, override: r.overrideAmount },
      after: { computed: r.benefitTotal, override: body.amount, reason: body.reason },
    });
    return u;
  });
  return detail(db, actor, row, clock, lang);
}
