/**
 * The reports' HTTP contract (issue #20): every route's request and response schemas. The routes import them; the web
 * imports the types.
 */
import { Type, type Static } from 'typebox';
import { ActedBy, ErrorBody, IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { FLOW_STEPS, REPORT_STATUSES } from './domain/lifecycle.js';
import { PROVIDERS } from './domain/outline.js';
import { REPORT_KINDS } from './domain/periods.js';
import { REPORT_ACTIONS } from './policy.js';

export { ErrorBody };

const Kind = StringEnum(REPORT_KINDS);
const Status = StringEnum(REPORT_STATUSES);
const Level = StringEnum(['country', 'province', 'commune'] as const);
const PeriodKey = Type.String({
  maxLength: 10,
  description: 'a half year "2026-H1", a year "2026" or a month "2026-05" (the kind decides which)',
});
const UnitCode = Type.String({
  pattern: '^\\d{2}(\\d{3})?$',
  description: 'a province (2 digits) or a commune (5 digits); default: your own (the Ministry: the country)',
});
const Format = StringEnum(['int', 'percent', 'decimal', 'vnd'] as const);
const Timestamp = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const SectionParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
});
export const KindParams = Type.Object({ kind: Kind });
export const StepParams = Type.Object({ id: Type.String({ format: 'uuid' }), step: StringEnum(FLOW_STEPS) });
export const LangQuery = Type.Object({ lang: Lang });

export const CreateBody = Type.Object(
  { kind: Kind, period: PeriodKey, unit: Type.Optional(UnitCode) },
  { additionalProperties: false },
);
export const SectionBody = Type.Object(
  {
    text: Type.String({ maxLength: 50_000, description: "the author's text; blank lines start new paragraphs" }),
    version: Type.Integer({ minimum: 1, description: 'the version read: a stale one answers 409' }),
  },
  { additionalProperties: false },
);
export const StepBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 5000, description: 'required to return a report' })),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the report version read (checked when given)' })),
  },
  { additionalProperties: false },
);
export const ListQuery = Type.Object({
  kind: Type.Optional(Kind),
  period: Type.Optional(PeriodKey),
  status: Type.Optional(Status),
  unit: Type.Optional(Type.String({ pattern: '^(VN|\\d{2}|\\d{5})$', description: 'VN: the national report' })),
  late: Type.Optional(Type.Boolean({ description: 'only drafts and returned reports past their due day' })),
  ...Paging,
  lang: Lang,
});

const Scope = Type.Object({ kind: Level, provinceCode: OrNull(Type.String()), unitCode: OrNull(Type.String()) });
const Provenance = Type.Object({
  module: Type.String(),
  query: Type.String(),
  period: Type.String(),
  scope: Scope,
  computedAt: Timestamp,
  link: Type.String({ description: 'web path of the page with the rows behind the figure' }),
});
const Figure = Type.Object({
  key: Type.String(),
  value: OrNull(Type.Number()),
  format: Format,
  previous: OrNull(Type.Number({ description: 'the same figure for the previous period' })),
  source: Provenance,
});
const Table = Type.Object({
  key: Type.String(),
  columns: Type.Array(Type.Object({ key: Type.String(), format: Format })),
  rows: Type.Array(Type.Object({ unit: Type.String(), values: Type.Array(OrNull(Type.Number())) })),
  source: Provenance,
});
export const Figures = Type.Object({
  available: Type.Boolean({ description: 'false: the module gives no figures yet, the section says so' }),
  module: Type.String(),
  figures: Type.Array(Figure),
  tables: Type.Array(Table),
});
const FigureChange = Type.Object({
  key: Type.String(),
  before: OrNull(Type.Number()),
  after: OrNull(Type.Number()),
  difference: OrNull(Type.Number()),
});

const Section = Type.Object({
  key: Type.String(),
  position: Type.Integer(),
  title: Type.String(),
  provider: OrNull(StringEnum(PROVIDERS)),
  text: Type.String(),
  version: Type.Integer(),
  figures: OrNull(Figures),
  computedAt: OrNull(Timestamp),
  pendingChanges: OrNull(Type.Array(FigureChange, { description: 'recomputed figures awaiting acceptance' })),
  updatedBy: Type.String(),
  updatedAt: Timestamp,
});

const summaryProperties = {
  id: Type.String({ format: 'uuid' }),
  provinceCode: Type.String({ description: "'' for the national report" }),
  unitCode: Type.String({ description: "'' for the national report" }),
  unitName: Type.String(),
  level: Level,
  kind: Kind,
  period: Type.String(),
  title: Type.String(),
  status: Status,
  number: OrNull(Type.Integer({ description: 'the document number, given at the first submission' })),
  dueDate: IsoDate('due'),
  late: Type.Boolean({ description: 'not handed up after its due day' }),
  version: Type.Integer(),
  createdBy: Type.String(),
  updatedBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedAt: OrNull(Timestamp),
  actions: Type.Array(StringEnum(REPORT_ACTIONS), { description: 'what the caller may do with it' }),
};
export const ReportSummary = Type.Object(summaryProperties);
export const ReportPage = Page(ReportSummary);
export const Report = Type.Object({
  ...summaryProperties,
  sections: Type.Array(Section),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      fromStatus: OrNull(Type.String()),
      toStatus: Type.String(),
      comment: OrNull(Type.String()),
      by: Type.String(),
      actor: ActedBy,
      at: Timestamp,
    }),
  ),
});
export type Report = Static<typeof Report>;

export const Recomputed = Type.Object({
  sections: Type.Array(Type.Object({ key: Type.String(), changes: Type.Array(FigureChange) })),
});

export const Children = Type.Object({
  level: OrNull(StringEnum(['province', 'commune'] as const)),
  dueDate: OrNull(Type.String({ description: "the lower level's due day" })),
  counts: Type.Object({ submitted: Type.Integer(), late: Type.Integer(), missing: Type.Integer() }),
  items: Type.Array(
    Type.Object({
      unitCode: Type.String(),
      unitName: Type.String(),
      reportId: OrNull(Type.String()),
      status: OrNull(Status),
      state: StringEnum(['submitted', 'late', 'missing'] as const),
      submittedAt: OrNull(Timestamp),
    }),
  ),
  check: Type.Array(
    Type.Object({
      section: Type.String(),
      key: Type.String(),
      value: OrNull(Type.Number()),
      sumBelow: OrNull(Type.Number({ description: "the sum of the lower level's reports" })),
      reportsBelow: Type.Integer(),
      difference: OrNull(Type.Number()),
    }),
  ),
});

const OutlineSection = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    provider: OrNull(StringEnum(PROVIDERS)),
  },
  { additionalProperties: false },
);
const DueDays = Type.Object(
  {
    commune: Type.Integer({ minimum: 0, maximum: 90 }),
    province: Type.Integer({ minimum: 0, maximum: 90 }),
    country: Type.Integer({ minimum: 0, maximum: 90 }),
  },
  { additionalProperties: false },
);
export const OutlineBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    dueDays: DueDays,
    sections: Type.Array(OutlineSection, { minItems: 1, maxItems: 30 }),
    version: Type.Integer({ minimum: 0, description: 'the version read (0: the default)' }),
  },
  { additionalProperties: false },
);
export const Outline = Type.Object({
  kind: Kind,
  title: Type.String(),
  dueDays: DueDays,
  sections: Type.Array(OutlineSection),
  version: Type.Integer({ description: '0 while the default in code applies' }),
});
