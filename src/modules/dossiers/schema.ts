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

/**
 * The procedure catalogue. National procedures have province_code ''; a province adds or adjusts
 * its own (same code, its province_code) from an effective date.
 */
export const procedures = pgTable(
  'procedures',
  {
    code: text('code').notNull(),
    provinceCode: text('province_code').notNull().default(''),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    name: text('name').notNull(),
    field: text('field').notNull(),
    decisionLevel: text('decision_level', { enum: ['commune', 'province'] }).notNull(),
    workingDays: integer('working_days').notNull(),
    feeVnd: integer('fee_vnd').notNull().default(0),
    online: boolean('online').notNull(),
    boundaryFree: boolean('boundary_free').notNull(),
    documents: jsonb('documents').$type<string[]>().notNull(),
    legalBasis: text('legal_basis'),
    /**
     * The day this version was published (the publication decision's date: công bố TTHC), when recorded: the 766
     * transparency group's "published on time" (docs/dossier-figures.md). Null: not recorded.
     */
    publishedOn: date('published_on', { mode: 'string' }),
    /** The day the legal text that set or changed the procedure takes effect, when recorded. */
    effectiveOn: date('effective_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.code, t.validFrom] })],
);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    receiptCode: text('receipt_code').notNull(),
    procedureCode: text('procedure_code').notNull(),
    procedureField: text('procedure_field').notNull(),
    /** where it was received (any service center of the province: boundary-free intake) */
    receivingUnitCode: text('receiving_unit_code').notNull(),
    /** the competent unit holding it now (changes on transfer) */
    handlingUnitCode: text('handling_unit_code').notNull(),
    channel: text('channel', { enum: ['in_person', 'online', 'post'] }).notNull(),
    status: text('status').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    applicantPhone: text('applicant_phone'),
    applicantAddress: text('applicant_address'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    workingDays: integer('working_days').notNull(),
    /** the day the clock (re)started: Vietnam-local date */
    clockStartOn: date('clock_start_on', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    originalDueDate: date('original_due_date', { mode: 'string' }),
    apologyIssuedAt: timestamp('apology_issued_at', { withTimezone: true, mode: 'date' }),
    apologyReason: text('apology_reason'),
    /** supplement rounds requested after receipt (Form 02 at the counter before receipt is guidance, not a round) */
    supplementCount: integer('supplement_count').notNull().default(0),
    /** the last day to request a supplement: 3 working days from receipt (Decree 61/2018 Art. 19) */
    supplementDueDate: date('supplement_due_date', { mode: 'string' }),
    /** supplement requests made after that day: allowed, but counted against the agency */
    lateSupplementCount: integer('late_supplement_count').notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    finishedOn: date('finished_on', { mode: 'string' }),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }),
    hasInputScan: boolean('has_input_scan').notNull().default(false),
    hasEResult: boolean('has_e_result').notNull().default(false),
    rating: text('rating'),
    /**
     * The rating code printed on the receipt (Form 01): only the applicant holds it, so only they may rate the
     * dossier (receipt codes are sequential and guessable). 10 hex digits from gen_random_uuid (40 random bits);
     * the database default also gives every dossier made before the column its own.
     */
    ratingToken: text('rating_token')
      .notNull()
      .default(sql`upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 10))`),
    /** wrong ID-number digits offered to rate it: after 5, only the rating code is accepted */
    ratingFailures: integer('rating_failures').notNull().default(0),
    version: integer('version').notNull().default(1),
    /**
     * The internal process the dossier is worked by (docs/one-stop.md), pinned at intake: null when its unit works
     * without personal accounts (the unit's account takes the lifecycle's steps itself).
     */
    process: jsonb('process').$type<{ step: string; roles: string[]; sharePercent: number }[]>(),
    /** the current step of the process (a layer inside the portal's status); null once the steps are over */
    step: text('step'),
    /** the specialist handling it (login name; pages show the person's name and post) */
    assigneeUsername: text('assignee_username'),
    /** the instant the clock (re)started: the steps' time is shared from it */
    clockStartAt: timestamp('clock_start_at', { withTimezone: true, mode: 'date' }),
    /** the procedure's papers missing at intake (named on Form 02) */
    missingPapers: jsonb('missing_papers').$type<string[]>(),
    /** the result handed to the applicant: its number, date and signer (the file is a 'result' document) */
    resultNumber: text('result_number'),
    resultDate: date('result_date', { mode: 'string' }),
    resultSigner: text('result_signer'),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.provinceCode, t.id] }),
    uniqueIndex('dossiers_receipt_code_idx').on(t.receiptCode),
    index('dossiers_unit_status_idx').on(t.provinceCode, t.handlingUnitCode, t.status),
    index('dossiers_received_idx').on(t.provinceCode, t.receivedAt),
    // A commune's list (the dossiers it handles or received: an OR of this and the index above by handling unit),
    // newest first: without it a commune of a large province walked the province's dossiers by date (83 ms → 1.4 ms)
    index('dossiers_receiving_idx').on(t.provinceCode, t.receivingUnitCode, t.receivedAt),
    // The Ministry's list of the whole country, newest first: without it every page sorted all the dossiers (136 ms).
    index('dossiers_received_at_idx').on(t.receivedAt),
    // Open dossiers only, with every column the live board counts: an index-only scan.
    index('dossiers_open_idx')
      .on(t.provinceCode, t.handlingUnitCode, t.dueDate, t.status)
      .where(sql`finished_at IS NULL`),
    // A dossier by id alone (the Ministry's actions, links): the key leads with the province.
    index('dossiers_id_idx').on(t.id),
    // The list's filters by status and field, counted index-only.
    index('dossiers_status_field_idx').on(t.provinceCode, t.status, t.procedureField),
    // The queues: a unit's dossiers by step, a person's by assignee (open steps only).
    index('dossiers_step_idx')
      .on(t.provinceCode, t.handlingUnitCode, t.step)
      .where(sql`step IS NOT NULL`),
    index('dossiers_assignee_idx')
      .on(t.assigneeUsername)
      .where(sql`step IS NOT NULL`),
  ],
);

/**
 * The steps a dossier went through (its timeline): who held each, from when, due when, who ended it and how. One
 * open row (ended_at null) a dossier while it is worked in steps.
 */
export const dossierSteps = pgTable(
  'dossier_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    step: text('step').notNull(),
    unitCode: text('unit_code').notNull(),
    assigneeUsername: text('assignee_username'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    /** who ended it */
    actorUsername: text('actor_username'),
    /** the step action that ended it (submit, approve, send_back…) */
    outcome: text('outcome'),
    note: text('note'),
  },
  (t) => [
    index('dossier_steps_dossier_idx').on(t.provinceCode, t.dossierId, t.id),
    // What a person ended lately (their queue's "waiting on others"), read from the index alone.
    index('dossier_steps_actor_idx').on(t.provinceCode, t.actorUsername, t.endedAt, t.dossierId),
  ],
);

/**
 * A province's own internal process for a procedure, versioned: the newest version is in force for dossiers received
 * from then on (a dossier keeps the process it was received with). The national defaults by kind are in
 * domain/process.ts.
 */
export const procedureProcesses = pgTable(
  'procedure_processes',
  {
    provinceCode: text('province_code').notNull(),
    procedureCode: text('procedure_code').notNull(),
    version: integer('version').notNull(),
    steps: jsonb('steps').$type<{ step: string; roles: string[]; sharePercent: number }[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.procedureCode, t.version] })],
);

/** Every step of a dossier: the log that shows each hand-over and the time spent in each unit. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUsername: text('actor_username').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    unitCode: text('unit_code').notNull(),
    toUnitCode: text('to_unit_code'),
    note: text('note'),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.provinceCode, t.dossierId, t.id)],
);

/** Scanned inputs and electronic results; the bytes live in the file store, the checksum here. */
export const dossierDocuments = pgTable(
  'dossier_documents',
  {
    id: uuid('id').notNull().defaultRandom().primaryKey(),
    provinceCode: text('province_code').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    kind: text('kind', { enum: ['input', 'result'] }).notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('dossier_documents_dossier_idx').on(t.provinceCode, t.dossierId)],
);

/**
 * A complaint (phản ánh, kiến nghị) about a dossier: recorded by the citizen on the public look-up with the receipt
 * code and its proof, or by the staff of the unit (a complaint received at the counter, by phone or in writing).
 * Counted once per dossier, with the dissatisfied rating, in the 766 satisfaction in handling procedures.
 */
export const dossierComplaints = pgTable(
  'dossier_complaints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceCode: text('province_code').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** who recorded it: the citizen (public look-up) or the staff (login name in recordedBy) */
    source: text('source', { enum: ['citizen', 'staff'] }).notNull(),
    recordedBy: text('recorded_by'),
    text: text('text').notNull(),
  },
  (t) => [index('dossier_complaints_dossier_idx').on(t.provinceCode, t.dossierId)],
);

/** Daily receipt sequence per receiving unit: one atomic upsert per intake keeps codes unique. */
export const receiptSequences = pgTable(
  'receipt_sequences',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.day] })],
);

/** The figure columns shared by the unit table and the province roll-up. */
const statColumns = () => ({
  received: integer('received').notNull().default(0),
  receivedOnline: integer('received_online').notNull().default(0),
  /** received for a procedure offered online (the 766 online rate's denominator) */
  receivedOfferedOnline: integer('received_offered_online').notNull().default(0),
  receivedDigitized: integer('received_digitized').notNull().default(0),
  finished: integer('finished').notNull().default(0),
  finishedOnTime: integer('finished_on_time').notNull().default(0),
  finishedWithEResult: integer('finished_with_e_result').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  ratingsSatisfied: integer('ratings_satisfied').notNull().default(0),
  /**
   * dossiers with a complaint or a dissatisfied rating, each counted once (the 766 satisfaction in handling), on the
   * day the first of them was recorded against the dossier's finished day (today while it is open)
   */
  complainedOrDissatisfied: integer('complained_or_dissatisfied').notNull().default(0),
  waitMinutesTotal: integer('wait_minutes_total').notNull().default(0),
});

/**
 * Incremental figures per handling unit, day and procedure field, updated in the same transaction
 * as each action: the boards sum these instead of scanning the dossiers.
 */
export const dossierDailyStats = pgTable(
  'dossier_daily_stats',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    field: text('field').notNull(),
    ...statColumns(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.day, t.field] })],
);

/** The same figures per handling unit and day, all fields together: a province board's breakdown by commune. */
export const dossierUnitStats = pgTable(
  'dossier_unit_stats',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ...statColumns(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.day] })],
);

/** The same figures rolled up per province and day, kept in the same transaction: the country board reads ~34 rows a day. */
export const dossierProvinceStats = pgTable(
  'dossier_province_stats',
  {
    provinceCode: text('province_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    field: text('field').notNull(),
    ...statColumns(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.day, t.field] })],
);

/**
 * Additions to the province roll-up made by transactions that have not committed yet (migration 0041): every intake
 * and action of a province adds to the same row of the day, so the row is added to inside the COMMIT by a deferred
 * trigger, which deletes the pending row; the row's lock is no longer held across a round trip to the server. Empty
 * outside a transaction in flight; never read by the platform.
 */
export const dossierProvinceStatsPending = pgTable('dossier_province_stats_pending', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  provinceCode: text('province_code').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  field: text('field').notNull(),
  ...statColumns(),
});

/**
 * The live backlog: open dossiers (not finished) counted per handling unit, due date and whether they wait in
 * the intake queue (registered or received), kept in the same transaction as each action by
 * `dossier_backlog_move` (migration 0009). A dossier whose clock is stopped (no due date) counts under
 * 'infinity'. The boards read these few rows instead of every open dossier.
 */
export const dossierBacklog = pgTable(
  'dossier_backlog',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    queue: boolean('queue').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.unitCode, t.dueDate, t.queue] })],
);

/** The same counts per province (the country board reads ~34 × due dates rows). */
export const dossierProvinceBacklog = pgTable(
  'dossier_province_backlog',
  {
    provinceCode: text('province_code').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    queue: boolean('queue').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.dueDate, t.queue] })],
);
