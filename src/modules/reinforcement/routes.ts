import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { sendFile } from '../../core/attachments.js';
import {
  Coverage,
  CoverageQuery,
  DraftBody,
  FileDownload,
  Id,
  LangQuery as Q,
  MAX_ATTACHMENT_BYTES,
  MAX_VISIT_PHOTOS,
  OfficerBody,
  OfficerParams,
  Officer,
  OfficersOverview,
  PhaseBody,
  PhaseCreated,
  PhaseDetail,
  PhaseList,
  PhotoParams,
  PhotosBody,
  Removed,
  Report,
  ReportBody,
  ReportList,
  ReportsQuery,
  ReportsStatus,
  Schedule,
  ScheduleBody,
  ScheduleList,
  SchedulesQuery,
  Visit,
  VisitBody,
  VisitLogged,
  VisitPage,
  VisitsQuery,
} from './contract.js';
import {
  addVisitPhotos,
  assignOfficer,
  coverage,
  getVisitPhoto,
  createPhase,
  draftReport,
  editReport,
  getPhase,
  getReport,
  getVisit,
  listPhases,
  listReports,
  listSchedules,
  listVisits,
  logVisit,
  officersOverview,
  putSchedule,
  removeOfficer,
  reportsStatus,
  submitReport,
} from './service.js';

export async function reinforcementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  r.get(
    '/api/reinforcement/phases',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Reinforcement phases, newest first',
        querystring: Q,
        response: { 200: PhaseList },
      },
    },
    () => listPhases(db()),
  );

  r.post(
    '/api/reinforcement/phases',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Create a phase; copyFrom carries over the officers and their provinces (the support group)',
        querystring: Q,
        body: PhaseBody,
        response: { 201: PhaseCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await createPhase(db(), actorOf(req), req.body, clock())),
  );

  r.get(
    '/api/reinforcement/phases/:id',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'A phase with its officers (a province sees its own)',
        params: Id,
        querystring: Q,
        response: { 200: PhaseDetail },
      },
    },
    (req) => getPhase(db(), actorOf(req), req.params.id),
  );

  r.put(
    '/api/reinforcement/phases/:id/officers/:username',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Assign a Ministry user to a province for the phase (or move them)',
        params: OfficerParams,
        querystring: Q,
        body: OfficerBody,
        response: { 200: Officer },
      },
    },
    (req) => assignOfficer(db(), actorOf(req), req.params.id, req.params.username, req.body),
  );

  r.delete(
    '/api/reinforcement/phases/:id/officers/:username',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Take an officer off the phase',
        params: OfficerParams,
        querystring: Q,
        response: { 200: Removed },
      },
    },
    (req) => removeOfficer(db(), actorOf(req), req.params.id, req.params.username),
  );

  r.get(
    '/api/reinforcement/phases/:id/coverage',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Communes visited and not yet visited per province (with province: the list not yet visited)',
        params: Id,
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    (req) => coverage(db(), actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/reinforcement/phases/:id/reports-status',
    {
      schema: {
        tags: ['reinforcement'],
        summary: "Each officer's weekly reports: sent, sent late, due, late",
        params: Id,
        querystring: Q,
        response: { 200: ReportsStatus },
      },
    },
    (req) => reportsStatus(db(), actorOf(req), req.params.id, clock()),
  );

  r.get(
    '/api/reinforcement/phases/:id/officers',
    {
      schema: {
        tags: ['reinforcement'],
        summary: "Each officer's visits and the status of the items they raised",
        params: Id,
        querystring: Q,
        response: { 200: OfficersOverview },
      },
    },
    (req) => officersOverview(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/reinforcement/schedules',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Weekly schedules with planned commune visits',
        querystring: SchedulesQuery,
        response: { 200: ScheduleList },
      },
    },
    (req) => listSchedules(db(), actorOf(req), req.query),
  );

  r.put(
    '/api/reinforcement/schedules',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Plan your week (Monday to Sunday): the communes to visit (replaces the week’s plan)',
        querystring: Q,
        body: ScheduleBody,
        response: { 200: Schedule },
      },
    },
    (req) => putSchedule(db(), actorOf(req), req.body, clock()),
  );

  r.post(
    '/api/reinforcement/visits',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 3),
      schema: {
        tags: ['reinforcement'],
        summary:
          'Log a visit with the items raised there; ' +
          'send Idempotency-Key and clientRef so a draft sent again from the phone makes one visit',
        querystring: Q,
        body: VisitBody,
        response: { 200: VisitLogged, 201: VisitLogged },
      },
    },
    async (req, reply) => {
      const v = await logVisit(db(), actorOf(req), req.body, clock(), app.fileStore);
      return reply.status(v.duplicate ? 200 : 201).send(v);
    },
  );

  r.get(
    '/api/reinforcement/visits',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Visit logs (the map of visits): a province sees its own, a commune the visits to it',
        querystring: VisitsQuery,
        response: { 200: VisitPage },
      },
    },
    (req) =>
      listVisits(db(), actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }),
  );

  r.get(
    '/api/reinforcement/visits/:id',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'A visit log with the items raised there',
        params: Id,
        querystring: Q,
        response: { 200: Visit },
      },
    },
    (req) => getVisit(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/reinforcement/visits/:id/photos/:n',
    {
      schema: {
        tags: ['reinforcement'],
        summary: "Download a visit's photo (n: its position, from 0)",
        params: PhotoParams,
        querystring: Q,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) =>
      sendFile(reply, await getVisitPhoto(db(), actorOf(req), req.params.id, req.params.n, app.fileStore)),
  );

  r.post(
    '/api/reinforcement/visits/:id/photos',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 2),
      schema: {
        tags: ['reinforcement'],
        summary: `Add photos to your visit log (base64 content, 10 MB each, ${MAX_VISIT_PHOTOS} in all)`,
        params: Id,
        querystring: Q,
        body: PhotosBody,
        response: { 201: Visit },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addVisitPhotos(db(), actorOf(req), req.params.id, req.body.photos, app.fileStore)),
  );

  r.post(
    '/api/reinforcement/reports/draft',
    {
      schema: {
        tags: ['reinforcement'],
        summary: "Draft (or re-draft) your week's report from the week's visit logs and items",
        querystring: Q,
        body: DraftBody,
        response: { 200: Report },
      },
    },
    (req) => draftReport(db(), actorOf(req), req.body, clock()),
  );

  r.get(
    '/api/reinforcement/reports',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Periodic reports (sent ones, and your own drafts)',
        querystring: ReportsQuery,
        response: { 200: ReportList },
      },
    },
    (req) => listReports(db(), actorOf(req), req.query),
  );

  r.get(
    '/api/reinforcement/reports/:id',
    { schema: { tags: ['reinforcement'], summary: 'A report', params: Id, querystring: Q, response: { 200: Report } } },
    (req) => getReport(db(), actorOf(req), req.params.id),
  );

  r.patch(
    '/api/reinforcement/reports/:id',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Edit your draft report',
        params: Id,
        querystring: Q,
        body: ReportBody,
        response: { 200: Report },
      },
    },
    (req) => editReport(db(), actorOf(req), req.params.id, req.body, clock()),
  );

  r.post(
    '/api/reinforcement/reports/:id/submit',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Send your report to the Ministry',
        params: Id,
        querystring: Q,
        response: { 200: Report },
      },
    },
    (req) => submitReport(db(), actorOf(req), req.params.id, clock()),
  );
}
