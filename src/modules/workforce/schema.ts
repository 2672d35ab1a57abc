import {
  pgTable,
  text,
  integer,
  date,
  timestamp,
  uuid,
  jsonb,
  doublePrecision,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Requirements } from './domain/requirements.js';

/** An agency of a unit: People's Council, People's Committee, a department, the service center; at the province, its departments. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    approvedHeadcount: integer('approved_headcount').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.id] }), index('agencies_unit_idx').on(t.provinceCode, t.unitCode)],
);

/** A leadership post or a job position (vị trí việc làm) of an agency, with what it requires. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    agencyId: uuid('agency_id').notNull(),
    kind: text('kind', { enum: ['leadership', 'job_position'] }).notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    seats: integer('seats').notNull().default(1),
    requirements: jsonb('requirements').$type<Requirements>().notNull(),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('posts_unit_idx').on(t.provinceCode, t.unitCode, t.kind),
  ],
);

/** A cadre, civil servant, public employee or contract worker. The record follows the person between units. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    fullName: text('full_name').notNull(),
    searchKey: text('search_key').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    nationalId: text('national_id').notNull(),
    ethnicity: text('ethnicity').notNull().default('Kinh'),
    phone: text('phone'),
    email: text('email'),
    category: text('category', { enum: ['cadre', 'civil_servant', 'public_employee', 'contract'] }).notNull(),
    educationLevel: text('education_level').notNull(),
    educationField: text('education_field'),
    politicalTheory: text('political_theory').notNull().default('none'),
    stateManagement: text('state_management').notNull().default('none'),
    itCertificate: text('it_certificate'),
    foreignLanguage: text('foreign_language'),
    rankCode: text('rank_code'),
    salaryStep: integer('salary_step'),
    salaryCoefficient: doublePrecision('salary_coefficient'),
    partyJoinDate: date('party_join_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('people_national_id_idx').on(t.nationalId),
    // The person page and every link reach a person by id alone: the key leads with the province.
    index('people_id_idx').on(t.id),
    index('people_unit_idx').on(t.provinceCode, t.unitCode),
  ],
);

/**
 * A person holds a post or job position in an agency over a period. Secondments and reinforcement
 * are assignments with an end date. Rows are closed, never overwritten: the history stays.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    personId: uuid('person_id').notNull(),
    unitCode: text('unit_code').notNull(),
    agencyId: uuid('agency_id'),
    postId: uuid('post_id'),
    kind: text('kind', { enum: ['regular', 'secondment', 'reinforcement'] }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    /** the unit the person comes from, for secondment and reinforcement */
    fromUnitCode: text('from_unit_code'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('assignments_person_idx').on(t.personId, t.startDate),
    index('assignments_unit_idx').on(t.provinceCode, t.unitCode, t.endDate),
    index('assignments_post_idx').on(t.postId, t.endDate),
  ],
);

/**
 * The heavy parts of the workforce summary (staffing per unit, structure, requirement checks), kept per province and
 * day the way the dossier boards keep their figures: computed once, reused by every summary of the province or the
 * country, and no longer used once the province's workforce changes (`workforce_figure_changes`), so the Ministry's
 * summary reads 34 rows instead of every person (issue #16).
 */
export const workforceProvinceFigures = pgTable(
  'workforce_province_figures',
  {
    provinceCode: text('province_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** the database's clock when the figures' reads began: valid while no change came after it */
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day] })],
);

/** When a province's workforce last changed (written after each change commits). */
export const workforceFigureChanges = pgTable('workforce_figure_changes', {
  provinceCode: text('province_code').primaryKey(),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/**
 * A background workforce import (a large file): its progress and, when finished, its report or error, readable by the
 * user who started it from any API process on the database (issue #14). The process that received the file claims the
 * job in the statement that creates it (`claimed_by`) and alone runs it, its heartbeat written every few seconds; a job
 * whose heartbeat stopped (its process died) is marked failed after a stale interval. Finished jobs are kept an hour.
 */
export const workforceImportJobs = pgTable(
  'workforce_import_jobs',
  {
    id: uuid('id').primaryKey(),
    /** the importer's province (null: a national account) */
    provinceCode: text('province_code'),
    userId: uuid('user_id').notNull(),
    fileName: text('file_name'),
    /** running | done | failed */
    status: text('status').notNull(),
    /** reading | validating | writing | done */
    phase: text('phase').notNull(),
    percent: integer('percent').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total').notNull().default(0),
    report: jsonb('report'),
    /** `{ code, message }`, the message in the importer's language */
    error: jsonb('error'),
    /** the API process running the job (a random token of the process) */
    claimedBy: text('claimed_by').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('workforce_import_jobs_running_idx').on(t.status, t.heartbeatAt)],
);
