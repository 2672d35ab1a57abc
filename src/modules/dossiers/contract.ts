/**
 * The dossiers module's HTTP contract: every route's params, query, body and response schemas (TypeBox). The routes
 * validate and serialize with them, the OpenAPI document is built from them, and the web takes its types from here
 * (`import type`: erased from the bundle).
 *
 * Responses are serialized from these schemas: a property missing here is dropped from the answer.
 */
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { ACTIONS, CHANNELS, RATINGS, STATUSES } from './domain/lifecycle.js';
import { FORMS } from './domain/forms.js';
import { DOSSIER_ACTIONS } from './policy.js';
import { STEPS, STEP_ROLES } from './domain/internal-process.js';
import { STEP_ACTIONS } from './domain/steps.js';
import { DOSSIER_FIGURES } from './domain/figures.js';
import { Attachment } from '../../core/attachments.js';

const Day = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const UnitCode = (description?: string) =>
  Type.String({ pattern: '^\\d{2}$|^\\d{5}$', ...(description ? { description } : {}) });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });

/** The largest scan or electronic result a dossier takes, in bytes (the body limit follows from it). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

// ---------- params and query strings ----------

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ReceiptCodeParams = Type.Object({
  receiptCode: Type.String({ minLength: 10, maxLength: 40, pattern: '^[A-Za-z0-9.-]+$' }),
});
export const FormParams = Type.Object({ id: Type.String({ format: 'uuid' }), form: StringEnum(FORMS) });
export const LangQuery = Type.Object({ lang: Lang });

// ---------- procedures ----------

export const ProceduresQuery = Type.Object({
  province: Type.Optional(ProvinceCode),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'words of the name or the code, without regard to case or diacritics ("khai sinh" finds "Khai sinh")',
    }),
  ),
  at: Type.Optional(IsoDate('as of this date')),
  lang: Lang,
});

export const ProvinceQuery = Type.Object({ province: Type.Optional(ProvinceCode), lang: Lang });

export const ProcedureInput = Type.Object(
  {
    code: Text(20),
    validFrom: IsoDate('effective from'),
    name: Text(300),
    field: Text(40),
    decisionLevel: StringEnum(['commune', 'province'] as const),
    workingDays: Type.Integer({
      minimum: 0,
      maximum: 365,
      description: 'time limit in working days; 0 = same day (the next working day when received after 15:00)',
    }),
    feeVnd: Type.Integer({ minimum: 0 }),
    online: Type.Boolean(),
    boundaryFree: Type.Boolean(),
    documents: Type.Array(Text(300), { maxItems: 50 }),
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
    publishedOn: Type.Optional(
      IsoDate('the day the procedure (this version) was published: the publication decision (766 transparency)'),
    ),
    effectiveOn: Type.Optional(IsoDate('the day the legal text that sets or changes it takes effect')),
  },
  { additionalProperties: false },
);
export type ProcedureInput = Static<typeof ProcedureInput>;

/** A procedure as catalogued: national (provinceCode '') or a province's own version, from validFrom to validTo. */
export const Procedure = Type.Object({
  code: Type.String(),
  provinceCode: Type.String({ description: "'' for the national catalogue" }),
  validFrom: Day,
  validTo: OrNull(Day),
  name: Type.String(),
  field: Type.String(),
  decisionLevel: StringEnum(['commune', 'province'] as const),
  workingDays: Type.Integer(),
  feeVnd: Type.Integer(),
  online: Type.Boolean(),
  boundaryFree: Type.Boolean(),
  documents: Type.Array(Type.String()),
  legalBasis: OrNull(Type.String()),
  publishedOn: OrNull(Day),
  effectiveOn: OrNull(Day),
});
export type Procedure = Static<typeof Procedure>;

export const ProcedureList = Type.Object({ items: Type.Array(Procedure) });

export const ProcedureImportQuery = Type.Object({
  province: Type.Optional(ProvinceCode),
  validFrom: Type.Optional(IsoDate("the versions' effective date (default: today)")),
  lang: Lang,
});

export const ProcedureImportReport = Type.Object({
  message: Type.String(),
  sheet: Type.String(),
  headerRow: Type.Integer(),
  validFrom: Day,
  rows: Type.Integer({ description: 'data rows read (blank rows skipped)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  refused: Type.Integer({ description: 'rows not imported' }),
  refusals: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'the row number as Excel shows it' }),
      column: Type.String({ description: 'the header of the column, as in the file' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
  ignoredColumns: Type.Array(Type.String()),
});

// ---------- dossiers ----------

export const IntakeInput = Type.Object(
  {
    procedureCode: Text(20),
    channel: StringEnum(CHANNELS),
    receivingUnitCode: Type.Optional(UnitCode()),
    handlingUnitCode: Type.Optional(UnitCode()),
    applicantName: Text(120),
    applicantIdNumber: Type.Optional(Type.String({ pattern: '^\\d{12}$', description: 'citizen ID (12 digits)' })),
    applicantPhone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
    applicantAddress: Type.Optional(Type.String({ maxLength: 300 })),
    complete: Type.Optional(Type.Boolean()),
    papers: Type.Optional(
      Type.Array(Type.String({ maxLength: 500 }), {
        maxItems: 100,
        description: "the procedure's required papers brought (as the procedure names them); the others are missing",
      }),
    ),
    waitMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  },
  { additionalProperties: false },
);

const DossierFilterProps = {
  status: Type.Optional(StringEnum(STATUSES)),
  province: Type.Optional(ProvinceCode),
  unit: Type.Optional(UnitCode()),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  overdue: Type.Optional(Type.Boolean()),
  dueToday: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'receipt code or applicant name' })),
  from: Type.Optional(IsoDate('received on or after (with `figure`: the day the figure counts the dossier)')),
  to: Type.Optional(IsoDate('received on or before (with `figure`: the day the figure counts the dossier)')),
  figure: Type.Optional(
    StringEnum(DOSSIER_FIGURES, {
      description:
        'the dossiers behind a figure of the board (GET /api/dashboards/dossiers) for `unit` (or `province`) and ' +
        "`from`–`to`, with the figure's own unit and day: by receipt (receiving unit, day received) for received, " +
        'not_digitized, offered_online, online, offered_online_not_online; by end (handling unit, day finished) for ' +
        "finished, no_e_result; the period's dossiers (handling unit, finished in the period, plus those open now " +
        'when `to` is today or later) for of_period, not_on_time; complained_or_dissatisfied on the day the board ' +
        'counts it (docs/dossier-figures.md)',
    }),
  ),
};
export const DossierListQuery = Type.Object({ ...DossierFilterProps, ...Paging, lang: Lang });
export const DossierExportQuery = Type.Object({ ...DossierFilterProps, lang: Lang });

const listItemProperties = {
  id: Type.String({ format: 'uuid' }),
  receiptCode: Type.String(),
  provinceCode: Type.String(),
  procedureCode: Type.String(),
  procedureField: Type.String(),
  receivingUnitCode: Type.String(),
  handlingUnitCode: Type.String(),
  channel: StringEnum(CHANNELS),
  status: StringEnum(STATUSES),
  statusCode: Type.Integer({ description: 'status code of the national dossier data standard' }),
  applicantName: Type.String(),
  receivedAt: Instant,
  dueDate: OrNull(Day),
  originalDueDate: OrNull(Day),
  finishedAt: OrNull(Instant),
  overdue: Type.Boolean(),
  hasInputScan: Type.Boolean(),
  hasEResult: Type.Boolean(),
  rating: OrNull(StringEnum(RATINGS)),
  version: Type.Integer(),
};

/** A line of the dossier list (the dossier's page has the rest). */
export const DossierListItem = Type.Object({
  ...listItemProperties,
  handlingUnitName: Type.Optional(OrNull(Type.String({ description: "the handling unit's official name" }))),
});
export type DossierListItem = Static<typeof DossierListItem>;

export const DossierPage = Type.Object({
  ...Page(DossierListItem).properties,
  totalCapped: Type.Boolean({
    description:
      'true when more than `total` dossiers match: the count stops at LIST_COUNT_CAP (default 10,000) or past the page asked for',
  }),
});

const dossierProperties = {
  ...listItemProperties,
  allowedActions: Type.Array(StringEnum(ACTIONS), { description: 'the steps the law allows from this status' }),
  actions: Type.Array(StringEnum(DOSSIER_ACTIONS), {
    description: 'what the caller may do to this dossier (src/modules/dossiers/policy.ts)',
  }),
  applicantIdNumber: OrNull(Type.String()),
  applicantPhone: OrNull(Type.String()),
  applicantAddress: OrNull(Type.String()),
  ratingToken: OrNull(
    Type.String({
      description: 'the rating code printed on the receipt (Form 01); shown only to the offices that hand it over',
    }),
  ),
  workingDays: Type.Integer(),
  clockStartOn: OrNull(Day),
  apologyIssuedAt: OrNull(Instant),
  apologyReason: OrNull(Type.String()),
  supplementCount: Type.Integer({
    description: 'supplement rounds after receipt (guidance at the counter before receipt is not one)',
  }),
  supplementDueDate: OrNull(Day),
  lateSupplementCount: Type.Integer({
    description: 'supplement requests made after the 3 working days from receipt (counted against the agency)',
  }),
  returnedAt: OrNull(Instant),
  step: OrNull(
    StringEnum(STEPS, { description: 'the step of the internal process (null: not worked in steps, or over)' }),
  ),
  stepActions: Type.Array(StringEnum(STEP_ACTIONS), { description: 'the steps the caller may take now' }),
  missingPapers: Type.Array(Type.String(), { description: 'papers missing at intake (Form 02)' }),
  resultNumber: OrNull(Type.String()),
  resultDate: OrNull(Day),
  resultSigner: OrNull(Type.String()),
};

/** A dossier as its own page shows it, and as every change returns it. */
export const Dossier = Type.Object(dossierProperties);
export type Dossier = Static<typeof Dossier>;

export const DossierEvent = Type.Object({
  at: Instant,
  actorUsername: Type.String({ description: "the login name ('citizen' for a rating); pages show `actor`" }),
  actor: OrNull(
    Type.Object(
      { name: Type.String(), post: OrNull(Type.String()) },
      { description: 'who acted, by name and post; null for the citizen' },
    ),
  ),
  action: Type.String({ description: "a lifecycle action, or 'receive', 'apology', 'rate'" }),
  fromStatus: OrNull(Type.String({ description: 'a status (null on receipt)' })),
  toStatus: Type.String({ description: 'a status' }),
  unitCode: Type.String(),
  toUnitCode: OrNull(Type.String()),
  note: OrNull(Type.String()),
  minutesUntilNext: Type.Integer({ description: "the time slice of this step's holder" }),
});
export type DossierEvent = Static<typeof DossierEvent>;

export const DossierDocument = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: StringEnum(['input', 'result'] as const),
  name: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Instant,
});
export type DossierDocument = Static<typeof DossierDocument>;

const PersonName = Type.Object({ name: Type.String(), post: OrNull(Type.String()) });

/** A step of the dossier's internal process as its timeline shows it. */
export const DossierStep = Type.Object({
  step: StringEnum(STEPS),
  unitCode: Type.String(),
  assignee: OrNull(PersonName),
  startedAt: Instant,
  dueAt: OrNull(Instant),
  endedAt: OrNull(Instant),
  by: OrNull(PersonName),
  outcome: OrNull(Type.String({ description: 'the action that ended the step' })),
  note: OrNull(Type.String()),
  late: Type.Boolean(),
});
export type DossierStep = Static<typeof DossierStep>;

export const Assignable = Type.Object({
  username: Type.String({ description: 'to send as `assignee`; pages show the name' }),
  name: Type.String(),
  post: OrNull(Type.String()),
});

export const DossierDetail = Type.Object({
  ...dossierProperties,
  events: Type.Array(DossierEvent),
  documents: Type.Array(DossierDocument),
  steps: Type.Array(DossierStep),
  assignee: OrNull(PersonName),
  stepDueAt: OrNull(Instant),
  stepLate: Type.Boolean(),
  assignable: Type.Array(Assignable, { description: 'the specialists the caller may assign it to' }),
});
export type DossierDetail = Static<typeof DossierDetail>;

export const ApologyWarning = Type.Object({
  ...dossierProperties,
  latestApologyDay: Day,
});
export type ApologyWarning = Static<typeof ApologyWarning>;
export const ApologyWarnings = Type.Object({ items: Type.Array(ApologyWarning) });
export type ApologyWarnings = Static<typeof ApologyWarnings>;

export const TransitionInput = Type.Object(
  {
    action: StringEnum(ACTIONS),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    toUnitCode: Type.Optional(UnitCode()),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const StepInput = Type.Object(
  {
    action: StringEnum(STEP_ACTIONS),
    assignee: Type.Optional(Type.String({ maxLength: 100, description: "assign: the specialist's login name" })),
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'send_back: the reason (required)' })),
    result: Type.Optional(
      Type.Object(
        {
          number: Type.String({ maxLength: 60 }),
          date: IsoDate('the date of the result'),
          signer: Type.String({ maxLength: 120 }),
          file: Type.Optional(Attachment),
        },
        { additionalProperties: false },
      ),
    ),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const QueueItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  receiptCode: Type.String(),
  procedureCode: Type.String(),
  procedureField: Type.String(),
  applicantName: Type.String(),
  status: StringEnum(STATUSES),
  step: StringEnum(STEPS),
  handlingUnitCode: Type.String(),
  assignee: OrNull(PersonName),
  dueDate: OrNull(Day),
  stepDueAt: OrNull(Instant),
  urgency: StringEnum(['late', 'today', 'soon', 'later'] as const),
});
export type QueueItem = Static<typeof QueueItem>;

export const Queue = Type.Object({
  mine: Type.Array(QueueItem, {
    description: 'steps the caller takes: assigned to them, or of their role in the unit',
  }),
  approvals: Type.Array(QueueItem, { description: "a leader's dossiers to verify or approve" }),
  unassigned: Type.Array(QueueItem, { description: "the unit's queue: dossiers waiting for a specialist" }),
  toReturn: Type.Array(QueueItem, { description: 'results to hand back at the counter' }),
  waiting: Type.Array(QueueItem, { description: 'dossiers the caller worked on, now with others' }),
  counts: Type.Object({ late: Type.Integer(), today: Type.Integer(), soon: Type.Integer(), later: Type.Integer() }),
});
export type Queue = Static<typeof Queue>;

const ProcessStepSchema = Type.Object(
  {
    step: StringEnum(STEPS),
    roles: Type.Array(StringEnum(STEP_ROLES), { minItems: 1, maxItems: 3 }),
    sharePercent: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export const ProcedureProcess = Type.Object({
  procedureCode: Type.String(),
  provinceCode: Type.String(),
  kind: StringEnum(['same_day', 'short', 'standard'] as const),
  source: StringEnum(['national', 'province'] as const),
  version: Type.Integer({ description: "0: the national default; the province's versions count from 1" }),
  steps: Type.Array(ProcessStepSchema),
  changedAt: OrNull(Instant),
  changedBy: OrNull(Type.String()),
});
export type ProcedureProcess = Static<typeof ProcedureProcess>;
export const ProcedureProcessInput = Type.Object(
  { steps: Type.Array(ProcessStepSchema, { minItems: 1, maxItems: 6 }), version: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export const ProcedureParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

export const ApologyInput = Type.Object(
  { newDueDate: IsoDate('the new due date'), reason: Text(1000) },
  { additionalProperties: false },
);

export const DocumentInput = Type.Object(
  {
    kind: StringEnum(['input', 'result'] as const),
    name: Text(200),
    contentType: Type.String({ pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
    contentBase64: Type.String({ minLength: 1, format: 'base64' }),
  },
  { additionalProperties: false },
);

export const DocumentAdded = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  duplicate: Type.Boolean({ description: 'the same file was attached before: nothing new was stored' }),
});
export type DocumentAdded = Static<typeof DocumentAdded>;

/** A printable form as PDF: documented, not serialized (a Buffer is sent as it is). */
export const FormPdf = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'the form as PDF (application/pdf)',
});

// ---------- citizens ----------

/** What the public may know from a receipt code: no name, no ID, no address. */
export const PublicDossier = Type.Object({
  receiptCode: Type.String(),
  handlingUnitName: OrNull(Type.String()),
  collect: OrNull(
    Type.Object(
      {
        place: OrNull(Type.String({ description: 'where to collect the result: the receiving center' })),
        address: OrNull(Type.String()),
        phone: OrNull(Type.String()),
        email: OrNull(Type.String()),
        hours: Type.Object(
          {
            days: Type.Array(Type.Integer(), { description: 'ISO weekdays: 1 Monday … 7 Sunday' }),
            periods: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
            source: StringEnum(['unit', 'default'] as const, {
              description: "the unit's own setting, or the default (Decision 188/1999/QĐ-TTg; docs/one-stop.md)",
            }),
          },
          { description: 'when the receiving unit is open' },
        ),
      },
      { description: 'where and how to collect the result, and whom to contact' },
    ),
  ),
  steps: Type.Array(
    Type.Object({
      step: StringEnum(STEPS),
      startedAt: Instant,
      endedAt: OrNull(Instant),
      late: Type.Boolean(),
    }),
    { description: "the timeline of steps, without the officers' names" },
  ),
  supplements: Type.Array(
    Type.Object({ action: StringEnum(['request_supplement', 'supplement_received'] as const), at: Instant }),
    { description: 'when missing papers were asked for and when the applicant brought them (the timeline)' },
  ),
  procedureName: Type.String(),
  status: StringEnum(STATUSES),
  statusCode: Type.Integer(),
  receivedOn: Day,
  dueDate: OrNull(Day),
  rescheduled: Type.Boolean({ description: 'an apology with a new date was issued' }),
  finishedOn: OrNull(Day),
  overdue: Type.Boolean(),
  canRate: Type.Boolean(),
  rating: OrNull(StringEnum(RATINGS)),
});
export type PublicDossier = Static<typeof PublicDossier>;

export const RatingInput = Type.Object(
  {
    rating: StringEnum(RATINGS),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
    token: Type.Optional(
      Type.String({ maxLength: 40, description: 'the rating code printed on the receipt (spaces and case ignored)' }),
    ),
    idDigits: Type.Optional(
      Type.String({ pattern: '^\\d{4}$', description: "the last 4 digits of the applicant's ID number (fallback)" }),
    ),
  },
  { additionalProperties: false },
);
export const RatingDone = Type.Object({ ok: Type.Boolean() });

/** The citizen's complaint about a dossier, with the receipt's proof (as for the rating). */
export const CitizenComplaintInput = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 2000, description: 'what the complaint is about' }),
    token: Type.Optional(
      Type.String({ maxLength: 40, description: 'the rating code printed on the receipt (spaces and case ignored)' }),
    ),
    idDigits: Type.Optional(
      Type.String({ pattern: '^\\d{4}$', description: "the last 4 digits of the applicant's ID number (fallback)" }),
    ),
  },
  { additionalProperties: false },
);
/** A complaint recorded by the staff (brought to the counter, by phone or in writing). */
export const StaffComplaintInput = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const Complaint = Type.Object({
  id: Type.Integer(),
  at: Instant,
  source: StringEnum(['citizen', 'staff'] as const, { description: 'recorded by the citizen or by the staff' }),
  text: Type.String(),
});
export const ComplaintList = Type.Object({ items: Type.Array(Complaint) });

// ---------- boards ----------

export const BoardQuery = Type.Object({
  unit: Type.Optional(UnitCode('province or commune; default your scope')),
  from: Type.Optional(IsoDate('period start; default 30 days ago')),
  to: Type.Optional(IsoDate('period end; default today')),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Lang,
});

const Rate = (description: string) => OrNull(Type.Number({ description: `${description}, percent` }));

/** Period figures (sums) and their rates (index 766; null when there is nothing to rate). */
const figureProperties = {
  received: Type.Integer(),
  receivedOnline: Type.Integer(),
  receivedOfferedOnline: Type.Integer({ description: 'received for procedures offered online' }),
  receivedDigitized: Type.Integer(),
  finished: Type.Integer(),
  finishedOnTime: Type.Integer(),
  finishedWithEResult: Type.Integer(),
  ratings: Type.Integer(),
  ratingsSatisfied: Type.Integer(),
  complainedOrDissatisfied: Type.Integer({
    description: 'dossiers with a complaint or a dissatisfied rating, each counted once (766 satisfaction)',
  }),
  waitMinutesTotal: Type.Integer(),
  onTimeRate: Rate(
    "on time ÷ the period's dossiers (766): finished on time, plus those still open within their time when the period runs to today",
  ),
  onTimeIncludesOpen: Type.Boolean({ description: 'whether the on-time rate counts the dossiers still open' }),
  onlineRate: Rate('766: received online ÷ received for procedures offered online'),
  digitizationRate: Rate('766 digitization, input and result: (inputs digitized + e-results) ÷ (received + finished)'),
  inputDigitizationRate: Rate('received with the inputs digitized (scanned, or submitted online) ÷ received'),
  eResultRate: Rate('finished with an electronic result ÷ finished'),
  satisfactionRate: Rate('share of satisfied ratings: satisfied ratings ÷ ratings'),
  handlingSatisfactionRate: Rate(
    '766 satisfaction in handling procedures: 100 − (overdue rate + rate of dossiers with a complaint or a dissatisfied rating, each once)',
  ),
  avgWaitMinutes: OrNull(Type.Number({ description: 'average queue wait of in-person and postal intakes' })),
};
/** The live backlog now (not the period's). */
const backlogProperties = {
  inProgress: Type.Integer(),
  overdue: Type.Integer(),
  dueToday: Type.Integer(),
  queue: Type.Integer(),
};

export const Figures = Type.Object(figureProperties);
export type Figures = Static<typeof Figures>;

export const BoardScope = Type.Object({
  kind: StringEnum(['country', 'province', 'commune'] as const),
  provinceCode: Type.Optional(Type.String()),
  communeCode: Type.Optional(Type.String()),
});

const GroupPoints = OrNull(Type.Number());
export const Index766 = Type.Object(
  {
    groups: Type.Object({
      transparency: GroupPoints,
      progress: GroupPoints,
      digitization: GroupPoints,
      online: GroupPoints,
      satisfaction: GroupPoints,
    }),
    total: OrNull(Type.Number({ description: 'points of the groups measured' })),
    outOf: Type.Number({ description: 'the points of the groups measured (100 when all five are)' }),
    percent: OrNull(Type.Number({ description: 'total ÷ outOf, percent: what the band reads' })),
    band: OrNull(StringEnum(['excellent', 'good', 'fair', 'average', 'weak'] as const)),
    notMeasured: Type.Array(
      StringEnum(['transparency', 'progress', 'digitization', 'online', 'satisfaction'] as const),
      {
        description:
          'groups left out of the total: no data held for them ' +
          '(transparency: no procedure of the period with its publication and effective dates recorded)',
      },
    ),
    caveats: Type.Array(StringEnum(['satisfaction_handling_only', 'transparency_publication_only'] as const), {
      description:
        'what a measured group leaves out for want of data: satisfaction is scored from satisfaction in handling ' +
        'alone (feedback handling not held); transparency from on-time publication alone',
    }),
    publication: OrNull(
      Type.Object(
        {
          dated: Type.Integer({
            description: 'procedure versions taking effect in the period with both dates recorded',
          }),
          onTime: Type.Integer({ description: 'of which published on time (≥ 5 working days before; ministry ≥ 20)' }),
        },
        { description: 'what the transparency group is measured from' },
      ),
    ),
  },
  { description: 'Decision 766/QĐ-TTg index of the place and period (docs/dossier-figures.md)' },
);

export const Board = Type.Object({
  scope: BoardScope,
  period: Type.Object({ from: Day, to: Day }),
  today: Day,
  totals: Type.Object({ ...figureProperties, ...backlogProperties, index766: Index766 }),
  byField: Type.Array(Type.Object({ field: Type.String(), ...figureProperties })),
  byUnit: Type.Array(
    Type.Object(
      { unitCode: Type.String(), ...figureProperties, ...backlogProperties, index766: Index766 },
      { description: 'per unit (per province for the country), with its live backlog' },
    ),
  ),
});
export type Board = Static<typeof Board>;

export const BoardTrendQuery = Type.Object({
  unit: Type.Optional(UnitCode('province or commune; default your scope')),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Lang,
});
export const BoardTrend = Type.Object({
  scope: BoardScope,
  months: Type.Array(
    Type.Object(
      { month: Type.String({ description: 'YYYY-MM' }), ...figureProperties },
      { description: 'one calendar month, the oldest first; the current month up to today' },
    ),
  ),
});
export type BoardTrend = Static<typeof BoardTrend>;

export const BoardExportQuery = Type.Object({
  unit: Type.Optional(UnitCode('province or commune; default your scope')),
  from: Type.Optional(IsoDate('period start; default 30 days ago')),
  to: Type.Optional(IsoDate('period end; default today')),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Lang,
});

export const CongestionQuery = ProvinceQuery;

const unitLoadProperties = {
  unitCode: Type.String(),
  open: Type.Integer(),
  overdueOpen: Type.Integer(),
  receivedLast7: Type.Integer(),
  finishedLast7: Type.Integer(),
  growth: Type.Integer({ description: 'received − finished over the last 7 days' }),
  overdueShare: Type.Number({ description: 'share of the open dossiers already overdue, percent' }),
  congested: Type.Boolean(),
};
export const UnitLoad = Type.Object(unitLoadProperties);
export type UnitLoad = Static<typeof UnitLoad>;

export const Congestion = Type.Object({
  provinceCode: Type.String(),
  today: Day,
  congested: Type.Array(
    Type.Object({
      ...unitLoadProperties,
      receiveInstead: Type.Array(Type.String(), { description: 'where to receive instead (boundary-free intake)' }),
    }),
  ),
  units: Type.Array(UnitLoad),
});
export type Congestion = Static<typeof Congestion>;
