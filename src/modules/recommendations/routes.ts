import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { startPeriodic } from '../../core/periodic.js';
import { forbidden } from '../../core/errors.js';
import {
  ActBody,
  AttachmentsBody,
  DueSoon,
  DueSoonQuery,
  FieldSettingSaved,
  FieldSettings,
  FileDownload,
  FileParams,
  Id,
  KnowledgeEntry,
  KnowledgePage,
  KnowledgeQuery,
  LangQuery,
  ListQuery,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MarkReadBody,
  Marked,
  NotificationList,
  NotificationsQuery,
  RaiseBody,
  Recommendation,
  RecommendationDetail,
  RecommendationPage,
  SettingBody,
  SettingParams,
  SimilarList,
  SimilarQuery,
  Stats,
  StatsQuery,
  Warned,
} from './contract.js';
import { FIELDS } from './domain/lifecycle.js';
import { listNotifications, markRead } from './notify.js';
import { isOfficer } from './officers.js';
import { may, roleMay } from './policy.js';
import { sendFile } from '../../core/attachments.js';
import {
  actOnRecommendation,
  addAttachments,
  getAttachment,
  dueSoon,
  getKnowledge,
  getRecommendation,
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

/** Warnings of answers about to be late are sent hourly while the server runs. */
const WARNING_EVERY_MS = 3600_000;

export async function recommendationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  // first pass an hour after the start, as every later one; a pass under way is waited for when the server closes
  let stop: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stop = startPeriodic(
      () =>
        sendDeadlineWarnings(app.database.db, app.clock).catch((err: unknown) =>
          app.log.error({ err }, 'deadline warnings failed'),
        ),
      WARNING_EVERY_MS,
      WARNING_EVERY_MS,
    );
  });
  app.addHook('onClose', async () => stop?.());

  // Only the roles that may raise (and then attach to their own items) send these bodies of up to 28 MB: any other
  // caller is refused before the body is read, let alone its files stored.
  const mayRaiseBeforeBody = async (req: FastifyRequest) => {
    if (!roleMay('raise', actorOf(req))) throw forbidden();
  };

  r.post(
    '/api/recommendations',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 2),
      onRequest: mayRaiseBeforeBody,
      schema: {
        tags: ['recommendations'],
        summary:
          'Raise a difficulty or recommendation: a commune to its province; a province or an officer in the field to the Ministry',
        querystring: LangQuery,
        body: RaiseBody,
        response: { 201: Recommendation },
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
        querystring: ListQuery,
        response: { 200: RecommendationPage },
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
        querystring: DueSoonQuery,
        response: { 200: DueSoon },
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
        querystring: StatsQuery,
        response: { 200: Stats },
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
        querystring: SimilarQuery,
        response: { 200: SimilarList },
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
        querystring: LangQuery,
        response: { 200: FieldSettings },
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
        params: SettingParams,
        querystring: LangQuery,
        body: SettingBody,
        response: { 200: FieldSettingSaved },
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
        querystring: LangQuery,
        response: { 200: Warned },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (
        !roleMay('send_warnings', actor) ||
        !may('send_warnings', actor, { officer: await isOfficer(db(), actor.id) })
      )
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
        querystring: LangQuery,
        response: { 200: RecommendationDetail },
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
          'Answer (citing a legal basis), forward to the Ministry, send back for information; ' +
          'the asker provides information, accepts or reopens',
        params: Id,
        querystring: LangQuery,
        body: ActBody,
        response: { 200: Recommendation },
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
        querystring: LangQuery,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) =>
      sendFile(reply, await getAttachment(db(), actorOf(req), req.params.id, req.params.n, app.fileStore)),
  );

  r.post(
    '/api/recommendations/:id/attachments',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4 * 2),
      onRequest: mayRaiseBeforeBody,
      schema: {
        tags: ['recommendations'],
        summary: `Add attachments to your item until it is accepted (base64 content, 10 MB each, ${MAX_ATTACHMENTS} in all)`,
        params: Id,
        querystring: LangQuery,
        body: AttachmentsBody,
        response: { 201: Recommendation },
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
        querystring: LangQuery,
        response: { 200: KnowledgeEntry },
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
        querystring: KnowledgeQuery,
        response: { 200: KnowledgePage },
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
        querystring: LangQuery,
        response: { 200: KnowledgeEntry },
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
        querystring: NotificationsQuery,
        response: { 200: NotificationList },
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
        querystring: LangQuery,
        body: MarkReadBody,
        response: { 200: Marked },
      },
    },
    (req) => markRead(db(), actorOf(req), req.body.all ? 'all' : (req.body.ids ?? []), app.clock.now()),
  );
}
