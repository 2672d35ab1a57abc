import {
  pgTable,
  text,
  integer,
  boolean,
  date,
  timestamp,
  uuid,
  jsonb,
  primaryKey,
  index,
  uniqueIndex,
  bigserial,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { AttachmentMeta } from '../../core/attachments.js';

/** Who should attend: staff categories of the units in scope, optionally their leaders only. */
export interface Audience {
  categories: ('cadre' | 'civil_servant' | 'public_employee' | 'contract')[];
  leadersOnly: boolean;
  /** communes' staff only (the default for a training of the new communes' officials) */
  communesOnly: boolean;
}

/**
 * A training conference. province_code: the province holding its own event; null for the Ministry's national ones
 * (a national record belongs to no province).
 */
export const trainingEvents = pgTable(
  'training_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code'),
    title: text('title').notNull(),
    programme: text('programme'),
    trainers: text('trainers'),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** the registry's date the bridges were laid out from (the event's day, Vietnam time) */
    registryDate: date('registry_date', { mode: 'string' }).notNull(),
    /** the share of the session (percent) a person must be present to have attended */
    attendShare: integer('attend_share').notNull().default(80),
    audience: jsonb('audience').$type<Audience>(),
    materials: jsonb('materials').$type<AttachmentMeta[]>().notNull().default([]),
    bridgesTotal: integer('bridges_total').notNull(),
    /** the key signing the bridges' short-lived presence codes (QR at the door); made at the first code */
    presenceKey: text('presence_key'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
    createdBy: text('created_by').notNull(),
    clientRef: text('client_ref'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('training_events_starts_idx').on(t.startsAt),
    uniqueIndex('training_events_client_ref_idx').on(t.createdBy, t.clientRef),
  ],
);

/**
 * A bridge point of an event, laid out from the units registry. province_code is null only for the Ministry's main
 * bridge. state: what the host's map shows (silent, tested, connected, trouble, left).
 */
export const trainingBridges = pgTable(
  'training_bridges',
  {
    eventId: uuid('event_id').notNull(),
    unitCode: text('unit_code').notNull(),
    provinceCode: text('province_code'),
    kind: text('kind', { enum: ['host', 'province', 'commune'] }).notNull(),
    name: text('name').notNull(),
    hall: text('hall'),
    officer: text('officer'),
    phone: text('phone'),
    state: text('state', { enum: ['silent', 'tested', 'connected', 'trouble', 'left'] })
      .notNull()
      .default('silent'),
    testResult: text('test_result', { enum: ['passed', 'failed'] }),
    testNote: text('test_note'),
    note: text('note'),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }),
    connectedAt: timestamp('connected_at', { withTimezone: true, mode: 'date' }),
    reconnects: integer('reconnects').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.unitCode] }),
    index('training_bridges_place_idx').on(t.eventId, t.provinceCode, t.state),
  ],
);

/** Every report a bridge sent (the log behind its state). client_ref: the report's id on the device. */
export const trainingCheckIns = pgTable(
  'training_check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    provinceCode: text('province_code'),
    unitCode: text('unit_code').notNull(),
    state: text('state', { enum: ['tested', 'connected', 'trouble', 'left'] }).notNull(),
    passed: boolean('passed'),
    note: text('note'),
    /** when it was made on the device */
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    username: text('username').notNull(),
    clientRef: text('client_ref'),
  },
  (t) => [
    index('training_check_ins_bridge_idx').on(t.eventId, t.unitCode, t.at),
    uniqueIndex('training_check_ins_client_ref_idx').on(t.eventId, t.unitCode, t.clientRef),
  ],
);

/** A person who should attend (registered from the workforce), at the bridge of their unit. */
export const trainingAttendees = pgTable(
  'training_attendees',
  {
    eventId: uuid('event_id').notNull(),
    personId: uuid('person_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    fullName: text('full_name').notNull(),
    category: text('category').notNull(),
    /**
     * how they were registered: by the host's audience (cancelled when a new audience leaves them out), or by name from
     * a list (a bridge's or the host's choice, kept)
     */
    registeredBy: text('registered_by', { enum: ['audience', 'list'] })
      .notNull()
      .default('audience'),
    /** whole minutes present within the session (recomputed from the presence intervals on every change) */
    minutes: integer('minutes').notNull().default(0),
    absenceReason: text('absence_reason'),
    /** the certificate's verification code, once issued */
    certificateCode: text('certificate_code'),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.personId] }),
    index('training_attendees_place_idx').on(t.eventId, t.provinceCode, t.unitCode),
    uniqueIndex('training_attendees_certificate_idx').on(t.certificateCode),
  ],
);

/** A join–leave interval of a person at a bridge (entered by the officer, scanned at the door, or imported). */
export const trainingPresence = pgTable(
  'training_presence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    personId: uuid('person_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date' }),
    source: text('source', { enum: ['officer', 'qr', 'import'] }).notNull(),
    clientRef: text('client_ref'),
  },
  (t) => [
    index('training_presence_person_idx').on(t.eventId, t.personId),
    uniqueIndex('training_presence_client_ref_idx').on(t.eventId, t.personId, t.clientRef),
  ],
);

/** A question raised at a bridge; sent to the two-way channel as a recommendation by the host. */
export const trainingQuestions = pgTable(
  'training_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    text: text('text').notNull(),
    askedBy: text('asked_by').notNull(),
    recommendationId: uuid('recommendation_id'),
    clientRef: text('client_ref'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('training_questions_event_idx').on(t.eventId, t.provinceCode, t.unitCode),
    uniqueIndex('training_questions_client_ref_idx').on(t.eventId, t.unitCode, t.clientRef),
  ],
);

/** One unit's notice of an audience change: its staff whose registration was cancelled. */
export interface UnitNotice {
  provinceCode: string;
  /** the commune, or the province itself for its own staff */
  unitCode: string;
  title: string;
  body: string;
}

/**
 * Notices written with a change and delivered after its commit (docs/trainings.md): the save writes one row with
 * every unit's notice; the delivery turns it into the units' notifications in one statement and marks it sent in the
 * same transaction, so a notice is delivered once, and a failure to deliver leaves the row for the next pass.
 */
export const trainingNoticeOutbox = pgTable(
  'training_notice_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    kind: text('kind').notNull(),
    notices: jsonb('notices').$type<UnitNotice[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('training_notice_outbox_pending_idx')
      .on(t.id)
      .where(sql`sent_at IS NULL`),
  ],
);
