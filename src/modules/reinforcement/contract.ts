/**
 * The API contract of the reinforcement module (phases, officers, weekly schedules, visit logs, periodic reports and
 * the support group's views): every route's request and response schemas. The routes import them; the web imports the
 * types.
 */
import { Type, type Static } from 'typebox';
import { Attachment, FileDownload, FileInfo, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { FIELDS, URGENCIES } from '../recommendations/index.js';

export { FileDownload, MAX_ATTACHMENT_BYTES };
export const MAX_VISIT_PHOTOS = 10;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Uuid = Type.String({ format: 'uuid' });
const CommuneCode = Type.String({ pattern: '^\\d{5}$' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
const Username = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.-]+$' });
const Timestamp = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const REPORT_STATES = ['submitted', 'submitted_late', 'due', 'late', 'not_yet'] as const;

// ---------- requests ----------

export const Id = Type.Object({ id: Uuid });
export const LangQuery = Type.Object({ lang: Lang });
export const OfficerParams = Type.Object({ id: Uuid, username: Username });
export const PhotoParams = Type.Object({ id: Uuid, n: Type.Integer({ minimum: 0, maximum: 99 }) });

export const PhaseBody = Type.Object(
  {
    name: Text(200),
    startsOn: IsoDate('first day'),
    endsOn: IsoDate('last day'),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    copyFrom: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const OfficerBody = Type.Object(
  {
    provinceCode: ProvinceCode,
    position: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
  },
  { additionalProperties: false },
);

export const CoverageQuery = Type.Object({ province: Type.Optional(ProvinceCode), lang: Lang });

export const SchedulesQuery = Type.Object({
  phase: Type.Optional(Uuid),
  officer: Type.Optional(Username),
  province: Type.Optional(ProvinceCode),
  week: Type.Optional(IsoDate('the Monday')),
  lang: Lang,
});

export const ScheduleBody = Type.Object(
  {
    phaseId: Uuid,
    weekStart: IsoDate('the Monday'),
    visits: Type.Array(
      Type.Object(
        {
          communeCode: CommuneCode,
          plannedOn: IsoDate('day of the visit'),
          purpose: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const VisitBody = Type.Object(
  {
    phaseId: Uuid,
    communeCode: CommuneCode,
    visitedOn: IsoDate('day of the visit'),
    metWith: Text(1000),
    findings: Text(10_000),
    resolved: Type.Optional(Type.String({ maxLength: 5000, description: 'solved on the spot' })),
    photos: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
    items: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: StringEnum(FIELDS),
            title: Text(300),
            content: Text(10_000),
            legalBasis: Type.Optional(Type.String({ maxLength: 1000 })),
            urgency: Type.Optional(StringEnum(URGENCIES)),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    clientRef: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 100,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: "the draft's id on the device",
      }),
    ),
  },
  { additionalProperties: false },
);

export const VisitsQuery = Type.Object({
  phase: Type.Optional(Uuid),
  officer: Type.Optional(Username),
  province: Type.Optional(ProvinceCode),
  commune: Type.Optional(CommuneCode),
  from: Type.Optional(IsoDate('visited on or after')),
  to: Type.Optional(IsoDate('visited on or before')),
  ...Paging,
  lang: Lang,
});

export const PhotosBody = Type.Object(
  { photos: Type.Array(Attachment, { minItems: 1, maxItems: MAX_VISIT_PHOTOS }) },
  { additionalProperties: false },
);

export const DraftBody = Type.Object(
  { phaseId: Uuid, weekStart: IsoDate('the Monday') },
  { additionalProperties: false },
);

export const ReportsQuery = Type.Object({
  phase: Type.Optional(Uuid),
  officer: Type.Optional(Username),
  province: Type.Optional(ProvinceCode),
  status: Type.Optional(StringEnum(REPORT_STATUSES)),
  lang: Lang,
});

export const ReportBody = Type.Object(
  { content: Text(50_000), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

// ---------- responses ----------

export const Phase = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startsOn: Day,
  endsOn: Day,
  copiedFrom: OrNull(Type.String()),
  note: OrNull(Type.String()),
});
export const PhaseList = Type.Object({
  items: Type.Array(Type.Object({ ...Phase.properties, officers: Type.Integer(), provinces: Type.Integer() })),
});
export const PhaseCreated = Type.Object({ ...Phase.properties, officersCopied: Type.Integer() });

export const Officer = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  provinceCode: Type.String(),
  position: OrNull(Type.String()),
  phone: OrNull(Type.String()),
});
export const PhaseDetail = Type.Object({ ...Phase.properties, officers: Type.Array(Officer) });
export const Removed = Type.Object({ removed: Type.Boolean() });

const OfficerName = Type.Object({ username: Type.String(), displayName: Type.String() });

export const Coverage = Type.Object({
  phase: Phase,
  provinces: Type.Array(
    Type.Object({
      provinceCode: Type.String(),
      communes: Type.Integer(),
      visited: Type.Integer(),
      notVisited: Type.Integer(),
      officers: Type.Array(OfficerName),
      notVisitedCommunes: Type.Optional(Type.Array(Type.Object({ code: Type.String(), name: Type.String() }))),
    }),
  ),
  visitedCommunes: Type.Array(
    Type.Object({ communeCode: Type.String(), visits: Type.Integer(), lastVisitedOn: Type.String() }),
    { description: 'for the map: visits per commune' },
  ),
});

export const ReportsStatus = Type.Object({
  today: Day,
  phase: Phase,
  totals: Type.Object({
    submitted: Type.Integer(),
    submitted_late: Type.Integer(),
    due: Type.Integer(),
    late: Type.Integer(),
  }),
  officers: Type.Array(
    Type.Object({
      ...OfficerName.properties,
      provinceCode: Type.String(),
      weeks: Type.Array(
        Type.Object({ weekStart: Day, dueOn: Day, state: StringEnum(REPORT_STATES), reportId: OrNull(Type.String()) }),
      ),
      late: Type.Integer(),
      due: Type.Integer(),
    }),
  ),
});

export const OfficersOverview = Type.Object({
  phase: Phase,
  officers: Type.Array(
    Type.Object({
      ...OfficerName.properties,
      provinceCode: Type.String(),
      visits: Type.Integer(),
      communesVisited: Type.Integer(),
      lastVisitOn: OrNull(Type.String()),
      items: Type.Record(Type.String(), Type.Integer(), { description: 'items raised, by status' }),
    }),
  ),
});

export const Schedule = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  provinceCode: Type.String(),
  username: Type.String(),
  weekStart: Day,
  visits: Type.Array(Type.Object({ communeCode: Type.String(), plannedOn: Day, purpose: OrNull(Type.String()) })),
  note: OrNull(Type.String()),
  version: Type.Integer(),
  updatedAt: Timestamp,
});
export const ScheduleList = Type.Object({ items: Type.Array(Schedule) });

export const VisitItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  status: Type.String(),
  field: Type.String(),
});
export const Visit = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  provinceCode: Type.String(),
  username: Type.String(),
  communeCode: Type.String(),
  visitedOn: Day,
  metWith: Type.String(),
  findings: Type.String(),
  resolved: OrNull(Type.String()),
  photos: Type.Array(FileInfo),
  clientRef: OrNull(Type.String()),
  createdAt: Timestamp,
  items: Type.Array(VisitItem, { description: 'the items raised at the visit' }),
});
export const VisitLogged = Type.Object({
  ...Visit.properties,
  duplicate: Type.Boolean({ description: 'the same draft was logged before: this is that visit' }),
});
export const VisitPage = Page(Visit);

export const Report = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  provinceCode: Type.String(),
  username: Type.String(),
  periodStart: Day,
  periodEnd: Day,
  dueOn: Day,
  status: StringEnum(REPORT_STATUSES),
  content: Type.String(),
  figures: Type.Object({
    visits: Type.Integer(),
    communesVisited: Type.Integer(),
    itemsRaised: Type.Integer(),
    itemsAnswered: Type.Integer(),
    itemsOpen: Type.Integer(),
  }),
  submittedAt: OrNull(Timestamp),
  submittedOn: OrNull(Day),
  version: Type.Integer(),
});
export const ReportList = Type.Object({ items: Type.Array(Report) });

// ---------- the shapes the web uses ----------

export type Phase = Static<typeof Phase>;
export type PhaseList = Static<typeof PhaseList>;
export type PhaseDetail = Static<typeof PhaseDetail>;
export type Officer = Static<typeof Officer>;
export type Coverage = Static<typeof Coverage>;
export type ReportsStatus = Static<typeof ReportsStatus>;
export type OfficersOverview = Static<typeof OfficersOverview>;
export type Schedule = Static<typeof Schedule>;
export type Visit = Static<typeof Visit>;
export type VisitLogged = Static<typeof VisitLogged>;
export type VisitPage = Static<typeof VisitPage>;
export type Report = Static<typeof Report>;
export type ReportList = Static<typeof ReportList>;
export type ScheduleBody = Static<typeof ScheduleBody>;
export type VisitBody = Static<typeof VisitBody>;
export type ScheduleList = Static<typeof ScheduleList>;
