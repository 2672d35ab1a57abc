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

/** Files above this size (about 2,000 rows) are imported in the background: the answer is a job to poll. */
export const ASYNC_BYTES = 200_000;
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const KEEP_JOBS_MS = 60 * 60 * 1000;
const MAX_JOBS = 200;

interface Job {
  id: string;
  userId: string;
  status: 'running' | 'done' | 'failed';
  progress: ImportProgress;
  report: ImportReport | null;
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
  done: Promise<void>;
}

const view = (j: Job) => ({
  job: j.id,
  status: j.status,
  phase: j.progress.phase,
  percent: j.progress.percent,
  rowsDone: j.progress.rowsDone,
  rowsTotal: j.progress.rowsTotal,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
  report: j.report,
  error: j.error,
});

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
 * gives. Jobs live in memory for an hour, visible to the user who started them.
 */
export async function workforceIoRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => app.clock.localDate(app.clock.now());
  const jobs = new Map<string, Job>();

  app.addHook('onClose', async () => {
    await Promise.allSettled([...jobs.values()].map((j) => j.done));
  });

  const prune = () => {
    const now = Date.now();
    for (const [id, j] of jobs) if (j.finishedAt && now - Date.parse(j.finishedAt) > KEEP_JOBS_MS) jobs.delete(id);
    for (const [id, j] of jobs) {
      if (jobs.size <= MAX_JOBS) break;
      if (j.status !== 'running') jobs.delete(id);
    }
  };

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
      prune();
      const job: Job = {
        id,
        userId: actor.id,
        status: 'running',
        progress: { phase: 'reading', percent: 0, rowsDone: 0, rowsTotal: 0 },
        report: null,
        error: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        done: Promise.resolve(),
      };
      job.done = importWorkforce(app.database.db, actor, file, { ...opts, onProgress: (p) => (job.progress = p) })
        .then((report) => {
          job.report = report;
          job.status = 'done';
          job.progress = { ...job.progress, phase: 'done', percent: 100 };
        })
        .catch((err: unknown) => {
          job.status = 'failed';
          try {
            const e = describe(err, lang);
            job.error = { code: e.code, message: t(lang, e.messageKey, e.params) };
          } catch (unexpected) {
            req.log.error({ err: unexpected }, 'workforce import failed');
            job.error = { code: 'internal', message: t(lang, 'internal') };
          }
        })
        .finally(() => {
          job.finishedAt = new Date().toISOString();
        });
      jobs.set(id, job);
      return reply.status(202).header('location', `/api/workforce/import/${id}`).send(view(job));
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
      const job = jobs.get(req.params.job);
      if (!job || job.userId !== actor.id) throw notFound('import_job', { code: req.params.job });
      return view(job);
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
