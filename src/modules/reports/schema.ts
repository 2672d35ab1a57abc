import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredFigures } from './domain/figures.js';
import type { Outline, ProviderName } from './domain/outline.js';

/**
 * One periodic report of a unit (issue #20): a commune's, a province's (its Department of Home Affairs writes it for
 * the province) or the Ministry's for the country (province_code = unit_code = ''). One per (unit, kind, period): a
 * repeated creation finds the same report (ON CONFLICT on the unique key).
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').notNull().defaultRandom().primaryKey(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    level: text('level', { enum: ['country', 'province', 'commune'] }).notNull(),
    kind: text('kind', { enum: ['semiannual', 'annual', 'monthly'] }).notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'returned', 'approved', 'published'] }).notNull(),
    /** the document's number ("Số: 15/BC-UBND"), given at the first submission; null while a draft */
    number: integer('number'),
    /** the day the report is due (the period's end + the outline's days for the level) */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** the outline's version the sections were laid out from */
    outlineVersion: integer('outline_version').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('reports_unit_kind_period_idx').on(t.unitCode, t.kind, t.period),
    index('reports_place_idx').on(t.provinceCode, t.kind, t.period, t.status),
  ],
);

/** A section of a report: the author's text and the figures computed for it, with their provenance. */
export const reportSections = pgTable(
  'report_sections',
  {
    reportId: uuid('report_id').notNull(),
    provinceCode: text('province_code').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    provider: text('provider').$type<ProviderName>(),
    text: text('text').notNull().default(''),
    figures: jsonb('figures').$type<StoredFigures>(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }),
    /** figures recomputed after the draft, waiting for the author to accept them */
    pendingFigures: jsonb('pending_figures').$type<StoredFigures>(),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.key] })],
);

/** The flow's history: creation, submission, return (with its comment), approval, publication, accepted figures. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id').notNull(),
    provinceCode: text('province_code').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
    actorUsername: text('actor_username').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.id)],
);

/** The Ministry's outline of a kind when it changed the default: versioned (each change audited with before/after). */
export const reportOutlines = pgTable('report_outlines', {
  kind: text('kind').notNull().primaryKey(),
  version: integer('version').notNull(),
  value: jsonb('value').$type<Outline>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
