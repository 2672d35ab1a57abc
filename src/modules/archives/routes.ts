import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { sendFile, sendStreamedFile } from '../../core/attachments.js';
import {
  BatchActBody,
  BatchBody,
  BatchDetail,
  BatchPage,
  BatchQuery,
  BoardQuery,
  Description,
  DescriptionItem,
  DescriptionPage,
  DescriptionQuery,
  DescriptionsAdded,
  DescriptionsBody,
  DesignateBody,
  DigitizationBoard,
  FileDownload,
  Generated,
  Handover,
  HandoverActBody,
  HandoverBoard,
  HandoverBoardQuery,
  HandoverPage,
  HandoverQuery,
  Id,
  ImportBody,
  ImportReport,
  LangQuery,
  MAX_ATTACHMENT_BYTES,
  MAX_CHUNK_BYTES,
  MinutesBody,
  Plan,
  PlanBody,
  PlanPage,
  PlanQuery,
  Upload,
  UploadBody,
  UploadHeaders,
} from './contract.js';
import { mustArchive } from './policy.js';
import {
  actOnHandover,
  attachMinutes,
  designateSuccessor,
  generateHandovers,
  getHandover,
  getMinutes,
  handoverBoard,
  listHandovers,
} from './service/handovers.js';
import {
  actOnBatch,
  addDescriptions,
  appendChunk,
  createBatch,
  digitizationBoard,
  getBatch,
  getScanFile,
  listBatches,
  listPlans,
  savePlan,
  searchDescriptions,
  startUpload,
  updateDescription,
  uploadStatus,
} from './service/digitization.js';
import { exportDescriptions, importDescriptions } from './service/sheet.js';
import { createHash } from 'node:crypto';

/** The content type of a piece of a resumable upload (as in the tus protocol, whose PATCH this follows). */
const CHUNK_TYPE = 'application/offset+octet-stream';

export async function archiveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const tags = ['archives'];
  const page = <T extends { page?: number; pageSize?: number }>(q: T) => ({
    ...q,
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 50,
  });

  // A piece is not parsed nor buffered: the route streams it from the request to the file store once the actor and
  // the offset are checked (its length is checked there too, declared and as it arrives).
  app.addContentTypeParser(CHUNK_TYPE, (_req, _payload, done) => done(null));

  // ---------- hand-overs ----------

  r.post(
    '/api/archives/handovers/generate',
    {
      schema: {
        tags,
        summary: 'Generate one hand-over per former unit from the units lineage (re-running adds nothing)',
        querystring: LangQuery,
        response: { 200: Generated },
      },
    },
    async (req) => {
      mustArchive('generate', actorOf(req));
      return generateHandovers(app.database, actorOf(req));
    },
  );

  r.get(
    '/api/archives/handovers',
    {
      schema: {
        tags,
        summary: 'Hand-overs in your scope (level: of the former unit); a commune sees what it received',
        querystring: HandoverQuery,
        response: { 200: HandoverPage },
      },
    },
    (req) => listHandovers(db(), actorOf(req), page(req.query)),
  );

  r.get(
    '/api/archives/handovers/board',
    {
      schema: {
        tags,
        summary: 'Share of hand-overs received per province, with what waits for a designation or is missing',
        querystring: HandoverBoardQuery,
        response: { 200: HandoverBoard },
      },
    },
    (req) => handoverBoard(db(), actorOf(req)),
  );

  r.get(
    '/api/archives/handovers/:id',
    { schema: { tags, summary: 'One hand-over', params: Id, querystring: LangQuery, response: { 200: Handover } } },
    (req) => getHandover(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/archives/handovers/:id/actions',
    {
      schema: {
        tags,
        summary:
          'Record a step: inventory (extent), hand_over (minutes), receive (with shortfalls), resolve_shortfalls',
        params: Id,
        querystring: LangQuery,
        body: HandoverActBody,
        response: { 200: Handover },
      },
    },
    (req) => actOnHandover(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.post(
    '/api/archives/handovers/:id/designate',
    {
      schema: {
        tags,
        summary: "The province designates which successor receives a split unit's archive",
        params: Id,
        querystring: LangQuery,
        body: DesignateBody,
        response: { 200: Handover },
      },
    },
    (req) => designateSuccessor(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.post(
    '/api/archives/handovers/:id/minutes',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4),
      schema: {
        tags,
        summary: 'Attach the scanned hand-over minutes (replaces an earlier scan)',
        params: Id,
        querystring: LangQuery,
        body: MinutesBody,
        response: { 200: Handover },
      },
    },
    (req) => attachMinutes(db(), actorOf(req), req.params.id, req.body.file, app.clock, app.fileStore),
  );

  r.get(
    '/api/archives/handovers/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Download the scanned hand-over minutes',
        params: Id,
        querystring: LangQuery,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) => sendFile(reply, await getMinutes(db(), actorOf(req), req.params.id, app.fileStore)),
  );

  // ---------- digitization ----------

  r.post(
    '/api/archives/plans',
    {
      schema: {
        tags,
        summary: "Set a unit's digitization plan for a year, fonds and retention (the same four again revise it)",
        querystring: LangQuery,
        body: PlanBody,
        response: { 200: Plan },
      },
    },
    (req) => savePlan(db(), actorOf(req), req.body, app.clock),
  );

  r.get(
    '/api/archives/plans',
    {
      schema: {
        tags,
        summary: 'Digitization plans in your scope',
        querystring: PlanQuery,
        response: { 200: PlanPage },
      },
    },
    (req) => listPlans(db(), actorOf(req), page(req.query)),
  );

  r.post(
    '/api/archives/plans/:id/batches',
    {
      schema: {
        tags,
        summary: 'Open a batch of a plan (the same clientRef again gives the batch made first)',
        params: Id,
        querystring: LangQuery,
        body: BatchBody,
        response: { 201: BatchDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createBatch(db(), actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/archives/batches',
    {
      schema: { tags, summary: 'Batches in your scope', querystring: BatchQuery, response: { 200: BatchPage } },
    },
    (req) => listBatches(db(), actorOf(req), page(req.query)),
  );

  r.get(
    '/api/archives/batches/:id',
    {
      schema: {
        tags,
        summary: 'A batch with its scanned files',
        params: Id,
        querystring: LangQuery,
        response: { 200: BatchDetail },
      },
    },
    (req) => getBatch(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/archives/batches/:id/actions',
    {
      schema: {
        tags,
        summary: 'Move a batch on: finish_scanning, check, describe, publish',
        params: Id,
        querystring: LangQuery,
        body: BatchActBody,
        response: { 200: BatchDetail },
      },
    },
    (req) => actOnBatch(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.post(
    '/api/archives/batches/:id/uploads',
    {
      schema: {
        tags,
        summary:
          'Open a resumable upload of a scanned file; with its sha256, a file already kept is recognised and not sent',
        params: Id,
        querystring: LangQuery,
        body: UploadBody,
        response: { 201: Upload },
      },
    },
    async (req, reply) => {
      const u = await startUpload(db(), actorOf(req), req.params.id, req.body);
      return reply.status(201).header('upload-offset', String(u.offset)).send(u);
    },
  );

  r.get(
    '/api/archives/uploads/:id',
    {
      schema: {
        tags,
        summary: 'Where an upload stands (Upload-Offset): resume from there',
        params: Id,
        querystring: LangQuery,
        response: { 200: Upload },
      },
    },
    async (req, reply) => {
      const u = await uploadStatus(db(), actorOf(req), req.params.id);
      return reply.header('upload-offset', String(u.offset)).header('cache-control', 'no-store').send(u);
    },
  );

  r.patch(
    '/api/archives/uploads/:id',
    {
      bodyLimit: MAX_CHUNK_BYTES,
      schema: {
        tags,
        summary: `Send the next piece (Content-Type ${CHUNK_TYPE}, header Upload-Offset = bytes received so far)`,
        params: Id,
        headers: UploadHeaders,
        querystring: LangQuery,
        response: { 200: Upload },
      },
    },
    async (req, reply) => {
      const declared = req.headers['content-length'];
      const u = await appendChunk(
        db(),
        actorOf(req),
        req.params.id,
        req.headers['upload-offset'],
        { declaredLength: declared === undefined ? null : Number(declared), bytes: req.raw },
        app.clock,
        app.fileStore,
      );
      return reply.header('upload-offset', String(u.offset)).send(u);
    },
  );

  r.get(
    '/api/archives/scans/:id/file',
    {
      // streamed as stored, never compressed: a scan is compressed already, and a range counts the stored bytes
      compress: false,
      schema: {
        tags,
        summary: 'Download a scanned file (streamed; one byte range on request, to resume a download)',
        params: Id,
        querystring: LangQuery,
        response: { 200: FileDownload, 206: FileDownload },
      },
    },
    async (req, reply) =>
      sendStreamedFile(req, reply, await getScanFile(db(), actorOf(req), req.params.id, app.fileStore)),
  );

  r.post(
    '/api/archives/batches/:id/descriptions',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Describe documents of a batch (all or nothing; the first fault is named by row and field)',
        params: Id,
        querystring: LangQuery,
        body: DescriptionsBody,
        response: { 201: DescriptionsAdded },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addDescriptions(db(), actorOf(req), req.params.id, req.body.items, app.clock)),
  );

  r.post(
    '/api/archives/batches/:id/descriptions/import',
    {
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4),
      schema: {
        tags,
        summary: 'Import descriptions from Excel (.xlsx, base64): errors by row and column, all or nothing',
        params: Id,
        querystring: LangQuery,
        body: ImportBody,
        response: { 201: ImportReport, 422: ImportReport },
      },
    },
    async (req, reply) => {
      const report = await importDescriptions(
        db(),
        actorOf(req),
        req.params.id,
        Buffer.from(req.body.file.contentBase64, 'base64'),
        app.clock,
      );
      return reply.status(report.errors.length ? 422 : 201).send(report);
    },
  );

  r.get(
    '/api/archives/batches/:id/descriptions.xlsx',
    {
      schema: {
        tags,
        summary: "Export a batch's descriptions as the import's sheet",
        params: Id,
        querystring: LangQuery,
        response: { 200: FileDownload },
      },
    },
    async (req, reply) => {
      const f = await exportDescriptions(db(), actorOf(req), req.params.id);
      return sendFile(reply, { ...f, sha256: createHash('sha256').update(f.bytes).digest('hex') });
    },
  );

  r.put(
    '/api/archives/descriptions/:id',
    {
      schema: {
        tags,
        summary: 'Correct a description of a batch not yet published (the same checks as adding)',
        params: Id,
        querystring: LangQuery,
        body: DescriptionItem,
        response: { 200: Description },
      },
    },
    (req) => updateDescription(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.get(
    '/api/archives/descriptions',
    {
      schema: {
        tags,
        summary: 'Search the descriptions (diacritics optional); restricted ones only inside their unit’s scope',
        querystring: DescriptionQuery,
        response: { 200: DescriptionPage },
      },
    },
    (req) => searchDescriptions(db(), actorOf(req), page(req.query)),
  );

  r.get(
    '/api/archives/digitization/board',
    {
      schema: {
        tags,
        summary: 'Planned against done per stage, per province or per unit, this month and cumulatively',
        querystring: BoardQuery,
        response: { 200: DigitizationBoard },
      },
    },
    (req) => digitizationBoard(db(), actorOf(req), req.query, app.clock),
  );
}
