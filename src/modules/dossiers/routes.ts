import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { rateLimiter } from '../../core/rate-limit.js';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { scopeOf } from '../../core/scope.js';
import { ACTIONS, CHANNELS, STATUSES } from './domain/lifecycle.js';
import {
  RATINGS,
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
} from './service.js';
import { congestionReport, dossierBoard } from './board.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ReceiptCode = Type.Object({
  receiptCode: Type.String({ minLength: 10, maxLength: 40, pattern: '^[A-Za-z0-9.-]+$' }),
});
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const Day = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });

/** A line of the dossier list (the dossier's page has the rest). */
const DossierListItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  receiptCode: Type.String(),
  provinceCode: Type.String(),
  procedureCode: Type.String(),
  procedureField: Type.String(),
  receivingUnitCode: Type.String(),
  handlingUnitCode: Type.String(),
  channel: StringEnum(CHANNELS),
  status: StringEnum(STATUSES),
  statusCode: Type.Integer({ description: 'status code of the national dossier data standard' }),
  applicantName: Type.String(),
  receivedAt: Instant,
  dueDate: OrNull(Day),
  originalDueDate: OrNull(Day),
  finishedAt: OrNull(Instant),
  overdue: Type.Boolean(),
  hasInputScan: Type.Boolean(),
  hasEResult: Type.Boolean(),
  rating: OrNull(StringEnum(RATINGS)),
  version: Type.Integer(),
});

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
        querystring: Type.Object({
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          at: Type.Optional(IsoDate('as of this date')),
          lang: Lang,
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return {
        items: await listProcedures(app.database.db, province, req.query.at ?? app.clock.localDate(app.clock.now()), {
          field: req.query.field,
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
        querystring: Type.Object({ province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })), lang: Lang }),
        body: Type.Object(
          {
            code: Text(20),
            validFrom: IsoDate('effective from'),
            name: Text(300),
            field: Text(40),
            decisionLevel: StringEnum(['commune', 'province'] as const),
            workingDays: Type.Integer({ minimum: 1, maximum: 365 }),
            feeVnd: Type.Integer({ minimum: 0 }),
            online: Type.Boolean(),
            boundaryFree: Type.Boolean(),
            documents: Type.Array(Text(300), { maxItems: 50 }),
            legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      return reply.status(201).send(await setProvinceProcedure(app.database.db, actor, province, req.body));
    },
  );

  r.post(
    '/api/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier (send Idempotency-Key so a repeated submission makes one dossier)',
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            procedureCode: Text(20),
            channel: StringEnum(CHANNELS),
            receivingUnitCode: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
            handlingUnitCode: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
            applicantName: Text(120),
            applicantIdNumber: Type.Optional(
              Type.String({ pattern: '^\\d{12}$', description: 'citizen ID (12 digits)' }),
            ),
            applicantPhone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
            applicantAddress: Type.Optional(Type.String({ maxLength: 300 })),
            complete: Type.Optional(Type.Boolean()),
            waitMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
          },
          { additionalProperties: false },
        ),
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
        querystring: Type.Object({
          status: Type.Optional(StringEnum(STATUSES)),
          unit: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          overdue: Type.Optional(Type.Boolean()),
          dueToday: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 100, description: 'receipt code or applicant name' })),
          from: Type.Optional(IsoDate('received on or after')),
          to: Type.Optional(IsoDate('received on or before')),
          ...Paging,
          lang: Lang,
        }),
        response: { 200: Page(DossierListItem) },
      },
    },
    (req) =>
      listDossiers(
        app.database.db,
        actorOf(req),
        { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 },
        clock(),
      ),
  );

  r.get(
    '/api/dossiers/apology-warnings',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Open dossiers that must get an apology and new date today at the latest',
        querystring: Type.Object({ lang: Lang }),
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
        params: Id,
        querystring: Type.Object({ lang: Lang }),
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
        params: Id,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            action: StringEnum(ACTIONS),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            toUnitCode: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
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
        params: Id,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          { newDueDate: IsoDate('the new due date'), reason: Text(1000) },
          { additionalProperties: false },
        ),
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
        params: Id,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            kind: StringEnum(['input', 'result'] as const),
            name: Text(200),
            contentType: Type.String({ pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
            contentBase64: Type.String({ minLength: 1 }),
          },
          { additionalProperties: false },
        ),
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
        params: ReceiptCode,
        querystring: Type.Object({ lang: Lang }),
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
        params: ReceiptCode,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          { rating: StringEnum(RATINGS), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
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
        querystring: Type.Object({
          unit: Type.Optional(
            Type.String({ pattern: '^\\d{2}$|^\\d{5}$', description: 'province or commune; default your scope' }),
          ),
          from: Type.Optional(IsoDate('period start; default 30 days ago')),
          to: Type.Optional(IsoDate('period end; default today')),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          lang: Lang,
        }),
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
        querystring: Type.Object({ province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })), lang: Lang }),
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
