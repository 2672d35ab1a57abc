import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { IsoDate, Lang, Paging, StringEnum } from '../../core/schemas.js';
import { FIELDS, URGENCIES } from '../recommendations/index.js';
import { MAX_ATTACHMENT_BYTES } from '../recommendations/index.js';
import { Attachment, sendFile } from '../recommendations/index.js';
import {
  MAX_VISIT_PHOTOS,
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

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const CommuneCode = Type.String({ pattern: '^\\d{5}$' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
const Username = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.-]+$' });
const Q = Type.Object({ lang: Lang });

export async function reinforcementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  r.get(
    '/api/reinforcement/phases',
    { schema: { tags: ['reinforcement'], summary: 'Reinforcement phases, newest first', querystring: Q } },
    () => listPhases(db()),
  );

  r.post(
    '/api/reinforcement/phases',
    {
      schema: {
        tags: ['reinforcement'],
        summary: 'Create a phase; copyFrom carries over the officers and their provinces (the support group)',
        querystring: Q,
        body: Type.Object(
          {
            name: Text(200),
            startsOn: IsoDate('first day'),
            endsOn: IsoDate('last day'),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            copyFrom: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }), username: Username }),
        querystring: Q,
        body: Type.Object(
          {
            provinceCode: ProvinceCode,
            position: Type.Optional(Type.String({ maxLength: 200 })),
            phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
          },
          { additionalProperties: false },
        ),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }), username: Username }),
        querystring: Q,
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
        querystring: Type.Object({ province: Type.Optional(ProvinceCode), lang: Lang }),
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
        querystring: Type.Object({
          phase: Type.Optional(Type.String({ format: 'uuid' })),
          officer: Type.Optional(Username),
          province: Type.Optional(ProvinceCode),
          week: Type.Optional(IsoDate('the Monday')),
          lang: Lang,
        }),
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
        body: Type.Object(
          {
            phaseId: Type.String({ format: 'uuid' }),
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
        ),
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
          'Log a visit with the items raised there; send Idempotency-Key and clientRef so a draft sent again from the phone makes one visit',
        querystring: Q,
        body: Type.Object(
          {
            phaseId: Type.String({ format: 'uuid' }),
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
        ),
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
        querystring: Type.Object({
          phase: Type.Optional(Type.String({ format: 'uuid' })),
          officer: Type.Optional(Username),
          province: Type.Optional(ProvinceCode),
          commune: Type.Optional(CommuneCode),
          from: Type.Optional(IsoDate('visited on or after')),
          to: Type.Optional(IsoDate('visited on or before')),
          ...Paging,
          lang: Lang,
        }),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }), n: Type.Integer({ minimum: 0, maximum: 99 }) }),
        querystring: Q,
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
        body: Type.Object(
          { photos: Type.Array(Attachment, { minItems: 1, maxItems: MAX_VISIT_PHOTOS }) },
          { additionalProperties: false },
        ),
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
        body: Type.Object(
          { phaseId: Type.String({ format: 'uuid' }), weekStart: IsoDate('the Monday') },
          { additionalProperties: false },
        ),
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
        querystring: Type.Object({
          phase: Type.Optional(Type.String({ format: 'uuid' })),
          officer: Type.Optional(Username),
          province: Type.Optional(ProvinceCode),
          status: Type.Optional(StringEnum(['draft', 'submitted'] as const)),
          lang: Lang,
        }),
      },
    },
    (req) => listReports(db(), actorOf(req), req.query),
  );

  r.get(
    '/api/reinforcement/reports/:id',
    { schema: { tags: ['reinforcement'], summary: 'A report', params: Id, querystring: Q } },
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
        body: Type.Object(
          { content: Text(50_000), version: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
    },
    (req) => editReport(db(), actorOf(req), req.params.id, req.body, clock()),
  );

  r.post(
    '/api/reinforcement/reports/:id/submit',
    { schema: { tags: ['reinforcement'], summary: 'Send your report to the Ministry', params: Id, querystring: Q } },
    (req) => submitReport(db(), actorOf(req), req.params.id, clock()),
  );
}
