import {
  pgTable,
  text,
  integer,
  bigint,
  doublePrecision,
  date,
  timestamp,
  uuid,
  jsonb,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/pg-core';
import type { AttachmentMeta } from '../../core/attachments.js';
import type { Shortfall, Signatory } from './domain/handover.js';
import type { SuccessorOption } from './domain/successor.js';

/**
 * One archive hand-over per former unit (commune, district, merged province), generated from the units' lineage.
 * Its place: province_code = the province of the unit receiving the archive, successor_code = that unit (a commune,
 * or the province itself for a former district or province): a commune sees what it received, a province its former
 * units'.
 */
export const archiveHandovers = pgTable(
  'archive_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    formerLevel: text('former_level', { enum: ['commune', 'district', 'province'] }).notNull(),
    formerCode: text('former_code').notNull(),
    formerName: text('former_name').notNull(),
    /** the former name without diacritics, for search */
    formerSearchKey: text('former_search_key').notNull(),
    formerParentName: text('former_parent_name'),
    formerProvinceCode: text('former_province_code').notNull(),
    formerProvinceName: text('former_province_name').notNull(),
    successorCode: text('successor_code').notNull(),
    successorName: text('successor_name').notNull(),
    successorLevel: text('successor_level', { enum: ['commune', 'province'] }).notNull(),
    /** the successor the registry suggested, and why (domain/successor.ts) */
    suggestedCode: text('suggested_code').notNull(),
    suggestionBasis: text('suggestion_basis').notNull(),
    /** the province designated the successor itself (instead of taking the suggestion) */
    designated: integer('designated').notNull().default(0),
    options: jsonb('options').$type<SuccessorOption[]>().notNull(),
    state: text('state').notNull().default('not_started'),
    shelfMetres: doublePrecision('shelf_metres'),
    boxes: integer('boxes'),
    files: integer('files'),
    yearFrom: integer('year_from'),
    yearTo: integer('year_to'),
    permanentFiles: integer('permanent_files'),
    fixedTermFiles: integer('fixed_term_files'),
    handedOverOn: date('handed_over_on', { mode: 'string' }),
    recordNumber: text('record_number'),
    signatories: jsonb('signatories').$type<Signatory[]>().notNull().default([]),
    minutes: jsonb('minutes').$type<AttachmentMeta | null>(),
    receivedOn: date('received_on', { mode: 'string' }),
    shortfalls: jsonb('shortfalls').$type<Shortfall[]>().notNull().default([]),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Generation is idempotent: one hand-over per former unit.
    uniqueIndex('archive_handovers_former_uq').on(t.formerLevel, t.formerCode),
    index('archive_handovers_place_idx').on(t.provinceCode, t.successorCode),
    index('archive_handovers_state_idx').on(t.provinceCode, t.formerLevel, t.state),
  ],
);

/** A unit's digitization plan for a year: the files and pages of one fonds and retention to digitize. */
export const digitizationPlans = pgTable(
  'digitization_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    fonds: text('fonds').notNull(),
    retention: text('retention', { enum: ['permanent', 'fixed_term'] }).notNull(),
    plannedFiles: integer('planned_files').notNull(),
    plannedPages: integer('planned_pages').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('digitization_plans_uq').on(t.unitCode, t.year, t.fonds, t.retention),
    index('digitization_plans_place_idx').on(t.provinceCode, t.year),
  ],
);

/**
 * A batch of a plan moving through the stages: scanned, checked, described, published (the date of each is kept).
 * files/pages: what the batch covers (pages grow with the scans uploaded).
 */
export const digitizationBatches = pgTable(
  'digitization_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    stage: text('stage').notNull().default('scanning'),
    files: integer('files').notNull(),
    pages: integer('pages').notNull().default(0),
    scannedOn: date('scanned_on', { mode: 'string' }),
    checkedOn: date('checked_on', { mode: 'string' }),
    describedOn: date('described_on', { mode: 'string' }),
    publishedOn: date('published_on', { mode: 'string' }),
    clientRef: text('client_ref'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('digitization_batches_place_idx').on(t.provinceCode, t.unitCode, t.year),
    index('digitization_batches_plan_idx').on(t.planId),
    uniqueIndex('digitization_batches_client_ref_uq').on(t.unitCode, t.clientRef),
  ],
);

/**
 * The digitization board's figures, kept by statement triggers on the plans and batches in the writing transaction
 * (migration `digitization_board`), so the board reads a few rows per unit (per province for the country) instead of
 * grouping every batch. Per year (of the plan or batch), province and unit, and once more for the country with
 * province_code `''` and unit_code = the province: stage `planned` (month 0: the plans), a batch stage with month 0
 * (the batches standing at that stage, `scanning` included) or with month = yyyymm (the batches whose date of
 * reaching that stage falls in that month). n counts the plans or batches behind a row; a row falling to n = 0 goes.
 * The key's order serves the board: a province's (or the country's) rows of month 0 and of the month asked.
 */
export const digitizationBoardFigures = pgTable(
  'digitization_board',
  {
    year: integer('year').notNull(),
    provinceCode: text('province_code').notNull(),
    month: integer('month').notNull(),
    unitCode: text('unit_code').notNull(),
    stage: text('stage').notNull(),
    n: integer('n').notNull(),
    files: bigint('files', { mode: 'number' }).notNull(),
    pages: bigint('pages', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.provinceCode, t.month, t.unitCode, t.stage] })],
);

/** A stored piece of a file: the bytes of [offset, offset + size) under `key` in the file store. */
export interface StoredPart {
  key: string;
  size: number;
}

/** A scanned file of a batch: its checksum and page count; a second upload of the same bytes is the same scan. */
export const digitizationScans = pgTable(
  'digitization_scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    pageCount: integer('page_count').notNull(),
    parts: jsonb('parts').$type<StoredPart[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('digitization_scans_sha_uq').on(t.batchId, t.sha256),
    index('digitization_scans_unit_sha_idx').on(t.unitCode, t.sha256),
  ],
);

/** A resumable upload under way: the bytes received so far (`offset`) are kept as parts in the file store. */
export const digitizationUploads = pgTable(
  'digitization_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** the checksum the client declared: the assembled file must match it (a corrupted piece is caught) */
    expectedSha256: text('expected_sha256'),
    /** the page count the client declared for an image file (a PDF is counted) */
    declaredPages: integer('declared_pages'),
    offset: bigint('offset', { mode: 'number' }).notNull().default(0),
    parts: jsonb('parts').$type<StoredPart[]>().notNull().default([]),
    scanId: uuid('scan_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('digitization_uploads_batch_idx').on(t.batchId)],
);

/**
 * The description of a digitized document (the metadata the Ministry's rules on digitized archival records ask for:
 * Circular 02/2019/TT-BNV). search_key: the summary, symbol and issuing body without diacritics (trigram-indexed).
 */
export const digitizationDescriptions = pgTable(
  'digitization_descriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    scanId: uuid('scan_id'),
    fonds: text('fonds').notNull(),
    fileCode: text('file_code').notNull(),
    docNumber: text('doc_number').notNull(),
    docSymbol: text('doc_symbol').notNull(),
    docDate: date('doc_date', { mode: 'string' }).notNull(),
    issuingBody: text('issuing_body').notNull(),
    summary: text('summary').notNull(),
    pageCount: integer('page_count').notNull(),
    retention: text('retention', { enum: ['permanent', 'fixed_term'] }).notNull(),
    access: text('access', { enum: ['open', 'restricted'] }).notNull(),
    searchKey: text('search_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('digitization_descriptions_batch_idx').on(t.batchId),
    index('digitization_descriptions_place_idx').on(t.provinceCode, t.unitCode),
    // The search (`LIKE '%word%'` on search_key) without a sequential scan: trigrams (extension pg_trgm, created by
    // the migration; PGlite loads it in src/db/client.ts).
    index('digitization_descriptions_search_trgm_idx').using('gin', t.searchKey.op('gin_trgm_ops')),
    // The search's order (newest documents first): a common word's first page is read in this order and stops at 50.
    index('digitization_descriptions_order_idx').on(t.docDate.desc(), t.fileCode),
  ],
);
