import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A value copied from the workforce record (or typed in) and corrected with a reason, audited. */
export interface Correction {
  field: string;
  from: unknown;
  to: unknown;
  reason: string;
  by: string;
  at: string;
}

/**
 * One person leaving under Decree 178/2024 (as amended by Decree 67/2025): the agency, the person's values the benefit
 * is computed from, the regime, the restructuring decision, the leaving date, the lifecycle and the stored benefit.
 * province_code: the province of the unit; '' for a ministry or central agency (outside the unit tree), whose code is
 * then unit_code (the scope predicate keeps them out of every province's view).
 */
export const settlementCases = pgTable(
  'settlement_cases',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** the unit (commune or province code) or the central agency's code */
    unitCode: text('unit_code').notNull(),
    agencyKind: text('agency_kind', { enum: ['unit', 'central'] }).notNull(),
    /** readable code: CS-<province or agency>-<sequence> */
    code: text('code').notNull(),
    /** the workforce record, when there is one */
    personId: uuid('person_id'),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: text('sex', { enum: ['male', 'female'] }),
    category: text('category').notNull(),
    group: text('group').notNull(),
    regime: text('regime').notNull(),
    coefficient: doublePrecision('coefficient'),
    leadershipCoefficient: doublePrecision('leadership_coefficient'),
    allowances: json('allowances').$type<Record<string, unknown>>(),
    /** the monthly salary when typed in instead of coefficients (VND) */
    monthlySalary: bigint('monthly_salary', { mode: 'number' }),
    siYears: integer('si_years').notNull(),
    siMonths: integer('si_months').notNull(),
    /** the retirement date when the case gives it (else from birth date and sex) */
    retirementDate: date('retirement_date', { mode: 'string' }),
    maternityOrYoungChild: boolean('maternity_or_young_child').notNull().default(false),
    volunteers: boolean('volunteers').notNull().default(false),
    underDiscipline: boolean('under_discipline').notNull().default(false),
    lastThreeYears: json('last_three_years').$type<(string | null)[]>().notNull().default([]),
    restructuringDecisionNo: text('restructuring_decision_no').notNull(),
    restructuringDecisionDate: date('restructuring_decision_date', { mode: 'string' }).notNull(),
    leaveDate: date('leave_date', { mode: 'string' }).notNull(),
    corrections: jsonb('corrections').$type<Correction[]>().notNull().default([]),
    status: text('status').notNull(),
    leavingDecisionNo: text('leaving_decision_no'),
    leavingDecisionDate: date('leaving_decision_date', { mode: 'string' }),
    paidOn: date('paid_on', { mode: 'string' }),
    paidAmount: bigint('paid_amount', { mode: 'number' }),
    refusalReason: text('refusal_reason'),
    approvedBy: text('approved_by'),
    /** the computed benefit: lines with clauses, months, salary base, amounts; the rule version beside it */
    benefit: json('benefit').$type<Record<string, unknown>>().notNull(),
    benefitTotal: bigint('benefit_total', { mode: 'number' }).notNull(),
    ruleVersion: text('rule_version').notNull(),
    overrideAmount: bigint('override_amount', { mode: 'number' }),
    overrideReason: text('override_reason'),
    overrideBy: text('override_by'),
    overrideAt: timestamp('override_at', { withTimezone: true, mode: 'date' }),
    clientRef: text('client_ref'),
    searchKey: text('search_key').notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('settlement_cases_id_idx').on(t.id),
    index('settlement_cases_unit_idx').on(t.provinceCode, t.unitCode, t.status),
    index('settlement_cases_status_idx').on(t.status),
    // The board's late count reads only the open cases (proposed, approved, decided).
    index('settlement_cases_open_idx')
      .on(t.provinceCode, t.unitCode, t.leaveDate, t.leavingDecisionDate)
      .where(sql`status IN ('proposed', 'approved', 'decided')`),
    uniqueIndex('settlement_cases_client_ref_idx')
      .on(t.provinceCode, t.unitCode, t.clientRef)
      .where(sql`client_ref IS NOT NULL`),
  ],
);

/**
 * The progress board's counts per agency and status (cases, amounts: the override instead of the computed total,
 * paid), kept by statement triggers on settlement_cases in the writing transaction (migration
 * `settlement_board`), so the Ministry's board reads ~6,000 narrow rows instead of grouping every case.
 * Late cases depend on the day and the settings: they are counted from the open cases at read time.
 */
export const settlementBoard = pgTable(
  'settlement_board',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paid: bigint('paid', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.status] })],
);

/** Every step of a case: proposal, correction, approval, refusal, decision, payment, override, closing. */
export const settlementEvents = pgTable(
  'settlement_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    caseId: uuid('case_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUsername: text('actor_username').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
  },
  (t) => [index('settlement_events_case_idx').on(t.provinceCode, t.caseId, t.id)],
);

/** Per agency: the sequence behind readable case codes. */
export const settlementSequences = pgTable(
  'settlement_sequences',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode] })],
);

/** The national settings of the rules (base salary by date, deadlines …): one row, '' = national. */
export const settlementSettings = pgTable('settlement_settings', {
  provinceCode: text('province_code').notNull().primaryKey().default(''),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
