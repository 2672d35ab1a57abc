import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { DeadlineClock } from '../../../core/clock.js';
import type { FileStore, StoredKey } from '../../../core/file-store.js';
import { digitizationScans as scans, digitizationUploads as uploads } from '../schema.js';
import { isPieceBeingWritten } from './digitization.js';
import { startPeriodic } from '../../../core/periodic.js';

/** How long an upload may sit without a new piece before it is abandoned (ARCHIVE_UPLOAD_TTL_HOURS). */
export const DEFAULT_UPLOAD_TTL_HOURS = 24;
const ROWS_PER_ROUND = 500;
/**
 * A piece no upload names, last written longer ago than this, was cut off: the process stopped (kill -9, a crash, a
 * power cut) while its bytes streamed to disk. A piece still arriving in this process is never touched; one arriving
 * in another process writes more often than this (a stalled connection is closed long before).
 */
export const CUT_OFF_PIECE_MINUTES = 60;
const UPLOADS = 'archives/uploads';

export interface SweepResult {
  /** uploads started and never finished, removed */
  abandoned: number;
  /** stored pieces removed (of those, and of uploads that turned out to be a file already kept) */
  pieces: number;
  /** pieces cut off by a stopped process (named by no upload nor scan) removed */
  partial: number;
}

const uploadOf = (key: string) => key.slice(UPLOADS.length + 1).split('/')[0] ?? '';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Removes the pieces among `keys` (under archives/uploads/<upload>/) that were cut off: older than the bound, not
 * being written here, and named neither by their upload (its whole pieces: only these count in its offset, so the
 * client sends the cut piece again) nor by the scan it made. The folders are looked up 500 uploads at a time.
 */
async function sweepCutOff(db: Db, store: FileStore, keys: AsyncIterable<StoredKey>, now: Date): Promise<number> {
  const cutoff = now.getTime() - CUT_OFF_PIECE_MINUTES * 60_000;
  let removed = 0;
  let held = new Map<string, string[]>();
  const flush = async () => {
    const ids = [...held.keys()].filter((id) => UUID.test(id));
    const rows = ids.length
      ? await db
          .select({ parts: uploads.parts, scanParts: scans.parts })
          .from(uploads)
          .leftJoin(scans, eq(scans.id, uploads.scanId))
          .where(inArray(uploads.id, ids))
      : [];
    const named = new Set(rows.flatMap((r) => [...r.parts, ...(r.scanParts ?? [])].map((p) => p.key)));
    for (const id of ids)
      for (const key of held.get(id)!)
        if (!named.has(key)) {
          await store.remove(key);
          removed++;
        }
    held = new Map();
  };
  for await (const f of keys) {
    if (f.modifiedAt.getTime() > cutoff || isPieceBeingWritten(f.key)) continue;
    const id = uploadOf(f.key);
    if (!held.has(id) && held.size >= ROWS_PER_ROUND) await flush();
    held.set(id, [...(held.get(id) ?? []), f.key]);
  }
  await flush();
  return removed;
}

async function* folders(store: FileStore, ids: Iterable<string>) {
  for (const id of ids) yield* store.list(`${UPLOADS}/${id}`);
}

/**
 * Removes what resumable uploads leave behind once idle longer than `ttlHours`:
 * - an upload started and never finished: its row and its stored pieces (the client asking for it later gets 404
 *   and starts again; with its checksum a file already kept is still recognised);
 * - an upload that completed as a duplicate of a scan already kept: its own pieces (the scan keeps the first copy's).
 * - a piece cut off by a stopped process (`sweepCutOff`): in the folders of those uploads and of the uploads under
 *   way, or with `everyFolder` in every folder (at start: the uploads whose rows are gone included).
 * A scan made from an upload shares that upload's pieces, so a piece a scan names is never removed.
 */
export async function sweepOrphanUploads(
  db: Db,
  store: FileStore,
  now: Date,
  ttlHours = DEFAULT_UPLOAD_TTL_HOURS,
  opts: { everyFolder?: boolean } = {},
): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - ttlHours * 3600_000);
  const result: SweepResult = { abandoned: 0, pieces: 0, partial: 0 };
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
      .returning({ id: uploads.id, parts: uploads.parts });
    for (const u of gone) await removeAll(u.parts.map((p) => p.key));
    result.partial += await sweepCutOff(
      db,
      store,
      folders(
        store,
        gone.map((u) => u.id),
      ),
      now,
    );
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
    result.partial += await sweepCutOff(
      db,
      store,
      folders(
        store,
        done.map((u) => u.id),
      ),
      now,
    );
    if (done.length < ROWS_PER_ROUND) break;
  }

  // Pieces cut off in uploads under way; at start (everyFolder) in every folder, the uploads gone included.
  if (opts.everyFolder) result.partial += await sweepCutOff(db, store, store.list(UPLOADS), now);
  else
    for (let after = ''; ;) {
      const open = await db
        .select({ id: uploads.id })
        .from(uploads)
        .where(and(isNull(uploads.scanId), after ? gt(uploads.id, after) : undefined))
        .orderBy(asc(uploads.id))
        .limit(ROWS_PER_ROUND);
      result.partial += await sweepCutOff(
        db,
        store,
        folders(
          store,
          open.map((u) => u.id),
        ),
        now,
      );
      if (open.length < ROWS_PER_ROUND) break;
      after = open.at(-1)!.id;
    }
  return result;
}

/**
 * Runs the sweep at start (every folder of the file store's uploads) and then every `everyMs` (an hour, the folders
 * of uploads under way) while the server runs; the timers do not keep the
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
  let first = true;
  const pass = () =>
    sweepOrphanUploads(opts.db(), opts.store, opts.clock.now(), opts.ttlHours, { everyFolder: first })
      .then((r) => {
        first = false;
        if (r.abandoned || r.pieces)
          opts.log(`archives: removed ${r.abandoned} abandoned uploads and ${r.pieces} stored pieces`);
        if (r.partial) opts.log(`archives: removed ${r.partial} pieces cut off by a stopped process`);
      })
      .catch((e: unknown) => opts.log(`archives: upload sweep failed: ${(e as Error).message}`));
  return startPeriodic(pass, opts.everyMs ?? 3600_000);
}
