/** What citizens do with a receipt code: look the dossier up and rate it. */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../audit/index.js';
import { dossierEvents, dossiers, procedures } from '../schema.js';
import { isOverdue, STATUS_CODE, type Rating, type Status } from '../domain/lifecycle.js';
import { bumpStats } from './figures.js';

/** What the public may know from a receipt code: no name, no ID, no address. */
export async function publicLookup(db: Db, receiptCode: string, clock: DeadlineClock) {
  const code = receiptCode.trim().toUpperCase();
  const [d] = await db.select().from(dossiers).where(eq(dossiers.receiptCode, code));
  if (!d) throw notFound('dossier', { code });
  const [proc] = await db
    .select({ name: procedures.name })
    .from(procedures)
    .where(eq(procedures.code, d.procedureCode))
    .limit(1);
  const today = clock.localDate(clock.now());
  return {
    receiptCode: d.receiptCode,
    procedureName: proc?.name ?? d.procedureCode,
    status: d.status as Status,
    statusCode: STATUS_CODE[d.status as Status],
    receivedOn: clock.localDate(d.receivedAt),
    dueDate: d.dueDate,
    rescheduled: !!d.apologyIssuedAt,
    finishedOn: d.finishedOn,
    overdue: isOverdue(d, today),
    canRate: (d.status === 'processed' || d.status === 'returned') && !d.rating,
    rating: d.rating as Rating | null,
  };
}

export async function rateDossier(
  db: Db,
  receiptCode: string,
  input: { rating: Rating; comment?: string },
  clock: DeadlineClock,
) {
  const code = receiptCode.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(dossiers).where(eq(dossiers.receiptCode, code)).for('update');
    if (!d) throw notFound('dossier', { code });
    if (d.status !== 'processed' && d.status !== 'returned')
      throw new AppError(409, 'rating_not_yet', 'rating_not_yet');
    if (d.rating) throw new AppError(409, 'rating_done', 'rating_done');
    await tx
      .update(dossiers)
      .set({ rating: input.rating })
      .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
    await bumpStats(
      tx,
      {
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        day: d.finishedOn ?? clock.localDate(clock.now()),
        field: d.procedureField,
      },
      { ratings: 1, ratingsSatisfied: input.rating === 'not_satisfied' ? 0 : 1 },
    );
    await tx.insert(dossierEvents).values({
      provinceCode: d.provinceCode,
      dossierId: d.id,
      at: clock.now(),
      actorUsername: 'citizen',
      action: 'rate',
      fromStatus: d.status,
      toStatus: d.status,
      unitCode: d.handlingUnitCode,
      note: [input.rating, input.comment].filter(Boolean).join(': '),
    });
    await recordAudit(tx, null, {
      action: 'rate',
      entity: 'dossier',
      entityId: d.id,
      provinceCode: d.provinceCode,
      unitCode: d.handlingUnitCode,
      after: { rating: input.rating, comment: input.comment ?? null },
    });
    return { ok: true };
  });
}
