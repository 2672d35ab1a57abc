import {
  pgTable,
  text,
  integer,
  date,
  timestamp,
  uuid,
  json,
  jsonb,
  doublePrecision,
  boolean,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AssessmentSettings, Band } from './domain/settings.js';
import type { FrozenScore } from './domain/period.js';

/** Overrides of the assessment settings: '' = national (the Ministry), else a province for its own units. */
export const assessmentSettings = pgTable('assessment_settings', {
  provinceCode: text('province_code').primaryKey(),
  overrides: jsonb('overrides').$type<Partial<AssessmentSettings>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/** A period of task results (a month or a quarter) of one unit. Closed periods are frozen. */
export const assessmentPeriods = pgTable(
  'assessment_periods',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['month', 'quarter'] }).notNull(),
    seq: integer('seq').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: text('closed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('assessment_periods_unit_idx').on(t.provinceCode, t.unitCode, t.year, t.kind, t.seq),
    index('assessment_periods_id_idx').on(t.id),
  ],
);

/** A task a head assigns to a person: what, which product kind, how many, due when, with what weight. */
export const assessmentTasks = pgTable(
  'assessment_tasks',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    periodId: uuid('period_id').notNull(),
    personId: uuid('person_id').notNull(),
    title: text('title').notNull(),
    productKind: text('product_kind').notNull(),
    quantity: integer('quantity').notNull(),
    weight: doublePrecision('weight').notNull().default(1),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    status: text('status', { enum: ['assigned', 'delivered', 'reviewed'] })
      .notNull()
      .default('assigned'),
    /** reported by the person */
    deliveredQuantity: integer('delivered_quantity'),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    evidence: text('evidence'),
    /** judged by the head */
    acceptedQuantity: integer('accepted_quantity'),
    majorErrors: integer('major_errors').notNull().default(0),
    delays: integer('delays').notNull().default(0),
    exemption: text('exemption', { enum: ['none', 'task', 'timeliness'] })
      .notNull()
      .default('none'),
    exemptionReason: text('exemption_reason'),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    clientRef: text('client_ref'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('assessment_tasks_person_idx').on(t.personId, t.dueDate),
    index('assessment_tasks_period_idx').on(t.provinceCode, t.periodId, t.personId),
    // Links and actions reach a task by id alone.
    index('assessment_tasks_id_idx').on(t.id),
  ],
);

export type GeneralScores = Partial<Record<'qualities' | 'competence' | 'innovation', number>>;

export type { FrozenScore } from './domain/period.js';

/** One person's assessment in one period: self-assessment, the head's, the collective's comments, the score. */
export const assessmentReviews = pgTable(
  'assessment_reviews',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    periodId: uuid('period_id').notNull(),
    personId: uuid('person_id').notNull(),
    selfGeneral: json('self_general').$type<GeneralScores>(),
    selfComment: text('self_comment'),
    selfAt: timestamp('self_at', { withTimezone: true, mode: 'date' }),
    headGeneral: json('head_general').$type<GeneralScores>(),
    headComment: text('head_comment'),
    headBy: text('head_by'),
    headAt: timestamp('head_at', { withTimezone: true, mode: 'date' }),
    collectiveComment: text('collective_comment'),
    collectiveAt: timestamp('collective_at', { withTimezone: true, mode: 'date' }),
    /** leaders only: how they organised the unit's work, judged by the superior, 0–100 % */
    organisationPercent: doublePrecision('organisation_percent'),
    frozen: json('frozen').$type<FrozenScore>(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('assessment_reviews_period_person_idx').on(t.provinceCode, t.periodId, t.personId),
    index('assessment_reviews_person_idx').on(t.personId),
  ],
);

/** A change to a frozen score: who, why, before and after. */
export const assessmentCorrections = pgTable(
  'assessment_corrections',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    reviewId: uuid('review_id').notNull(),
    reason: text('reason').notNull(),
    before: jsonb('before').$type<FrozenScore>().notNull(),
    after: jsonb('after').$type<FrozenScore>().notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('assessment_corrections_review_idx').on(t.provinceCode, t.reviewId),
  ],
);

/** The year's rating of a person, held by the unit where they work at rating time. */
export const annualRatings = pgTable(
  'annual_ratings',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id').notNull(),
    year: integer('year').notNull(),
    monthsWorked: doublePrecision('months_worked').notNull(),
    monthsAbsent: doublePrecision('months_absent').notNull().default(0),
    /** months of maternity leave in the year (Decree 48/2023): neither absence nor taken off the months worked */
    maternityMonths: doublePrecision('maternity_months').notNull().default(0),
    sanctioned: boolean('sanctioned').notNull().default(false),
    sanctionNote: text('sanction_note'),
    average: doublePrecision('average'),
    periodsScored: integer('periods_scored').notNull().default(0),
    /** null = not rated (see notRatedReason) */
    scoredBand: text('scored_band').$type<Band>(),
    band: text('band').$type<Band>(),
    caps: jsonb('caps').$type<string[]>().notNull().default([]),
    notRatedReason: text('not_rated_reason'),
    /** a head may lower the band (e.g. to keep to the quota), never raise it, with a reason */
    loweredReason: text('lowered_reason'),
    status: text('status', { enum: ['proposed', 'confirmed'] })
      .notNull()
      .default('proposed'),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('annual_ratings_person_year_idx').on(t.provinceCode, t.personId, t.year),
    index('annual_ratings_unit_idx').on(t.provinceCode, t.unitCode, t.year),
    index('annual_ratings_id_idx').on(t.id),
  ],
);

/** Per unit and year: recognised as outstanding (a larger excellent quota) and when results were published inside the unit. */
export const assessmentUnitYears = pgTable(
  'assessment_unit_years',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    outstanding: boolean('outstanding').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.year] })],
);
