/** Moving a dossier along its lifecycle (the action path: its statements go out together). */
import type { DeadlineClock } from '../../../core/clock.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { rowsOf } from '../../../db/client.js';
import { insertInto, setList } from '../../../db/statements.js';
import { AppError, forbidden, invalid, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayOnDossier, mayReceiveSupplement } from '../policy.js';
import { appendAudit } from '../../audit/index.js';
import { send } from '../../../db/pipeline.js';
import {
  allowedActions,
  isFinished,
  isOverdue,
  nextStatus,
  SUPPLEMENT_REQUEST_WORKING_DAYS,
  supplementRequestLate,
  type Action,
  type Status,
} from '../domain/lifecycle.js';
import { type DossierRow, dossierShape, eventShape, unitOf } from './rows.js';
import { bumpStats, backlogKey, moveBacklog } from './figures.js';
import { present, loadDossier } from './reading.js';
import { stepsOnTransition } from './steps.js';
import { SKIPPING_ACTIONS } from '../domain/steps.js';

/** The policy row a lifecycle action answers to (policy.ts). */
function mayTransition(action: Action, actor: Actor, d: DossierRow): boolean {
  if (action === 'return_result') return mayOnDossier('return_result', actor, d);
  if (action === 'supplement_received') return mayReceiveSupplement(actor, d);
  return mayOnDossier('decide', actor, d);
}

export interface TransitionInput {
  action: Action;
  note?: string;
  /** transfer: the competent unit (a commune of the province, or the province) */
  toUnitCode?: string;
  /** optimistic concurrency: the version the officer saw */
  version?: number;
}

export async function transition(db: Db, actor: Actor, id: string, input: TransitionInput, clock: DeadlineClock) {
  return db.transaction(async (tx) => {
    const d = await loadDossier(tx, id, true, actor.provinceCode);
    if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
    // Decisions belong to the unit holding the dossier; the receiving center may return the result too, and the
    // one-stop's receiving officer records the supplement the applicant brought.
    if (!mayTransition(input.action, actor, d)) throw forbidden();
    if (input.version !== undefined && input.version !== d.version)
      throw new AppError(409, 'version_conflict', 'version_conflict');
    const from = d.status as Status;
    const to = nextStatus(from, input.action);
    if (!to) {
      throw new AppError(
        409,
        'illegal_transition',
        'illegal_transition',
        { action: input.action, status: from, allowed: allowedActions(from).join(', ') || '—' },
        'action',
      );
    }
    const now = clock.now();
    const today = clock.localDate(now);
    const patch: Partial<DossierRow> = { status: to, version: d.version + 1, updatedAt: now };
    let toUnit: string | null = null;

    switch (input.action) {
      case 'accept':
      case 'supplement_received': {
        // The clock (re)starts from zero once the dossier is complete.
        const due = clock.dueDate(now, d.workingDays);
        Object.assign(patch, {
          clockStartOn: today,
          clockStartAt: now,
          missingPapers: null,
          dueDate: due,
          originalDueDate: d.originalDueDate ?? due,
          // Receipt is the first start of the clock: the agency has 3 working days from it to ask for more.
          supplementDueDate: d.supplementDueDate ?? clock.dueDate(now, SUPPLEMENT_REQUEST_WORKING_DAYS),
        });
        break;
      }
      case 'request_supplement':
        // An online registration checked before it is received is guidance, not a round of a received dossier.
        if (from === 'registered') break;
        Object.assign(patch, {
          supplementCount: d.supplementCount + 1,
          lateSupplementCount: d.lateSupplementCount + (supplementRequestLate(d.supplementDueDate, today) ? 1 : 0),
          dueDate: null,
          clockStartOn: null,
        });
        break;
      case 'transfer': {
        if (!input.toUnitCode) throw invalid('toUnitCode', 'required', { field: 'toUnitCode' });
        const target = await unitOf(tx, input.toUnitCode);
        if (!target) throw invalid('toUnitCode', 'invalid_value', { detail: input.toUnitCode });
        if (target.provinceCode !== d.provinceCode)
          throw new AppError(400, 'other_province', 'other_province', { code: target.code }, 'toUnitCode');
        if (target.code === d.handlingUnitCode) throw invalid('toUnitCode', 'invalid_value', { detail: target.code });
        toUnit = target.code;
        patch.handlingUnitCode = target.code;
        break;
      }
      default:
        break;
    }
    if (d.process) {
      // Worked in steps (docs/one-stop.md): the steps move with the lifecycle.
      if ((SKIPPING_ACTIONS as readonly string[]).includes(input.action))
        throw new AppError(409, 'steps_required', 'steps_required', { action: input.action }, 'action');
      Object.assign(patch, await stepsOnTransition(tx, actor, d, input.action, to, now, clock, toUnit));
    }
    const updated = await applyMove(
      tx,
      actor,
      d,
      { action: input.action, from, to, patch, toUnit, note: input.note },
      now,
      clock,
    );
    return present(updated, today, actor);
  });
}

export interface Move {
  /** the event's and the audit's action: a lifecycle action or a step action */
  action: string;
  from: Status;
  to: Status;
  patch: Partial<DossierRow>;
  toUnit?: string | null;
  note?: string;
}

/** Writes a move: the figures when it finishes the dossier, the update, the event, the backlog and the audit. */
export async function applyMove(tx: Db, actor: Actor, d: DossierRow, m: Move, now: Date, clock: DeadlineClock) {
  const { from, to, patch } = m;
  const today = clock.localDate(now);
  const toUnit = m.toUnit ?? null;
  const input = { action: m.action, note: m.note };
  let stats: Promise<void> | undefined;
  if (isFinished(to) && !d.finishedAt) {
    Object.assign(patch, { finishedAt: now, finishedOn: today });
    const onTime = !isOverdue(
      {
        dueDate: patch.dueDate !== undefined ? patch.dueDate : d.dueDate,
        finishedOn: today,
        supplementCount: d.supplementCount,
      },
      today,
    );
    stats = bumpStats(
      tx,
      { provinceCode: d.provinceCode, unitCode: d.handlingUnitCode, day: today, field: d.procedureField },
      {
        finished: 1,
        finishedOnTime: onTime ? 1 : 0,
        finishedWithEResult: d.hasEResult ? 1 : 0,
      },
    );
  }
  if (m.action === 'return_result') patch.returnedAt = now;

  // The figures, the update, the event, the backlog and the audit entry (the chain's lock and the entry after it) go
  // out together: one round trip, in the order they always had; the chain's lock is held from the entry to the commit.
  const update = send(
    tx.execute(
      sql`UPDATE dossiers SET ${setList(dossierShape, patch)}
            WHERE province_code = ${d.provinceCode} AND id = ${d.id} RETURNING ${dossierShape.selection}`,
    ),
  ).then((r) => rowsOf(r).map((row) => dossierShape.read(row)));
  const event = send(
    tx.execute(
      insertInto(eventShape, {
        provinceCode: d.provinceCode,
        dossierId: d.id,
        at: now,
        actorUsername: actor.username,
        action: input.action,
        fromStatus: from,
        toStatus: to,
        unitCode: d.handlingUnitCode,
        toUnitCode: toUnit,
        note: input.note ?? null,
      }),
    ),
  );
  const backlog = moveBacklog(tx, d.provinceCode, backlogKey(d), backlogKey({ ...d, ...patch }));
  const audit = appendAudit(tx, actor, {
    action: input.action,
    entity: 'dossier',
    entityId: d.id,
    provinceCode: d.provinceCode,
    unitCode: d.handlingUnitCode,
    before: { status: from, dueDate: d.dueDate, handlingUnitCode: d.handlingUnitCode },
    after: {
      status: to,
      dueDate: patch.dueDate !== undefined ? patch.dueDate : d.dueDate,
      handlingUnitCode: patch.handlingUnitCode ?? d.handlingUnitCode,
      note: input.note ?? null,
    },
  });
  const [[updated]] = await Promise.all([update, event, stats, backlog, audit]);
  return updated!;
}
