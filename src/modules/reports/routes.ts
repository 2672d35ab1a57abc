import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { startPeriodic } from '../../core/periodic.js';
import {
  Children,
  CreateBody,
  ErrorBody,
  IdParams,
  KindParams,
  LangQuery,
  ListQuery,
  Outline,
  OutlineBody,
  Recomputed,
  Report,
  ReportPage,
  SectionBody,
  SectionParams,
  StepBody,
  StepParams,
} from './contract.js';
import { reportDocumentRoutes } from './documents/routes.js';
import {
  acceptFigures,
  loadReportDocument,
  children,
  createReport,
  getOutline,
  getReport,
  listReports,
  putOutline,
  putSection,
  recompute,
  step,
} from './service.js';

import { runSchedule } from './schedule.js';

const tags = ['reports'];
/** The schedule (drafts at a period's end, the late) runs hourly while the server runs. */
const SCHEDULE_EVERY_MS = 3600_000;

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  // first pass an hour after the start, as every later one; a pass under way is waited for when the server closes
  let stop: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stop = startPeriodic(
      () =>
        runSchedule(app.database.db, app.clock)
          .then((done) => app.log.info({ done }, 'reports schedule'))
          .catch((err: unknown) => app.log.error({ err }, 'reports schedule failed')),
      SCHEDULE_EVERY_MS,
      SCHEDULE_EVERY_MS,
    );
  });
  app.addHook('onClose', async () => stop?.());

  r.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary:
          "Draft a unit's report for a period from the modules' figures (your own unit by default; the Ministry's " +
          'covers the country). One per unit, kind and period: sent again, it answers the same report (200)',
        querystring: LangQuery,
        body: CreateBody,
        response: { 200: Report, 201: Report, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const out = await createReport(db(), actorOf(req), req.body, clock());
      return reply.status(out.created ? 201 : 200).send(out.detail);
    },
  );

  r.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Reports in your scope: a commune its own, a province its own and its communes, the Ministry all',
        querystring: ListQuery,
        response: { 200: ReportPage },
      },
    },
    (req) => listReports(db(), actorOf(req), req.query, clock()),
  );

  r.get(
    '/api/reports/outlines/:kind',
    {
      schema: {
        tags,
        summary: "A kind's outline: its sections in order, each with the module whose figures it carries",
        params: KindParams,
        querystring: LangQuery,
        response: { 200: Outline },
      },
    },
    (req) => getOutline(db(), actorOf(req), req.params.kind),
  );

  r.put(
    '/api/reports/outlines/:kind',
    {
      schema: {
        tags,
        summary: "The Ministry changes a kind's outline (versioned: a stale version answers 409; audited)",
        params: KindParams,
        querystring: LangQuery,
        body: OutlineBody,
        response: { 200: Outline, 409: ErrorBody },
      },
    },
    (req) => putOutline(db(), actorOf(req), req.params.kind, req.body, clock()),
  );

  r.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'A report with its sections, figures (with their provenance) and history',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Report },
      },
    },
    (req) => getReport(db(), actorOf(req), req.params.id, clock()),
  );

  r.put(
    '/api/reports/:id/sections/:key',
    {
      schema: {
        tags,
        summary: "The author's text of a section (a stale version answers 409; a locked report 409)",
        params: SectionParams,
        querystring: LangQuery,
        body: SectionBody,
        response: { 200: Report, 409: ErrorBody },
      },
    },
    (req) => putSection(db(), actorOf(req), req.params.id, req.params.key, req.body, clock()),
  );

  r.post(
    '/api/reports/:id/recompute',
    {
      schema: {
        tags,
        summary: "Recompute the figures: the difference per figure; the report keeps the old ones until 'accept'",
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Recomputed, 409: ErrorBody },
      },
    },
    (req) => recompute(db(), actorOf(req), req.params.id, clock()),
  );

  r.post(
    '/api/reports/:id/accept',
    {
      schema: {
        tags,
        summary: 'Take the recomputed figures into the report',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Report, 409: ErrorBody },
      },
    },
    (req) => acceptFigures(db(), actorOf(req), req.params.id, clock()),
  );

  r.post(
    '/api/reports/:id/:step',
    {
      schema: {
        tags,
        summary:
          'The flow: submit (the author; locks it), return (the level above, with a comment), approve (the level ' +
          'above), publish (once approved). A commune is approved by its province, a province by the Ministry',
        params: StepParams,
        querystring: LangQuery,
        body: StepBody,
        response: { 200: Report, 400: ErrorBody, 409: ErrorBody },
      },
    },
    (req) => step(db(), actorOf(req), req.params.id, req.params.step, req.body, clock()),
  );

  r.get(
    '/api/reports/:id/children',
    {
      schema: {
        tags,
        summary:
          "For a province's report its communes' reports (for the Ministry's, the provinces'): submitted, late or " +
          'missing, and its figures beside the sum of theirs',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: Children },
      },
    },
    (req) => children(db(), actorOf(req), req.params.id, clock()),
  );

  // the Word document, the PDF and the Excel annex: rendered from the model, in the scope of GET /api/reports/:id
  await reportDocumentRoutes(app, { load: (req, id) => loadReportDocument(db(), actorOf(req), id, clock()) });
}
