import { createHash, randomUUID, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { bulkInsert } from '../../../db/bulk.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { scopeWhere, type Actor, type Place } from '../../../core/scope.js';
import type { FileStore } from '../../../core/file-store.js';
import type { StreamedFile } from '../../../core/attachments.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { searchKey } from '../../../core/text.js';
import { recordAudit } from '../../audit/index.js';
import { unitPlace, unitShortNames } from '../../units/index.js';
import {
  digitizationBatches as batches,
  digitizationBoardFigures as figures,
  digitizationDescriptions as descriptions,
  digitizationPlans as plans,
  digitizationScans as scans,
  digitizationUploads as uploads,
  type StoredPart,
} from '../schema.js';
import {
  allowedBatchActions,
  descriptionProblems,
  nextBatchStage,
  type BatchAction,
  type BatchStage,
} from '../domain/digitization.js';
import { chunkProblem, isPdf, MAX_CHUNK_BYTES, MAX_SCAN_BYTES, PdfPageCounter } from '../domain/pages.js';
import { mayArchive, mustArchive } from '../policy.js';
import type {
  Batch,
  BatchDetail,
  Description,
  DescriptionItem,
  DigitizationBoard,
  DigitizationBoardRow,
  Plan,
  PlanBody,
  Scan,
  Upload,
} from '../contract.js';

const placeOf = (r: { provinceCode: string; unitCode: string }): Place => ({
  provinceCode: r.provinceCode,
  unitCode: r.unitCode,
});

async function unitPlaceOrFail(db: Db, code: string): Promise<Place> {
  const u = await unitPlace(db, code);
  if (!u) throw invalid('unitCode', 'invalid_value', { detail: code });
  return { provinceCode: u.provinceCode, unitCode: u.code };
}

const versionCheck = (expected: number | undefined, actual: number) => {
  if (expected !== undefined && expected !== actual)
    throw new AppError(409, 'version_conflict', 'record_version_conflict');
};

// ---------- plans ----------

type PlanRow = typeof plans.$inferSelect;
const toPlan = (p: PlanRow, names: Map<string, string>, actor: Actor): Plan => ({
  id: p.id,
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
  unitName: names.get(p.unitCode) ?? p.unitCode,
  year: p.year,
  fonds: p.fonds,
  retention: p.retention,
  plannedFiles: p.plannedFiles,
  plannedPages: p.plannedPages,
  version: p.version,
  actions: [
    ...(mayArchive('plan', actor, placeOf(p)) ? ['edit'] : []),
    ...(mayArchive('digitize', actor, placeOf(p)) ? ['add_batch'] : []),
  ],
});

/**
 * Sets a unit's plan for a year, fonds and retention: the same four again change the figures (a plan is revised,
 * never doubled), so a retried request changes nothing more.
 */
export async function savePlan(db: Db, actor: Actor, input: PlanBody, clock: DeadlineClock): Promise<Plan> {
  const place = await unitPlaceOrFail(db, input.unitCode);
  mustArchive('plan', actor, place);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(plans)
      .where(
        and(
          eq(plans.unitCode, input.unitCode),
          eq(plans.year, input.year),
          eq(plans.fonds, input.fonds),
          eq(plans.retention, input.retention),
        ),
      )
      .for('update');
    const [after] = before
      ? await tx
          .update(plans)
          .set({
            plannedFiles: input.plannedFiles,
            plannedPages: input.plannedPages,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(plans.id, before.id))
          .returning()
      : await tx
          .insert(plans)
          .values({ ...input, provinceCode: place.provinceCode })
          .returning();
    await recordAudit(tx, actor, {
      action: before ? 'plan_revise' : 'plan_create',
      entity: 'digitization_plan',
      entityId: after!.id,
      provinceCode: place.provinceCode,
      unitCode: place.unitCode,
      before: before ? { plannedFiles: before.plannedFiles, plannedPages: before.plannedPages } : null,
      after: input,
    });
    return after!;
  });
  return toPlan(row, await unitShortNames(db, [row.unitCode]), actor);
}

export async function listPlans(
  db: Db,
  actor: Actor,
  q: { unit?: string; year?: number; page: number; pageSize: number },
) {
  mustArchive('read', actor); // the role first: a scope filter alone would show a staff account its unit's
  const where = and(
    scopeWhere(actor, { provinceCode: plans.provinceCode, unitCode: plans.unitCode }),
    q.unit ? eq(plans.unitCode, q.unit) : undefined,
    q.year ? eq(plans.year, q.year) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(plans)
      .where(where)
      .orderBy(desc(plans.year), asc(plans.unitCode), asc(plans.fonds))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(plans).where(where),
  ]);
  const names = await unitShortNames(db, [...new Set(rows.map((r) => r.unitCode))]);
  return { items: rows.map((r) => toPlan(r, names, actor)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

// ---------- batches ----------

type BatchRow = typeof batches.$inferSelect;

const batchColumns = {
  batch: batches,
  fonds: plans.fonds,
  scans: sql<number>`(SELECT count(*)::int FROM digitization_scans s WHERE s.batch_id = ${batches.id})`,
  descriptions: sql<number>`(SELECT count(*)::int FROM digitization_descriptions d WHERE d.batch_id = ${batches.id})`,
};

const toBatch = (
  r: { batch: BatchRow; fonds: string; scans: number; descriptions: number },
  names: Map<string, string>,
  actor: Actor,
): Batch => {
  const b = r.batch;
  return {
    id: b.id,
    planId: b.planId,
    provinceCode: b.provinceCode,
    unitCode: b.unitCode,
    unitName: names.get(b.unitCode) ?? b.unitCode,
    year: b.year,
    fonds: r.fonds,
    name: b.name,
    stage: b.stage as BatchStage,
    files: b.files,
    pages: b.pages,
    scans: Number(r.scans),
    descriptions: Number(r.descriptions),
    scannedOn: b.scannedOn,
    checkedOn: b.checkedOn,
    describedOn: b.describedOn,
    publishedOn: b.publishedOn,
    version: b.version,
    actions: mayArchive('digitize', actor, placeOf(b))
      ? [
          ...allowedBatchActions(b.stage as BatchStage),
          ...(b.stage === 'scanning' ? ['upload'] : []),
          ...(b.stage !== 'published' ? ['add_descriptions'] : []),
        ]
      : [],
  };
};

/** A batch of a plan; the same clientRef again (a retry from a weak connection) gives back the batch made first. */
export async function createBatch(
  db: Db,
  actor: Actor,
  planId: string,
  input: { name: string; files: number; clientRef?: string },
): Promise<BatchDetail> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound('digitization_plan', { code: planId });
  mustArchive('read', actor, placeOf(plan));
  mustArchive('digitize', actor, placeOf(plan));
  const id = await db.transaction(async (tx) => {
    const [made] = await tx
      .insert(batches)
      .values({
        planId,
        provinceCode: plan.provinceCode,
        unitCode: plan.unitCode,
        year: plan.year,
        name: input.name,
        files: input.files,
        clientRef: input.clientRef ?? null,
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!made) {
      const [first] = await tx
        .select({ id: batches.id })
        .from(batches)
        .where(and(eq(batches.unitCode, plan.unitCode), eq(batches.clientRef, input.clientRef ?? '')));
      return first!.id;
    }
    await recordAudit(tx, actor, {
      action: 'batch_create',
      entity: 'digitization_batch',
      entityId: made.id,
      provinceCode: plan.provinceCode,
      unitCode: plan.unitCode,
      after: { planId, name: input.name, files: input.files },
    });
    return made.id;
  });
  return getBatch(db, actor, id);
}

async function loadBatch(db: Db, id: string) {
  const [r] = await db
    .select(batchColumns)
    .from(batches)
    .innerJoin(plans, eq(plans.id, batches.planId))
    .where(eq(batches.id, id));
  if (!r) throw notFound('digitization_batch', { code: id });
  return r;
}

const toScan = (s: typeof scans.$inferSelect, described: boolean): Scan => ({
  id: s.id,
  name: s.name,
  contentType: s.contentType,
  sizeBytes: s.sizeBytes,
  sha256: s.sha256,
  pageCount: s.pageCount,
  described,
  createdAt: s.createdAt.toISOString(),
});

export async function getBatch(db: Db, actor: Actor, id: string): Promise<BatchDetail> {
  const r = await loadBatch(db, id);
  mustArchive('read', actor, placeOf(r.batch));
  const [names, scanRows, described] = await Promise.all([
    unitShortNames(db, [r.batch.unitCode]),
    db.select().from(scans).where(eq(scans.batchId, id)).orderBy(asc(scans.createdAt), asc(scans.name)),
    db.selectDistinct({ scanId: descriptions.scanId }).from(descriptions).where(eq(descriptions.batchId, id)),
  ]);
  const describedIds = new Set(described.map((d) => d.scanId));
  return { ...toBatch(r, names, actor), scanList: scanRows.map((s) => toScan(s, describedIds.has(s.id))) };
}

export async function listBatches(
  db: Db,
  actor: Actor,
  q: { unit?: string; year?: number; stage?: BatchStage; page: number; pageSize: number },
) {
  mustArchive('read', actor); // the role first: a scope filter alone would show a staff account its unit's
  const where = and(
    scopeWhere(actor, { provinceCode: batches.provinceCode, unitCode: batches.unitCode }),
    q.unit ? eq(batches.unitCode, q.unit) : undefined,
    q.year ? eq(batches.year, q.year) : undefined,
    q.stage ? eq(batches.stage, q.stage) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(batchColumns)
      .from(batches)
      .innerJoin(plans, eq(plans.id, batches.planId))
      .where(where)
      .orderBy(desc(batches.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(batches).where(where),
  ]);
  const names = await unitShortNames(db, [...new Set(rows.map((r) => r.batch.unitCode))]);
  return { items: rows.map((r) => toBatch(r, names, actor)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

const STAGE_DATE: Record<BatchAction, 'scannedOn' | 'checkedOn' | 'describedOn' | 'publishedOn'> = {
  finish_scanning: 'scannedOn',
  check: 'checkedOn',
  describe: 'describedOn',
  publish: 'publishedOn',
};

/** The next stage of a batch: scanning finished, checked, described (every scan described), published for use. */
export async function actOnBatch(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: BatchAction; version?: number },
  clock: DeadlineClock,
): Promise<BatchDetail> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [b] = await tx.select().from(batches).where(eq(batches.id, id)).for('update');
    if (!b) throw notFound('digitization_batch', { code: id });
    mustArchive('read', actor, placeOf(b));
    mustArchive('digitize', actor, placeOf(b));
    versionCheck(input.version, b.version);
    const [c] = await tx
      .execute(
        sql`SELECT
        (SELECT count(*)::int FROM digitization_scans WHERE batch_id = ${id}) AS scans,
        (SELECT count(DISTINCT scan_id)::int FROM digitization_descriptions WHERE batch_id = ${id}) AS "describedScans",
        (SELECT count(*)::int FROM digitization_descriptions WHERE batch_id = ${id}) AS descriptions`,
      )
      .then(
        (res) =>
          (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as {
            scans: number;
            describedScans: number;
            descriptions: number;
          }[],
      );
    const from = b.stage as BatchStage;
    const to = nextBatchStage(from, input.action, c!);
    if (to === 'illegal')
      throw new AppError(
        409,
        'illegal_transition',
        'batch_illegal_transition',
        { action: input.action, status: from, allowed: allowedBatchActions(from).join(', ') || '—' },
        'action',
      );
    if (to === 'no_scans') throw new AppError(409, 'batch_no_scans', 'batch_no_scans', {}, 'action');
    if (to === 'not_described')
      throw new AppError(409, 'batch_not_described', 'batch_not_described', { missing: c!.scans - c!.describedScans });
    await tx
      .update(batches)
      .set({ stage: to, [STAGE_DATE[input.action]]: clock.localDate(now), version: b.version + 1, updatedAt: now })
      .where(eq(batches.id, id));
    await recordAudit(tx, actor, {
      action: `batch_${input.action}`,
      entity: 'digitization_batch',
      entityId: id,
      provinceCode: b.provinceCode,
      unitCode: b.unitCode,
      before: { stage: from },
      after: { stage: to },
    });
  });
  return getBatch(db, actor, id);
}

// ---------- resumable uploads ----------

type UploadRow = typeof uploads.$inferSelect;

async function scanById(db: Db, id: string | null) {
  if (!id) return null;
  const [s] = await db.select().from(scans).where(eq(scans.id, id));
  return s ? toScan(s, false) : null;
}

const toUpload = (u: UploadRow, scan: Scan | null, duplicate = false): Upload => ({
  id: u.id,
  name: u.name,
  sizeBytes: u.sizeBytes,
  offset: u.offset,
  complete: !!u.scanId,
  scan,
  duplicate,
  maxChunkBytes: MAX_CHUNK_BYTES,
});

/**
 * Opens a resumable upload of one scanned file into a batch still being scanned. With the file's checksum, a file
 * already kept in the batch is recognised at once and not sent again.
 */
export async function startUpload(
  db: Db,
  actor: Actor,
  batchId: string,
  input: { name: string; contentType: string; sizeBytes: number; sha256?: string; pageCount?: number },
): Promise<Upload> {
  const { batch: b } = await loadBatch(db, batchId);
  mustArchive('read', actor, placeOf(b));
  mustArchive('digitize', actor, placeOf(b));
  if (b.stage !== 'scanning') throw new AppError(409, 'batch_not_scanning', 'batch_not_scanning', {}, 'batch');
  if (input.sizeBytes > MAX_SCAN_BYTES)
    throw invalid('sizeBytes', 'invalid_value', { detail: `≤ ${MAX_SCAN_BYTES / 1024 / 1024} MB` });
  if (!isPdf(input.contentType) && !input.pageCount) throw invalid('pageCount', 'required', { field: 'pageCount' });
  if (input.sha256) {
    const [kept] = await db
      .select()
      .from(scans)
      .where(and(eq(scans.batchId, batchId), eq(scans.sha256, input.sha256)));
    if (kept)
      return {
        id: null,
        name: input.name,
        sizeBytes: kept.sizeBytes,
        offset: kept.sizeBytes,
        complete: true,
        scan: toScan(kept, false),
        duplicate: true,
        maxChunkBytes: MAX_CHUNK_BYTES,
      };
  }
  const [u] = await db
    .insert(uploads)
    .values({
      batchId,
      provinceCode: b.provinceCode,
      unitCode: b.unitCode,
      userId: actor.id,
      name: input.name,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      expectedSha256: input.sha256 ?? null,
      declaredPages: input.pageCount ?? null,
    })
    .returning();
  return toUpload(u!, null);
}

async function loadUpload(db: Db, actor: Actor, id: string) {
  const [u] = await db.select().from(uploads).where(eq(uploads.id, id));
  if (!u) throw notFound('digitization_upload', { code: id });
  mustArchive('read', actor, placeOf(u));
  mustArchive('digitize', actor, placeOf(u));
  return u;
}

/** Where an upload stands: the client resumes from `offset`. */
export async function uploadStatus(db: Db, actor: Actor, id: string): Promise<Upload> {
  const u = await loadUpload(db, actor, id);
  return toUpload(u, await scanById(db, u.scanId));
}

const offsetMismatch = (offset: number) =>
  new AppError(409, 'upload_offset_mismatch', 'upload_offset_mismatch', { offset }, 'upload-offset');

/**
 * The checksum and page count of uploads under way, as far as their pieces arrived in this process: each piece is
 * hashed and counted while it streams to the file store, so that the last piece needs no second reading. Kept only
 * in memory (a hash state cannot be stored): after a restart, or when the state does not stand at the upload's
 * offset, the pieces are read again at the end, as before. A piece works on a copy, kept only once the offset moved.
 */
interface Running {
  offset: number;
  hash: Hash;
  pages: PdfPageCounter;
}
const running = new Map<string, Running>();
const MAX_RUNNING = 1000;
const keepRunning = (id: string, r: Running) => {
  running.delete(id);
  running.set(id, r);
  if (running.size > MAX_RUNNING) running.delete(running.keys().next().value!);
};

/**
 * The keys of pieces streaming to the file store in this process, until the upload's row names them or they are
 * removed: the sweep of cut-off pieces never touches them, however slowly their bytes arrive.
 */
const writing = new Set<string>();
export const isPieceBeingWritten = (key: string) => writing.has(key);

/** Drops what was counted in memory, as a restart does (the pieces are then read again at the end). */
export function forgetUploadsInMemory() {
  running.clear();
}

/**
 * Appends a piece at `claimedOffset`, streamed from `body` to the file store under a key of its own (nothing is read
 * before the actor is allowed and the offset is the one received so far). The offset then moves only if it still
 * equals the claim: two copies of one piece (a retry) never both count, and the copy that lost is removed. A piece
 * too long, empty, or cut off by a dropped connection leaves no bytes behind. The last piece completes the scan.
 */
export async function appendChunk(
  db: Db,
  actor: Actor,
  id: string,
  claimedOffset: number,
  body: { declaredLength: number | null; bytes: AsyncIterable<Uint8Array> },
  clock: DeadlineClock,
  store: FileStore,
): Promise<Upload> {
  const u = await loadUpload(db, actor, id);
  if (u.scanId) return toUpload(u, await scanById(db, u.scanId));
  const tooLong = () => invalid('body', 'invalid_value', { detail: `1 – ${MAX_CHUNK_BYTES} bytes, to ${u.sizeBytes}` });
  const problem = chunkProblem(u, claimedOffset, body.declaredLength ?? 1);
  if (problem === 'offset_mismatch') throw offsetMismatch(u.offset);
  if (problem) throw tooLong();

  const limit = Math.min(MAX_CHUNK_BYTES, u.sizeBytes - claimedOffset);
  const was = running.get(u.id);
  const base = was?.offset === claimedOffset ? was : claimedOffset === 0 ? null : undefined;
  const hash = base ? base.hash.copy() : base === null ? createHash('sha256') : null;
  const pages = base ? base.pages.copy() : new PdfPageCounter();
  const pdf = isPdf(u.contentType);
  let length = 0;
  async function* counted(source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      length += chunk.byteLength;
      if (length > limit) throw tooLong();
      hash?.update(chunk);
      if (pdf && hash) pages.push(chunk);
      yield chunk;
    }
    if (length === 0) throw tooLong();
  }
  const part: StoredPart = { key: `archives/uploads/${u.id}/${claimedOffset}-${randomUUID()}`, size: 0 };
  writing.add(part.key);
  let moved: UploadRow | undefined;
  try {
    await store.putStream(part.key, counted(body.bytes));
    part.size = length;
    [moved] = await db
      .update(uploads)
      .set({
        offset: claimedOffset + length,
        parts: sql`${uploads.parts} || ${JSON.stringify([part])}::jsonb`,
        updatedAt: clock.now(),
      })
      .where(and(eq(uploads.id, id), eq(uploads.offset, claimedOffset), sql`${uploads.scanId} IS NULL`))
      .returning();
    if (!moved) await store.remove(part.key);
  } finally {
    writing.delete(part.key);
  }
  if (!moved) {
    const [now] = await db.select({ offset: uploads.offset }).from(uploads).where(eq(uploads.id, id));
    throw offsetMismatch(now?.offset ?? 0);
  }
  if (hash) keepRunning(u.id, { offset: moved.offset, hash, pages });
  if (moved.offset < moved.sizeBytes) return toUpload(moved, null);
  return completeUpload(db, actor, moved, clock, store);
}

/**
 * Finishes an upload: the checksum and page count come from the pieces hashed as they arrived, or else from one pass
 * over the stored pieces, a piece at a time.
 */
async function completeUpload(
  db: Db,
  actor: Actor,
  u: UploadRow,
  clock: DeadlineClock,
  store: FileStore,
): Promise<Upload> {
  const pdf = isPdf(u.contentType);
  const arrived = running.get(u.id);
  running.delete(u.id);
  let hash: Hash;
  let pages: PdfPageCounter;
  if (arrived?.offset === u.sizeBytes) ({ hash, pages } = arrived);
  else {
    hash = createHash('sha256');
    pages = new PdfPageCounter();
    for (const p of u.parts) {
      const bytes = await store.get(p.key);
      hash.update(bytes);
      if (pdf) pages.push(bytes);
    }
  }
  const sha256 = hash.digest('hex');
  if (u.expectedSha256 && u.expectedSha256 !== sha256) {
    // A piece was corrupted on the way: start again from the first byte (the stored pieces are replaced).
    // The pieces go too: the next try may cut the file differently, and no scan names these keys.
    await db.update(uploads).set({ offset: 0, parts: [], updatedAt: clock.now() }).where(eq(uploads.id, u.id));
    for (const p of u.parts) await store.remove(p.key);
    throw new AppError(409, 'upload_checksum_mismatch', 'upload_checksum_mismatch', {}, 'sha256');
  }
  const pageCount = pdf ? Math.max(pages.finish(), 1) : (u.declaredPages ?? 1);
  return db.transaction(async (tx) => {
    const [made] = await tx
      .insert(scans)
      .values({
        batchId: u.batchId,
        provinceCode: u.provinceCode,
        unitCode: u.unitCode,
        name: u.name,
        contentType: u.contentType,
        sizeBytes: u.sizeBytes,
        sha256,
        pageCount,
        parts: u.parts,
      })
      .onConflictDoNothing()
      .returning();
    const [kept] = made
      ? [made]
      : await tx
          .select()
          .from(scans)
          .where(and(eq(scans.batchId, u.batchId), eq(scans.sha256, sha256)));
    const scan = kept!;
    const [done] = await tx
      .update(uploads)
      .set({ scanId: scan.id, updatedAt: clock.now() })
      .where(eq(uploads.id, u.id))
      .returning();
    if (made) {
      await tx
        .update(batches)
        .set({ pages: sql`${batches.pages} + ${pageCount}`, updatedAt: clock.now() })
        .where(eq(batches.id, u.batchId));
      await recordAudit(tx, actor, {
        action: 'scan_upload',
        entity: 'digitization_batch',
        entityId: u.batchId,
        provinceCode: u.provinceCode,
        unitCode: u.unitCode,
        after: { scanId: scan.id, name: u.name, sha256, pageCount, sizeBytes: u.sizeBytes },
      });
    }
    return toUpload(done!, toScan(scan, false), !made);
  });
}

/**
 * A scanned file to send: its pieces are read in order as a stream, only those that hold the bytes asked for (a
 * range), so that a download never holds the file in memory.
 */
export async function getScanFile(db: Db, actor: Actor, id: string, store: FileStore): Promise<StreamedFile> {
  const [s] = await db.select().from(scans).where(eq(scans.id, id));
  if (!s) throw notFound('digitization_scan', { code: id });
  mustArchive('read', actor, placeOf(s));
  return {
    name: s.name,
    contentType: s.contentType,
    sha256: s.sha256,
    sizeBytes: s.sizeBytes,
    open: (start, end) => Readable.from(readPieces(store, s.parts, start, end), { objectMode: false }),
  };
}

async function* readPieces(store: FileStore, parts: StoredPart[], start: number, end: number) {
  let at = 0;
  for (const p of parts) {
    const from = at;
    at += p.size;
    if (at <= start || from > end) continue;
    yield* store.getStream(p.key, { start: Math.max(start, from) - from, end: Math.min(end, at - 1) - from });
  }
}

// ---------- descriptions ----------

const DESCRIPTION_COLUMNS = {
  batch_id: 'uuid',
  province_code: 'text',
  unit_code: 'text',
  scan_id: 'uuid',
  fonds: 'text',
  file_code: 'text',
  doc_number: 'text',
  doc_symbol: 'text',
  doc_date: 'date',
  issuing_body: 'text',
  summary: 'text',
  page_count: 'int',
  retention: 'text',
  access: 'text',
  search_key: 'text',
};

export interface RowError {
  row: number;
  field: string;
  detail: string;
}

/** Every problem of the rows (row numbers from 1), for the import's report; nothing is written when there is one. */
export function descriptionErrors(items: DescriptionItem[], scanIds: Set<string>, today: string): RowError[] {
  const out: RowError[] = [];
  items.forEach((d, i) => {
    for (const p of descriptionProblems(d, today)) out.push({ row: i + 1, field: p.field, detail: p.detail });
    if (d.scanId && !scanIds.has(d.scanId))
      out.push({ row: i + 1, field: 'scanId', detail: 'not a scan of the batch' });
  });
  return out;
}

/** Adds descriptions to a batch not yet published: all or nothing, the first fault named by row and field. */
export async function addDescriptions(
  db: Db,
  actor: Actor,
  batchId: string,
  items: DescriptionItem[],
  clock: DeadlineClock,
): Promise<{ added: number }> {
  const { batch: b } = await loadBatch(db, batchId);
  mustArchive('read', actor, placeOf(b));
  mustArchive('digitize', actor, placeOf(b));
  if (b.stage === 'published') throw new AppError(409, 'batch_published', 'batch_published', {}, 'batch');
  const scanIds = new Set(
    (await db.select({ id: scans.id }).from(scans).where(eq(scans.batchId, batchId))).map((s) => s.id),
  );
  const errors = descriptionErrors(items, scanIds, clock.localDate(clock.now()));
  if (errors.length) {
    const e = errors[0]!;
    throw invalid(`items.${e.row - 1}.${e.field}`, 'invalid_value', { detail: e.detail });
  }
  await db.transaction(async (tx) => {
    await bulkInsert(
      tx as unknown as Db,
      'digitization_descriptions',
      DESCRIPTION_COLUMNS,
      items.map((d) => ({
        batch_id: batchId,
        province_code: b.provinceCode,
        unit_code: b.unitCode,
        scan_id: d.scanId ?? null,
        fonds: d.fonds,
        file_code: d.fileCode,
        doc_number: d.docNumber,
        doc_symbol: d.docSymbol,
        doc_date: d.docDate,
        issuing_body: d.issuingBody,
        summary: d.summary,
        page_count: d.pageCount,
        retention: d.retention,
        access: d.access,
        search_key: searchKey(`${d.docNumber}/${d.docSymbol} ${d.summary} ${d.issuingBody} ${d.fileCode}`),
      })),
    );
    await recordAudit(tx as unknown as Db, actor, {
      action: 'describe',
      entity: 'digitization_batch',
      entityId: batchId,
      provinceCode: b.provinceCode,
      unitCode: b.unitCode,
      after: { added: items.length },
    });
  });
  return { added: items.length };
}

const toDescription = (d: typeof descriptions.$inferSelect, names: Map<string, string>): Description => ({
  id: d.id,
  batchId: d.batchId,
  provinceCode: d.provinceCode,
  unitCode: d.unitCode,
  unitName: names.get(d.unitCode) ?? d.unitCode,
  scanId: d.scanId,
  fonds: d.fonds,
  fileCode: d.fileCode,
  docNumber: d.docNumber,
  docSymbol: d.docSymbol,
  docDate: d.docDate,
  issuingBody: d.issuingBody,
  summary: d.summary,
  pageCount: d.pageCount,
  retention: d.retention,
  access: d.access,
});

/** Corrects one description of a batch not yet published (the same checks as adding; audited with before and after). */
export async function updateDescription(
  db: Db,
  actor: Actor,
  id: string,
  item: DescriptionItem,
  clock: DeadlineClock,
): Promise<Description> {
  const [before] = await db.select().from(descriptions).where(eq(descriptions.id, id));
  if (!before) throw notFound('digitization_description', { code: id });
  mustArchive('read', actor, placeOf(before));
  mustArchive('digitize', actor, placeOf(before));
  const { batch: b } = await loadBatch(db, before.batchId);
  if (b.stage === 'published') throw new AppError(409, 'batch_published', 'batch_published', {}, 'batch');
  const scanIds = new Set(
    (await db.select({ id: scans.id }).from(scans).where(eq(scans.batchId, b.id))).map((s) => s.id),
  );
  const [e] = descriptionErrors([item], scanIds, clock.localDate(clock.now()));
  if (e) throw invalid(e.field, 'invalid_value', { detail: e.detail });
  const after = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(descriptions)
      .set({
        scanId: item.scanId ?? null,
        fonds: item.fonds,
        fileCode: item.fileCode,
        docNumber: item.docNumber,
        docSymbol: item.docSymbol,
        docDate: item.docDate,
        issuingBody: item.issuingBody,
        summary: item.summary,
        pageCount: item.pageCount,
        retention: item.retention,
        access: item.access,
        searchKey: searchKey(
          `${item.docNumber}/${item.docSymbol} ${item.summary} ${item.issuingBody} ${item.fileCode}`,
        ),
      })
      .where(eq(descriptions.id, id))
      .returning();
    const { searchKey: _b, createdAt: _c, ...was } = before;
    await recordAudit(tx, actor, {
      action: 'describe_correct',
      entity: 'digitization_batch',
      entityId: b.id,
      provinceCode: b.provinceCode,
      unitCode: b.unitCode,
      before: was,
      after: { id, ...item },
    });
    return row!;
  });
  return toDescription(after, await unitShortNames(db, [after.unitCode]));
}

/**
 * Searches the descriptions without regard to diacritics. Open descriptions are read by every signed-in user; a
 * restricted one only inside its unit's scope (the unit, its province, the Ministry).
 */
/** How far the search counts its matches: beyond it the answer says "more than" (`more`). */
export const SEARCH_COUNT_CAP = 10_000;

export async function searchDescriptions(
  db: Db,
  actor: Actor,
  q: { q?: string; unit?: string; batch?: string; page: number; pageSize: number },
  cap = SEARCH_COUNT_CAP,
) {
  mustArchive('read', actor); // the role first: a scope filter alone would show a staff account its unit's
  const scope = scopeWhere(actor, { provinceCode: descriptions.provinceCode, unitCode: descriptions.unitCode });
  const conds: (SQL | undefined)[] = [scope ? or(eq(descriptions.access, 'open'), scope) : undefined];
  if (q.unit) conds.push(eq(descriptions.unitCode, q.unit));
  if (q.batch) conds.push(eq(descriptions.batchId, q.batch));
  for (const word of (q.q ? searchKey(q.q) : '').split(' ').filter(Boolean))
    conds.push(sql`${descriptions.searchKey} LIKE ${'%' + word.replace(/[%_\\]/g, '\\$&') + '%'}`);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(descriptions)
      .where(where)
      .orderBy(desc(descriptions.docDate), asc(descriptions.fileCode))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    // Counted up to the cap: an exact total of a common word visits every match (12 s at 10 million descriptions).
    db.select({ n: count() }).from(
      db
        .select({ one: sql`1` })
        .from(descriptions)
        .where(where)
        .limit(cap + 1)
        .as('found'),
    ),
  ]);
  const names = await unitShortNames(db, [...new Set(rows.map((r) => r.unitCode))]);
  const items: Description[] = rows.map((d) => toDescription(d, names));
  const found = total?.n ?? 0;
  return {
    items,
    total: Math.min(found, cap),
    more: found > cap,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------- the progress board ----------

const STAGES = ['scanned', 'checked', 'described', 'published'] as const;
const zero = () => ({ files: 0, pages: 0 });
const blankRow = (code: string, name: string): DigitizationBoardRow => ({
  code,
  name,
  plannedFiles: 0,
  plannedPages: 0,
  done: { scanned: zero(), checked: zero(), described: zero(), published: zero() },
  thisMonth: { scanned: zero(), checked: zero(), described: zero(), published: zero() },
  behindPlan: false,
});

/** One figure of the board: a plan total (`planned`), batches standing at a stage (month 0), or reaching it in the month. */
interface BoardFigure {
  code: string;
  stage: string;
  month: number;
  files: number;
  pages: number;
}

interface BoardQuery {
  year: number;
  month: number;
  /** the province asked for (per unit), or null for the country (per province) */
  province: string | null;
}

function boardQuery(actor: Actor, q: { year?: number; month?: number; province?: string }, clock: DeadlineClock) {
  mustArchive('read', actor);
  const today = clock.localDate(clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const month = q.month ?? (year === Number(today.slice(0, 4)) ? Number(today.slice(5, 7)) : 12);
  return { year, month, province: actor.provinceCode ?? q.province ?? null } satisfies BoardQuery;
}

/**
 * Planned against done per stage, per province (the country) or per unit (a province, or the Ministry asking for one
 * province), for the year and cumulatively, and in the month asked. A unit is behind plan when the pages scanned so
 * far are below the plan's pages times the share of the year gone (month ÷ 12; a past year counts whole).
 * Read from the figures kept by the triggers of migration `digitization_board` (a few rows per unit, or per province
 * for the country); `digitizationBoardLive` groups the plans and batches themselves and must give the same board.
 */
export async function digitizationBoard(
  db: Db,
  actor: Actor,
  q: { year?: number; month?: number; province?: string },
  clock: DeadlineClock,
): Promise<DigitizationBoard> {
  const bq = boardQuery(actor, q, clock);
  const { year, month, province } = bq;
  // the country's rows: province_code '', unit_code = the province
  const rows = await db
    .select({
      code: figures.unitCode,
      stage: figures.stage,
      month: figures.month,
      files: sql<number>`${figures.files}::int`,
      pages: sql<number>`${figures.pages}::int`,
    })
    .from(figures)
    .where(
      and(
        eq(figures.year, year),
        eq(figures.provinceCode, province ?? ''),
        or(eq(figures.month, 0), eq(figures.month, year * 100 + month)),
        province ? scopeWhere(actor, { provinceCode: figures.provinceCode, unitCode: figures.unitCode }) : undefined,
      ),
    );
  return assembleBoard(db, bq, rows);
}

/** The same board grouped live from the plans and batches (the reference the kept figures must equal). */
export async function digitizationBoardLive(
  db: Db,
  actor: Actor,
  q: { year?: number; month?: number; province?: string },
  clock: DeadlineClock,
): Promise<DigitizationBoard> {
  const bq = boardQuery(actor, q, clock);
  const { year, month, province } = bq;
  const planKey = province ? plans.unitCode : plans.provinceCode;
  const batchKey = province ? batches.unitCode : batches.provinceCode;
  const planWhere = and(
    scopeWhere(actor, { provinceCode: plans.provinceCode, unitCode: plans.unitCode }),
    province ? eq(plans.provinceCode, province) : undefined,
    eq(plans.year, year),
  );
  const batchWhere = and(
    scopeWhere(actor, { provinceCode: batches.provinceCode, unitCode: batches.unitCode }),
    province ? eq(batches.provinceCode, province) : undefined,
    eq(batches.year, year),
  );
  const monthStart = `${year}-${String(month).padStart(2, '0')}-01`;
  const monthEnd = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const dateCol = {
    scanned: 'scanned_on',
    checked: 'checked_on',
    described: 'described_on',
    published: 'published_on',
  };
  const inMonth = (s: (typeof STAGES)[number]) =>
    sql`${sql.raw(dateCol[s])} >= ${monthStart} AND ${sql.raw(dateCol[s])} < ${monthEnd}`;
  const monthly = Object.fromEntries(
    STAGES.flatMap((s) => [
      [`${s}MonthFiles`, sql<number>`COALESCE(SUM(${batches.files}) FILTER (WHERE ${inMonth(s)}), 0)::int`],
      [`${s}MonthPages`, sql<number>`COALESCE(SUM(${batches.pages}) FILTER (WHERE ${inMonth(s)}), 0)::int`],
    ]),
  ) as Record<string, SQL<number>>;
  const [planned, done] = await Promise.all([
    db
      .select({
        code: planKey,
        files: sql<number>`SUM(${plans.plannedFiles})::int`,
        pages: sql<number>`SUM(${plans.plannedPages})::int`,
      })
      .from(plans)
      .where(planWhere)
      .groupBy(planKey),
    db
      .select({
        code: batchKey,
        stage: batches.stage,
        files: sql<number>`SUM(${batches.files})::int`,
        pages: sql<number>`SUM(${batches.pages})::int`,
        ...monthly,
      })
      .from(batches)
      .where(batchWhere)
      .groupBy(batchKey, batches.stage),
  ]);
  const rows: BoardFigure[] = planned.map((p) => ({ ...p, stage: 'planned', month: 0 }));
  for (const d of done as Record<string, unknown>[]) {
    const code = d.code as string;
    rows.push({ code, stage: d.stage as string, month: 0, files: Number(d.files), pages: Number(d.pages) });
    for (const s of STAGES)
      rows.push({
        code,
        stage: s,
        month: year * 100 + month,
        files: Number(d[`${s}MonthFiles`]),
        pages: Number(d[`${s}MonthPages`]),
      });
  }
  return assembleBoard(db, bq, rows);
}

async function assembleBoard(db: Db, q: BoardQuery, figures: BoardFigure[]): Promise<DigitizationBoard> {
  const { year, month, province } = q;
  const codes = [...new Set(figures.map((f) => f.code))];
  const names = await unitShortNames(db, province ? [...codes, province] : codes);
  const rows = new Map<string, DigitizationBoardRow>();
  const total = blankRow(province ?? '', province ? (names.get(province) ?? '') : '');
  const rowOf = (code: string) => {
    const r = rows.get(code) ?? blankRow(code, names.get(code) ?? code);
    rows.set(code, r);
    return r;
  };
  for (const f of figures) {
    const files = Number(f.files);
    const pages = Number(f.pages);
    for (const r of [rowOf(f.code), total]) {
      if (f.stage === 'planned') {
        r.plannedFiles += files;
        r.plannedPages += pages;
      } else if (f.month === 0) {
        // a batch at stage k has reached every stage ≤ k (-1 while scanning: none yet)
        const at = STAGES.indexOf(f.stage as (typeof STAGES)[number]);
        STAGES.forEach((s, i) => {
          if (i <= at) {
            r.done[s].files += files;
            r.done[s].pages += pages;
          }
        });
      } else {
        const s = f.stage as (typeof STAGES)[number];
        r.thisMonth[s].files += files;
        r.thisMonth[s].pages += pages;
      }
    }
  }
  const behind = (r: DigitizationBoardRow) => {
    r.behindPlan = r.plannedPages > 0 && r.done.scanned.pages < (r.plannedPages * month) / 12;
  };
  const list = [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
  list.forEach(behind);
  behind(total);
  return { year, month, level: province ? 'province' : 'country', rows: list, total };
}
