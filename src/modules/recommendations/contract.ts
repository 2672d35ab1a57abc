/**
 * The API contract of the recommendations module (the two-way channel, its knowledge base and the notifications):
 * every route's request and response schemas. The routes import them; the web imports the types.
 */
import { Type, type Static } from 'typebox';
import { Attachment, FileDownload, FileInfo, MAX_ATTACHMENT_BYTES } from '../../core/attachments.js';
import { ActedBy, IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { ACTIONS, FIELDS, STATUSES, URGENCIES } from './domain/lifecycle.js';

export { MAX_ATTACHMENT_BYTES };
export const MAX_ATTACHMENTS = 10;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const UnitCode = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const LEVELS = ['province', 'ministry'] as const;
const Level = StringEnum(LEVELS);
const Timestamp = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });

// ---------- requests ----------

export const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const FileParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  n: Type.Integer({ minimum: 0, maximum: 99 }),
});
export const LangQuery = Type.Object({ lang: Lang });

export const RaiseBody = Type.Object(
  {
    field: StringEnum(FIELDS),
    title: Text(300),
    content: Text(10_000),
    legalBasis: Type.Optional(Type.String({ maxLength: 1000, description: 'the legal basis in question' })),
    unitCode: Type.Optional(UnitCode),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
    clientRef: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 100,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description: "the draft's id on the device: the same draft sent again makes one item",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  status: Type.Optional(StringEnum(STATUSES)),
  level: Type.Optional(Level),
  field: Type.Optional(StringEnum(FIELDS)),
  province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
  unit: Type.Optional(UnitCode),
  asker: Type.Optional(Type.String({ maxLength: 60, description: 'username of the asker (e.g. an officer)' })),
  visit: Type.Optional(Type.String({ format: 'uuid' })),
  open: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(IsoDate('raised on or after')),
  to: Type.Optional(IsoDate('raised on or before')),
  ...Paging,
  lang: Lang,
});

export const DueSoonQuery = Type.Object({ level: Type.Optional(Level), lang: Lang });

export const StatsQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM; default this month' })),
  lang: Lang,
});

export const SimilarQuery = Type.Object({
  text: Type.Optional(Type.String({ maxLength: 10_000 })),
  id: Type.Optional(Type.String({ format: 'uuid' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  lang: Lang,
});

export const SettingParams = Type.Object({ field: StringEnum(FIELDS) });
export const SettingBody = Type.Object(
  {
    answerWorkingDays: Type.Integer({ minimum: 1, maximum: 90 }),
    warnWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
    provinceCode: Type.Optional(Type.String({ pattern: '^$|^\\d{2}$', description: "'' = national" })),
  },
  { additionalProperties: false },
);

export const ActBody = Type.Object(
  {
    action: StringEnum(ACTIONS),
    answer: Type.Optional(Type.String({ maxLength: 20_000 })),
    legalBasis: Type.Optional(
      Type.String({ maxLength: 1000, description: 'the legal basis the answer cites (required to answer)' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const AttachmentsBody = Type.Object(
  { attachments: Type.Array(Attachment, { minItems: 1, maxItems: MAX_ATTACHMENTS }) },
  { additionalProperties: false },
);

export const KnowledgeQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  field: Type.Optional(StringEnum(FIELDS)),
  ...Paging,
  lang: Lang,
});

export const NotificationsQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  lang: Lang,
});

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// ---------- responses ----------

export { FileDownload, FileInfo };

export const Recommendation = Type.Object({
  id: Type.String(),
  code: Type.String(),
  provinceCode: Type.String(),
  field: Type.String(),
  title: Type.String(),
  content: Type.String(),
  legalBasis: OrNull(Type.String()),
  unitCode: Type.String(),
  urgency: StringEnum(URGENCIES),
  attachments: Type.Array(FileInfo),
  askerKind: StringEnum(['commune', 'province', 'officer'] as const),
  askerUnitCode: Type.String(),
  askerUsername: Type.String(),
  visitId: OrNull(Type.String()),
  status: StringEnum(STATUSES),
  level: Level,
  arrivedOn: Day,
  workingDays: Type.Integer(),
  dueDate: OrNull(Day),
  workingDaysLeft: OrNull(Type.Integer()),
  overdue: Type.Boolean(),
  answer: OrNull(Type.String()),
  answerLegalBasis: OrNull(Type.String()),
  answeredLevel: OrNull(Type.String()),
  answeredBy: OrNull(Type.String()),
  answeredAt: OrNull(Timestamp),
  answerWorkingDays: OrNull(Type.Integer()),
  answeredLate: OrNull(Type.Boolean()),
  infoRequestCount: Type.Integer(),
  reopenCount: Type.Integer(),
  closedAt: OrNull(Timestamp),
  publishedAt: OrNull(Timestamp),
  createdAt: Timestamp,
  version: Type.Integer(),
  actions: Type.Array(StringEnum(ACTIONS), { description: 'what the signed-in user may do now' }),
});

export const RecEvent = Type.Object({
  at: Timestamp,
  actorUsername: Type.String({ description: 'the login name (for tools; pages show `actor`)' }),
  actor: ActedBy,
  action: Type.String(),
  fromStatus: OrNull(Type.String()),
  toStatus: OrNull(Type.String()),
  level: OrNull(Type.String()),
  note: OrNull(Type.String()),
});

export const RecommendationDetail = Type.Object({
  ...Recommendation.properties,
  asker: ActedBy,
  answerer: ActedBy,
  events: Type.Array(RecEvent),
});

export const RecommendationPage = Page(Recommendation);

export const DueSoon = Type.Object({
  today: Day,
  dueSoon: Type.Array(Recommendation),
  overdue: Type.Array(Recommendation),
});

export const Stats = Type.Object({
  today: Day,
  month: Type.String(),
  open: Type.Array(
    Type.Object({ field: Type.String(), level: Type.String(), status: Type.String(), count: Type.Integer() }),
  ),
  overdue: Type.Array(Type.Object({ level: Type.String(), count: Type.Integer() })),
  byProvince: Type.Array(
    Type.Object({
      provinceCode: Type.String(),
      total: Type.Integer(),
      fields: Type.Array(Type.Object({ field: Type.String(), count: Type.Integer() })),
      topProblems: Type.Array(Type.Object({ title: Type.String(), count: Type.Integer() })),
    }),
  ),
  timeToAnswer: Type.Array(
    Type.Object({
      level: OrNull(Type.String()),
      answered: Type.Integer(),
      averageWorkingDays: OrNull(Type.Number()),
      medianWorkingDays: OrNull(Type.Number()),
      late: Type.Integer(),
      onTimeRate: OrNull(Type.Number({ description: 'per cent answered on time' })),
    }),
  ),
});

export const SimilarItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  field: Type.String(),
  title: Type.String(),
  status: Type.String(),
  provinceCode: Type.String(),
  published: Type.Boolean(),
  answer: OrNull(Type.String({ description: 'the answer, when published (readable by everyone)' })),
  score: Type.Number(),
});
export const SimilarList = Type.Object({ items: Type.Array(SimilarItem) });

const Limits = Type.Object({ answerWorkingDays: Type.Integer(), warnWorkingDays: Type.Integer() });
export const FieldSettings = Type.Object({
  items: Type.Array(
    Type.Object({
      field: Type.String(),
      national: Limits,
      province: Type.Optional(Type.Object({ provinceCode: Type.String(), ...Limits.properties })),
    }),
  ),
});
export const FieldSettingSaved = Type.Object({
  provinceCode: Type.String({ description: "'' = national" }),
  field: Type.String(),
  ...Limits.properties,
});

export const Warned = Type.Object({ warned: Type.Integer() });

export const KnowledgeEntry = Type.Object({
  id: Type.String(),
  code: Type.String(),
  field: Type.String(),
  provinceCode: Type.String(),
  title: Type.String(),
  question: Type.String(),
  legalBasis: OrNull(Type.String()),
  answer: OrNull(Type.String()),
  answerLegalBasis: OrNull(Type.String()),
  answeredLevel: OrNull(Type.String()),
  answeredAt: OrNull(Timestamp),
  publishedAt: OrNull(Timestamp),
});
export const KnowledgePage = Page(KnowledgeEntry);

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  provinceCode: OrNull(Type.String()),
  title: Type.String(),
  body: OrNull(Type.String()),
  createdAt: Timestamp,
  readAt: OrNull(Timestamp),
});
export const NotificationList = Type.Object({ items: Type.Array(Notification), unread: Type.Integer() });
export const Marked = Type.Object({ marked: Type.Integer() });

// ---------- the shapes the web uses ----------

export type Recommendation = Static<typeof Recommendation>;
export type RecommendationDetail = Static<typeof RecommendationDetail>;
export type RecommendationPage = Static<typeof RecommendationPage>;
export type RecEvent = Static<typeof RecEvent>;
export type DueSoon = Static<typeof DueSoon>;
export type Stats = Static<typeof Stats>;
export type SimilarItem = Static<typeof SimilarItem>;
export type FieldSettings = Static<typeof FieldSettings>;
export type KnowledgeEntry = Static<typeof KnowledgeEntry>;
export type Notification = Static<typeof Notification>;
export type NotificationList = Static<typeof NotificationList>;
export type FileInfo = Static<typeof FileInfo>;
export type RaiseBody = Static<typeof RaiseBody>;
export type ActBody = Static<typeof ActBody>;
export type RecAction = Recommendation['actions'][number];
export type SimilarList = Static<typeof SimilarList>;
export type KnowledgePage = Static<typeof KnowledgePage>;
