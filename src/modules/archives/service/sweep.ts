import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { DeadlineClock } from '../../../core/clock.js';
import type { FileStore } from '../../../core/file-store.js';
import { digitizationScans as scans, digitizationUploads as uploads } from '../schema.js';

/** How long an upload may sit without a new piece before it is abandoned (ARCHIVE_UPLOAD_TTL_HOURS). */
export const DEFAULT_UPLOAD_TTL_HOURS = 24;
const ROWS_PER_ROUND = 500;

export interface SweepResult {
  /** uploads started and never finished, removed */
  abandoned: number;
  /** stored pieces removed (of those, and of uploads that turned out to be a file already kept) */
  pieces: number;
}

/**
 * Removes what resumable uploads leave behind once idle longer than `ttlHours`:
 * - an upload started and never finished: its row and its stored pieces (the client asking for it later gets 404
 *   and starts again; with its checksum a file already kept is still recognised);
 * - an upload that completed as a duplicate of a scan already kept: its own pieces (the scan keeps the first copy's).
 * A scan made from an upload shares that upload's pieces, so a piece a scan names is never removed.
 */
export async function sweepOrphanUploads(
  db: Db,
  store: FileStore,
  now: Date,
  ttlHours = DEFAULT_UPLOAD_TTL_HOURS,
): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - ttlHours * 3600_000);
  const result: SweepResult = { abandoned: 0, pieces: 0 };
  const removeAll = async (keys: string[]) => {
    for (const key of keys) {
      await store.remove(key);
      result.pieces++;
    }
  };

  for (;;) {
    // The row goes first, on the same condition: a piece arriving meanwhile finds no upload rather than a half one.
    const gone = await db
      .delete(uploads)
      .where(
        inArray(
          uploads.id,
          db
            .select({ id: uploads.id })
            .from(uploads)
            .where(and(isNull(uploads.scanId), lt(uploads.updatedAt, cutoff)))
            .limit(ROWS_PER_ROUND),
        ),
      )
      .returning({ parts: uploads.parts });
    for (const u of gone) await removeAll(u.parts.map((p) => p.key));
    result.abandoned += gone.length;
    if (gone.length < ROWS_PER_ROUND) break;
  }

  for (;;) {
    const done = await db
      .select({ id: uploads.id, parts: uploads.parts, scanParts: scans.parts })
      .from(uploads)
      .innerJoin(scans, eq(scans.id, uploads.scanId))
      .where(and(isNotNull(uploads.scanId), lt(uploads.updatedAt, cutoff), ne(uploads.parts, sql`'[]'::jsonb`)))
      .limit(ROWS_PER_ROUND);
    for (const u of done) {
      const kept = new Set(u.scanParts.map((p) => p.key));
      await removeAll(u.parts.map((p) => p.key).filter((k) => !kept.has(k)));
      await db.update(uploads).set({ parts: [] }).where(eq(uploads.id, u.id));
    }
    if (done.length < ROWS_PER_ROUND) break;
  }
  return result;
}

/**
 * Runs the sweep at start and then every `everyMs` (an hour) while the server runs; the timers do not keep the
 * process alive. Returns a stop function that waits for a pass under way.
 */
export function startUploadSweep(opts: {
  db: () => Db;
  store: FileStore;
  clock: DeadlineClock;
  log: (line: string) => void;
  ttlHours?: number;
  everyMs?: number;
}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const pass = () => {
    if (running) return;
    running = sweepOrphanUploads(opts.db(), opts.store, opts.clock.now(), opts.ttlHours)
      .then((r) => {
        if (r.abandoned || r.pieces)
          opts.log(`archives: removed ${r.abandoned} abandoned uploads and ${r.pieces} stored pieces`);
      })
      .catch((e: unknown) => opts.log(`archives: upload sweep failed: ${(e as Error).message}`))
      .finally(() => (running = null));
  };
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, opts.everyMs ?? 3600_000);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
