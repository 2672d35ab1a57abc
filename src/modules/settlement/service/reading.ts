// Reading cases: the scoped list with its summaries and one case in detail with the actions the caller may take.
import { actorNames } from '../../../core/actor-names.js';
import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { scopeWhere, type Actor, type Place } from '../../../core/scope.js';
import { searchKey } from '../../../core/text.js';
import { unitShortNames } from '../../units/index.js';
import { type Benefit } from '../domain/benefits.js';
import { ruleVersionWords } from '../domain/citation.js';
import { centralAgency } from '../domain/central-agencies.js';
import { caseWarnings } from '../domain/deadlines.js';
import { type Group } from '../domain/eligibility.js';
import { isSettled, stepsFrom, type Status, type Step } from '../domain/lifecycle.js';
import { type SettlementSettings } from '../domain/settings.js';
import type { CaseDetail, CaseSummary, ListQuery } from '../contract.js';
import { DEADLINE_LABELS, label } from '../labels.js';
import { actionsAt, may, mustAt, SETTLEMENT_ACTIONS, type SettlementAction } from '../policy.js';
import { settlementCases, settlementEvents } from '../schema.js';
import { loadSettings } from './settings.js';
import { presentBenefit } from './calculator.js';

export type Row = typeof settlementCases.$inferSelect;

export const placeOf = (r: Pick<Row, 'provinceCode' | 'unitCode'>): Place => ({
  provinceCode: r.provinceCode,
  unitCode: r.unitCode,
});
export const scopeSql = (actor: Actor): SQL | undefined =>
  scopeWhere(actor, { provinceCode: settlementCases.provinceCode, unitCode: settlementCases.unitCode });

export async function agencyNames(db: Db, rows: Pick<Row, 'agencyKind' | 'unitCode'>[], lang: Lang) {
  const codes = [...new Set(rows.filter((r) => r.agencyKind === 'unit').map((r) => r.unitCode))];
  const names = await unitShortNames(db, codes);
  return (r: Pick<Row, 'agencyKind' | 'unitCode'>) => {
    if (r.agencyKind === 'central') {
      const a = centralAgency(r.unitCode);
      return a ? (lang === 'en' ? a.nameEn : a.name) : r.unitCode;
    }
    return names.get(r.unitCode) ?? r.unitCode;
  };
}

export const isLate = (r: Row, today: string, s: SettlementSettings) =>
  (r.status === 'proposed' || r.status === 'approved' || r.status === 'decided') &&
  caseWarnings(
    { status: r.status as Status, leaveDate: r.leaveDate, decisionIssuedOn: r.leavingDecisionDate, paidOn: r.paidOn },
    today,
    s,
  ).some((w) => w.level === 'late' && w.kind !== 'leave');

export function summary(r: Row, agencyName: string, late: boolean): CaseSummary {
  return {
    id: r.id,
    code: r.code,
    provinceCode: r.provinceCode,
    unitCode: r.unitCode,
    agencyKind: r.agencyKind,
    agencyName,
    fullName: r.fullName,
    regime: r.regime as CaseSummary['regime'],
    category: r.category as CaseSummary['category'],
    leaveDate: r.leaveDate,
    status: r.status as Status,
    benefitTotal: r.benefitTotal,
    overrideAmount: r.overrideAmount,
    paidAmount: r.paidAmount,
    late,
  };
}

/** SQL: an open case past the decision or payment deadline (the same rule as caseWarnings' "late"). */
export function lateSql(today: string, s: SettlementSettings): SQL {
  const d = s.deadlines;
  const c = settlementCases;
  const decisionLate = today > d.decisionsBy ? sql`${c.leavingDecisionDate} IS NULL` : sql`false`;
  // paymentDue: 31/8/2025, or the leaving day of a phased case (decision before 1/8/2025) leaving later
  const paymentLate = sql`${today}::date > CASE WHEN ${c.leavingDecisionDate} < ${d.phasedDecisionBefore}::date
    THEN GREATEST(${d.paymentBy}::date, ${c.leaveDate}) ELSE ${d.paymentBy}::date END`;
  return sql`(${c.status} IN ('proposed', 'approved', 'decided') AND (${decisionLate} OR ${paymentLate}))`;
}

export async function listCases(db: Db, actor: Actor, q: ListQuery, clock: DeadlineClock, lang: Lang) {
  if (!may('progress', actor) && !actor.personId) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const today = clock.localDate(clock.now());
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  // A staff account (or a read-only account linked to a staff record) lists its own case only, never its unit's.
  const own =
    (actor.role === 'viewer' || actor.role === 'staff') && actor.personId
      ? eq(settlementCases.personId, actor.personId)
      : undefined;
  const where = and(
    own ?? scopeSql(actor),
    q.status ? eq(settlementCases.status, q.status) : undefined,
    q.regime ? eq(settlementCases.regime, q.regime) : undefined,
    q.province !== undefined ? eq(settlementCases.provinceCode, q.province) : undefined,
    q.agency ? eq(settlementCases.unitCode, q.agency) : undefined,
    q.late ? lateSql(today, settings) : undefined,
    q.q ? ilike(settlementCases.searchKey, `%${searchKey(q.q)}%`) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(settlementCases)
      .where(where)
      .orderBy(desc(settlementCases.createdAt), asc(settlementCases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(settlementCases)
      .where(where),
  ]);
  const name = await agencyNames(db, rows, lang);
  return {
    items: rows.map((r) => summary(r, name(r), isLate(r, today, settings))),
    total: count?.n ?? 0,
    page,
    pageSize,
  };
}

export async function loadCase(db: Db, id: string): Promise<Row> {
  const [r] = await db.select().from(settlementCases).where(eq(settlementCases.id, id));
  if (!r) throw notFound('settlement_case', { code: id });
  return r;
}

const CASE_ACTIONS: readonly SettlementAction[] = SETTLEMENT_ACTIONS.filter((a) => a.startsWith('case.'));

export async function detail(db: Db, actor: Actor, r: Row, clock: DeadlineClock, lang: Lang): Promise<CaseDetail> {
  const settings = await loadSettings(db);
  const today = clock.localDate(clock.now());
  const name = await agencyNames(db, [r], lang);
  const events = await db
    .select()
    .from(settlementEvents)
    .where(and(eq(settlementEvents.provinceCode, r.provinceCode), eq(settlementEvents.caseId, r.id)))
    .orderBy(asc(settlementEvents.id));
  const actorsOf = await actorNames(
    db,
    events.map((e) => e.actorUsername),
  );
  const status = r.status as Status;
  const target = { place: placeOf(r), personId: r.personId };
  const actions = actionsAt(CASE_ACTIONS, actor, target).filter((a) => {
    if (a === 'case.correct') return status === 'proposed' || status === 'approved';
    if (a === 'case.override') return !isSettled(status);
    if (a === 'case.read' || a === 'case.propose') return a === 'case.read';
    return stepsFrom(status).includes(a.slice(5) as Step);
  });
  const steps = stepsFrom(status).filter((s) => actions.includes(`case.${s}` as SettlementAction));
  return {
    ...summary(r, name(r), isLate(r, today, settings)),
    personId: r.personId,
    birthDate: r.birthDate,
    sex: r.sex,
    group: r.group as Group,
    coefficient: r.coefficient,
    leadershipCoefficient: r.leadershipCoefficient,
    allowances: r.allowances ?? null,
    monthlySalaryInput: r.monthlySalary,
    socialInsurance: { years: r.siYears, months: r.siMonths },
    retirementDateInput: r.retirementDate,
    maternityOrYoungChild: r.maternityOrYoungChild,
    volunteers: r.volunteers,
    underDiscipline: r.underDiscipline,
    lastThreeYears: r.lastThreeYears,
    restructuringDecisionNo: r.restructuringDecisionNo,
    restructuringDecisionDate: r.restructuringDecisionDate,
    leavingDecisionNo: r.leavingDecisionNo,
    leavingDecisionDate: r.leavingDecisionDate,
    paidOn: r.paidOn,
    refusalReason: r.refusalReason,
    approvedBy: r.approvedBy,
    overrideReason: r.overrideReason,
    overrideBy: r.overrideBy,
    overrideAt: r.overrideAt?.toISOString() ?? null,
    benefit: presentBenefit(r.benefit as unknown as Benefit, lang),
    ruleVersion: r.ruleVersion,
    rulesInWords: ruleVersionWords(r.ruleVersion, lang),
    corrections: r.corrections,
    deadlines: caseWarnings(
      { status, leaveDate: r.leaveDate, decisionIssuedOn: r.leavingDecisionDate, paidOn: r.paidOn },
      today,
      settings,
    ).map((w) => ({ ...w, label: label(DEADLINE_LABELS, w.kind, lang) })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      actorUsername: e.actorUsername,
      actor: actorsOf.get(e.actorUsername) ?? null,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
    })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    actions,
    steps,
  };
}

export async function getCase(db: Db, actor: Actor, id: string, clock: DeadlineClock, lang: Lang) {
  const r = await loadCase(db, id);
  mustAt('case.read', actor, placeOf(r), r.personId);
  return detail(db, actor, r, clock, lang);
}
