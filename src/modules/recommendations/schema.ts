import {
  pgTable,
  text,
  integer,
  boolean,
  date,
  timestamp,
  uuid,
  jsonb,
  bigserial,
  primaryKey,
  index,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

import type { AttachmentMeta } from '../../core/attachments.js';

/** An attachment's metadata; the bytes live in the file store. */
export type { AttachmentMeta };

/**
 * A difficulty or recommendation (phản ánh, kiến nghị) raised by a commune, a province or a
 * reinforcement officer, held by the level competent to answer it (province, then Ministry).
 * province_code: the province the item comes from (the asker's, or the officer's assigned province).
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** readable code: KN-<province>-<yymm>-<sequence> */
    code: text('code').notNull(),
    field: text('field').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** the legal basis the question is about */
    legalBasis: text('legal_basis'),
    /** the unit concerned (commune or province) */
    unitCode: text('unit_code').notNull(),
    urgency: text('urgency', { enum: ['normal', 'urgent'] })
      .notNull()
      .default('normal'),
    attachments: jsonb('attachments').$type<AttachmentMeta[]>().notNull().default([]),
    /** who asks: a commune, a province, or an officer in the field */
    askerKind: text('asker_kind', { enum: ['commune', 'province', 'officer'] }).notNull(),
    /** the asking unit (commune or province code); for an officer, the unit concerned */
    askerUnitCode: text('asker_unit_code').notNull(),
    askerUserId: uuid('asker_user_id').notNull(),
    askerUsername: text('asker_username').notNull(),
    /** a reinforcement officer's visit log that raised it */
    visitId: uuid('visit_id'),
    /** the draft's id on the asker's device: the same draft sent again makes one item */
    clientRef: text('client_ref'),
    status: text('status').notNull(),
    /** the level holding it now */
    level: text('level', { enum: ['province', 'ministry'] }).notNull(),
    /** when it arrived at the current level (effective day) and the answer deadline there */
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    workingDays: integer('working_days').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    /** the deadline a "due soon" warning was last sent for (one warning per deadline) */
    warnedForDue: date('warned_for_due', { mode: 'string' }),
    answer: text('answer'),
    answerLegalBasis: text('answer_legal_basis'),
    answeredLevel: text('answered_level'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    answeredOn: date('answered_on', { mode: 'string' }),
    /** working days from arrival at the answering level to the answer */
    answerWorkingDays: integer('answer_working_days'),
    answeredLate: boolean('answered_late'),
    infoRequestCount: integer('info_request_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedBy: text('published_by'),
    /** diacritics-free key of title, content and legal basis: search and similarity */
    searchKey: text('search_key').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    index('recommendations_code_idx').on(t.code),
    index('recommendations_asker_idx').on(t.provinceCode, t.askerUnitCode, t.createdAt),
    index('recommendations_open_due_idx')
      .on(t.level, t.dueDate)
      .where(sql`closed_at IS NULL`),
    index('recommendations_created_idx').on(t.provinceCode, t.createdAt),
    index('recommendations_published_idx')
      .on(t.publishedAt)
      .where(sql`published_at IS NOT NULL`),
    index('recommendations_visit_idx').on(t.provinceCode, t.visitId),
    uniqueIndex('recommendations_client_ref_idx').on(t.askerUserId, t.clientRef),
  ],
);

/** Every step of an item: raise, forward, answer, request information, accept, reopen, publish. */
export const recommendationEvents = pgTable(
  'recommendation_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    recommendationId: uuid('recommendation_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUsername: text('actor_username').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    level: text('level').notNull(),
    note: text('note'),
  },
  (t) => [index('recommendation_events_item_idx').on(t.provinceCode, t.recommendationId, t.id)],
);

/**
 * Answer time limits per field, in working days. province_code '' is the national setting; a province
 * may set its own for the answers of its level. Without a row the default applies (15, warning 3 days before).
 */
export const recommendationSettings = pgTable(
  'recommendation_settings',
  {
    provinceCode: text('province_code').notNull().default(''),
    field: text('field').notNull(),
    answerWorkingDays: integer('answer_working_days').notNull(),
    warnWorkingDays: integer('warn_working_days').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.field] })],
);

/** Per province and month: the sequence behind readable item codes. */
export const recommendationSequences = pgTable(
  'recommendation_sequences',
  {
    provinceCode: text('province_code').notNull(),
    month: text('month').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.month] })],
);

/**
 * Notifications in the app, one row per recipient user. province_code is the place the notice is
 * about (so it follows the house rule), the user its reader.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull(),
    provinceCode: text('province_code').notNull(),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
);
