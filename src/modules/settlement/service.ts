/**
 * Settlement service: the calculator, the leaving cases (propose, correct, approve, refuse, decide, pay, close,
 * override) and the national progress. Every list is scoped with scopeWhere, every record checked by policy.ts, every
 * change audited through audit's door, a retried proposal made safe by its clientRef (and the Idempotency-Key the
 * server handles). Benefits are computed by the pure calculator (domain/benefits.ts) and stored with their lines and
 * the rule version.
 */
import { actorNames } from '../../core/actor-names.js';
import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { Lang } from '../../core/i18n.js';
import type { DeadlineClock } from '../../core/clock.js';
import { scopeOf, scopeWhere, type Actor, type Place } from '../../core/scope.js';
import { searchKey } from '../../core/text.js';
import { recordAudit } from '../audit/index.js';
import { communesOf, provinceList, unitPlace, unitShortNames } from '../units/index.js';
import { personForSettlement } from '../workforce/index.js';
import { calculateBenefit, type Benefit, type BenefitInput, type Category, type Refusal } from './domain/benefits.js';
import { CENTRAL_AGENCIES, centralAgency } from './domain/central-agencies.js';
import { caseWarnings } from './domain/deadlines.js';
import { eligibilityRefusals, type Group, type Rating } from './domain/eligibility.js';
import { isSettled, nextStatus, stepsFrom, type Status, type Step } from './domain/lifecycle.js';
import type { AllowancesInput, SalaryInput } from './domain/salary.js';
import { DEFAULT_SETTINGS, RULE_VERSION, settingsProblem, type SettlementSettings } from './domain/settings.js';
import type {
  CalculateBody,
  Calculation,
  CaseBody,
  CaseDetail,
  CaseSummary,
  CorrectBody,
  ListQuery,
  Progress,
  ProgressRow,
  StepBody,
} from './contract.js';
import { DEADLINE_LABELS, ELIGIBILITY_LABELS, LINE_LABELS, SALARY_LABELS, WARNING_LABELS, label } from './labels.js';
import { actionsAt, may, mustAt, SETTLEMENT_ACTIONS, type SettlementAction } from './policy.js';
import {
  settlementCases,
  settlementEvents,
  settlementSequences,
  settlementSettings,
  type Correction,
} from './schema.js';

type Row = typeof settlementCases.$inferSelect;

// ---------- settings ----------

export async function loadSettings(db: Db): Promise<SettlementSettings> {
  const [row] = await db.select().from(settlementSettings).where(eq(settlementSettings.provinceCode, ''));
  return row ? { ...DEFAULT_SETTINGS, ...(row.value as Partial<SettlementSettings>) } : DEFAULT_SETTINGS;
}

export async function getSettings(db: Db, actor: Actor) {
  if (!may('settings.read', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  return { ...(await loadSettings(db)), ruleVersion: RULE_VERSION };
}

export async function putSettings(db: Db, actor: Actor, value: SettlementSettings, clock: DeadlineClock) {
  if (!may('settings.write', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const problem = settingsProblem(value);
  if (problem) throw invalid(problem.field, 'invalid_value', { detail: problem.detail });
  return db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    const row = {
      provinceCode: '',
      value: value as unknown as Record<string, unknown>,
      updatedBy: actor.username,
      updatedAt: clock.now(),
    };
    await tx
      .insert(settlementSettings)
      .values(row)
      .onConflictDoUpdate({ target: settlementSettings.provinceCode, set: row });
    await recordAudit(tx, actor, {
      action: 'set',
      entity: 'settlement_settings',
      entityId: 'national',
      provinceCode: null,
      unitCode: null,
      before,
      after: value,
    });
    return { ...value, ruleVersion: RULE_VERSION };
  });
}

// ---------- the calculator ----------

/** A bare allowances number up to this is a coefficient of the base salary; above, an amount in VND. */
const MAX_ALLOWANCE_COEFFICIENT = 20;

const normaliseSalary = (s: CalculateBody['salary']): SalaryInput | undefined => {
  if (!s) return undefined;
  const allowances: AllowancesInput | undefined =
    typeof s.allowances === 'number'
      ? s.allowances <= MAX_ALLOWANCE_COEFFICIENT
        ? { coefficient: s.allowances }
        : { amount: Math.round(s.allowances) }
      : (s.allowances ?? undefined);
  return { coefficient: s.coefficient, leadershipCoefficient: s.leadershipCoefficient, allowances };
};

/** A refusal of the calculator as the API's error: 400 for missing or bad input, 422 when the law does not allow it. */
export function refusalError(r: Refusal): AppError {
  const params = { ...r.params, field: r.field, clause: r.clause };
  if (r.kind === 'invalid') {
    const key =
      r.code === 'leave_before_decision'
        ? 'settlement_leave_before_decision'
        : r.code === 'required'
          ? 'settlement_required'
          : 'settlement_invalid_value';
    return new AppError(400, 'validation', key, params, r.field);
  }
  return new AppError(422, r.code, `settlement_${r.code}` as 'settlement_quit_under_two_years', params, r.field);
}

export function presentBenefit(b: Benefit, lang: Lang): Calculation {
  return {
    total: b.total,
    monthlySalary: b.monthlySalary,
    salary: b.salary
      ? {
          month: b.salary.month,
          baseSalary: b.salary.baseSalary,
          amount: b.salary.amount,
          parts: b.salary.parts.map((p) => ({ ...p, label: label(SALARY_LABELS, p.code, lang) })),
        }
      : null,
    retirementDate: b.retirementDate,
    retirementAge: b.retirementAge,
    monthsEarly: b.monthsEarly,
    yearsEarly: b.yearsEarly,
    insuranceYears: b.insuranceYears,
    withinFirst12Months: b.withinFirst12Months,
    lines: b.lines.map((l) => ({ ...l, label: label(LINE_LABELS, l.code, lang) })),
    warnings: b.warnings.map((code) => ({ code, message: label(WARNING_LABELS, code, lang) })),
    ruleVersion: RULE_VERSION,
  };
}

/** "What would I get": runs the calculator, stores nothing. */
export async function calculate(db: Db, actor: Actor, body: CalculateBody, lang: Lang): Promise<Calculation> {
  if (!may('calculate', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const r = calculateBenefit({ ...body, salary: normaliseSalary(body.salary) }, settings);
  if (!r.ok) throw refusalError(r);
  return presentBenefit(r, lang);
}

// ---------- cases: reading ----------

const placeOf = (r: Pick<Row, 'provinceCode' | 'unitCode'>): Place => ({
  provinceCode: r.provinceCode,
  unitCode: r.unitCode,
});
const scopeSql = (actor: Actor): SQL | undefined =>
  scopeWhere(actor, { provinceCode: settlementCases.provinceCode, unitCode: settlementCases.unitCode });

async function agencyNames(db: Db, rows: Pick<Row, 'agencyKind' | 'unitCode'>[], lang: Lang) {
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

const isLate = (r: Row, today: string, s: SettlementSettings) =>
  (r.status === 'proposed' || r.status === 'approved' || r.status === 'decided') &&
  caseWarnings(
    { status: r.status as Status, leaveDate: r.leaveDate, decisionIssuedOn: r.leavingDecisionDate, paidOn: r.paidOn },
    today,
    s,
  ).some((w) => w.level === 'late' && w.kind !== 'leave');

function summary(r: Row, agencyName: string, late: boolean): CaseSummary {
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
function lateSql(today: string, s: SettlementSettings): SQL {
  const d = s.deadlines;
  const c = settlementCases;
  const decisionLate = today > d.decisionsBy ? sql`${c.leavingDecisionDate} IS NULL` : sql`false`;
  const paymentLate = sql`${today}::date > GREATEST(${d.paymentBy}::date, ${c.leaveDate})`;
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

async function loadCase(db: Db, id: string): Promise<Row> {
  const [r] = await db.select().from(settlementCases).where(eq(settlementCases.id, id));
  if (!r) throw notFound('settlement_case', { code: id });
  return r;
}

const CASE_ACTIONS: readonly SettlementAction[] = SETTLEMENT_ACTIONS.filter((a) => a.startsWith('case.'));

async function detail(db: Db, actor: Actor, r: Row, clock: DeadlineClock, lang: Lang): Promise<CaseDetail> {
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

// ---------- cases: proposing ----------

interface Values {
  fullName: string;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  category: Category;
  coefficient: number | null;
  leadershipCoefficient: number | null;
  allowances: AllowancesInput | null;
  monthlySalary: number | null;
  siYears: number;
  siMonths: number;
  retirementDate: string | null;
  leaveDate: string;
}

const benefitInput = (v: Values, regime: BenefitInput['regime'], decisionDate: string): BenefitInput => ({
  regime,
  category: v.category,
  decisionDate,
  leaveDate: v.leaveDate,
  retirementDate: v.retirementDate ?? undefined,
  birthDate: v.birthDate ?? undefined,
  sex: v.sex ?? undefined,
  monthlySalary: v.monthlySalary ?? undefined,
  salary:
    v.monthlySalary == null && v.coefficient != null
      ? {
          coefficient: v.coefficient,
          leadershipCoefficient: v.leadershipCoefficient ?? undefined,
          allowances: v.allowances ?? undefined,
        }
      : undefined,
  socialInsurance: { years: v.siYears, months: v.siMonths },
});

function compute(
  v: Values,
  regime: BenefitInput['regime'],
  decisionDate: string,
  settings: SettlementSettings,
): Benefit {
  const r = calculateBenefit(benefitInput(v, regime, decisionDate), settings);
  if (!r.ok) throw refusalError(r);
  return r;
}

const PERSON_CATEGORY: Record<string, Category> = {
  cadre: 'commune_cadre',
  civil_servant: 'civil_servant',
  public_employee: 'public_employee',
  contract: 'contract_worker',
};

async function resolveAgency(db: Db, code: string) {
  const central = centralAgency(code);
  if (central) return { kind: 'central' as const, place: { provinceCode: '', unitCode: central.code } };
  const unit = await unitPlace(db, code);
  if (!unit) throw invalid('agency', 'invalid_value', { detail: code });
  return { kind: 'unit' as const, place: { provinceCode: unit.provinceCode, unitCode: unit.code } };
}

type Agency = Awaited<ReturnType<typeof resolveAgency>>;
interface Prepared {
  v: Values;
  benefit: Benefit;
  corrections: Correction[];
}

/** The values of a new case (copied from the workforce record or typed), eligibility and the benefit: refuses with
 * the reason and the field, writes nothing. */
async function prepareCase(
  db: Db,
  actor: Actor,
  body: CaseBody,
  agency: Agency,
  now: Date,
  lang: Lang,
  settings: SettlementSettings,
): Promise<Prepared> {
  // The person: copied from the workforce record when linked; typed values differing from it are corrections.
  const corrections: Correction[] = [];
  const salaryIn = normaliseSalary(body.salary);
  let v: Values;
  if (body.personId) {
    const p = await personForSettlement(db, body.personId);
    if (!p) throw notFound('settlement_person', { code: body.personId });
    if (agency.kind !== 'unit' || p.unitCode !== agency.place.unitCode || p.provinceCode !== agency.place.provinceCode)
      throw new AppError(400, 'validation', 'settlement_person_elsewhere', {}, 'personId');
    const copied = {
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      category: PERSON_CATEGORY[p.category] ?? 'civil_servant',
      coefficient: p.salaryCoefficient,
    };
    const typed = {
      fullName: body.fullName,
      birthDate: body.birthDate,
      sex: body.sex,
      category: body.category,
      coefficient: salaryIn?.coefficient,
    };
    for (const k of Object.keys(copied) as (keyof typeof copied)[]) {
      const t = typed[k];
      if (t !== undefined && t !== copied[k]) {
        if (!body.correctionReason) throw invalid('correctionReason', 'required', { field: 'correctionReason' });
        corrections.push({
          field: k,
          from: copied[k],
          to: t,
          reason: body.correctionReason,
          by: actor.username,
          at: now.toISOString(),
        });
      }
    }
    v = {
      fullName: body.fullName ?? copied.fullName,
      birthDate: body.birthDate ?? copied.birthDate,
      sex: body.sex ?? copied.sex,
      category: body.category ?? copied.category,
      coefficient: salaryIn?.coefficient ?? copied.coefficient,
      leadershipCoefficient: salaryIn?.leadershipCoefficient ?? null,
      allowances: salaryIn?.allowances ?? null,
      monthlySalary: body.monthlySalary ?? null,
      siYears: body.socialInsurance.years,
      siMonths: body.socialInsurance.months,
      retirementDate: body.retirementDate ?? null,
      leaveDate: body.leaveDate,
    };
  } else {
    if (!body.fullName) throw invalid('fullName', 'required', { field: 'fullName' });
    if (!body.category) throw invalid('category', 'required', { field: 'category' });
    v = {
      fullName: body.fullName,
      birthDate: body.birthDate ?? null,
      sex: body.sex ?? null,
      category: body.category,
      coefficient: salaryIn?.coefficient ?? null,
      leadershipCoefficient: salaryIn?.leadershipCoefficient ?? null,
      allowances: salaryIn?.allowances ?? null,
      monthlySalary: body.monthlySalary ?? null,
      siYears: body.socialInsurance.years,
      siMonths: body.socialInsurance.months,
      retirementDate: body.retirementDate ?? null,
      leaveDate: body.leaveDate,
    };
  }

  // Eligibility (Art. 2, 6 and the excluded cases): every reason, with its clause.
  const refusals = eligibilityRefusals({
    regime: body.regime,
    group: body.group,
    maternityOrYoungChild: body.maternityOrYoungChild ?? false,
    volunteers: body.volunteers ?? false,
    underDiscipline: body.underDiscipline ?? false,
    lastThreeYears: (body.lastThreeYears ?? []) as (Rating | null)[],
  });
  if (refusals.length)
    throw new AppError(
      422,
      'ineligible',
      'settlement_ineligible',
      { reasons: refusals.map((r) => `${label(ELIGIBILITY_LABELS, r.code, lang)} (${r.clause})`).join('; ') },
      refusals[0]!.field,
    );
  const benefit = compute(v, body.regime, body.restructuringDecisionDate, settings);
  return { v, benefit, corrections };
}

/** Writes a prepared case, its first event and its audit entry, inside the caller's transaction. */
async function insertCase(tx: Db, actor: Actor, body: CaseBody, agency: Agency, p: Prepared, now: Date): Promise<Row> {
  const { v, benefit, corrections } = p;
  const seqKey = agency.place.unitCode;
  const [seq] = await tx
    .insert(settlementSequences)
    .values({ provinceCode: agency.place.provinceCode, unitCode: seqKey, last: 1 })
    .onConflictDoUpdate({
      target: [settlementSequences.provinceCode, settlementSequences.unitCode],
      set: { last: sql`${settlementSequences.last} + 1` },
    })
    .returning({ last: settlementSequences.last });
  const code = `NV-${seqKey}-${String(seq!.last).padStart(5, '0')}`;
  const [row] = await tx
    .insert(settlementCases)
    .values({
      provinceCode: agency.place.provinceCode,
      unitCode: agency.place.unitCode,
      agencyKind: agency.kind,
      code,
      personId: body.personId ?? null,
      fullName: v.fullName,
      birthDate: v.birthDate,
      sex: v.sex,
      category: v.category,
      group: body.group,
      regime: body.regime,
      coefficient: v.coefficient,
      leadershipCoefficient: v.leadershipCoefficient,
      allowances: (v.allowances as Record<string, unknown> | null) ?? null,
      monthlySalary: v.monthlySalary,
      siYears: v.siYears,
      siMonths: v.siMonths,
      retirementDate: v.retirementDate,
      maternityOrYoungChild: body.maternityOrYoungChild ?? false,
      volunteers: body.volunteers ?? false,
      underDiscipline: body.underDiscipline ?? false,
      lastThreeYears: body.lastThreeYears ?? [],
      restructuringDecisionNo: body.restructuringDecisionNo,
      restructuringDecisionDate: body.restructuringDecisionDate,
      leaveDate: v.leaveDate,
      corrections,
      status: 'proposed',
      benefit: benefit as unknown as Record<string, unknown>,
      benefitTotal: benefit.total,
      ruleVersion: RULE_VERSION,
      clientRef: body.clientRef ?? null,
      searchKey: searchKey(`${v.fullName} ${code}`),
      createdBy: actor.username,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(settlementEvents).values({
    provinceCode: row!.provinceCode,
    caseId: row!.id,
    at: now,
    actorUsername: actor.username,
    action: 'propose',
    fromStatus: null,
    toStatus: 'proposed',
    note: null,
  });
  await recordAudit(tx, actor, {
    action: 'propose',
    entity: 'settlement_case',
    entityId: row!.id,
    provinceCode: row!.provinceCode || null,
    unitCode: row!.unitCode,
    after: { code, regime: body.regime, total: benefit.total, ruleVersion: RULE_VERSION, corrections },
  });
  return row!;
}

export async function proposeCase(db: Db, actor: Actor, body: CaseBody, clock: DeadlineClock, lang: Lang) {
  const agency = await resolveAgency(db, body.agency);
  mustAt('case.propose', actor, agency.place);
  if (body.clientRef) {
    const [dup] = await db
      .select()
      .from(settlementCases)
      .where(
        and(
          eq(settlementCases.provinceCode, agency.place.provinceCode),
          eq(settlementCases.unitCode, agency.place.unitCode),
          eq(settlementCases.clientRef, body.clientRef),
        ),
      );
    if (dup) return { created: false, detail: await detail(db, actor, dup, clock, lang) };
  }

  const now = clock.now();
  const prepared = await prepareCase(db, actor, body, agency, now, lang, await loadSettings(db));
  const r = await db.transaction((tx) => insertCase(tx, actor, body, agency, prepared, now));
  return { created: true, detail: await detail(db, actor, r, clock, lang) };
}

// ---------- cases: changing ----------

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

// ---------- progress ----------

const emptyCounts = () => ({
  cases: 0,
  proposed: 0,
  approved: 0,
  decided: 0,
  paid: 0,
  closed: 0,
  refused: 0,
  totalAmount: 0,
  paidAmount: 0,
  late: 0,
});
type Counts = ReturnType<typeof emptyCounts>;

/**
 * The Ministry's board: per province (x of 34 finished) and per ministry or central agency (y of 27), the cases by
 * status, the amounts (an override counts instead of the computed total), the late cases; an agency is finished when
 * it has cases and every one is settled (paid, closed or refused). A province sees its units, a commune its own.
 */
export async function progress(
  db: Db,
  actor: Actor,
  clock: DeadlineClock,
  lang: Lang,
  todayIn?: string,
): Promise<Progress> {
  if (!may('progress', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const today = todayIn ?? clock.localDate(clock.now());
  const s = scopeOf(actor);
  const key =
    s.kind === 'country'
      ? sql<string>`CASE WHEN ${settlementCases.provinceCode} = '' THEN ${settlementCases.unitCode}
          ELSE ${settlementCases.provinceCode} END`
      : sql<string>`${settlementCases.unitCode}`;
  const rows = await db
    .select({
      key,
      status: settlementCases.status,
      n: sql<number>`count(*)::int`,
      amount: sql<string>`coalesce(sum(coalesce(${settlementCases.overrideAmount}, ${settlementCases.benefitTotal})), 0)::text`,
      paid: sql<string>`coalesce(sum(${settlementCases.paidAmount}), 0)::text`,
      late: sql<number>`count(*) FILTER (WHERE ${lateSql(today, settings)})::int`,
    })
    .from(settlementCases)
    .where(scopeSql(actor))
    .groupBy(key, settlementCases.status);
  const byKey = new Map<string, Counts>();
  for (const r of rows) {
    const c = byKey.get(r.key) ?? emptyCounts();
    c.cases += r.n;
    (c as Record<string, number>)[r.status] = ((c as Record<string, number>)[r.status] ?? 0) + r.n;
    c.totalAmount += Number(r.amount);
    c.paidAmount += Number(r.paid);
    c.late += r.late;
    byKey.set(r.key, c);
  }
  const reportLate = Math.max(
    0,
    Math.round((Date.parse(today) - Date.parse(settings.deadlines.reportsBy)) / 86_400_000),
  );
  const row = (code: string, name: string, kind: ProgressRow['kind']): ProgressRow => {
    const c = byKey.get(code) ?? emptyCounts();
    const settled = c.paid + c.closed + c.refused;
    const finished = c.cases > 0 && settled === c.cases;
    return {
      code,
      name,
      kind,
      ...c,
      settledShare: c.cases ? settled / c.cases : 0,
      finished,
      daysLate: finished ? 0 : reportLate,
    };
  };
  let out: ProgressRow[];
  if (s.kind === 'country') {
    const provinces = await provinceList(db);
    out = [
      ...provinces.map((p) => row(p.code, p.name, 'province')),
      ...CENTRAL_AGENCIES.map((a) => row(a.code, lang === 'en' ? a.nameEn : a.name, 'central')),
    ];
  } else if (s.kind === 'province') {
    const communes = await communesOf(db, s.provinceCode);
    const names = await unitShortNames(db, [s.provinceCode]);
    out = [
      row(s.provinceCode, names.get(s.provinceCode) ?? s.provinceCode, 'unit'),
      ...communes.map((c) => row(c.code, c.name, 'unit')),
    ];
  } else {
    const names = await unitShortNames(db, [s.communeCode]);
    out = [row(s.communeCode, names.get(s.communeCode) ?? s.communeCode, 'unit')];
  }
  const totals = emptyCounts();
  for (const c of byKey.values()) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += c[k];
  const settledAll = totals.paid + totals.closed + totals.refused;
  const provRows = out.filter((r) => r.kind === 'province');
  const centralRows = out.filter((r) => r.kind === 'central');
  return {
    today,
    scope: s.kind,
    provinces: { finished: provRows.filter((r) => r.finished).length, total: provRows.length },
    central: { finished: centralRows.filter((r) => r.finished).length, total: centralRows.length },
    totals: { ...totals, settledShare: totals.cases ? settledAll / totals.cases : 0 },
    rows: out,
    unfinished: out.filter((r) => !r.finished && r.cases > 0).sort((a, b) => b.cases - b.paid - (a.cases - a.paid)),
  };
}

export function agencyList(lang: Lang) {
  return {
    items: CENTRAL_AGENCIES.map((a) => ({ code: a.code, name: lang === 'en' ? a.nameEn : a.name, kind: a.kind })),
  };
}

/** All the cases of the caller's scope for an export (summary rows). */
export async function casesForExport(
  db: Db,
  actor: Actor,
  status: Status | undefined,
  clock: DeadlineClock,
  lang: Lang,
) {
  if (!may('progress', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const today = clock.localDate(clock.now());
  const rows = await db
    .select()
    .from(settlementCases)
    .where(and(scopeSql(actor), status ? eq(settlementCases.status, status) : undefined))
    .orderBy(asc(settlementCases.provinceCode), asc(settlementCases.unitCode), asc(settlementCases.code))
    .limit(200_000);
  const name = await agencyNames(db, rows, lang);
  return rows.map((r) => ({
    ...summary(r, name(r), isLate(r, today, settings)),
    paidOn: r.paidOn,
    leavingDecisionNo: r.leavingDecisionNo,
  }));
}

// ---------- import ----------

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

/**
 * Proposes every case of an agency's list, all or nothing: each row is prepared (values, eligibility, benefit) as a
 * single proposal would be; any refusal is reported by row and column and nothing is written.
 */
export async function importCases(
  db: Db,
  actor: Actor,
  agencyCode: string,
  rows: { row: number; body: CaseBody; columnOf: (field: string) => string | null }[],
  parseErrors: ImportRowError[],
  clock: DeadlineClock,
  lang: Lang,
  message: (e: AppError) => string,
): Promise<{ imported: number; errors: ImportRowError[] }> {
  const agency = await resolveAgency(db, agencyCode);
  mustAt('case.propose', actor, agency.place);
  const settings = await loadSettings(db);
  const now = clock.now();
  const errors = [...parseErrors];
  const prepared: { body: CaseBody; p: Prepared }[] = [];
  for (const r of rows) {
    try {
      prepared.push({ body: r.body, p: await prepareCase(db, actor, r.body, agency, now, lang, settings) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors.push({ row: r.row, column: e.field ? r.columnOf(e.field) : null, message: message(e) });
    }
  }
  if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
  await db.transaction(async (tx) => {
    for (const x of prepared) await insertCase(tx, actor, x.body, agency, x.p, now);
  });
  return { imported: prepared.length, errors: [] };
}
