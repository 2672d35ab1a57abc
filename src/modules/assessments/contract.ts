/**
 * The assessments API contract: every route's request and response schemas (routes.ts imports them; the web imports
 * the types with `import type`). A property missing from a response schema is dropped by the serializer, so each
 * response schema follows what the service returns.
 */
import { Type, type Static } from 'typebox';
import { ActedBy, IsoDate, Lang, OrNull, Paging, StringEnum } from '../../core/schemas.js';
import { BANDS, CRITERIA } from './domain/settings.js';
import { ASSESSMENT_ACTIONS } from './policy.js';

// ---------- building blocks ----------

/** A response as the web receives it: the service's Date objects arrive as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export const Id = Type.String({ format: 'uuid' });
const Code = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
/**
 * Years assessed here: from 2026, when Law 80/2025's assessment section (Art. 44) and Decree 335/2025 apply. Earlier
 * years were rated under Decree 90/2020 and are refused (400 naming the year): docs/assessments.md.
 */
const Year = Type.Integer({
  minimum: 2026,
  maximum: 2100,
  description: 'from 2026 (Decree 335/2025); earlier years were rated under Decree 90/2020, outside the platform',
});
const Day = Type.String({ description: 'YYYY-MM-DD' });
/** A moment: the service returns a Date, the wire carries its ISO string (see `Wire`). */
const Timestamp = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
const Text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const Score = (max: number) => Type.Number({ minimum: 0, maximum: max });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Points = Type.Number({ minimum: 0, maximum: 100 });
const CriterionCode = StringEnum(CRITERIA);
const BandSchema = StringEnum(BANDS);

/** The actions the caller may take on the record (policy.ts), for the web to show. */
const Actions = Type.Array(StringEnum(ASSESSMENT_ACTIONS), { description: 'what the caller may do with this record' });

export const IdParams = Type.Object({ id: Id });
export const ReviewParams = Type.Object({ id: Id, personId: Id });
export const UnitYearParams = Type.Object({ code: Code, year: Year });
export const LangQuery = Type.Object({ lang: Lang });

// ---------- settings ----------

const GeneralBody = Type.Object(
  { qualities: Score(100), competence: Score(100), innovation: Score(100) },
  {
    additionalProperties: false,
    description: 'general criteria, each up to its maximum in the settings (10 by default)',
  },
);

/** All the settings (see domain/settings.ts for what each means and its documented default). */
const SettingsFields = Type.Object({
  generalMax: Points,
  taskMax: Points,
  generalCriteria: Type.Array(Type.Object({ code: CriterionCode, max: Points }, { additionalProperties: false }), {
    minItems: 3,
    maxItems: 3,
  }),
  errorPenalty: Share,
  delayPenalty: Share,
  measureWeights: Type.Object(
    {
      quantity: Type.Number({ minimum: 0, maximum: 10 }),
      quality: Type.Number({ minimum: 0, maximum: 10 }),
      timeliness: Type.Number({ minimum: 0, maximum: 10 }),
    },
    { additionalProperties: false },
  ),
  leaderShares: Type.Object({ own: Share, unit: Share, organisation: Share }, { additionalProperties: false }),
  unitResultWhenAnyFails: Share,
  bandFloors: Type.Object({ excellent: Points, good: Points, completed: Points }, { additionalProperties: false }),
  minMonthsWorked: Type.Number({ minimum: 0, maximum: 12 }),
  absenceCapMonths: Type.Number({ minimum: 0, maximum: 12 }),
  absenceCap: BandSchema,
  sanctionCap: BandSchema,
  maternityLeave: StringEnum(['time_worked', 'absence'] as const, {
    description:
      'maternity leave in the annual rating: rated on the time actually worked (default), or counted as absence',
  }),
  excellentQuotaShare: Share,
  excellentQuotaShareOutstanding: Share,
  annualDue: Type.Object(
    { month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 31 }) },
    { additionalProperties: false },
  ),
  periodKind: StringEnum(['month', 'quarter'] as const),
  productKinds: Type.Array(
    Type.Object(
      {
        code: Type.String({ pattern: '^[a-z][a-z_]{1,39}$' }),
        // Greater than 0: OpenAPI 3.0.3 wants exclusiveMinimum as a boolean, so the zero is refused by `not`.
        weight: Type.Number({ minimum: 0, maximum: 100, not: { enum: [0] }, description: 'greater than 0' }),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 100 },
  ),
});
export type Settings = Wire<Static<typeof SettingsFields>>;

export const SettingsQuery = Type.Object({ province: Type.Optional(ProvinceCode), lang: Lang });
/** Overrides of the settings. */
export const SettingsBody = Type.Partial(SettingsFields, { additionalProperties: false });

export const SettingsView = Type.Object({
  provinceCode: OrNull(Type.String()),
  settings: SettingsFields,
  defaults: SettingsFields,
  overrides: Type.Record(Type.String(), Type.Unknown(), { description: 'the overrides stored for the province' }),
});
export type SettingsView = Wire<Static<typeof SettingsView>>;
export const SettingsSaved = Type.Object({ provinceCode: OrNull(Type.String()), settings: SettingsFields });

// ---------- periods ----------

/** A period's score as kept once it closes (domain/period.ts FrozenScore). */
export const ScoreSchema = Type.Object(
  {
    general: Type.Number(),
    taskPercent: OrNull(Type.Number()),
    taskPoints: OrNull(Type.Number()),
    quantity: OrNull(Type.Number()),
    quality: OrNull(Type.Number()),
    timeliness: OrNull(Type.Number()),
    total: OrNull(Type.Number()),
    band: OrNull(BandSchema),
    leader: Type.Boolean(),
  },
  { additionalProperties: true },
);
export type Score = Wire<Static<typeof ScoreSchema>>;

export const PeriodSchema = Type.Object({
  id: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  year: Type.Integer(),
  kind: StringEnum(['month', 'quarter'] as const),
  seq: Type.Integer(),
  startDate: Day,
  endDate: Day,
  status: StringEnum(['open', 'closed'] as const),
  closedAt: OrNull(Timestamp),
  closedBy: OrNull(Type.String()),
  label: Type.String(),
});
export type Period = Wire<Static<typeof PeriodSchema>>;

export const PeriodsQuery = Type.Object({
  unit: Type.Optional(Code),
  year: Type.Optional(Year),
  status: Type.Optional(StringEnum(['open', 'closed'] as const)),
  lang: Lang,
});
export const PeriodList = Type.Object({ items: Type.Array(PeriodSchema) });

export const PeriodPersonSchema = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  reviewId: OrNull(Type.String()),
  tasks: Type.Integer(),
  tasksReviewed: Type.Integer(),
  selfAssessed: Type.Boolean(),
  headAssessed: Type.Boolean(),
  provisional: Type.Boolean(),
  score: OrNull(ScoreSchema),
});
export type PeriodPerson = Wire<Static<typeof PeriodPersonSchema>>;
export const PeriodView = Type.Object({
  period: PeriodSchema,
  /** who closed the period, by name and post (the page never shows `period.closedBy`, a login name) */
  closedByName: ActedBy,
  items: Type.Array(PeriodPersonSchema),
  actions: Actions,
});
export type PeriodView = Wire<Static<typeof PeriodView>>;
export const PeriodClosed = Type.Object({ period: PeriodSchema, people: Type.Integer(), scored: Type.Integer() });
export type PeriodClosed = Wire<Static<typeof PeriodClosed>>;

// ---------- tasks and deliveries ----------

const TaskStatusSchema = StringEnum(['assigned', 'delivered', 'reviewed'] as const);
const ExemptionSchema = StringEnum(['none', 'task', 'timeliness'] as const);

const taskColumns = {
  id: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  periodId: Type.String(),
  personId: Type.String(),
  title: Type.String(),
  productKind: Type.String(),
  quantity: Type.Integer(),
  weight: Type.Number(),
  dueDate: Day,
  assignedBy: Type.String(),
  assignedAt: Timestamp,
  status: TaskStatusSchema,
  deliveredQuantity: OrNull(Type.Integer()),
  deliveredOn: OrNull(Day),
  evidence: OrNull(Type.String()),
  acceptedQuantity: OrNull(Type.Integer()),
  majorErrors: Type.Integer(),
  delays: Type.Integer(),
  exemption: ExemptionSchema,
  exemptionReason: OrNull(Type.String()),
  reviewNote: OrNull(Type.String()),
  reviewedBy: OrNull(Type.String()),
  reviewedAt: OrNull(Timestamp),
  clientRef: OrNull(Type.String()),
  version: Type.Integer(),
};
export const TaskSchema = Type.Object(taskColumns);
export type Task = Wire<Static<typeof TaskSchema>>;
export type TaskStatus = Wire<Static<typeof TaskStatusSchema>>;
export type Exemption = Wire<Static<typeof ExemptionSchema>>;
export const TaskListItem = Type.Object({ ...taskColumns, fullName: OrNull(Type.String()) });
export type TaskListItem = Wire<Static<typeof TaskListItem>>;
export const TaskPage = Type.Object({
  items: Type.Array(TaskListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const TaskWithPeriod = Type.Object({ ...taskColumns, period: PeriodSchema });

export const TasksQuery = Type.Object({
  person: Type.Optional(Id),
  unit: Type.Optional(Code),
  period: Type.Optional(Id),
  status: Type.Optional(TaskStatusSchema),
  ...Paging,
  lang: Lang,
});

export const AssignBody = Type.Object(
  {
    personId: Id,
    title: Type.String({ minLength: 3, maxLength: 300 }),
    productKind: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'a product kind of the conversion table',
    }),
    quantity: Type.Integer({ minimum: 1, maximum: 10000 }),
    weight: Type.Optional(Type.Number({ minimum: 0.1, maximum: 10 })),
    dueDate: IsoDate('due date'),
    clientRef: Type.Optional(
      Type.String({
        maxLength: 80,
        description: "the client's own id: sending it again returns the same task",
      }),
    ),
  },
  { additionalProperties: false },
);
export type AssignBody = Wire<Static<typeof AssignBody>>;

export const DeliveryBody = Type.Object(
  {
    deliveredQuantity: Type.Integer({ minimum: 0, maximum: 10000 }),
    deliveredOn: IsoDate('delivery date'),
    evidence: Type.Optional(Text(2000)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type DeliveryBody = Wire<Static<typeof DeliveryBody>>;

const TaskReviewFields = {
  acceptedQuantity: Type.Integer({ minimum: 0, maximum: 10000, description: 'products delivered and accepted' }),
  majorErrors: Type.Integer({ minimum: 0, maximum: 100 }),
  delays: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: 'default: one when delivered after the due date' }),
  ),
  exemption: Type.Optional(
    StringEnum(['none', 'task', 'timeliness'] as const, {
      description: 'objective, confirmed cause: take the task out, or forgive its delays',
    }),
  ),
  exemptionReason: Type.Optional(Text(1000)),
  note: Type.Optional(Text(2000)),
};
export const TaskReviewBody = Type.Object(
  { ...TaskReviewFields, version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type TaskReviewBody = Wire<Static<typeof TaskReviewBody>>;

// ---------- reviews: self, head, collective; corrections ----------

const GeneralScoresSchema = Type.Object(
  {
    qualities: Type.Optional(Type.Number()),
    competence: Type.Optional(Type.Number()),
    innovation: Type.Optional(Type.Number()),
  },
  { additionalProperties: true },
);
export type General = Wire<Static<typeof GeneralScoresSchema>>;

export const ReviewRowSchema = Type.Object({
  id: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  periodId: Type.String(),
  personId: Type.String(),
  selfGeneral: OrNull(GeneralScoresSchema),
  selfComment: OrNull(Type.String()),
  selfAt: OrNull(Timestamp),
  headGeneral: OrNull(GeneralScoresSchema),
  headComment: OrNull(Type.String()),
  headBy: OrNull(Type.String()),
  headAt: OrNull(Timestamp),
  collectiveComment: OrNull(Type.String()),
  collectiveAt: OrNull(Timestamp),
  organisationPercent: OrNull(Type.Number()),
  frozen: OrNull(ScoreSchema),
  version: Type.Integer(),
});
export type ReviewRow = Wire<Static<typeof ReviewRowSchema>>;

export const CorrectionSchema = Type.Object({
  id: Type.String(),
  provinceCode: Type.String(),
  reviewId: Type.String(),
  reason: Type.String(),
  before: ScoreSchema,
  after: ScoreSchema,
  by: Type.String({ description: 'the login name (for tools; pages show `actor`)' }),
  actor: Type.Optional(ActedBy),
  at: Timestamp,
});
export type Correction = Wire<Static<typeof CorrectionSchema>>;

const PersonRef = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  unitCode: Type.String(),
  provinceCode: Type.String(),
});

export const PersonReview = Type.Object({
  period: PeriodSchema,
  person: PersonRef,
  review: OrNull(ReviewRowSchema),
  tasks: Type.Array(TaskSchema),
  score: OrNull(ScoreSchema),
  provisional: Type.Boolean(),
  criteria: Type.Array(Type.Object({ code: CriterionCode, max: Type.Number() })),
  corrections: Type.Array(CorrectionSchema),
  canSelfAssess: Type.Boolean(),
  canHeadAssess: Type.Boolean(),
  actions: Actions,
});
export type PersonReview = Wire<Static<typeof PersonReview>>;

export const SelfBody = Type.Object(
  { general: GeneralBody, comment: Type.Optional(Text(4000)) },
  { additionalProperties: false },
);
export const HeadBody = Type.Object(
  {
    general: Type.Optional(GeneralBody),
    comment: Type.Optional(Text(4000)),
    organisationPercent: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
    collectiveComment: Type.Optional(Text(4000)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type HeadBody = Wire<Static<typeof HeadBody>>;
export const CorrectionBody = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 2000 }),
    general: Type.Optional(GeneralBody),
    organisationPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    tasks: Type.Optional(
      Type.Array(Type.Object({ id: Id, ...TaskReviewFields }, { additionalProperties: false }), { maxItems: 200 }),
    ),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Wire<Static<typeof CorrectionBody>>;

// ---------- annual ratings ----------

const annualColumns = {
  id: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  personId: Type.String(),
  year: Type.Integer(),
  monthsWorked: Type.Number(),
  monthsAbsent: Type.Number(),
  maternityMonths: Type.Number({ description: 'months of maternity leave in the year: not absence (Decree 48/2023)' }),
  sanctioned: Type.Boolean(),
  sanctionNote: OrNull(Type.String()),
  average: OrNull(Type.Number()),
  periodsScored: Type.Integer(),
  scoredBand: OrNull(BandSchema),
  band: OrNull(BandSchema),
  caps: Type.Array(Type.String()),
  notRatedReason: OrNull(Type.String()),
  loweredReason: OrNull(Type.String()),
  status: StringEnum(['proposed', 'confirmed'] as const),
  confirmedBy: OrNull(Type.String()),
  confirmedAt: OrNull(Timestamp),
  version: Type.Integer(),
};
export const AnnualRatingSchema = Type.Object(annualColumns);
export type AnnualRating = Wire<Static<typeof AnnualRatingSchema>>;
export const AnnualListItem = Type.Object({
  ...annualColumns,
  fullName: OrNull(Type.String()),
  category: OrNull(Type.String()),
});
export type AnnualListItem = Wire<Static<typeof AnnualListItem>>;

export const PersonRecord = Type.Object({
  person: PersonRef,
  periods: Type.Array(
    Type.Object({
      period: PeriodSchema,
      reviewId: OrNull(Type.String()),
      score: OrNull(ScoreSchema),
      published: Type.Boolean(),
    }),
  ),
  annual: Type.Array(AnnualRatingSchema),
});
export type PersonRecord = Wire<Static<typeof PersonRecord>>;

const BandCounts = Type.Object({
  excellent: Type.Integer(),
  good: Type.Integer(),
  completed: Type.Integer(),
  not_completed: Type.Integer(),
});

export const UnitAnnual = Type.Object({
  unit: Type.Object({
    code: Type.String(),
    name: Type.String(),
    provinceCode: Type.String(),
    provinceName: Type.String(),
    level: StringEnum(['province', 'commune'] as const),
  }),
  year: Type.Integer(),
  due: Day,
  staff: Type.Integer(),
  outstanding: Type.Boolean(),
  publishedAt: OrNull(Timestamp),
  quota: Type.Object({
    counts: BandCounts,
    quota: Type.Integer(),
    excellent: Type.Integer(),
    exceeded: Type.Boolean(),
  }),
  notRated: Type.Integer(),
  confirmed: Type.Integer(),
  items: Type.Array(AnnualListItem),
  actions: Actions,
});
export type UnitAnnual = Wire<Static<typeof UnitAnnual>>;

export const AnnualComputed = Type.Object({
  proposed: Type.Integer(),
  confirmed: Type.Integer(),
  notRated: Type.Integer(),
});
export type AnnualComputed = Static<typeof AnnualComputed>;
export const PublishBody = Type.Object(
  { outstanding: Type.Optional(Type.Boolean()), publish: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const Published = Type.Object({
  unitCode: Type.String(),
  year: Type.Integer(),
  outstanding: Type.Optional(Type.Boolean()),
  publish: Type.Optional(Type.Boolean()),
});
export const RatingBody = Type.Object(
  {
    monthsAbsent: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
    maternityMonths: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
    sanctioned: Type.Optional(Type.Boolean()),
    sanctionNote: Type.Optional(Text(1000)),
    band: Type.Optional(BandSchema),
    loweredReason: Type.Optional(Text(1000)),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type RatingBody = Wire<Static<typeof RatingBody>>;

/** Files: documented, sent as they are (not serialized). */
export { XlsxFile as Xlsx } from '../../core/schemas.js';
export { DocxFile as Docx } from '../../core/schemas.js';

// ---------- comparisons and overdue ----------

export const CompareQuery = Type.Object({ year: Year, province: Type.Optional(ProvinceCode), lang: Lang });
export const CompareRowSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  staff: Type.Integer(),
  rated: Type.Integer(),
  confirmed: Type.Integer(),
  notRated: Type.Integer(),
  bands: BandCounts,
  excellentShare: OrNull(Type.Number()),
  unitsOverQuota: Type.Integer(),
});
export type CompareRow = Wire<Static<typeof CompareRowSchema>>;
export const Comparison = Type.Object({
  year: Type.Integer(),
  provinceCode: OrNull(Type.String()),
  level: StringEnum(['commune', 'province'] as const),
  items: Type.Array(CompareRowSchema),
});
export type Comparison = Wire<Static<typeof Comparison>>;

export const OverdueQuery = Type.Object({ year: Year, ...Paging, lang: Lang });
export const Overdue = Type.Object({
  year: Type.Integer(),
  due: Day,
  daysLeft: Type.Integer(),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      provinceCode: Type.String(),
      unitCode: Type.String(),
      name: Type.String(),
      staff: Type.Integer(),
      confirmed: Type.Integer(),
      proposed: Type.Integer(),
      pending: Type.Integer(),
    }),
  ),
});
export type Overdue = Wire<Static<typeof Overdue>>;

/** The score calculator ("what will my score be"): the caller's province settings; nothing is stored. */
const Count = (max: number) => Type.Integer({ minimum: 0, maximum: max });
export const CalculateBody = Type.Object(
  {
    general: Type.Object(
      { qualities: Score(100), competence: Score(100), innovation: Score(100) },
      { additionalProperties: false, description: 'each up to its maximum in the settings (10 by default)' },
    ),
    tasks: Type.Array(
      Type.Object(
        {
          productKind: Type.String({ maxLength: 40, description: 'a product kind of the settings' }),
          quantity: Type.Integer({ minimum: 1, maximum: 1000, description: 'products assigned' }),
          weight: Type.Optional(
            Type.Number({ minimum: 0.1, maximum: 10, description: "the head's weight, 1 by default" }),
          ),
          products: Type.Array(
            Type.Object(
              { accepted: Type.Boolean(), majorErrors: Count(20), delays: Count(20) },
              { additionalProperties: false },
            ),
            { maxItems: 1000, description: 'the products delivered, one by one' },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    leader: Type.Optional(
      Type.Object(
        {
          unitResults: Type.Number({
            minimum: 0,
            maximum: 100,
            description: "the unit's results, %: 100 when every subordinate completes, 50 when any fails (default)",
          }),
          organisation: Type.Number({
            minimum: 0,
            maximum: 100,
            description: "the organisation of the unit's work, %",
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CalculateBody = Static<typeof CalculateBody>;

const OrNullNumber = Type.Union([Type.Number(), Type.Null()]);
export const Calculated = Type.Object({
  total: OrNullNumber,
  band: Type.Union([BandSchema, Type.Null()]),
  parts: Type.Object({
    general: Type.Number(),
    quantity: OrNullNumber,
    quality: OrNullNumber,
    timeliness: OrNullNumber,
    taskPercent: OrNullNumber,
    taskPoints: OrNullNumber,
  }),
});

export const CalculateAnnualBody = Type.Object(
  {
    year: Year,
    periodScores: Type.Array(Type.Union([Score(100), Type.Null()]), { maxItems: 12 }),
    served: Type.Array(
      Type.Object(
        { from: IsoDate('first day served'), to: Type.Union([IsoDate('last day served'), Type.Null()]) },
        { additionalProperties: false },
      ),
      { maxItems: 50, description: 'the spans served in the year (both days included; to = null: still serving)' },
    ),
    monthsAbsent: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
    maternityMonths: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
    sanctioned: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CalculateAnnualBody = Static<typeof CalculateAnnualBody>;

export const CalculatedAnnual = Type.Object({
  average: OrNullNumber,
  band: Type.Union([BandSchema, Type.Null()]),
  monthsWorked: Type.Number(),
  reason: StringEnum(['rated', 'capped_absence', 'capped_sanction', 'under_min_months', 'no_scores'] as const, {
    description: 'rated as scored, capped by the absence or the sanction, or why not rated',
  }),
});
