// The workforce API's contract: every route's request and response schemas (the routes import them; the web
// imports the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { EDUCATION, POLITICAL_THEORY, STATE_MANAGEMENT } from './domain/requirements.js';
import { CATEGORIES, ASSIGNMENT_KINDS, PERSON_ACTIONS, POST_KINDS, SHORTFALLS } from './domain/registry.js';

const Code = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(s: T) => Type.Optional(Type.Union([s, Type.Null()]));
const Uuid = Type.String({ format: 'uuid' });
const Counts = Type.Record(Type.String(), Type.Integer());

export const LangQuery = Type.Object({ lang: Lang });
export const PersonParams = Type.Object({ id: Uuid });

const PersonFields = {
  fullName: Type.String({ minLength: 2, maxLength: 120 }),
  birthDate: IsoDate('date of birth'),
  sex: StringEnum(['male', 'female'] as const),
  nationalId: Type.String({ pattern: '^\\d{12}$', description: 'personal identification number (12 digits)' }),
  ethnicity: Type.Optional(Type.String({ maxLength: 40 })),
  phone: Opt(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
  email: Opt(Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  category: StringEnum(CATEGORIES),
  educationLevel: StringEnum(EDUCATION),
  educationField: Opt(Type.String({ maxLength: 60 })),
  politicalTheory: Type.Optional(StringEnum(POLITICAL_THEORY)),
  stateManagement: Type.Optional(StringEnum(STATE_MANAGEMENT)),
  itCertificate: Opt(Type.String({ maxLength: 60 })),
  foreignLanguage: Opt(Type.String({ maxLength: 60 })),
  rankCode: Opt(Type.String({ maxLength: 20 })),
  salaryStep: Opt(Type.Integer({ minimum: 1, maximum: 20 })),
  salaryCoefficient: Opt(Type.Number({ minimum: 1, maximum: 12 })),
  partyJoinDate: Opt(IsoDate('Party membership date')),
};

export const PeopleQuery = Type.Object({
  province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
  unit: Type.Optional(Code),
  category: Type.Optional(StringEnum(CATEGORIES)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...Paging,
  lang: Lang,
});

export const NewPerson = Type.Object({ unitCode: Code, ...PersonFields }, { additionalProperties: false });
export const PersonPatch = Type.Partial(Type.Object({ ...PersonFields, version: Type.Integer({ minimum: 1 }) }), {
  additionalProperties: false,
});

/** A person as the caller may see them (the ID number in full only to those who manage the person). */
export const Person = Type.Object({
  id: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  fullName: Type.String(),
  birthDate: Type.String({ format: 'date' }),
  sex: StringEnum(['male', 'female'] as const),
  nationalId: Type.String({ description: 'in full for those who manage the person, else masked (••••••••• 123)' }),
  ethnicity: Type.String(),
  phone: OrNull(Type.String()),
  email: OrNull(Type.String()),
  category: StringEnum(CATEGORIES),
  educationLevel: Type.String(),
  educationField: OrNull(Type.String()),
  politicalTheory: Type.String(),
  stateManagement: Type.String(),
  itCertificate: OrNull(Type.String()),
  foreignLanguage: OrNull(Type.String()),
  rankCode: OrNull(Type.String()),
  salaryStep: OrNull(Type.Integer()),
  salaryCoefficient: OrNull(Type.Number()),
  partyJoinDate: OrNull(Type.String({ format: 'date' })),
  version: Type.Integer(),
  actions: Type.Array(StringEnum(PERSON_ACTIONS), { description: 'what the caller may do with this record' }),
});

export const Assignment = Type.Object({
  id: Type.String(),
  unitCode: Type.String(),
  agencyName: OrNull(Type.String()),
  postTitle: OrNull(Type.String()),
  kind: StringEnum(ASSIGNMENT_KINDS),
  startDate: Type.String({ format: 'date' }),
  endDate: OrNull(Type.String({ format: 'date' })),
  fromUnitCode: OrNull(Type.String()),
  note: OrNull(Type.String()),
  current: Type.Boolean(),
});

export const PersonDetail = Type.Object({
  ...Person.properties,
  age: Type.Integer(),
  requirements: OrNull(
    Type.Object({ post: OrNull(Type.String()), meets: Type.Boolean(), shortfalls: Type.Array(StringEnum(SHORTFALLS)) }),
  ),
  assignments: Type.Array(Assignment),
});

export const PeoplePage = Page(Person);

export const NewAssignment = Type.Object(
  {
    personId: Uuid,
    postId: Uuid,
    kind: StringEnum(ASSIGNMENT_KINDS),
    startDate: IsoDate('first day'),
    endDate: Type.Optional(IsoDate('last day (required for secondment and reinforcement)')),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AssignmentMade = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  unitCode: Type.String(),
  postTitle: Type.String(),
  kind: StringEnum(ASSIGNMENT_KINDS),
  startDate: Type.String({ format: 'date' }),
  endDate: OrNull(Type.String({ format: 'date' })),
});

export const UnitQuery = Type.Object({ unit: Code, lang: Lang });

const Holder = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  kind: StringEnum(ASSIGNMENT_KINDS),
  endDate: OrNull(Type.String({ format: 'date' })),
});
export const StaffedPost = Type.Object({
  id: Type.String(),
  kind: StringEnum(POST_KINDS),
  code: Type.String(),
  title: Type.String(),
  seats: Type.Integer(),
  vacant: Type.Integer(),
  holders: Type.Array(Holder),
});
export const AgencyStaffing = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  approvedHeadcount: Type.Integer(),
  staffed: Type.Integer(),
  posts: Type.Array(StaffedPost),
});
export const Agencies = Type.Object({ items: Type.Array(AgencyStaffing) });

export const PostsQuery = Type.Object({
  unit: Code,
  kind: Type.Optional(StringEnum(POST_KINDS)),
  vacant: Type.Optional(Type.Boolean()),
  lang: Lang,
});
export const Posts = Type.Object({
  items: Type.Array(Type.Object({ ...StaffedPost.properties, agencyId: Type.String(), agencyName: Type.String() })),
});

export const SummaryQuery = Type.Object({ unit: Type.Optional(Code), lang: Lang });

export const Vacancy = Type.Object({
  provinceCode: Type.String(),
  unitCode: Type.String(),
  code: Type.String(),
  title: Type.String(),
  vacantSeats: Type.Integer(),
  vacantSince: Type.String({ format: 'date' }),
  daysVacant: Type.Integer(),
});
export const Secondment = Type.Object({
  personId: Type.String(),
  fullName: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  fromUnitCode: OrNull(Type.String()),
  kind: StringEnum(ASSIGNMENT_KINDS),
  startDate: Type.String({ format: 'date' }),
  endDate: OrNull(Type.String({ format: 'date' })),
});
export const ProvinceFigures = Type.Object({
  provinceCode: Type.String(),
  staff: Type.Integer(),
  approvedHeadcount: Type.Integer(),
  leadershipVacancies: Type.Integer(),
  assessed: Type.Integer(),
  notMeeting: Type.Integer(),
});
export const WorkforceSummary = Type.Object({
  scope: Type.Object({ provinceCode: OrNull(Type.String()), unitCode: OrNull(Type.String()) }),
  staff: Type.Integer(),
  approvedHeadcount: Type.Integer(),
  byUnit: Type.Array(
    Type.Object({
      provinceCode: Type.String(),
      unitCode: Type.String(),
      approvedHeadcount: Type.Integer(),
      staff: Type.Integer(),
    }),
  ),
  requirements: Type.Object({
    assessed: Type.Integer(),
    notMeeting: Type.Integer(),
    notMeetingRate: OrNull(Type.Number({ description: 'per cent, one decimal' })),
    shortfalls: Counts,
  }),
  leadershipVacancies: Type.Object({ total: Type.Integer(), byPost: Counts, items: Type.Array(Vacancy) }),
  structure: Type.Object({ byCategory: Counts, byEducation: Counts, bySex: Counts, byAge: Counts }),
  secondments: Type.Array(Secondment, { description: 'in force, the first 500 by end date (all in the workbook)' }),
  secondmentsTotal: Type.Integer({ description: 'secondments and reinforcements in force, all of them' }),
  byProvince: Type.Optional(
    Type.Array(ProvinceFigures, { description: "country scope only: each province's figures (the Ministry's map)" }),
  ),
});

// Excel import and export
export const ImportQuery = Type.Object({
  mode: Type.Optional(StringEnum(['auto', 'sync', 'async'] as const)),
  lang: Lang,
});
export const ImportJobParams = Type.Object({ job: Uuid });
export const ExportQuery = Type.Object({ unit: Type.Optional(Code), lang: Lang });

export const ImportReport = Type.Object({
  importId: Type.String(),
  status: StringEnum(['imported', 'rejected'] as const),
  message: Type.String({ description: 'one sentence for the user, in the request language' }),
  sheet: OrNull(Type.String()),
  headerRow: OrNull(Type.Integer()),
  rows: Type.Integer({ description: 'data rows read (blank rows skipped)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errorCount: Type.Integer(),
  rowsWithErrors: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() }),
  ),
  errorsTruncated: Type.Boolean(),
  ignoredColumns: Type.Array(Type.String()),
});
export const ImportJob = Type.Object({
  job: Type.String(),
  status: StringEnum(['running', 'done', 'failed'] as const),
  phase: StringEnum(['reading', 'validating', 'writing', 'done'] as const),
  percent: Type.Number(),
  rowsDone: Type.Integer(),
  rowsTotal: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: OrNull(Type.String({ format: 'date-time' })),
  report: Type.Union([ImportReport, Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
});
/** A file download: documented, never serialized (the route sends a stream). */
export { XlsxFile as Xlsx } from '../../core/schemas.js';

export type Person = Static<typeof Person>;
export type PersonDetail = Static<typeof PersonDetail>;
export type Assignment = Static<typeof Assignment>;
export type AgencyStaffing = Static<typeof AgencyStaffing>;
export type Vacancy = Static<typeof Vacancy>;
export type Secondment = Static<typeof Secondment>;
export type ProvinceFigures = Static<typeof ProvinceFigures>;
export type WorkforceSummary = Static<typeof WorkforceSummary>;
export type ImportReport = Static<typeof ImportReport>;
export type ImportJob = Static<typeof ImportJob>;
export type PersonAction = (typeof PERSON_ACTIONS)[number];
