import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from '../../../core/schemas.js';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { mayWorkforce } from '../policy.js';
import { actorOf } from '../../../core/context.js';
import { AppError, forbidden, invalid, notFound } from '../../../core/errors.js';
import { t, type Lang } from '../../../core/i18n.js';
import {
  ExportQuery,
  ImportJob,
  ImportJobParams,
  ImportQuery,
  ImportReport as ImportReportBody,
  LangQuery,
  Xlsx,
} from '../contract.js';
import { exportScope, exportWorkforce } from './export.js';
import { exportSummary } from './summary-export.js';
import { importWorkforce, vetWorkbook, type ImportProgress, type ImportReport } from './import.js';
import { HEARTBEAT_MS, importJobStore, viewOf, type JobError } from './jobs.js';

/** Files above this size (about 2,000 rows) are imported in the background: the answer is a job to poll. */
export const ASYNC_BYTES = 200_000;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A job running in this process: its progress in memory, written to the database at each heartbeat. */
interface LocalJob {
  progress: ImportProgress;
  done: Promise<void>;
}

/** An error as the user reads it: our own errors in their language; a clash with a concurrent write, plainly. */
function describe(err: unknown, lang: Lang): AppError {
  if (err instanceof AppError) return err;
  const code =
    (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === '23505')
    return new AppError(409, 'import_conflict', 'import_failed', { detail: t(lang, 'national_id_taken') }, 'file');
  throw err;
}

/**
 * Excel import and export of the workforce (the common personnel template).
 *
 * POST /api/workforce/import (multipart, field `file`): a small file is imported in the request and
 * answered 200 with the report; a large one (> ASYNC_BYTES, or `?mode=async`) is answered 202 with a
 * job, whose progress (percentage, phase, rows) and finally report GET /api/workforce/import/:job
 * gives. Jobs are kept in the database for an hour after they end (io/jobs.ts), readable from any API process by the
 * user who started them; the process running a job answers its polls from memory (the freshest progress).
 */
export async function workforceIoRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => app.clock.localDate(app.clock.now());
  const store = importJobStore(app.database.db);
  const running = new Map<string, LocalJob>();

  app.addHook('onClose', async () => {
    await Promise.allSettled([...running.values()].map((j) => j.done));
  });

  r.post(
    '/api/workforce/import',
    {
      schema: {
        tags: ['workforce'],
        summary:
          'Import the personnel template (.xlsx, multipart field `file`): all rows or none; re-importing changes nothing',
        description:
          'Every row is checked; any error → nothing imported and the report lists `{ row, column, message }`. ' +
          'A person is matched by the ID number: same data → unchanged, different → updated (audited), new → created. ' +
          'Small files answer 200 with the report; large ones (or `mode=async`) ' +
          'answer 202 with `{ job }`: poll GET /api/workforce/import/{job} for `percent` and, when `status` is done, the `report`.',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReportBody, 202: ImportJob },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!mayWorkforce('import', actor)) throw forbidden();
      if (!req.isMultipart()) throw invalid('file', 'import_no_file');
      // A malformed multipart body (no boundary, cut short) is the caller's error: 400 naming the file field.
      const part = await req.file().catch((err: unknown) => {
        if (err instanceof AppError || ((err as { statusCode?: number }).statusCode ?? 500) < 500) throw err;
        throw invalid('file', 'import_no_file');
      });
      if (!part) throw invalid('file', 'import_no_file');
      let file: Buffer;
      try {
        file = await part.toBuffer();
      } catch (err) {
        // The upload itself is capped (multipart's fileSize): answered 413 naming the file, nothing kept.
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            413,
            'file_too_large',
            'import_file_too_large',
            { file: part.filename, max: MAX_FILE_BYTES / 1024 / 1024 },
            'file',
          );
        throw err;
      }
      // A zip bomb (or a file that is no zip) is refused here, in the request, before any background job.
      await vetWorkbook(file, part.filename);
      const lang = req.lang;
      const mode = req.query.mode ?? 'auto';
      const id = randomUUID();
      const opts = { lang, today: today(), fileName: part.filename, importId: id };
      if (mode === 'sync' || (mode === 'auto' && file.length <= ASYNC_BYTES)) {
        try {
          return await importWorkforce(app.database.db, actor, file, opts);
        } catch (err) {
          throw describe(err, lang);
        }
      }
      const row = await store.create(id, actor, part.filename ?? null, lang);
      const job: LocalJob = {
        progress: { phase: 'reading', percent: 0, rowsDone: 0, rowsTotal: 0 },
        done: Promise.resolve(),
      };
      // The heartbeat: progress written every HEARTBEAT_MS, one write at a time (on PGlite a write waits for the
      // import's transaction; the polls of this process are answered from memory meanwhile).
      let beating: Promise<void> | null = null;
      const heartbeat = setInterval(() => {
        beating ??= store
          .beat(id, job.progress)
          .catch((err: unknown) => req.log.warn({ err }, 'import job heartbeat failed'))
          .finally(() => (beating = null));
      }, HEARTBEAT_MS);
      const end = async (outcome: { report: ImportReport } | { error: JobError }) => {
        clearInterval(heartbeat);
        await beating;
        await store.finish(id, outcome);
      };
      job.done = importWorkforce(app.database.db, actor, file, {
        ...opts,
        onProgress: (p) => (job.progress = p),
        beforeCommit: (tx, report) => store.finishInTransaction(tx, id, report),
      })
        .then((report) => end({ report }))
        .catch((err: unknown) => {
          let error: JobError;
          try {
            const e = describe(err, lang);
            error = { code: e.code, message: t(lang, e.messageKey, e.params) };
          } catch (unexpected) {
            req.log.error({ err: unexpected }, 'workforce import failed');
            error = { code: 'internal', message: t(lang, 'internal') };
          }
          return end({ error });
        })
        .catch((err: unknown) => req.log.error({ err }, 'workforce import job not recorded'))
        .finally(() => running.delete(id));
      running.set(id, job);
      return reply
        .status(202)
        .header('location', `/api/workforce/import/${id}`)
        .send({ ...viewOf(row), ...job.progress });
    },
  );

  r.get(
    '/api/workforce/import/:job',
    {
      schema: {
        tags: ['workforce'],
        summary: 'Progress of a background import (percent, phase, rows) and, when done, its report',
        params: ImportJobParams,
        querystring: LangQuery,
        response: { 200: ImportJob },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await store.read(req.params.job, actor, req.lang);
      if (!row) throw notFound('import_job', { code: req.params.job });
      // Running here: the progress in memory is fresher than the last heartbeat's.
      const local = row.status === 'running' ? running.get(row.id) : undefined;
      return local ? { ...viewOf(row), ...local.progress } : viewOf(row);
    },
  );

  r.get(
    '/api/workforce/export',
    {
      schema: {
        tags: ['workforce'],
        summary:
          'The people of your scope as the import template (.xlsx); `unit` = a commune, or a province (all of it)',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: Xlsx },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { where, name } = await exportScope(app.database.db, actor, req.query.unit);
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="nhan-su-${name}-${today()}.xlsx"`);
      return reply.send(exportWorkforce(app.database.db, actor, where));
    },
  );

  r.get(
    '/api/workforce/summary.xlsx',
    {
      schema: {
        tags: ['workforce'],
        summary:
          'The summary views as a workbook (.xlsx), one sheet per view: staffing against headcount, leadership vacancies, ' +
          'requirement shortfalls, structure, secondments (and, for the country, by province)',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: Xlsx },
      },
    },
    async (req, reply) => {
      const { stream, name } = await exportSummary(app.database.db, actorOf(req), req.query.unit, today());
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="tong-hop-nhan-su-${name}-${today()}.xlsx"`);
      return reply.send(stream);
    },
  );
}
