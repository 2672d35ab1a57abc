// Proposing a case: the person's record, the agency, the benefit computed, the case written once per clientRef.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { type Actor } from '../../../core/scope.js';
import { searchKey } from '../../../core/text.js';
import { recordAudit } from '../../audit/index.js';
import { unitPlace } from '../../units/index.js';
import { personForSettlement } from '../../workforce/index.js';
import { calculateBenefit, type Benefit, type BenefitInput, type Category } from '../domain/benefits.js';
import { centralAgency } from '../domain/central-agencies.js';
import { eligibilityRefusals, type Rating } from '../domain/eligibility.js';
import type { AllowancesInput } from '../domain/salary.js';
import { RULE_VERSION, type SettlementSettings } from '../domain/settings.js';
import type { CaseBody } from '../contract.js';
import { ELIGIBILITY_LABELS, label } from '../labels.js';
import { mustAt } from '../policy.js';
import { settlementCases, settlementEvents, settlementSequences, type Correction } from '../schema.js';
import { type Row, detail } from './reading.js';
import { loadSettings } from './settings.js';
import { normaliseSalary, refusalError } from './calculator.js';
import { citeClause } from '../domain/citation.js';

export interface Values {
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

export function compute(
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

export async function resolveAgency(db: Db, code: string) {
  const central = centralAgency(code);
  if (central) return { kind: 'central' as const, place: { provinceCode: '', unitCode: central.code } };
  const unit = await unitPlace(db, code);
  if (!unit) throw invalid('agency', 'invalid_value', { detail: code });
  return { kind: 'unit' as const, place: { provinceCode: unit.provinceCode, unitCode: unit.code } };
}

export type Agency = Awaited<ReturnType<typeof resolveAgency>>;
export interface Prepared {
  v: Values;
  benefit: Benefit;
  corrections: Correction[];
}

/** The values of a new case (copied from the workforce record or typed), eligibility and the benefit: refuses with
 * the reason and the field, writes nothing. */
export async function prepareCase(
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
      {
        reasons: refusals
          .map((r) => `${label(ELIGIBILITY_LABELS, r.code, lang)} (${citeClause(r.clause, lang)})`)
          .join('; '),
      },
      refusals[0]!.field,
    );
  const benefit = compute(v, body.regime, body.restructuringDecisionDate, settings);
  return { v, benefit, corrections };
}

/** Writes a prepared case, its first event and its audit entry, inside the caller's transaction. */
export async function insertCase(
  tx: Db,
  actor: Actor,
  body: CaseBody,
  agency: Agency,
  p: Prepared,
  now: Date,
): Promise<Row> {
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
