// Visit logs with the items raised there, and their photos.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, notFound } from '../../../core/errors.js';
import type { FileStore } from '../../../core/file-store.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { mustReadVisit, REINFORCEMENT_POLICY } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { Notifier } from '../../recommendations/index.js';
import { channelCalendar, raiseInTx, type RaiseInput } from '../../recommendations/index.js';
import { storeAttachments, withStagedFiles, type AttachmentInput } from '../../../core/attachments.js';
import { MAX_VISIT_PHOTOS } from '../contract.js';
import { reinforcementVisits } from '../schema.js';
import { loadPhase, ownAssignment, communeIn, presentVisit, visitItems } from './common.js';

export interface VisitInput {
  phaseId: string;
  communeCode: string;
  visitedOn: string;
  metWith: string;
  findings: string;
  resolved?: string;
  photos?: AttachmentInput[];
  /** items raised at the visit: each becomes a recommendation linked to the visit */
  items?: Omit<RaiseInput, 'unitCode' | 'attachments'>[];
  /** the draft's id on the device */
  clientRef?: string;
}

/**
 * Logs a visit with the items raised there, in one transaction. Sent again from the phone (same
 * Idempotency-Key within a day, or the same clientRef at any time), it makes one visit.
 */
export async function logVisit(db: Db, actor: Actor, input: VisitInput, clock: DeadlineClock, store: FileStore) {
  const phase = await loadPhase(db, input.phaseId);
  const a = await ownAssignment(db, actor, phase.id);
  if (input.clientRef) {
    const [dup] = await db
      .select()
      .from(reinforcementVisits)
      .where(and(eq(reinforcementVisits.userId, actor.id), eq(reinforcementVisits.clientRef, input.clientRef)));
    if (dup) return { ...presentVisit(dup, await visitItems(db, dup)), duplicate: true };
  }
  const now = clock.now();
  const today = clock.localDate(now);
  if (input.visitedOn < phase.startsOn || input.visitedOn > phase.endsOn)
    throw new AppError(
      400,
      'outside_phase',
      'outside_phase',
      { date: input.visitedOn, from: phase.startsOn, to: phase.endsOn },
      'visitedOn',
    );
  if (input.visitedOn > today) throw invalid('visitedOn', 'invalid_value', { detail: `≤ ${today}` });
  await communeIn(db, input.communeCode, a.provinceCode, 'communeCode');
  const cal = channelCalendar();
  const notifier = new Notifier(now);
  // Stored after the checks above; removed again if the transaction fails (or the same draft made it meanwhile).
  const result = await withStagedFiles(store, async (staged) => {
    const photos = await storeAttachments(staged, `reinforcement/${a.provinceCode}`, input.photos);
    const made = await db.transaction(async (tx) => {
      const [v] = await tx
        .insert(reinforcementVisits)
        .values({
          provinceCode: a.provinceCode,
          phaseId: phase.id,
          userId: actor.id,
          username: actor.username,
          communeCode: input.communeCode,
          visitedOn: input.visitedOn,
          metWith: input.metWith.trim(),
          findings: input.findings.trim(),
          resolved: input.resolved?.trim() || null,
          photos,
          clientRef: input.clientRef ?? null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!v) return null; // the same draft arrived twice at once: the other request made it
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'reinforcement_visit',
        entityId: v.id,
        provinceCode: v.provinceCode,
        unitCode: v.communeCode,
        after: { visitedOn: v.visitedOn, items: input.items?.length ?? 0 },
      });
      const items = [];
      for (const item of input.items ?? []) {
        const r = await raiseInTx(
          tx,
          actor,
          { ...item, unitCode: input.communeCode },
          { now, cal, notifier, attachments: [], officerProvince: a.provinceCode, visitId: v.id },
        );
        items.push({ id: r.id, code: r.code, title: r.title, status: r.status, field: r.field });
      }
      return presentVisit(v, items);
    });
    if (!made) await staged.discard();
    return made;
  });
  await notifier.flush();
  if (!result) {
    const [dup] = await db
      .select()
      .from(reinforcementVisits)
      .where(and(eq(reinforcementVisits.userId, actor.id), eq(reinforcementVisits.clientRef, input.clientRef ?? '')));
    return { ...presentVisit(dup!, await visitItems(db, dup!)), duplicate: true };
  }
  return { ...result, duplicate: false };
}

export async function listVisits(
  db: Db,
  actor: Actor,
  q: {
    phase?: string;
    officer?: string;
    province?: string;
    commune?: string;
    from?: string;
    to?: string;
    page: number;
    pageSize: number;
  },
) {
  if (!REINFORCEMENT_POLICY.read_visit.roles.includes(actor.role)) throw forbidden();
  const s = scopeOf(actor);
  const conds: (SQL | undefined)[] = [
    s.kind === 'province' ? eq(reinforcementVisits.provinceCode, s.provinceCode) : undefined,
    s.kind === 'commune'
      ? and(eq(reinforcementVisits.provinceCode, s.provinceCode), eq(reinforcementVisits.communeCode, s.communeCode))
      : undefined,
    q.phase ? eq(reinforcementVisits.phaseId, q.phase) : undefined,
    q.officer ? eq(reinforcementVisits.username, q.officer) : undefined,
    q.province ? eq(reinforcementVisits.provinceCode, q.province) : undefined,
    q.commune ? eq(reinforcementVisits.communeCode, q.commune) : undefined,
    q.from ? gte(reinforcementVisits.visitedOn, q.from) : undefined,
    q.to ? lte(reinforcementVisits.visitedOn, q.to) : undefined,
  ];
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(reinforcementVisits)
      .where(where)
      .orderBy(desc(reinforcementVisits.visitedOn), desc(reinforcementVisits.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reinforcementVisits)
      .where(where),
  ]);
  return { items: rows.map((v) => presentVisit(v)), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getVisit(db: Db, actor: Actor, id: string) {
  const [v] = await db.select().from(reinforcementVisits).where(eq(reinforcementVisits.id, id));
  if (!v) throw notFound('visit', { code: id });
  mustReadVisit(actor, v);
  return presentVisit(v, await visitItems(db, v));
}

async function readableVisit(db: Db, actor: Actor, id: string) {
  const [v] = await db.select().from(reinforcementVisits).where(eq(reinforcementVisits.id, id));
  if (!v) throw notFound('visit', { code: id });
  mustReadVisit(actor, v);
  return v;
}

/** A visit photo's bytes, for whoever may read the visit. n: its position in the visit's list. */
export async function getVisitPhoto(db: Db, actor: Actor, id: string, n: number, store: FileStore) {
  const v = await readableVisit(db, actor, id);
  const p = v.photos[n];
  if (!p) throw notFound('visit', { code: `${id} #${n}` });
  return { name: p.name, contentType: p.contentType, sha256: p.sha256, bytes: await store.get(p.storageKey) };
}

/** The officer who logged the visit adds photos to it later (e.g. sent when the connection allows). */
export async function addVisitPhotos(db: Db, actor: Actor, id: string, files: AttachmentInput[], store: FileStore) {
  const v0 = await readableVisit(db, actor, id);
  if (v0.userId !== actor.id) throw forbidden();
  if (v0.photos.length + files.length > MAX_VISIT_PHOTOS)
    throw invalid('photos', 'invalid_value', { detail: `≤ ${MAX_VISIT_PHOTOS}` });
  const row = await withStagedFiles(store, async (staged) => {
    const stored = await storeAttachments(staged, `reinforcement/${v0.provinceCode}`, files);
    return db.transaction(async (tx) => {
      const [v] = await tx
        .select()
        .from(reinforcementVisits)
        .where(and(eq(reinforcementVisits.provinceCode, v0.provinceCode), eq(reinforcementVisits.id, id)))
        .for('update');
      if (v!.photos.length + stored.length > MAX_VISIT_PHOTOS)
        throw invalid('photos', 'invalid_value', { detail: `≤ ${MAX_VISIT_PHOTOS}` });
      const [u] = await tx
        .update(reinforcementVisits)
        .set({ photos: [...v!.photos, ...stored] })
        .where(and(eq(reinforcementVisits.provinceCode, v!.provinceCode), eq(reinforcementVisits.id, id)))
        .returning();
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'reinforcement_visit',
        entityId: id,
        provinceCode: v!.provinceCode,
        unitCode: v!.communeCode,
        after: { photos: stored.map((p) => p.name) },
      });
      return u!;
    });
  });
  return presentVisit(row, await visitItems(db, row));
}
