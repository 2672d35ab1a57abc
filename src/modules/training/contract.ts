/**
 * The API contract of the training module (conferences, their bridge points, attendance, certificates, questions):
 * every route's request and response schemas. The routes import them; the web imports the types.
 */
import { Type, type Static } from 'typebox';
import { Attachment, FileDownload, FileInfo } from '../../core/attachments.js';
import { Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { BRIDGE_KINDS, BRIDGE_STATES, CHECK_IN_STATES } from './domain/bridges.js';

export { FileDownload };

const Uuid = Type.String({ format: 'uuid' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
const BridgeCode = Type.String({ pattern: '^(\\d{2}|\\d{5}|BNV)$', description: 'a unit code, or BNV (the Ministry)' });
const Timestamp = Type.String({ format: 'date-time' });
const ClientRef = Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' });
export const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'contract'] as const;

// ---------- requests ----------

export const Id = Type.Object({ id: Uuid });
export const BridgeParams = Type.Object({ id: Uuid, unitCode: BridgeCode });
export const PersonParams = Type.Object({ id: Uuid, personId: Uuid });
export const QuestionParams = Type.Object({ id: Uuid, questionId: Uuid });
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9]{12}$' }) });
export const LangQuery = Type.Object({ lang: Lang });

export const AudienceBody = Type.Object(
  {
    categories: Type.Array(StringEnum(CATEGORIES), { minItems: 1, uniqueItems: true }),
    leadersOnly: Type.Optional(Type.Boolean({ default: false })),
    communesOnly: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const EventBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    startsAt: Timestamp,
    endsAt: Timestamp,
    province: Type.Optional(ProvinceCode),
    programme: Type.Optional(Type.String({ maxLength: 5000 })),
    trainers: Type.Optional(Type.String({ maxLength: 1000 })),
    attendShare: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'percent of the session' })),
    audience: Type.Optional(AudienceBody),
    clientRef: Type.Optional(ClientRef),
  },
  { additionalProperties: false },
);

export const EventChangesBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    startsAt: Type.Optional(Timestamp),
    endsAt: Type.Optional(Timestamp),
    programme: Type.Optional(OrNull(Type.String({ maxLength: 5000 }))),
    trainers: Type.Optional(OrNull(Type.String({ maxLength: 1000 }))),
    attendShare: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'percent of the session' })),
    audience: Type.Optional(OrNull(AudienceBody)),
    confirmCancellations: Type.Optional(
      Type.Boolean({
        description:
          'the host has seen the registrations a new audience cancels (POST …/changes/preview) and confirms; ' +
          'without it such a change answers 409',
      }),
    ),
  },
  { additionalProperties: false, description: 'only the fields that change; the host province is not changed here' },
);

export const Cancellations = Type.Object({
  total: Type.Integer({ description: 'registrations the change would cancel (people the new audience leaves out)' }),
  items: Type.Array(
    Type.Object({
      personId: Type.String(),
      fullName: Type.String(),
      unitCode: Type.String(),
      unitName: OrNull(Type.String()),
    }),
    { description: 'the first 500, by unit and name' },
  ),
});
export const ChangesPreview = Type.Object({ cancelled: Cancellations });

export const PresenceCodeToken = Type.String({
  pattern: '^(\\d{2}|\\d{5}|BNV)\\.\\d{9,11}\\.[A-Za-z0-9_-]{32}$',
  description: 'a bridge’s signed short-lived presence code',
});
export const ScanBody = Type.Object(
  {
    token: PresenceCodeToken,
    action: Type.Optional(StringEnum(['join', 'leave'] as const)),
  },
  { additionalProperties: false },
);

export const BridgesQuery = Type.Object({
  province: Type.Optional(ProvinceCode),
  state: Type.Optional(StringEnum(BRIDGE_STATES)),
  kind: Type.Optional(StringEnum(BRIDGE_KINDS)),
  ...Paging,
  lang: Lang,
});

export const CheckInBody = Type.Object(
  {
    state: StringEnum(CHECK_IN_STATES),
    passed: Type.Optional(Type.Boolean({ description: 'a connection test: false when it failed (say why in note)' })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'when it was made on the device (offline)' })),
    clientRef: Type.Optional(ClientRef),
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    audience: Type.Optional(AudienceBody),
    personIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 5000, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const AttendeesQuery = Type.Object({
  province: Type.Optional(ProvinceCode),
  unit: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
  attended: Type.Optional(Type.Boolean()),
  ...Paging,
  lang: Lang,
});

export const PresenceBody = Type.Object(
  {
    personId: Uuid,
    joinedAt: Timestamp,
    leftAt: Type.Optional(Timestamp),
    source: Type.Optional(StringEnum(['officer', 'qr'] as const)),
    clientRef: Type.Optional(ClientRef),
  },
  { additionalProperties: false },
);

export const ImportBody = Type.Object(
  {
    csv: Type.Optional(
      Type.String({ minLength: 1, maxLength: 5_000_000, description: 'the conference tool’s report as CSV text' }),
    ),
    xlsxBase64: Type.Optional(
      Type.String({ minLength: 1, maxLength: 7_000_000, description: 'or its Excel report (.xlsx), base64' }),
    ),
  },
  { additionalProperties: false },
);

export const AbsenceBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const QuestionBody = Type.Object(
  {
    unitCode: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
    text: Type.String({ minLength: 3, maxLength: 4000 }),
    clientRef: Type.Optional(ClientRef),
  },
  { additionalProperties: false },
);

export const ForwardBody = Type.Object(
  { force: Type.Optional(Type.Boolean({ description: 'send even if it looks like an answered item' })) },
  { additionalProperties: false },
);

export const MaterialsBody = Type.Object(
  { files: Type.Array(Attachment, { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
export const MaterialParams = Type.Object({ id: Uuid, n: Type.Integer({ minimum: 0, maximum: 99 }) });

// ---------- responses ----------

const Counts = Type.Object(
  Object.fromEntries(BRIDGE_STATES.map((s) => [s, Type.Integer()])) as Record<
    (typeof BRIDGE_STATES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

export const EventSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  province: OrNull(Type.String({ description: 'the host province; null = the Ministry (national)' })),
  hostName: OrNull(
    Type.String({
      description: 'the host province’s name (its main bridge’s, from the registry); null = the Ministry',
    }),
  ),
  startsAt: Timestamp,
  endsAt: Timestamp,
  bridges: Type.Object({ total: Type.Integer({ description: 'every bridge of the event' }) }),
});

export const EventList = Type.Object({ items: Type.Array(EventSummary) });

export const MyEvent = Type.Object({
  ...EventSummary.properties,
  registered: Type.Boolean({ description: 'false: the audience names the person but nobody registered them yet' }),
  minutes: Type.Integer({ description: 'minutes present so far' }),
  requiredMinutes: Type.Integer(),
  share: Type.Integer(),
  ended: Type.Boolean(),
  scanOpen: Type.Boolean({ description: 'the door’s QR check-in is open now for this person' }),
  certificate: Type.Boolean({ description: 'ended and present long enough: the certificate page gives it' }),
});
export const MyEventList = Type.Object({ personId: Uuid, items: Type.Array(MyEvent) });

export const EventDetail = Type.Object({
  id: Uuid,
  title: Type.String(),
  province: OrNull(Type.String()),
  hostName: OrNull(Type.String({ description: 'the host province’s name; null = the Ministry' })),
  programme: OrNull(Type.String()),
  trainers: OrNull(Type.String()),
  audience: OrNull(
    Type.Object({
      categories: Type.Array(StringEnum(CATEGORIES)),
      leadersOnly: Type.Boolean(),
      communesOnly: Type.Boolean(),
    }),
  ),
  startsAt: Timestamp,
  endsAt: Timestamp,
  registryDate: Type.String({ format: 'date' }),
  attendShare: Type.Integer(),
  rule: Type.Object({
    sessionMinutes: Type.Integer(),
    requiredMinutes: Type.Integer(),
    share: Type.Integer(),
  }),
  bridges: Type.Object({
    total: Type.Integer({ description: 'every bridge of the event' }),
    inScope: Type.Integer({ description: 'the bridges the caller sees' }),
    byState: Counts,
  }),
  attendees: Type.Integer({ description: 'registered, in the caller’s scope' }),
  actions: Type.Array(Type.String()),
  createdAt: Timestamp,
});

export const Bridge = Type.Object({
  unitCode: Type.String(),
  provinceCode: OrNull(Type.String()),
  kind: StringEnum(BRIDGE_KINDS),
  name: Type.String(),
  hall: OrNull(Type.String()),
  officer: OrNull(Type.String()),
  phone: OrNull(Type.String()),
  state: StringEnum(BRIDGE_STATES),
  testResult: OrNull(StringEnum(['passed', 'failed'] as const)),
  testNote: OrNull(Type.String()),
  note: OrNull(Type.String()),
  lastAt: OrNull(Timestamp),
  connectedAt: OrNull(Timestamp),
  reconnects: Type.Integer(),
});
export const BridgePage = Page(Bridge);

export const CheckInResult = Type.Object({
  bridge: Bridge,
  applied: Type.Boolean({ description: 'false when the report was already received, or older than the last one' }),
});

export const ProvinceBoard = Type.Object({
  provinceCode: Type.String(),
  name: Type.String(),
  byState: Counts,
  /** each commune's state in code order, for the map's tiles */
  communes: Type.Array(Type.Object({ unitCode: Type.String(), state: StringEnum(BRIDGE_STATES) })),
});
export const Board = Type.Object({
  host: OrNull(Bridge),
  byState: Counts,
  provinces: Type.Array(ProvinceBoard),
});

export const SilentList = Type.Object({
  provinces: Type.Array(
    Type.Object({
      provinceCode: Type.String(),
      name: Type.String(),
      silent: Type.Array(Bridge),
    }),
  ),
  total: Type.Integer(),
});

export const Attendee = Type.Object({
  personId: Uuid,
  fullName: Type.String(),
  provinceCode: Type.String(),
  unitCode: Type.String(),
  unitName: Type.String(),
  category: Type.String(),
  minutes: Type.Integer(),
  attended: Type.Boolean(),
  absenceReason: OrNull(Type.String()),
  certificate: Type.Boolean({
    description: 'a certificate can be downloaded (who attended, once the conference ended)',
  }),
  certificateCode: OrNull(Type.String({ description: 'the issued certificate’s number (its QR verifies it)' })),
});
export const AttendeePage = Type.Object({
  items: Type.Array(Attendee),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  rule: Type.Object({ sessionMinutes: Type.Integer(), requiredMinutes: Type.Integer(), share: Type.Integer() }),
});

export const Registered = Type.Object({ registered: Type.Integer(), total: Type.Integer() });

export const PresenceRecorded = Type.Object({
  personId: Uuid,
  minutes: Type.Integer(),
  attended: Type.Boolean(),
});

export const ImportResult = Type.Object({
  imported: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer(),
      column: Type.String(),
      value: Type.String(),
      message: Type.String(),
    }),
  ),
});

export const ReportRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  bridges: Type.Integer(),
  connected: Type.Integer({ description: 'bridges that connected at some time' }),
  expected: Type.Integer(),
  attended: Type.Integer(),
});
export const AttendanceReport = Type.Object({
  rule: Type.Object({ sessionMinutes: Type.Integer(), requiredMinutes: Type.Integer(), share: Type.Integer() }),
  totals: ReportRow,
  rows: Type.Array(ReportRow, { description: 'by province (national view) or by commune (a province)' }),
  absentees: Type.Array(
    Type.Object({
      personId: Uuid,
      fullName: Type.String(),
      unitName: Type.String(),
      minutes: Type.Integer(),
      reason: OrNull(Type.String()),
    }),
  ),
});

export const Materials = Type.Object({ items: Type.Array(FileInfo) });

export const PresenceCode = Type.Object({
  token: Type.String(),
  url: Type.String({ description: 'the check-in page the QR opens' }),
  qrSvg: Type.String({ description: 'the QR code as SVG' }),
  bridgeName: Type.String(),
  expiresAt: Timestamp,
});

export const ScanResult = Type.Object({
  changed: Type.Boolean({ description: 'false when nothing was to do (scanned twice, left already)' }),
  present: Type.Boolean(),
  since: OrNull(Timestamp),
  minutes: Type.Integer(),
  requiredMinutes: Type.Integer(),
  fullName: Type.String(),
  bridgeName: Type.String(),
  title: Type.String(),
});

export const CERTIFICATE_STATUSES = ['ready', 'not_registered', 'not_ended', 'not_attended'] as const;
export const CertificateStatus = Type.Object({
  status: StringEnum(CERTIFICATE_STATUSES),
  title: Type.String(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  fullName: OrNull(Type.String()),
  unitName: OrNull(Type.String()),
  minutes: Type.Integer(),
  requiredMinutes: Type.Integer(),
  sessionMinutes: Type.Integer(),
  share: Type.Integer(),
  certificate: OrNull(Type.Object({ code: Type.String(), hostName: Type.String() })),
});

export const Verification = Type.Object({
  valid: Type.Boolean(),
  fullName: Type.String(),
  title: Type.String(),
  startsAt: Timestamp,
  minutes: Type.Integer(),
});

export const Question = Type.Object({
  id: Uuid,
  unitCode: Type.String(),
  unitName: Type.String(),
  text: Type.String(),
  askedBy: Type.String(),
  createdAt: Timestamp,
  recommendationId: OrNull(Uuid),
  /** an answered item of the channel that looks like the same question */
  similarAnswered: OrNull(Type.Object({ id: Uuid, code: Type.String(), title: Type.String() })),
});
export const QuestionList = Type.Object({ items: Type.Array(Question) });
export const Forwarded = Type.Object({
  recommendationId: Uuid,
  code: OrNull(Type.String({ description: 'the new item’s code; null when it was sent before' })),
});
export const LiveStream = Type.String({
  description:
    'text/event-stream: `snapshot` first (the board), then one `bridge` event per change ({ unitCode, provinceCode, from, to, at })',
});

export type EventBodyT = Static<typeof EventBody>;
export type EventChangesBodyT = Static<typeof EventChangesBody>;
export type ChangesPreviewT = Static<typeof ChangesPreview>;
export type PresenceCodeT = Static<typeof PresenceCode>;
export type ScanResultT = Static<typeof ScanResult>;
export type CertificateStatusT = Static<typeof CertificateStatus>;
export type EventDetailT = Static<typeof EventDetail>;
export type BridgeT = Static<typeof Bridge>;
export type BoardT = Static<typeof Board>;
export type CheckInBodyT = Static<typeof CheckInBody>;
export type AttendeeT = Static<typeof Attendee>;
export type AttendanceReportT = Static<typeof AttendanceReport>;
export type SilentListT = Static<typeof SilentList>;
export type QuestionT = Static<typeof Question>;
export type ImportResultT = Static<typeof ImportResult>;
export type MaterialsT = Static<typeof Materials>;
export type EventSummaryT = Static<typeof EventSummary>;
export type MyEventT = Static<typeof MyEvent>;
/** One change of a bridge on the live stream. */
export interface BridgeChange {
  unitCode: string;
  provinceCode: string | null;
  from: (typeof BRIDGE_STATES)[number];
  to: (typeof BRIDGE_STATES)[number];
  /** when the server committed it (ISO), to measure the delay until the map shows it */
  at: string;
}
