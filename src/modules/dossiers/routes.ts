import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { rateLimiter } from '../../core/rate-limit.js';
import { scopeOf } from '../../core/scope.js';
import {
  setProvinceProcedure,
  addDocument,
  apologyWarnings,
  getDossier,
  issueApology,
  listDossiers,
  listProcedures,
  publicLookup,
  rateDossier,
  receiveDossier,
  transition,
  takeStep,
  personQueue,
  getProcedureProcess,
  setProcedureProcess,
} from './service.js';
import { congestionReport, dossierBoard } from './board.js';
import { exportDossiers } from './service/export.js';
import { XLSX_TYPE, XlsxFile } from '../../core/schemas.js';
import {
  ApologyInput,
  ApologyWarnings,
  Board,
  BoardQuery,
  Congestion,
  CongestionQuery,
  DocumentAdded,
  DocumentInput,
  Dossier,
  DossierDetail,
  DossierExportQuery,
  DossierListQuery,
  DossierPage,
  IdParams,
  IntakeInput,
  LangQuery,
  MAX_DOCUMENT_BYTES,
  Procedure,
  ProcedureInput,
  ProcedureList,
  ProceduresQuery,
  ProvinceQuery,
  PublicDossier,
  RatingDone,
  RatingInput,
  ReceiptCodeParams,
  TransitionInput,
  StepInput,
  Queue,
  ProcedureParams,
  ProcedureProcess,
  ProcedureProcessInput,
} from './contract.js';

/** The file name's place for an export without a unit filter: the actor's scope. */
function scopeName(actor: ReturnType<typeof actorOf>): string {
  const s = scopeOf(actor);
  return s.kind === 'country' ? 'ca-nuoc' : s.kind === 'province' ? s.provinceCode : s.communeCode;
}

export async function dossierRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const clock = () => app.clock;
  const publicLimit = rateLimiter(Number(process.env.PUBLIC_RATE_LIMIT ?? 30), 60_000);

  r.get(
    '/api/procedures',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Procedures in force for a province (its own versions override the national catalogue)',
        querystring: ProceduresQuery,
        response: { 200: ProcedureList },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return {
        items: await listProcedures(app.database.db, province, req.query.at ?? app.clock.localDate(app.clock.now()), {
          field: req.query.field,
          q: req.query.q,
        }),
      };
    },
  );

  r.post(
    '/api/procedures',
    {
      schema: {
        tags: ['dossiers'],
        summary: "Add a procedure to your province's list or adjust a national one, from an effective date",
        querystring: ProvinceQuery,
        body: ProcedureInput,
        response: { 201: Procedure },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return reply.status(201).send(await setProvinceProcedure(app.database.db, actor, province, req.body));
    },
  );

  r.get(
    '/api/procedures/:code/process',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          "A procedure's internal process in a province: steps, who takes each, each step's share of the time limit",
        params: ProcedureParams,
        querystring: ProvinceQuery,
        response: { 200: ProcedureProcess },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return getProcedureProcess(app.database.db, province, req.params.code, app.clock.localDate(app.clock.now()));
    },
  );

  r.put(
    '/api/procedures/:code/process',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          "A province adjusts a procedure's internal process (a new version; dossiers keep the one they were received with)",
        params: ProcedureParams,
        querystring: ProvinceQuery,
        body: ProcedureProcessInput,
        response: { 200: ProcedureProcess },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return setProcedureProcess(
        app.database.db,
        actor,
        province,
        req.params.code,
        req.body,
        app.clock.localDate(app.clock.now()),
      );
    },
  );

  r.get(
    '/api/dossiers/queue',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          "Your queue: your tasks (late, today, soon), approvals, the unit's unassigned dossiers, results to return, waiting",
        querystring: LangQuery,
        response: { 200: Queue },
      },
    },
    (req) => personQueue(app.database.db, actorOf(req), clock()),
  );

  r.post(
    '/api/dossiers/:id/steps',
    {
      bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4),
      schema: {
        tags: ['dossiers'],
        summary:
          'A step of the internal process: assign, pick (409 when taken first), submit, verify, approve, send back, return',
        params: IdParams,
        querystring: LangQuery,
        body: StepInput,
        response: { 200: Dossier },
      },
    },
    (req) => takeStep(app.database.db, actorOf(req), req.params.id, req.body, clock(), app.fileStore),
  );

  r.post(
    '/api/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier (send Idempotency-Key so a repeated submission makes one dossier)',
        querystring: LangQuery,
        body: IntakeInput,
        response: { 201: Dossier },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await receiveDossier(app.database.db, actorOf(req), req.body, clock())),
  );

  r.get(
    '/api/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers in your scope, newest first',
        querystring: DossierListQuery,
        response: { 200: DossierPage },
      },
    },
    (req) =>
      listDossiers(
        app.database.db,
        actorOf(req),
        { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 },
        clock(),
        app.config.listCountCap,
      ),
  );

  r.get(
    '/api/dossiers/export',
    {
      schema: {
        tags: ['dossiers'],
        summary: "The list's dossiers (same filters, whole list) as an Excel workbook, newest first",
        querystring: DossierExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: XlsxFile },
      },
    },
    async (req, reply) => {
      const { lang: _lang, ...filter } = req.query;
      const today = clock().localDate(clock().now());
      // (made first: a refusal is answered as JSON, before the headers say a workbook follows)
      const file = exportDossiers(app.database.db, actorOf(req), filter, today, req.lang ?? 'vi');
      reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="ho-so-${filter.unit ?? filter.province ?? scopeName(actorOf(req))}-${today}.xlsx"`,
        );
      return reply.send(file);
    },
  );

  r.get(
    '/api/dossiers/apology-warnings',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Open dossiers that must get an apology and new date today at the latest',
        querystring: LangQuery,
        response: { 200: ApologyWarnings },
      },
    },
    async (req) => ({ items: await apologyWarnings(app.database.db, actorOf(req), clock()) }),
  );

  r.get(
    '/api/dossiers/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A dossier with its steps (hand-overs and time slices) and documents',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: DossierDetail },
      },
    },
    (req) => getDossier(app.database.db, actorOf(req), req.params.id, clock()),
  );

  r.post(
    '/api/dossiers/:id/transitions',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Move a dossier along its lifecycle; illegal steps are refused (409)',
        params: IdParams,
        querystring: LangQuery,
        body: TransitionInput,
        response: { 200: Dossier },
      },
    },
    (req) => transition(app.database.db, actorOf(req), req.params.id, req.body, clock()),
  );

  r.post(
    '/api/dossiers/:id/apology',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Apology and new date (Form 04): once, at least one day before the deadline',
        params: IdParams,
        querystring: LangQuery,
        body: ApologyInput,
        response: { 200: Dossier },
      },
    },
    (req) => issueApology(app.database.db, actorOf(req), req.params.id, req.body, clock()),
  );

  r.post(
    '/api/dossiers/:id/documents',
    {
      bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4),
      schema: {
        tags: ['dossiers'],
        summary: 'Attach a scanned input or the electronic result (base64 content; the SHA-256 is kept)',
        params: IdParams,
        querystring: LangQuery,
        body: DocumentInput,
        response: { 201: DocumentAdded },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.from(req.body.contentBase64, 'base64');
      if (bytes.length === 0 || bytes.length > MAX_DOCUMENT_BYTES)
        throw invalid('contentBase64', 'invalid_value', { detail: `1 byte – ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
      return reply
        .status(201)
        .send(
          await addDocument(
            app.database.db,
            actorOf(req),
            req.params.id,
            { ...req.body, bytes },
            app.fileStore,
            clock(),
          ),
        );
    },
  );

  r.get(
    '/api/public/dossiers/:receiptCode',
    {
      config: { public: true },
      onRequest: publicLimit,
      schema: {
        tags: ['public'],
        summary: 'Look up a dossier by receipt code: status and due date only (rate-limited)',
        params: ReceiptCodeParams,
        querystring: LangQuery,
        response: { 200: PublicDossier },
      },
    },
    (req) => publicLookup(app.database.db, req.params.receiptCode, clock()),
  );

  r.post(
    '/api/public/dossiers/:receiptCode/rating',
    {
      config: { public: true },
      onRequest: publicLimit,
      schema: {
        tags: ['public'],
        summary: "The citizen's satisfaction once the result is ready (once per dossier)",
        params: ReceiptCodeParams,
        querystring: LangQuery,
        body: RatingInput,
        response: { 200: RatingDone },
      },
    },
    (req) => rateDossier(app.database.db, req.params.receiptCode, req.body, clock()),
  );

  r.get(
    '/api/dashboards/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Operations board for the country, a province or a commune (index 766 definitions, see docs/dossier-figures.md)',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    (req) => {
      const now = app.clock.now();
      const to = req.query.to ?? app.clock.localDate(now);
      const from = req.query.from ?? app.clock.localDate(new Date(now.getTime() - 29 * 86_400_000));
      if (from > to) throw invalid('from', 'invalid_value', { detail: `> ${to}` });
      return dossierBoard(
        app.database.db,
        actorOf(req),
        { unit: req.query.unit, from, to, field: req.query.field },
        clock(),
      );
    },
  );

  r.get(
    '/api/dashboards/dossiers/congestion',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Communes congested now (rising backlog and overdue share) and where to receive instead',
        querystring: CongestionQuery,
        response: { 200: Congestion },
      },
    },
    (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? (scopeOf(actor).kind === 'province' ? actor.provinceCode! : undefined);
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return congestionReport(app.database.db, actor, province, clock());
    },
  );
}
