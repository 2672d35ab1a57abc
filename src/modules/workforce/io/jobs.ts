/**
 * Background imports kept in the database (issue #14): a job started in one API process is read, with its progress and
 * its report, from any process on the same database.
 *
 * - Claim: the process that received the file creates the job already claimed by itself (`claimed_by`, one INSERT);
 *   only it holds the file, so only it runs the job. It writes the progress and a heartbeat every HEARTBEAT_MS.
 * - A job whose heartbeat is older than STALE_MS (its process died, or hung) is marked failed by whoever reads it next.
 * - The rows of an import and the job's "done" are written in one transaction, and only while the job is still running
 *   and claimed by the writer: a job marked failed never has its rows written afterwards (see `finishInTransaction`).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import { t, type Lang } from '../../../core/i18n.js';
import type { Actor } from '../../../core/scope.js';
import { workforceImportJobs as jobs } from '../schema.js';
import type { ImportProgress, ImportReport } from './import.js';
import type { ImportJob } from '../contract.js';

/** How often the running process writes progress and heartbeat. */
export const HEARTBEAT_MS = 2_000;
/**
 * A running job without a heartbeat for this long is taken as dead. Far above HEARTBEAT_MS: a loaded machine, or a
 * long synchronous read of a 20 MB workbook, may hold the process's event loop for many seconds.
 */
export const STALE_MS = 2 * 60_000;
/** Finished jobs are kept this long, then deleted (their reports are the user's to read, the import itself audited). */
export const KEEP_MS = 60 * 60_000;

type Row = typeof jobs.$inferSelect;
export type JobError = { code: string; message: string };

const interrupted = (lang: Lang): JobError => ({ code: 'import_interrupted', message: t(lang, 'import_interrupted') });

export function viewOf(row: Row): ImportJob {
  return {
    job: row.id,
    status: row.status as ImportJob['status'],
    phase: row.phase as ImportJob['phase'],
    percent: row.percent,
    rowsDone: row.rowsDone,
    rowsTotal: row.rowsTotal,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    report: (row.report as ImportReport | null) ?? null,
    error: (row.error as JobError | null) ?? null,
  };
}

const staleBefore = () => sql`now() - make_interval(secs => ${STALE_MS / 1000})`;

/** The job store of one API process (`process` is its token in `claimed_by`). */
export function importJobStore(db: Db, process = randomUUID()) {
  return {
    process,

    /** Creates the job, claimed by this process; deletes finished jobs past KEEP_MS and marks stale ones failed. */
    async create(id: string, actor: Actor, fileName: string | null, lang: Lang): Promise<Row> {
      await db.delete(jobs).where(lt(jobs.finishedAt, sql`now() - make_interval(secs => ${KEEP_MS / 1000})`));
      await db
        .update(jobs)
        .set({ status: 'failed', error: interrupted(lang), finishedAt: sql`now()` })
        .where(and(eq(jobs.status, 'running'), lt(jobs.heartbeatAt, staleBefore())));
      const [row] = await db
        .insert(jobs)
        .values({
          id,
          provinceCode: actor.provinceCode ?? null,
          userId: actor.id,
          fileName,
          status: 'running',
          phase: 'reading',
          claimedBy: process,
        })
        .returning();
      return row!;
    },

    /** Progress and heartbeat, while the job is still this process's and running. */
    async beat(id: string, p: ImportProgress): Promise<void> {
      await db
        .update(jobs)
        .set({
          phase: p.phase,
          percent: p.percent,
          rowsDone: p.rowsDone,
          rowsTotal: p.rowsTotal,
          heartbeatAt: sql`now()`,
        })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.claimedBy, process)));
    },

    /**
     * Inside the import's own transaction, before it commits: the job done with its report. Throws (so nothing of the
     * import is written) when the job is no longer running as this process's: another process marked it dead.
     */
    async finishInTransaction(tx: Db, id: string, report: ImportReport): Promise<void> {
      const done = await tx
        .update(jobs)
        .set({ status: 'done', phase: 'done', percent: 100, report, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.claimedBy, process)))
        .returning({ id: jobs.id });
      if (done.length === 0) throw new AppError(409, 'import_interrupted', 'import_interrupted', {}, 'file');
    },

    /** The end of a job that wrote nothing: a rejected file's report, or an error. */
    async finish(id: string, end: { report: ImportReport } | { error: JobError }): Promise<void> {
      await db
        .update(jobs)
        .set({
          status: 'report' in end ? 'done' : 'failed',
          ...('report' in end ? { phase: 'done', percent: 100, report: end.report } : { error: end.error }),
          finishedAt: sql`now()`,
        })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.claimedBy, process)));
    },

    /** The job as its owner reads it from any process (null: none, or someone else's); a stale one is marked failed. */
    async read(id: string, actor: Actor, lang: Lang): Promise<Row | null> {
      const [row] = await db
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, id), eq(jobs.userId, actor.id)));
      if (!row || row.status !== 'running') return row ?? null;
      const [marked] = await db
        .update(jobs)
        .set({ status: 'failed', error: interrupted(lang), finishedAt: sql`now()` })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), lt(jobs.heartbeatAt, staleBefore())))
        .returning();
      return marked ?? row;
    },
  };
}

export type ImportJobStore = ReturnType<typeof importJobStore>;
