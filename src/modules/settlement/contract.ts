/**
 * The API contract of the settlement module (leaving cases under Decrees 178/2024 and 67/2025): every route's request
 * and response schemas. The routes import them; the web imports the types.
 */
import { Type, type Static } from 'typebox';
import { ActedBy, ErrorBody, IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { CATEGORIES, REGIMES } from './domain/benefits.js';
import { GROUPS, RATINGS } from './domain/eligibility.js';
import { STATUSES, STEPS } from './domain/lifecycle.js';
import { SETTLEMENT_ACTIONS } from './policy.js';

const Day = (description: string) => IsoDate(description);
const Vnd = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000_000, description });
const Coefficient = (description: string) => Type.Number({ minimum: 0, maximum: 20, description });

// ---------- requests ----------

export const LangQuery = Type.Object({ lang: Lang });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const AllowancesBody = Type.Object(
  {
    coefficient: Type.Optional(Coefficient('other allowances as coefficients of the base salary, summed')),
    seniorityBeyondFramePercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    professionalSeniorityPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    occupationalPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    publicService: Type.Optional(Type.Boolean({ description: 'receives the 25 % public-service allowance' })),
    amount: Type.Optional(Vnd('allowances stated in VND per month')),
  },
  { additionalProperties: false },
);

export const SalaryBody = Type.Object(
  {
    coefficient: Coefficient('grade/step coefficient'),
    leadershipCoefficient: Type.Optional(Coefficient('leadership allowance coefficient')),
    allowances: Type.Optional(
      Type.Union([
        Type.Number({
          minimum: 0,
          maximum: 1_000_000_000,
          description: 'other allowances: up to 20, a coefficient of the base salary; above, an amount in VND',
        }),
        AllowancesBody,
      ]),
    ),
  },
  { additionalProperties: false },
);

export const SocialInsuranceBody = Type.Object(
  {
    years: Type.Integer({ minimum: 0, maximum: 50 }),
    months: Type.Integer({ minimum: 0, maximum: 11 }),
  },
  { additionalProperties: false },
);

export const CalculateBody = Type.Object(
  {
    regime: StringEnum(REGIMES),
    category: StringEnum(CATEGORIES),
    decisionDate: Day('the restructuring decision (its effect)'),
    leaveDate: Day('the first day of leaving'),
    retirementDate: Type.Optional(Day('the retirement date (pension start); else from birth date and sex')),
    birthDate: Type.Optional(Day('birth date')),
    sex: Type.Optional(StringEnum(['male', 'female'] as const)),
    monthlySalary: Type.Optional(Vnd('salary of the month before leaving, VND')),
    salary: Type.Optional(SalaryBody),
    socialInsurance: SocialInsuranceBody,
  },
  { additionalProperties: false },
);
export type CalculateBody = Static<typeof CalculateBody>;

export const CaseBody = Type.Object(
  {
    /** a unit code (commune or province) or a ministry/central agency code */
    agency: Type.String({ minLength: 2, maxLength: 12 }),
    personId: Type.Optional(Type.String({ format: 'uuid', description: 'the workforce record' })),
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    birthDate: Type.Optional(Day('birth date')),
    sex: Type.Optional(StringEnum(['male', 'female'] as const)),
    category: Type.Optional(StringEnum(CATEGORIES)),
    group: StringEnum(GROUPS),
    regime: StringEnum(REGIMES),
    salary: Type.Optional(SalaryBody),
    monthlySalary: Type.Optional(Vnd('salary of the month before leaving, VND')),
    socialInsurance: SocialInsuranceBody,
    retirementDate: Type.Optional(Day('the retirement date, when the case gives it')),
    maternityOrYoungChild: Type.Optional(Type.Boolean()),
    volunteers: Type.Optional(Type.Boolean()),
    underDiscipline: Type.Optional(Type.Boolean()),
    lastThreeYears: Type.Optional(Type.Array(OrNull(StringEnum(RATINGS)), { maxItems: 3 })),
    restructuringDecisionNo: Type.String({ minLength: 1, maxLength: 100 }),
    restructuringDecisionDate: Day('the restructuring decision'),
    leaveDate: Day('the first day of leaving'),
    /** required when a typed value differs from the workforce record: the correction's reason */
    correctionReason: Type.Optional(Type.String({ minLength: 3, maxLength: 1000 })),
    clientRef: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'makes a retried proposal safe' }),
    ),
  },
  { additionalProperties: false },
);
export type CaseBody = Static<typeof CaseBody>;

/** Corrections of the copied values: each changed field is recorded with the reason (audited). */
export const CorrectBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 3, maxLength: 1000 }),
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    birthDate: Type.Optional(Day('birth date')),
    sex: Type.Optional(StringEnum(['male', 'female'] as const)),
    category: Type.Optional(StringEnum(CATEGORIES)),
    salary: Type.Optional(SalaryBody),
    monthlySalary: Type.Optional(Vnd('salary of the month before leaving, VND')),
    socialInsurance: Type.Optional(SocialInsuranceBody),
    retirementDate: Type.Optional(Day('the retirement date')),
    leaveDate: Type.Optional(Day('the first day of leaving')),
  },
  { additionalProperties: false },
);
export type CorrectBody = Static<typeof CorrectBody>;

export const StepBody = Type.Object(
  {
    step: StringEnum(STEPS),
    version: Type.Integer({ minimum: 1 }),
    /** refuse: the written reason */
    reason: Type.Optional(Type.String({ minLength: 3, maxLength: 2000 })),
    /** decide: the leaving decision */
    decisionNo: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    decisionDate: Type.Optional(Day('the leaving decision')),
    /** pay */
    paidOn: Type.Optional(Day('payment date')),
    paidAmount: Type.Optional(Vnd('amount paid')),
  },
  { additionalProperties: false },
);
export type StepBody = Static<typeof StepBody>;

export const OverrideBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    amount: Vnd('the amount decided instead of the computed total'),
    reason: Type.String({ minLength: 3, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  status: Type.Optional(StringEnum(STATUSES)),
  regime: Type.Optional(StringEnum(REGIMES)),
  province: Type.Optional(Type.String({ pattern: '^$|^\\d{2}$', description: "'' = the central agencies" })),
  agency: Type.Optional(Type.String({ maxLength: 12 })),
  late: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...Paging,
  lang: Lang,
});
export type ListQuery = Static<typeof ListQuery>;

export const ProgressQuery = Type.Object({
  today: Type.Optional(Day('the day the lateness is counted on')),
  lang: Lang,
});
export const ExportQuery = Type.Object({
  kind: StringEnum(['cases', 'progress'] as const),
  status: Type.Optional(StringEnum(STATUSES)),
  lang: Lang,
});

export const SettingsBody = Type.Object(
  {
    baseSalaries: Type.Array(Type.Object({ from: Day('in force from'), amount: Vnd('VND per month') }), {
      minItems: 1,
      maxItems: 20,
    }),
    earlyYearOddMonths: StringEnum(['whole_years', 'half_year_rule'] as const),
    /** absent: kept as it is (the default: halved from the 13th month, as the legal brief reads) */
    underTwoYearsLumpSum: Type.Optional(StringEnum(['halved_from_13th_month', 'always_full'] as const)),
    maxMonths: Type.Integer({ minimum: 1, maximum: 120 }),
    deadlines: Type.Object({
      decisionsBy: Day(''),
      leaveBy: Day(''),
      phasedDecisionBefore: Day(''),
      phasedLeaveBy: Day(''),
      paymentBy: Day(''),
      reportsBy: Day(''),
    }),
    warnDays: Type.Integer({ minimum: 0, maximum: 60 }),
  },
  { additionalProperties: false },
);

// ---------- responses ----------

export const BenefitLine = Type.Object({
  code: Type.String(),
  label: Type.String(),
  clause: Type.String(),
  /** the formula with its figures */
  formula: Type.String(),
  /** months of salary the line is worth (factor × months): amount = basis × months, rounded to whole VND */
  months: Type.Number(),
  /** the salary base (VND per month) */
  basis: Type.Integer(),
  amount: Type.Integer(),
});

export const SalaryPart = Type.Object({
  code: Type.String(),
  label: Type.String(),
  basis: Type.String(),
  amount: Type.Integer(),
});

export const Calculation = Type.Object({
  total: Type.Integer(),
  monthlySalary: Type.Integer(),
  salary: OrNull(
    Type.Object({
      month: Type.String(),
      baseSalary: Type.Integer(),
      amount: Type.Integer(),
      parts: Type.Array(SalaryPart),
    }),
  ),
  retirementDate: Type.String(),
  retirementAge: OrNull(Type.Object({ years: Type.Integer(), months: Type.Integer() })),
  monthsEarly: Type.Integer(),
  yearsEarly: Type.Number(),
  insuranceYears: Type.Number(),
  withinFirst12Months: Type.Boolean(),
  lines: Type.Array(BenefitLine),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  ruleVersion: Type.String(),
});
export type Calculation = Static<typeof Calculation>;

export const DeadlineWarning = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  due: Type.String(),
  level: StringEnum(['at_risk', 'late'] as const),
  days: Type.Integer(),
});

export const CaseSummary = Type.Object({
  id: Type.String(),
  code: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  agencyKind: StringEnum(['unit', 'central'] as const),
  agencyName: Type.String(),
  fullName: Type.String(),
  regime: StringEnum(REGIMES),
  category: StringEnum(CATEGORIES),
  leaveDate: Type.String(),
  status: StringEnum(STATUSES),
  benefitTotal: Type.Integer(),
  overrideAmount: OrNull(Type.Integer()),
  paidAmount: OrNull(Type.Integer()),
  late: Type.Boolean(),
});
export type CaseSummary = Static<typeof CaseSummary>;
export const CasePage = Page(CaseSummary);
export type CasePage = Static<typeof CasePage>;

export const CaseEvent = Type.Object({
  at: Type.String(),
  actorUsername: Type.String({ description: 'the login name (for tools; pages show `actor`)' }),
  actor: ActedBy,
  action: Type.String(),
  fromStatus: OrNull(Type.String()),
  toStatus: Type.String(),
  note: OrNull(Type.String()),
});

export const Correction = Type.Object({
  field: Type.String(),
  from: Type.Unknown(),
  to: Type.Unknown(),
  reason: Type.String(),
  by: Type.String(),
  at: Type.String(),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  personId: OrNull(Type.String()),
  birthDate: OrNull(Type.String()),
  sex: OrNull(Type.String()),
  group: StringEnum(GROUPS),
  coefficient: OrNull(Type.Number()),
  leadershipCoefficient: OrNull(Type.Number()),
  allowances: Type.Unknown(),
  monthlySalaryInput: OrNull(Type.Integer()),
  socialInsurance: Type.Object({ years: Type.Integer(), months: Type.Integer() }),
  retirementDateInput: OrNull(Type.String()),
  maternityOrYoungChild: Type.Boolean(),
  volunteers: Type.Boolean(),
  underDiscipline: Type.Boolean(),
  lastThreeYears: Type.Array(OrNull(Type.String())),
  restructuringDecisionNo: Type.String(),
  restructuringDecisionDate: Type.String(),
  leavingDecisionNo: OrNull(Type.String()),
  leavingDecisionDate: OrNull(Type.String()),
  paidOn: OrNull(Type.String()),
  refusalReason: OrNull(Type.String()),
  approvedBy: OrNull(Type.String()),
  overrideReason: OrNull(Type.String()),
  overrideBy: OrNull(Type.String()),
  overrideAt: OrNull(Type.String()),
  benefit: Calculation,
  ruleVersion: Type.String(),
  /** the rules it was computed under, in the reader's language (the page never shows the version's code) */
  rulesInWords: Type.String(),
  corrections: Type.Array(Correction),
  deadlines: Type.Array(DeadlineWarning),
  events: Type.Array(CaseEvent),
  version: Type.Integer(),
  createdAt: Type.String(),
  /** what the caller may do now */
  actions: Type.Array(StringEnum(SETTLEMENT_ACTIONS)),
  steps: Type.Array(StringEnum(STEPS)),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const ProgressRow = Type.Object({
  /** a province code, a unit code, or a central agency's code */
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(['province', 'unit', 'central'] as const),
  cases: Type.Integer(),
  proposed: Type.Integer(),
  approved: Type.Integer(),
  decided: Type.Integer(),
  paid: Type.Integer(),
  closed: Type.Integer(),
  refused: Type.Integer(),
  totalAmount: Type.Integer(),
  paidAmount: Type.Integer(),
  late: Type.Integer(),
  /** share of cases settled (paid, closed or refused), 0–1 */
  settledShare: Type.Number(),
  finished: Type.Boolean(),
  /** days past the report deadline (8/9/2025) while not finished; 0 when finished */
  daysLate: Type.Integer(),
});
export type ProgressRow = Static<typeof ProgressRow>;

export const Progress = Type.Object({
  today: Type.String(),
  scope: StringEnum(['country', 'province', 'commune'] as const),
  provinces: Type.Object({ finished: Type.Integer(), total: Type.Integer() }),
  central: Type.Object({ finished: Type.Integer(), total: Type.Integer() }),
  totals: Type.Omit(ProgressRow, ['code', 'name', 'kind', 'finished', 'daysLate']),
  rows: Type.Array(ProgressRow),
  unfinished: Type.Array(ProgressRow),
});
export type Progress = Static<typeof Progress>;

export const Agency = Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() });
export const AgencyList = Type.Object({ items: Type.Array(Agency) });
export type AgencyList = Static<typeof AgencyList>;
export const Settings = Type.Object({ ...SettingsBody.properties, ruleVersion: Type.String() });
export type Settings = Static<typeof Settings>;

/** Files: documented, sent as they are (not serialized). */
export { XlsxFile as Xlsx } from '../../core/schemas.js';

export { DocxFile as Docx, PdfFile as Pdf } from '../../core/schemas.js';

export const ImportBody = Type.Object(
  {
    agency: Type.String({ minLength: 2, maxLength: 12 }),
    fileBase64: Type.String({ minLength: 4, maxLength: 14_000_000, description: 'the .xlsx list, base64' }),
  },
  { additionalProperties: false },
);
export const ImportResult = Type.Object({
  imported: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: OrNull(Type.String()), message: Type.String() })),
});
export type ImportResult = Static<typeof ImportResult>;

export { ErrorBody };
