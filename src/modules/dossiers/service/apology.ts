/** The apology and new date (Form 04), and the dossiers that must get one today at the latest. */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayOnDossier } from '../policy.js';
import { appendAudit } from '../../audit/index.js';
import { send } from '../../../db/pipeline.js';
import { dossierEvents, dossiers } from '../schema.js';
import { apologyProblem, OPEN_STATUSES, type Status } from '../domain/lifecycle.js';
import { dossierScope } from './rows.js';
import { backlogKey, moveBacklog } from './figures.js';
import { present, loadDossier } from './reading.js';

export async function issueApology(
  db: Db,
  actor: Actor,
  id: string,
  input: { newDueDate: string; reason: string },
  clock: DeadlineClock,
) {
  return db.transaction(async (tx) => {
    const d = await loadDossier(tx, id, true, actor.provinceCode);
    if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
    if (!mayOnDossier('apologize', actor, d)) throw forbidden();
    const now = clock.now();
    const today = clock.localDate(now);
    const latest = d.dueDate ? clock.latestApologyDay(d.dueDate) : today;
    const problem = apologyProblem(
      { status: d.status as Status, dueDate: d.dueDate, apologyIssued: !!d.apologyIssuedAt },
      today,
      latest,
      input.newDueDate,
      (date) => clock.calendar.isWorkingDay(date),
    );
    if (problem) {
      const badDate = problem === 'date_not_later' || problem === 'date_not_working_day';
      const field = badDate ? 'newDueDate' : undefined;
      throw new AppError(
        badDate ? 400 : 409,
        `apology_${problem}`,
        `apology_${problem}`,
        { latest, due: d.dueDate ?? '' },
        field,
      );
    }
    const update = send(
      tx
        .update(dossiers)
        .set({
          dueDate: input.newDueDate,
          apologyIssuedAt: now,
          apologyReason: input.reason,
          version: d.version + 1,
          updatedAt: now,
        })
        .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)))
        .returning(),
    );
    const event = send(
      tx.insert(dossierEvents).values({
        provinceCode: d.provinceCode,
        dossierId: d.id,
        at: now,
        actorUsername: actor.username,
        action: 'apology',
        fromStatus: d.status,
        toStatus: d.status,
        unitCode: d.handlingUnitCode,
        note: input.reason,
      }),
    );
    const backlog = moveBacklog(tx, d.provinceCode, backlogKey(d), backlogKey({ ...d, dueDate: input.newDueDate }));
    const audit = appendAudit(tx, actor, {
      action: 'apology',
      entity: 'dossier',
      entityId: d.id,
      provinceCode: d.provinceCode,
      unitCode: d.handlingUnitCode,
      before: { dueDate: d.dueDate },
      after: { dueDate: input.newDueDate, reason: input.reason },
    });
    const [[updated]] = await Promise.all([update, event, backlog, audit]);
    return present(updated!, today, actor);
  });
}

/** Open dossiers whose last day for an apology is today or the next working day. */
export async function apologyWarnings(db: Db, actor: Actor, clock: DeadlineClock) {
  const today = clock.localDate(clock.now());
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        dossierScope(actor),
        isNull(dossiers.finishedAt),
        isNull(dossiers.apologyIssuedAt),
        gte(dossiers.dueDate, today),
        inArray(dossiers.status, OPEN_STATUSES),
      ),
    )
    .orderBy(asc(dossiers.dueDate))
    .limit(500);
  // Warn from the working day before the last chance through the last chance itself; once that day has
  // passed an apology can no longer be issued, so the dossier is not listed as one still to apologise for.
  return rows
    .map((d) => ({ d, latest: clock.latestApologyDay(d.dueDate!) }))
    .filter(({ latest }) => latest >= today && clock.latestApologyDay(latest) <= today)
    .map(({ d, latest }) => ({ ...present(d, today, actor), latestApologyDay: latest }));
}
