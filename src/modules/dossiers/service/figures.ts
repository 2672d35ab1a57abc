/** The incremental figures (daily stats and the live backlog) every change keeps, in the caller's transaction. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { send } from '../../../db/pipeline.js';
import { runSoon } from '../../../db/bulk.js';
import { dossierDailyStats, dossierProvinceStatsPending, dossierUnitStats } from '../schema.js';
import { inQueue, QUEUE_STATUSES, type Status } from '../domain/lifecycle.js';
import { type DossierRow, type Tx } from './rows.js';

type StatColumn =
  | 'received'
  | 'receivedOnline'
  | 'receivedOfferedOnline'
  | 'receivedDigitized'
  | 'finished'
  | 'finishedOnTime'
  | 'finishedWithEResult'
  | 'ratings'
  | 'ratingsSatisfied'
  | 'complainedOrDissatisfied'
  | 'waitMinutesTotal';

/**
 * Adds to the figures of the day (the unit's per field, the unit's, the province's per field), in the caller's
 * transaction. The three statements are sent at once, in that order (the same lock order everywhere), when the
 * function is called; the province's row is added to at the commit.
 */
export async function bumpStats(
  tx: Tx,
  key: { provinceCode: string; unitCode: string; day: string; field: string },
  inc: Partial<Record<StatColumn, number>>,
) {
  const set = (t: typeof dossierDailyStats | typeof dossierUnitStats) =>
    Object.fromEntries(Object.entries(inc).map(([k, v]) => [k, sql`${t[k as StatColumn]} + ${v}`]));
  const unit = send(
    tx
      .insert(dossierDailyStats)
      .values({ ...key, ...inc })
      .onConflictDoUpdate({
        target: [
          dossierDailyStats.provinceCode,
          dossierDailyStats.unitCode,
          dossierDailyStats.day,
          dossierDailyStats.field,
        ],
        set: set(dossierDailyStats),
      }),
  );
  const { field: _field, ...unitDayKey } = key;
  const unitDay = send(
    tx
      .insert(dossierUnitStats)
      .values({ ...unitDayKey, ...inc })
      .onConflictDoUpdate({
        target: [dossierUnitStats.provinceCode, dossierUnitStats.unitCode, dossierUnitStats.day],
        set: set(dossierUnitStats),
      }),
  );
  // The province's row, which every change of the province adds to, is added to inside the COMMIT (migration 0041).
  const { unitCode: _unit, ...provinceKey } = key;
  const province = send(tx.insert(dossierProvinceStatsPending).values({ ...provinceKey, ...inc }));
  await Promise.all([unit, unitDay, province]);
}

/** Where an open dossier counts in the live backlog; null once it is finished. */
export type BacklogKey = { unit: string; due: string | null; queue: boolean } | null;
export const backlogKey = (
  d: Pick<DossierRow, 'handlingUnitCode' | 'dueDate' | 'status' | 'finishedAt'>,
): BacklogKey =>
  d.finishedAt ? null : { unit: d.handlingUnitCode, due: d.dueDate, queue: inQueue(d.status as Status) };

/**
 * Moves a dossier's count in the live backlog (dossier_backlog and its province roll-up) from one key to
 * another, in the caller's transaction and after its figures (the lock order everywhere); sent when called,
 * nothing when the key is unchanged.
 */
export function moveBacklog(
  tx: Tx,
  provinceCode: string,
  before: BacklogKey,
  after: BacklogKey,
): Promise<unknown> | undefined {
  if (before?.unit === after?.unit && before?.due === after?.due && before?.queue === after?.queue) return undefined;
  return send(
    tx.execute(
      sql`SELECT dossier_backlog_move(${provinceCode}::text,
            ${before?.unit ?? null}::text, ${before?.due ?? null}::date, ${before?.queue ?? null}::boolean,
            ${after?.unit ?? null}::text, ${after?.due ?? null}::date, ${after?.queue ?? null}::boolean)`,
    ),
  );
}

/**
 * After a bulk load (the demo, an import, the benchmark): rebuilds the roll-ups of the unit figures (per unit and
 * day, per province) and recounts the live backlog from the open dossiers, for one province or all.
 */
export async function recountFigures(db: Db, provinceCode?: string) {
  // Through runSoon: on the first preparation's database the demo goes on meanwhile; elsewhere they are waited for.
  const province = provinceCode ?? null;
  await runSoon(db, sql`SELECT dossier_stats_roll_up(${province}::text)`);
  await runSoon(
    db,
    sql`SELECT dossier_backlog_rebuild(${province}::text, ARRAY[${sql.join(
      QUEUE_STATUSES.map((q) => sql`${q}::text`),
      sql`, `,
    )}])`,
  );
}
