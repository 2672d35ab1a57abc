// The units' notices of an audience change, delivered after the save's commit through an outbox (docs/trainings.md).
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../db/client.js';
import { notifyUnits, sendMails } from '../../recommendations/index.js';
import { trainingNoticeOutbox, type UnitNotice } from '../schema.js';
import { startPeriodic } from '../../../core/periodic.js';

export const CANCELLED_NOTICE_KIND = 'training_registration_cancelled';

/** Writes every unit's notice of a save as one outbox row, in the save's transaction (one statement). */
export async function queueNotices(tx: Db, eventId: string, notices: UnitNotice[], at: Date): Promise<void> {
  if (!notices.length) return;
  await tx.insert(trainingNoticeOutbox).values({ eventId, kind: CANCELLED_NOTICE_KIND, notices, createdAt: at });
}

/** For the tests: runs before each delivery's transaction (a failure thrown here is a failed delivery). */
export const deliveryHooks: { before?: () => void } = {};

/**
 * Delivers the pending outbox rows, oldest first, each in its own transaction: the units' notifications in one
 * statement and the row marked sent together, so a row is delivered once even when two passes meet (the second skips
 * the locked row). The e-mails go after each commit. Answers the number of rows delivered.
 */
export async function deliverNotices(db: Db, at: Date): Promise<number> {
  let delivered = 0;
  for (;;) {
    deliveryHooks.before?.();
    const mails = await db.transaction(async (tx) => {
      const [row] = rowsOf<{ id: number; eventId: string; kind: string; notices: UnitNotice[] | string }>(
        await tx.execute(sql`
          SELECT id, event_id AS "eventId", kind, notices FROM ${trainingNoticeOutbox}
          WHERE sent_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`),
      );
      if (!row) return null;
      const notices = (typeof row.notices === 'string' ? JSON.parse(row.notices) : row.notices) as UnitNotice[];
      const sent = await notifyUnits(
        tx,
        notices.map((n) => ({
          provinceCode: n.provinceCode,
          unitCode: n.unitCode,
          notice: {
            kind: row.kind,
            entity: 'training_event',
            entityId: row.eventId,
            provinceCode: n.provinceCode,
            title: n.title,
            body: n.body,
          },
        })),
        at,
      );
      await tx
        .update(trainingNoticeOutbox)
        .set({ sentAt: at })
        .where(eq(trainingNoticeOutbox.id, Number(row.id)));
      return sent;
    });
    if (!mails) return delivered;
    delivered++;
    await sendMails(mails);
  }
}

/** Delivers after a save: a failure leaves the rows for the next pass (the next save, or the server's sweep). */
export async function deliverNoticesAfterCommit(db: Db, at: Date, log?: (msg: string) => void): Promise<void> {
  try {
    await deliverNotices(db, at);
  } catch (err) {
    log?.(`training notices left in the outbox: ${(err as Error).message}`);
  }
}

/** Delivers what a save left behind (a crash or a failure after its commit): at start, then every `everyMs`. */
export function startNoticeSweep(db: () => Db, now: () => Date, log: (msg: string) => void, everyMs = 300_000) {
  return startPeriodic(() => deliverNoticesAfterCommit(db(), now(), log), everyMs);
}
