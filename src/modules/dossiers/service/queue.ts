/**
 * A person's queue (docs/one-stop.md): what to do today, due soon and late, what waits on others; a leader's approvals;
 * the unit's dossiers waiting for a specialist; the results to hand back at the counter.
 */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden } from '../../../core/errors.js';
import { actorNames } from '../../../core/actor-names.js';
import { type Actor } from '../../../core/scope.js';
import { allows } from '../../../core/policy.js';
import { DOSSIER_POLICY } from '../policy.js';
import { dossierSteps, dossiers } from '../schema.js';
import { urgencyOf, type Step, type Urgency } from '../domain/internal-process.js';
import type { Status } from '../domain/lifecycle.js';

/** How far back a person's own past steps count for "waiting on others". */
const WAITING_DAYS = 90;
/** The most dossiers a queue reads (a busy ward has tens of open dossiers a day). */
const QUEUE_LIMIT = 2000;

export async function personQueue(db: Db, actor: Actor, clock: DeadlineClock) {
  const unit = actor.communeCode ?? actor.provinceCode;
  if (
    !unit ||
    !actor.provinceCode ||
    !allows(DOSSIER_POLICY, 'read_queue', actor, { place: { provinceCode: actor.provinceCode, unitCode: unit } })
  )
    throw forbidden();
  const province = actor.provinceCode;
  const now = clock.now();
  // The unit's dossiers in steps and the person's own recent steps are read together (one wait, not two).
  const [rows, actedRows] = await Promise.all([
    db
      .select({
        id: dossiers.id,
        receiptCode: dossiers.receiptCode,
        procedureCode: dossiers.procedureCode,
        procedureField: dossiers.procedureField,
        applicantName: dossiers.applicantName,
        status: dossiers.status,
        step: dossiers.step,
        handlingUnitCode: dossiers.handlingUnitCode,
        receivingUnitCode: dossiers.receivingUnitCode,
        assigneeUsername: dossiers.assigneeUsername,
        dueDate: dossiers.dueDate,
        stepDueAt: dossierSteps.dueAt,
      })
      .from(dossiers)
      .leftJoin(
        dossierSteps,
        and(
          eq(dossierSteps.provinceCode, dossiers.provinceCode),
          eq(dossierSteps.dossierId, dossiers.id),
          isNull(dossierSteps.endedAt),
        ),
      )
      .where(
        and(
          eq(dossiers.provinceCode, province),
          isNotNull(dossiers.step),
          or(eq(dossiers.handlingUnitCode, unit), eq(dossiers.receivingUnitCode, unit)),
        ),
      )
      .limit(QUEUE_LIMIT),
    db
      .selectDistinct({ id: dossierSteps.dossierId })
      .from(dossierSteps)
      .where(
        and(
          eq(dossierSteps.provinceCode, province),
          eq(dossierSteps.actorUsername, actor.username),
          gt(dossierSteps.endedAt, new Date(now.getTime() - WAITING_DAYS * 86_400_000)),
        ),
      ),
  ]);
  const acted = new Set(actedRows.map((r) => r.id));
  const roles = actor.unitRoles ?? [];
  const unitAccount = roles.length === 0;
  const has = (r: string) => roles.includes(r as never);
  const names = await actorNames(
    db,
    rows.map((r) => r.assigneeUsername).filter((x): x is string => !!x),
  );

  const lists = {
    mine: [] as Item[],
    approvals: [] as Item[],
    unassigned: [] as Item[],
    toReturn: [] as Item[],
    waiting: [] as Item[],
  };
  type Item = ReturnType<typeof item>;
  const item = (r: (typeof rows)[number]) => ({
    id: r.id,
    receiptCode: r.receiptCode,
    procedureCode: r.procedureCode,
    procedureField: r.procedureField,
    applicantName: r.applicantName,
    status: r.status as Status,
    step: r.step as Step,
    handlingUnitCode: r.handlingUnitCode,
    assignee: r.assigneeUsername ? (names.get(r.assigneeUsername) ?? null) : null,
    dueDate: r.dueDate,
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    urgency: urgencyOf(r.stepDueAt, now, clock.calendar) as Urgency,
  });
  const clockStopped = (s: string) => s !== 'received' && s !== 'in_processing' && s !== 'processed';
  for (const r of rows) {
    const it = item(r);
    const here = r.handlingUnitCode === unit;
    if (
      !clockStopped(r.status) &&
      r.step === 'assign' &&
      here &&
      (unitAccount || has('leader') || has('receiving') || has('specialist'))
    )
      lists.unassigned.push(it);
    else if (!clockStopped(r.status) && r.step === 'process' && r.assigneeUsername === actor.username)
      lists.mine.push(it);
    else if (
      !clockStopped(r.status) &&
      (r.step === 'verify' || r.step === 'approve') &&
      here &&
      has('leader') &&
      r.assigneeUsername !== actor.username
    )
      lists.approvals.push(it);
    else if (r.step === 'return' && (unitAccount || has('receiving') || has('leader')) && r.status === 'processed')
      lists.toReturn.push(it);
    else if (acted.has(r.id) || r.assigneeUsername === actor.username || (unitAccount && here)) lists.waiting.push(it);
  }
  const byDue = (a: Item, b: Item) => (a.stepDueAt ?? '9999').localeCompare(b.stepDueAt ?? '9999');
  for (const l of Object.values(lists)) l.sort(byDue);
  const actionable = [
    ...lists.mine,
    ...lists.approvals,
    ...lists.toReturn,
    ...(unitAccount || has('leader') || has('receiving') || has('specialist') ? lists.unassigned : []),
  ];
  const counts = { late: 0, today: 0, soon: 0, later: 0 };
  for (const it of actionable) counts[it.urgency]++;
  return { ...lists, counts };
}
