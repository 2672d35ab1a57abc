import {
  pgTable,
  text,
  integer,
  date,
  timestamp,
  uuid,
  jsonb,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AttachmentMeta } from '../../core/attachments.js';

/** A planned commune visit of a weekly schedule. */
export interface PlannedVisit {
  communeCode: string;
  plannedOn: string;
  purpose: string | null;
}

/** The figures a periodic report is drafted from. */
export interface ReportFigures {
  visits: number;
  communesVisited: number;
  itemsRaised: number;
  itemsAnswered: number;
  itemsOpen: number;
}

/**
 * A reinforcement phase (đợt tăng cường): Ministry officials sent to the provinces for a period.
 * A national record: it belongs to no province, so its key is its id alone.
 */
export const reinforcementPhases = pgTable('reinforcement_phases', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  copiedFrom: uuid('copied_from'),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** An officer (a Ministry user) assigned to a province for a phase. */
export const reinforcementOfficers = pgTable(
  'reinforcement_officers',
  {
    provinceCode: text('province_code').notNull(),
    phaseId: uuid('phase_id').notNull(),
    userId: uuid('user_id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    position: text('position'),
    phone: text('phone'),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.phaseId, t.userId] }),
    uniqueIndex('reinforcement_officers_user_idx').on(t.phaseId, t.userId),
  ],
);

/** An officer's weekly work schedule (Monday to Sunday) with the commune visits planned. */
export const reinforcementSchedules = pgTable(
  'reinforcement_schedules',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    phaseId: uuid('phase_id').notNull(),
    userId: uuid('user_id').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    visits: jsonb('visits').$type<PlannedVisit[]>().notNull(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('reinforcement_schedules_week_idx').on(t.phaseId, t.userId, t.weekStart),
  ],
);

/**
 * A visit log, written on a phone in the commune. client_ref is the draft's id on the device: a draft
 * sent again after the 24-hour idempotency window still makes one visit.
 */
export const reinforcementVisits = pgTable(
  'reinforcement_visits',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    phaseId: uuid('phase_id').notNull(),
    userId: uuid('user_id').notNull(),
    username: text('username').notNull(),
    communeCode: text('commune_code').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    metWith: text('met_with').notNull(),
    findings: text('findings').notNull(),
    /** solved on the spot, within the officer's authority */
    resolved: text('resolved'),
    photos: jsonb('photos').$type<AttachmentMeta[]>().notNull().default([]),
    clientRef: text('client_ref'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('reinforcement_visits_client_ref_idx').on(t.userId, t.clientRef),
    index('reinforcement_visits_phase_idx').on(t.phaseId, t.provinceCode, t.communeCode),
    index('reinforcement_visits_user_idx').on(t.phaseId, t.userId, t.visitedOn),
  ],
);

/** A periodic (weekly) report to the Ministry, drafted from the week's logs and items. */
export const reinforcementReports = pgTable(
  'reinforcement_reports',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    phaseId: uuid('phase_id').notNull(),
    userId: uuid('user_id').notNull(),
    username: text('username').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
    content: text('content').notNull(),
    figures: jsonb('figures').$type<ReportFigures>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedOn: date('submitted_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('reinforcement_reports_period_idx').on(t.phaseId, t.userId, t.periodStart),
  ],
);
