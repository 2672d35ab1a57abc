import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createHash } from 'node:crypto';
import { actorOf } from '../../core/context.js';
import { sendFile } from '../../core/attachments.js';
import { t, type MessageKey } from '../../core/i18n.js';
import {
  AbsenceBody,
  Attendee,
  AttendanceReport,
  AttendeePage,
  AttendeesQuery,
  Board,
  BridgePage,
  BridgeParams,
  BridgesQuery,
  CheckInBody,
  CheckInResult,
  CodeParams,
  EventBody,
  EventChangesBody,
  ChangesPreview,
  EventDetail,
  CertificateStatus,
  PresenceCode,
  ScanBody,
  ScanResult,
  EventList,
  MyEventList,
  FileDownload,
  MaterialParams,
  Materials,
  MaterialsBody,
  ForwardBody,
  Forwarded,
  Question,
  QuestionBody,
  QuestionList,
  QuestionParams,
  Id,
  ImportBody,
  ImportResult,
  LangQuery as Q,
  LiveStream,
  PersonParams,
  PresenceBody,
  PresenceRecorded,
  RegisterBody,
  Registered,
  SilentList,
  Verification,
} from './contract.js';
import {
  attendanceReport,
  board,
  certificateOf,
  certificateStatus,
  presenceCode,
  scanPresence,
  updateEvent,
  previewChanges,
  checkIn,
  createEvent,
  getEvent,
  importPresence,
  listAttendees,
  listBridges,
  listEvents,
  myEvents,
  recordPresence,
  registerAttendees,
  setAbsence,
  silentBridges,
  verifyCertificate,
} from './service.js';
import { connectLive, openStream } from './live.js';
import { addMaterials, getMaterial, listMaterials } from './materials.js';
import { askQuestion, forwardQuestion, listQuestions } from './questions.js';
import { renderCertificate } from './certificate.js';
import { Type } from 'typebox';
import QRCode from 'qrcode';

const TAGS = ['trainings'];

export async function trainingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const streams = new Set<() => void>();
  // The other API processes' bridge changes reach the streams this one holds (PostgreSQL; PGlite has one process).
  const disconnect = await connectLive(app.database.bus);
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
    await disconnect().catch(() => {});
  });

  r.get(
    '/api/trainings',
    {
      schema: {
        tags: TAGS,
        summary: 'Training conferences the caller sees, newest first',
        querystring: Q,
        response: { 200: EventList },
      },
    },
    (req) => listEvents(db(), actorOf(req)),
  );

  r.get(
    '/api/trainings/mine',
    {
      schema: {
        tags: TAGS,
        summary:
          'The signed-in person’s own conferences (an account linked to a staff record): registration, minutes ' +
          'present against the rule, whether the door’s scan is open, whether a certificate is theirs',
        querystring: Q,
        response: { 200: MyEventList },
      },
    },
    (req) => myEvents(db(), actorOf(req), app.clock.now()),
  );

  r.post(
    '/api/trainings',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a conference: its bridges are laid out from the units registry as of its day',
        querystring: Q,
        body: EventBody,
        response: { 201: EventDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createEvent(db(), actorOf(req), req.body, app.clock)),
  );

  r.get(
    '/api/trainings/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A conference with its bridges counted by state (the caller’s scope) and the attendance rule',
        params: Id,
        querystring: Q,
        response: { 200: EventDetail },
      },
    },
    (req) => getEvent(db(), actorOf(req), req.params.id, app.clock.now()),
  );

  r.patch(
    '/api/trainings/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          'The host edits its conference before it starts; the bridges are laid out again only when the day (the registry’s date) changes',
        params: Id,
        querystring: Q,
        body: EventChangesBody,
        response: { 200: EventDetail },
      },
    },
    (req) => updateEvent(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.post(
    '/api/trainings/:id/changes/preview',
    {
      schema: {
        tags: TAGS,
        summary:
          'What saving these changes would cancel (the registrations a new audience leaves out), for the host to read ' +
          'before saving; nothing is stored',
        params: Id,
        querystring: Q,
        body: EventChangesBody,
        response: { 200: ChangesPreview },
      },
    },
    (req) => previewChanges(db(), actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/trainings/:id/bridges/:unitCode/presence-code',
    {
      schema: {
        tags: TAGS,
        summary: 'The bridge’s short-lived signed code for the door, as a QR opening the check-in page (its officer)',
        params: BridgeParams,
        querystring: Q,
        response: { 200: PresenceCode },
      },
    },
    async (req) => {
      const c = await presenceCode(db(), actorOf(req), req.params.id, req.params.unitCode, app.clock);
      const url = `${req.protocol}://${req.host}/tap-huan/${req.params.id}/diem-danh?ma=${encodeURIComponent(c.token)}`;
      const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { ...c, url, qrSvg };
    },
  );

  r.post(
    '/api/trainings/:id/presence/scan',
    {
      schema: {
        tags: TAGS,
        summary: 'The attendee, signed in on their phone, scans their bridge’s code: joining, or leaving',
        params: Id,
        querystring: Q,
        body: ScanBody,
        response: { 200: ScanResult },
      },
    },
    (req) => scanPresence(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.get(
    '/api/trainings/:id/attendees/:personId/certificate/status',
    {
      schema: {
        tags: TAGS,
        summary: 'The certificate page: the certificate (issued at the first look) or why there is none',
        params: PersonParams,
        querystring: Q,
        response: { 200: CertificateStatus },
      },
    },
    (req) => certificateStatus(db(), actorOf(req), req.params.id, req.params.personId, app.clock.now()),
  );

  r.get(
    '/api/trainings/:id/bridges',
    {
      schema: {
        tags: TAGS,
        summary: 'Bridge points in the caller’s scope',
        params: Id,
        querystring: BridgesQuery,
        response: { 200: BridgePage },
      },
    },
    (req) => listBridges(db(), actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/trainings/:id/board',
    {
      schema: {
        tags: TAGS,
        summary: 'The host’s map: counts by state, each province with its communes’ states',
        params: Id,
        querystring: Q,
        response: { 200: Board },
      },
    },
    (req) => board(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/trainings/:id/silent',
    {
      schema: {
        tags: TAGS,
        summary: 'Bridges not heard from, by province, with their contacts to call',
        params: Id,
        querystring: Type.Object({
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          lang: Q.properties.lang,
        }),
        response: { 200: SilentList },
      },
    },
    (req) => silentBridges(db(), actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/trainings/:id/live',
    {
      schema: {
        tags: TAGS,
        summary: 'Server-sent events: the board, then each change of a bridge in the caller’s scope',
        params: Id,
        querystring: Q,
        response: { 200: LiveStream },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await openStream(req, reply, req.params.id, actor, () => board(db(), actor, req.params.id), streams);
    },
  );

  r.post(
    '/api/trainings/:id/bridges/:unitCode/check-in',
    {
      schema: {
        tags: TAGS,
        summary: 'A bridge reports its connection test, connected, trouble or left (its own account)',
        params: BridgeParams,
        querystring: Q,
        body: CheckInBody,
        response: { 200: CheckInResult },
      },
    },
    (req) => checkIn(db(), actorOf(req), req.params.id, req.params.unitCode, req.body, app.clock),
  );

  r.post(
    '/api/trainings/:id/attendees',
    {
      schema: {
        tags: TAGS,
        summary: 'Register who should attend: by staff group from the workforce (host), or a list of people',
        params: Id,
        querystring: Q,
        body: RegisterBody,
        response: { 200: Registered },
      },
    },
    (req) => registerAttendees(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.get(
    '/api/trainings/:id/attendees',
    {
      schema: {
        tags: TAGS,
        summary: 'Registered staff with their minutes present and whether they attended (the rule shown)',
        params: Id,
        querystring: AttendeesQuery,
        response: { 200: AttendeePage },
      },
    },
    (req) => listAttendees(db(), actorOf(req), req.params.id, req.query, app.clock.now()),
  );

  r.post(
    '/api/trainings/:id/presence',
    {
      schema: {
        tags: TAGS,
        summary: 'A join–leave interval of a person at a bridge (entered by the officer or scanned at the door)',
        params: Id,
        querystring: Q,
        body: PresenceBody,
        response: { 200: PresenceRecorded },
      },
    },
    (req) => recordPresence(db(), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/trainings/:id/presence/import',
    {
      schema: {
        tags: TAGS,
        summary: 'Import the conference tool’s report (CSV or Excel); nothing is written when a row is wrong',
        params: Id,
        querystring: Q,
        body: ImportBody,
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      const out = await importPresence(db(), actorOf(req), req.params.id, req.body);
      return {
        imported: out.imported,
        errors: out.errors.map((e) => ({
          row: e.row,
          column: e.column,
          value: e.value,
          message: t(req.lang, `training_import_${e.problem}` as MessageKey, {
            row: e.row,
            column: e.column,
            value: e.value,
          }),
        })),
      };
    },
  );

  r.put(
    '/api/trainings/:id/attendees/:personId/absence',
    {
      schema: {
        tags: TAGS,
        summary: 'Why an expected person did not attend',
        params: PersonParams,
        querystring: Q,
        body: AbsenceBody,
        response: { 200: Attendee },
      },
    },
    (req) => setAbsence(db(), actorOf(req), req.params.id, req.params.personId, req.body.reason, app.clock.now()),
  );

  r.get(
    '/api/trainings/:id/report',
    {
      schema: {
        tags: TAGS,
        summary: 'Attendance by province (or by commune for a province), and the absentees with their reasons',
        params: Id,
        querystring: Q,
        response: { 200: AttendanceReport },
      },
    },
    (req) => attendanceReport(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/trainings/:id/attendees/:personId/certificate',
    {
      schema: {
        tags: TAGS,
        summary: 'The certificate of attendance (PDF with a verification QR code)',
        params: PersonParams,
        querystring: Q,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) => {
      const c = await certificateOf(db(), actorOf(req), req.params.id, req.params.personId, app.clock.now());
      const origin = `${req.protocol}://${req.host}`;
      const bytes = Buffer.from(
        await renderCertificate({ ...c, verifyUrl: `${origin}/trainings/certificates/${c.code}` }),
      );
      return sendFile(reply, {
        name: `Giấy chứng nhận ${c.fullName}.pdf`,
        contentType: 'application/pdf',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
      });
    },
  );

  r.get(
    '/api/trainings/certificates/:code',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: 'Public: check a certificate by the code its QR carries',
        params: CodeParams,
        querystring: Q,
        response: { 200: Verification },
      },
    },
    (req) => verifyCertificate(db(), req.params.code),
  );

  r.post(
    '/api/trainings/:id/questions',
    {
      schema: {
        tags: TAGS,
        summary: 'A question raised at a bridge (the caller’s own, or unitCode within its scope)',
        params: Id,
        querystring: Q,
        body: QuestionBody,
        response: { 201: Question },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await askQuestion(db(), actorOf(req), req.params.id, req.body, app.clock)),
  );

  r.get(
    '/api/trainings/:id/questions',
    {
      schema: {
        tags: TAGS,
        summary: 'Questions raised at the bridges in the caller’s scope, each with an answered item it looks like',
        params: Id,
        querystring: Q,
        response: { 200: QuestionList },
      },
    },
    (req) => listQuestions(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/trainings/:id/questions/:questionId/forward',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a question to the two-way channel as the asking unit’s recommendation (one click)',
        params: QuestionParams,
        querystring: Q,
        body: ForwardBody,
        response: { 200: Forwarded },
      },
    },
    (req) =>
      forwardQuestion(db(), actorOf(req), req.params.id, req.params.questionId, req.body.force ?? false, app.clock),
  );

  r.get(
    '/api/trainings/:id/materials',
    {
      schema: {
        tags: TAGS,
        summary: 'The materials kept with the conference',
        params: Id,
        querystring: Q,
        response: { 200: Materials },
      },
    },
    (req) => listMaterials(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/trainings/:id/materials',
    {
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags: TAGS,
        summary: 'Keep materials with the conference (the host)',
        params: Id,
        querystring: Q,
        body: MaterialsBody,
        response: { 200: Materials },
      },
    },
    (req) => addMaterials(db(), app.fileStore, actorOf(req), req.params.id, req.body.files),
  );

  r.get(
    '/api/trainings/:id/materials/:n',
    {
      schema: {
        tags: TAGS,
        summary: 'Download a material',
        params: MaterialParams,
        querystring: Q,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) =>
      sendFile(reply, await getMaterial(db(), app.fileStore, actorOf(req), req.params.id, req.params.n)),
  );
}
