/**
 * The API contract of the archives module (hand-overs after the 2025 rearrangement, digitization plans, batches,
 * resumable scan uploads, descriptions and the boards): every route's request and response schemas. The routes import
 * them; the web imports the types.
 */
import { Type, type Static } from 'typebox';
import { Attachment, FileDownload, FileInfo, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { FORMER_LEVELS, HANDOVER_ACTIONS, HANDOVER_STATES } from './domain/handover.js';
import { ACCESS, BATCH_ACTIONS, BATCH_STAGES, RETENTIONS } from './domain/digitization.js';
import { MAX_CHUNK_BYTES } from './domain/pages.js';

export { FileDownload, MAX_ATTACHMENT_BYTES, MAX_CHUNK_BYTES };

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Uuid = Type.String({ format: 'uuid' });
const UnitCode = Type.String({ pattern: '^(\\d{2}|\\d{5})$', description: 'a commune (5 digits) or a province (2)' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
const Count = (max = 10_000_000) => Type.Integer({ minimum: 0, maximum: max });
const Year = Type.Integer({ minimum: 2025, maximum: 2100 });

// ---------- requests ----------

export const Id = Type.Object({ id: Uuid });
export const LangQuery = Type.Object({ lang: Lang });

export const HandoverQuery = Type.Object({
  province: Type.Optional(ProvinceCode),
  level: Type.Optional(StringEnum(FORMER_LEVELS, { description: 'level of the former unit' })),
  state: Type.Optional(StringEnum(HANDOVER_STATES)),
  successor: Type.Optional(UnitCode),
  missing: Type.Optional(Type.Boolean({ description: 'only those not received in full' })),
  toDesignate: Type.Optional(Type.Boolean({ description: 'only split units whose successor nobody chose yet' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'former unit name, diacritics optional' })),
  ...Paging,
  lang: Lang,
});

export const ExtentBody = Type.Object(
  {
    shelfMetres: Type.Number({ minimum: 0, maximum: 100_000 }),
    boxes: Count(),
    files: Count(),
    yearFrom: Type.Integer({ minimum: 1900, maximum: 2100 }),
    yearTo: Type.Integer({ minimum: 1900, maximum: 2100 }),
    permanentFiles: Count(),
    fixedTermFiles: Count(),
  },
  { additionalProperties: false },
);

export const SignatoryBody = Type.Object(
  {
    side: StringEnum(['handing', 'receiving'] as const),
    name: Text(200),
    position: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const ShortfallBody = Type.Object({ description: Text(1000), files: Count() }, { additionalProperties: false });

export const HandoverActBody = Type.Object(
  {
    action: StringEnum(HANDOVER_ACTIONS),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    extent: Type.Optional(ExtentBody),
    handedOverOn: Type.Optional(IsoDate('date of the hand-over minutes')),
    recordNumber: Type.Optional(Type.String({ maxLength: 60 })),
    signatories: Type.Optional(Type.Array(SignatoryBody, { maxItems: 20 })),
    receivedOn: Type.Optional(IsoDate('date of receipt')),
    shortfalls: Type.Optional(Type.Array(ShortfallBody, { maxItems: 200 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const DesignateBody = Type.Object(
  { successorCode: UnitCode, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const MinutesBody = Type.Object({ file: Attachment }, { additionalProperties: false });

export const PlanBody = Type.Object(
  {
    unitCode: UnitCode,
    year: Year,
    fonds: Text(300),
    retention: StringEnum(RETENTIONS),
    plannedFiles: Count(),
    plannedPages: Count(1_000_000_000),
  },
  { additionalProperties: false },
);

export const PlanQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  year: Type.Optional(Year),
  ...Paging,
  lang: Lang,
});

export const BatchBody = Type.Object(
  {
    name: Text(200),
    files: Count(),
    clientRef: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })),
  },
  { additionalProperties: false },
);

export const BatchQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  year: Type.Optional(Year),
  stage: Type.Optional(StringEnum(BATCH_STAGES)),
  ...Paging,
  lang: Lang,
});

export const BatchActBody = Type.Object(
  { action: StringEnum(BATCH_ACTIONS), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const UploadBody = Type.Object(
  {
    name: Text(300),
    contentType: Type.String({ pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
    sizeBytes: Type.Integer({ minimum: 1 }),
    sha256: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{64}$',
        description: 'the file’s checksum: a file already kept is not sent again',
      }),
    ),
    pageCount: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: 'for an image file; a PDF is counted' }),
    ),
  },
  { additionalProperties: false },
);

export const UploadHeaders = Type.Object({
  'upload-offset': Type.Integer({ minimum: 0, description: 'where this piece starts (the offset already received)' }),
});

export const DescriptionItem = Type.Object(
  {
    scanId: Type.Optional(Uuid),
    fonds: Text(300),
    fileCode: Text(100),
    docNumber: Type.String({ maxLength: 30 }),
    docSymbol: Type.String({ maxLength: 60 }),
    docDate: IsoDate('date of the document'),
    issuingBody: Text(300),
    summary: Text(2000),
    pageCount: Type.Integer({ minimum: 1, maximum: 100_000 }),
    retention: StringEnum(RETENTIONS),
    access: StringEnum(ACCESS),
  },
  { additionalProperties: false },
);

export const DescriptionsBody = Type.Object(
  { items: Type.Array(DescriptionItem, { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);

export const DescriptionQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'words of the summary, symbol or body; diacritics optional' }),
  ),
  unit: Type.Optional(UnitCode),
  batch: Type.Optional(Uuid),
  ...Paging,
  lang: Lang,
});

export const BoardQuery = Type.Object({
  year: Type.Optional(Year),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  province: Type.Optional(ProvinceCode),
  lang: Lang,
});

export const HandoverBoardQuery = Type.Object({ lang: Lang });

// ---------- responses ----------

const Option = Type.Object({
  code: Type.String(),
  name: Type.String(),
  relation: Type.String(),
  provinceCode: Type.Optional(Type.String()),
});

export const Handover = Type.Object({
  id: Uuid,
  provinceCode: Type.String(),
  formerLevel: StringEnum(FORMER_LEVELS),
  formerCode: Type.String(),
  formerName: Type.String(),
  formerParentName: OrNull(Type.String()),
  formerProvinceName: Type.String(),
  successorCode: Type.String(),
  successorName: Type.String(),
  successorLevel: StringEnum(['commune', 'province'] as const),
  suggestedCode: Type.String(),
  suggestionBasis: Type.String({ description: 'only | population | name | general | none (to designate)' }),
  designated: Type.Boolean(),
  options: Type.Array(Option),
  state: StringEnum(HANDOVER_STATES),
  extent: OrNull(ExtentBody),
  handedOverOn: OrNull(Type.String()),
  recordNumber: OrNull(Type.String()),
  signatories: Type.Array(SignatoryBody),
  minutes: OrNull(FileInfo),
  receivedOn: OrNull(Type.String()),
  shortfalls: Type.Array(ShortfallBody),
  note: OrNull(Type.String()),
  version: Type.Integer(),
  updatedAt: Type.String(),
  actions: Type.Array(Type.String(), { description: 'what the caller may do now (steps, designate, minutes)' }),
});
export const HandoverPage = Page(Handover);

export const Generated = Type.Object({
  created: Type.Integer(),
  total: Type.Integer(),
  byLevel: Type.Object({ commune: Type.Integer(), district: Type.Integer(), province: Type.Integer() }),
});

const StateCounts = Type.Object({
  not_started: Type.Integer(),
  inventoried: Type.Integer(),
  handed_over: Type.Integer(),
  received_with_shortfalls: Type.Integer(),
  received: Type.Integer(),
});

export const HandoverBoardRow = Type.Object({
  provinceCode: Type.String(),
  provinceName: Type.String(),
  total: Type.Integer(),
  states: StateCounts,
  toDesignate: Type.Integer(),
  shortfallFiles: Type.Integer(),
  /** received (in full or with shortfalls) ÷ total, 0..1 */
  receivedShare: Type.Number(),
});
export const HandoverBoard = Type.Object({
  rows: Type.Array(HandoverBoardRow),
  total: HandoverBoardRow,
});

export const Plan = Type.Object({
  id: Uuid,
  provinceCode: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  fonds: Type.String(),
  retention: StringEnum(RETENTIONS),
  plannedFiles: Type.Integer(),
  plannedPages: Type.Integer(),
  version: Type.Integer(),
  actions: Type.Array(Type.String()),
});
export const PlanPage = Page(Plan);

export const Scan = Type.Object({
  id: Uuid,
  name: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  pageCount: Type.Integer(),
  described: Type.Boolean(),
  createdAt: Type.String(),
});

export const Batch = Type.Object({
  id: Uuid,
  planId: Uuid,
  provinceCode: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  fonds: Type.String(),
  name: Type.String(),
  stage: StringEnum(BATCH_STAGES),
  files: Type.Integer(),
  pages: Type.Integer(),
  scans: Type.Integer(),
  descriptions: Type.Integer(),
  scannedOn: OrNull(Type.String()),
  checkedOn: OrNull(Type.String()),
  describedOn: OrNull(Type.String()),
  publishedOn: OrNull(Type.String()),
  version: Type.Integer(),
  actions: Type.Array(Type.String()),
});
export const BatchPage = Page(Batch);
export const BatchDetail = Type.Object({ ...Batch.properties, scanList: Type.Array(Scan) });

export const Upload = Type.Object({
  id: OrNull(Uuid),
  name: Type.String(),
  sizeBytes: Type.Integer(),
  offset: Type.Integer(),
  complete: Type.Boolean(),
  /** the scan kept once every byte arrived (or the one already kept with the same checksum) */
  scan: OrNull(Scan),
  duplicate: Type.Boolean({ description: 'the same file was already kept in this batch' }),
  maxChunkBytes: Type.Integer(),
});

export const Description = Type.Object({
  ...DescriptionItem.properties,
  scanId: OrNull(Uuid),
  id: Uuid,
  batchId: Uuid,
  provinceCode: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
});
export const DescriptionPage = Type.Object({
  ...Page(Description).properties,
  more: Type.Boolean({ description: 'more matches than `total`: the count stops at 10,000 (the pages go that far)' }),
});
export const DescriptionsAdded = Type.Object({ added: Type.Integer() });
export const ImportBody = Type.Object({ file: Attachment }, { additionalProperties: false });
export const ImportReport = Type.Object({
  added: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'the sheet’s row number' }),
      column: Type.String({ description: 'the column header' }),
      detail: Type.String(),
    }),
  ),
});

const StageFigures = Type.Object({ files: Type.Integer(), pages: Type.Integer() });
export const DigitizationBoardRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  plannedFiles: Type.Integer(),
  plannedPages: Type.Integer(),
  /** cumulative, by stage reached */
  done: Type.Object({ scanned: StageFigures, checked: StageFigures, described: StageFigures, published: StageFigures }),
  /** reached in the month asked */
  thisMonth: Type.Object({
    scanned: StageFigures,
    checked: StageFigures,
    described: StageFigures,
    published: StageFigures,
  }),
  behindPlan: Type.Boolean(),
});
export const DigitizationBoard = Type.Object({
  year: Type.Integer(),
  month: Type.Integer(),
  level: StringEnum(['country', 'province'] as const, {
    description: 'rows are provinces, or the units of a province',
  }),
  rows: Type.Array(DigitizationBoardRow),
  total: DigitizationBoardRow,
});

export type Handover = Static<typeof Handover>;
export type HandoverPage = Static<typeof HandoverPage>;
export type HandoverBoard = Static<typeof HandoverBoard>;
export type HandoverBoardRow = Static<typeof HandoverBoardRow>;
export type Plan = Static<typeof Plan>;
export type Batch = Static<typeof Batch>;
export type BatchDetail = Static<typeof BatchDetail>;
export type Scan = Static<typeof Scan>;
export type Upload = Static<typeof Upload>;
export type Description = Static<typeof Description>;
export type DigitizationBoard = Static<typeof DigitizationBoard>;
export type DigitizationBoardRow = Static<typeof DigitizationBoardRow>;
export type HandoverActBody = Static<typeof HandoverActBody>;
export type PlanBody = Static<typeof PlanBody>;
export type DescriptionItem = Static<typeof DescriptionItem>;
