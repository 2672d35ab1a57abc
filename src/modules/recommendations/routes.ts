import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import { Lang, Paging, IsoDate, StringEnum } from '../../core/schemas.js';
import { ACTIONS, FIELDS, STATUSES, URGENCIES } from './domain/lifecycle.js';
import { listNotifications, markRead } from './notify.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  actOnRecommendation,
  addAttachments,
  getAttachment,
  dueSoon,
  getKnowledge,
  getRecommendation,
  isOfficer,
  listKnowledge,
  listRecommendations,
  listSettings,
  publishRecommendation,
  putSetting,
  raiseRecommendation,
  recommendationStats,
  sendDeadlineWarnings,
  similarRecommendations,
} from './service.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const UnitCode = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const Level = StringEnum(['province', 'ministry'] as const);
const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }), n: Type.Integer({ minimum: 0, maximum: 99 }) });

/** Sends stored bytes as a download; the name is given both plain (ASCII) and in UTF-8 (RFC 6266). */
export function sendFile(reply: FastifyReply, f: { name: string; contentType: string; sha256: string; bytes: Buffer }) {
  const ascii = f.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${f.sha256}"`)
    .header('cache-control', 'private, max-age=3600')
    .send(f.bytes);
}
export const Attachment = Type.Object(
  {
    name: Text(200),
    contentType: Type.String({ pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
    contentBase64: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export const RaiseBody = Type.Object(
  {
    field: StringEnum(FIELDS),
    title: Text(300),
    content: Text(10_000),
    legalBasis: Type.Optional(Type.String({ maxLength: 1000, description: 'the legal basis in question' })),
    unitCode: Type.Optional(UnitCode),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
  },
  { additionalProperties: false },
);

/** Warnings of answers about to be late are sent hourly while the server runs. */
const WARNING_EVERY_MS = 3600_000;

export async function recommendationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      sendDeadlineWarnings(app.database.db, app.clock).catch((err: unknown) =>
        app.log.error({ err }, 'deadline warnings failed'),
      );
    }, WARNING_EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));

  r.post(
    '/api/recommendations',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 2),
      schema: {
        tags: ['recommendations'],
        summary:
          'Raise a difficulty or recommendation: a commune to its province; a province or an officer in the field to the Ministry',
        querystring: Type.Object({ lang: Lang }),
        body: RaiseBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await raiseRecommendation(db(), actorOf(req), req.body, clock(), app.fileStore)),
  );

  r.get(
    '/api/recommendations',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Items in your scope, newest first (q: words without diacritics are enough)',
        querystring: Type.Object({
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
        }),
      },
    },
    (req) =>
      listRecommendations(
        db(),
        actorOf(req),
        { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 },
        clock(),
      ),
  );

  r.get(
    '/api/recommendations/due-soon',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Items held at your level whose answer time runs out soon, and those already late',
        querystring: Type.Object({ level: Type.Optional(Level), lang: Lang }),
      },
    },
    (req) => dueSoon(db(), actorOf(req), clock(), req.query),
  );

  r.get(
    '/api/recommendations/stats',
    {
      schema: {
        tags: ['recommendations'],
        summary:
          'Open items by field and level, overdue answers, most frequent problems by province in a month, time to answer',
        querystring: Type.Object({
          month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM; default this month' })),
          lang: Lang,
        }),
      },
    },
    (req) => recommendationStats(db(), actorOf(req), clock(), req.query),
  );

  r.get(
    '/api/recommendations/similar',
    {
      schema: {
        tags: ['recommendations'],
        summary:
          'Items like a draft text or an existing item (text similarity without diacritics), from your scope and the knowledge base',
        querystring: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 10_000 })),
          id: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          lang: Lang,
        }),
      },
    },
    (req) =>
      similarRecommendations(db(), actorOf(req), {
        id: req.query.id,
        text: req.query.text,
        limit: req.query.limit ?? 10,
      }),
  );

  r.get(
    '/api/recommendations/settings',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Answer time limits per field in working days (national, and your province’s own)',
        querystring: Type.Object({ lang: Lang }),
      },
    },
    (req) => listSettings(db(), actorOf(req), FIELDS),
  );

  r.put(
    '/api/recommendations/settings/:field',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Set a field’s answer time limit: the Ministry nationally, a province for its own level',
        params: Type.Object({ field: StringEnum(FIELDS) }),
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            answerWorkingDays: Type.Integer({ minimum: 1, maximum: 90 }),
            warnWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
            provinceCode: Type.Optional(Type.String({ pattern: '^$|^\\d{2}$', description: "'' = national" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => putSetting(db(), actorOf(req), req.params.field, req.body, clock()),
  );

  r.post(
    '/api/recommendations/deadline-warnings',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Send the due-soon warnings now (also run hourly); one warning per deadline',
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!(actor.role === 'ministry' || actor.role === 'admin') || (await isOfficer(db(), actor.id)))
        throw forbidden();
      return sendDeadlineWarnings(db(), clock());
    },
  );

  r.get(
    '/api/recommendations/:id',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'An item with its steps and what you may do with it',
        params: Id,
        querystring: Type.Object({ lang: Lang }),
      },
    },
    (req) => getRecommendation(db(), actorOf(req), req.params.id, clock()),
  );

  r.post(
    '/api/recommendations/:id/actions',
    {
      schema: {
        tags: ['recommendations'],
        summary:
          'Answer (citing a legal basis), forward to the Ministry, send back for information; the asker provides information, accepts or reopens',
        params: Id,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
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
        ),
      },
    },
    (req) => actOnRecommendation(db(), actorOf(req), req.params.id, req.body, clock()),
  );

  r.get(
    '/api/recommendations/:id/attachments/:n',
    {
      schema: {
        tags: ['recommendations'],
        summary: "Download an item's attachment (n: its position, from 0)",
        params: FileParams,
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (req, reply) =>
      sendFile(reply, await getAttachment(db(), actorOf(req), req.params.id, req.params.n, app.fileStore)),
  );

  r.post(
    '/api/recommendations/:id/attachments',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 2),
      schema: {
        tags: ['recommendations'],
        summary: `Add attachments to your item until it is accepted (base64 content, 10 MB each, ${MAX_ATTACHMENTS} in all)`,
        params: Id,
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          { attachments: Type.Array(Attachment, { minItems: 1, maxItems: MAX_ATTACHMENTS }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await addAttachments(db(), actorOf(req), req.params.id, req.body.attachments, clock(), app.fileStore)),
  );

  r.post(
    '/api/recommendations/:id/publish',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Publish an answered item to the knowledge base (the Ministry)',
        params: Id,
        querystring: Type.Object({ lang: Lang }),
      },
    },
    (req) => publishRecommendation(db(), actorOf(req), req.params.id, clock()),
  );

  r.get(
    '/api/knowledge',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'The knowledge base: published questions and answers, readable by every signed-in user',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          field: Type.Optional(StringEnum(FIELDS)),
          ...Paging,
          lang: Lang,
        }),
      },
    },
    (req) =>
      listKnowledge(db(), {
        q: req.query.q,
        field: req.query.field,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );

  r.get(
    '/api/knowledge/:id',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'One published question and answer',
        params: Id,
        querystring: Type.Object({ lang: Lang }),
      },
    },
    (req) => getKnowledge(db(), req.params.id),
  );

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first, with the unread count',
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          lang: Lang,
        }),
      },
    },
    (req) =>
      listNotifications(db(), actorOf(req), {
        unread: req.query.unread,
        before: req.query.before,
        limit: req.query.limit ?? 50,
      }),
  );

  r.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read (the given ids, or all)',
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => markRead(db(), actorOf(req), req.body.all ? 'all' : (req.body.ids ?? []), app.clock.now()),
  );
}
