/**
 * The one-stop's steps on a dossier (docs/one-stop.md): assignment, processing, verification, approval and the return
 * of the result, each timed against its share of the time limit. The rules are in domain/steps.ts; the policy
 * (role + scope) in policy.ts; here the reads and writes.
 */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, outOfScope } from '../../../core/errors.js';
import { MAX_DOCUMENT_BYTES } from '../contract.js';
import { sha256Hex, type FileStore } from '../../../core/file-store.js';
import { withStagedFiles } from '../../../core/attachments.js';
import { actorNames, type ActorName } from '../../../core/actor-names.js';
import { type Actor } from '../../../core/scope.js';
import { unitHandlers } from '../../accounts/index.js';
import { mayOnDossier, mayStep } from '../policy.js';
import { dossierDocuments, dossierSteps } from '../schema.js';
import { isFinished, type Action, type Status } from '../domain/lifecycle.js';
import { stepDueMoments, stepLate, type ProcessStep, type Step } from '../domain/internal-process.js';
import {
  statusAfter,
  statusAllowsStep,
  stepActionsFor,
  stepAfter,
  stepProblem,
  type StepAction,
  type StepState,
} from '../domain/steps.js';
import type { DossierRow } from './rows.js';
import { bumpStats } from './figures.js';
import { loadDossier, present } from './reading.js';
import { applyMove } from './actions.js';

type Tx = Db;

/** When the clock started (a dossier received before the column existed: its start day at 08:00). */
const clockStart = (d: Pick<DossierRow, 'clockStartAt' | 'clockStartOn' | 'receivedAt'>) =>
  d.clockStartAt ?? (d.clockStartOn ? new Date(`${d.clockStartOn}T08:00:00+07:00`) : d.receivedAt);

/** The due moment of a step of the dossier's process (null while the clock is stopped). */
export function stepDue(
  d: Pick<DossierRow, 'process' | 'clockStartAt' | 'clockStartOn' | 'receivedAt' | 'dueDate'>,
  step: Step,
  clock: DeadlineClock,
): Date | null {
  if (!d.process || !d.dueDate) return null;
  const plan = stepDueMoments(d.process as ProcessStep[], clockStart(d), d.dueDate, clock.calendar);
  return plan.find((x) => x.step === step)?.dueAt ?? null;
}

/** Ends the open step of a dossier (who ended it and how). */
async function endOpenStep(
  tx: Tx,
  d: DossierRow,
  now: Date,
  actor: Actor | null,
  outcome: string,
  note?: string | null,
) {
  await tx
    .update(dossierSteps)
    .set({ endedAt: now, actorUsername: actor?.username ?? null, outcome, note: note ?? null })
    .where(
      and(
        eq(dossierSteps.provinceCode, d.provinceCode),
        eq(dossierSteps.dossierId, d.id),
        isNull(dossierSteps.endedAt),
      ),
    );
}

async function openStep(
  tx: Tx,
  d: DossierRow,
  step: Step,
  unitCode: string,
  assignee: string | null,
  now: Date,
  dueAt: Date | null,
) {
  await tx.insert(dossierSteps).values({
    provinceCode: d.provinceCode,
    dossierId: d.id,
    step,
    unitCode,
    assigneeUsername: assignee,
    startedAt: now,
    dueAt,
  });
}

/**
 * The steps at intake: the receiving officer's `receive` is done; a dossier whose clock starts goes to `assign` (the
 * unit's queue); one that waits for papers or for its online check keeps `receive` open.
 */
export async function startSteps(tx: Tx, actor: Actor, d: DossierRow, now: Date, clock: DeadlineClock) {
  if (!d.process) return;
  const started = d.status === 'received';
  await tx.insert(dossierSteps).values({
    provinceCode: d.provinceCode,
    dossierId: d.id,
    step: 'receive',
    unitCode: d.receivingUnitCode,
    startedAt: now,
    dueAt: started ? stepDue(d, 'receive', clock) : null,
    endedAt: started ? now : null,
    actorUsername: started ? actor.username : null,
    outcome: started ? 'receive' : null,
  });
  if (started) await openStep(tx, d, 'assign', d.handlingUnitCode, null, now, stepDue(d, 'assign', clock));
}

/**
 * The steps when a lifecycle action moves a dossier worked in steps: the clock's start opens `assign` (or resets the
 * open step's due moment), a transfer puts it in the new unit's queue, an end (refusal, stop) closes the steps.
 * Returns what changes on the dossier.
 */
export async function stepsOnTransition(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  action: Action,
  to: Status,
  now: Date,
  clock: DeadlineClock,
  toUnit: string | null,
): Promise<Partial<DossierRow>> {
  if (isFinished(to)) {
    await endOpenStep(tx, d, now, actor, action);
    return { step: null };
  }
  if (action === 'transfer') {
    await endOpenStep(tx, d, now, actor, action);
    await openStep(tx, d, 'assign', toUnit ?? d.handlingUnitCode, null, now, stepDue(d, 'assign', clock));
    return { step: 'assign', assigneeUsername: null };
  }
  if (action === 'accept' || action === 'supplement_received') {
    const restarted = {
      ...d,
      clockStartAt: now,
      clockStartOn: clock.localDate(now),
      dueDate: clock.dueDate(now, d.workingDays),
    };
    if (d.step === 'receive' || !d.step) {
      await endOpenStep(tx, d, now, actor, action);
      await openStep(tx, d, 'assign', d.handlingUnitCode, null, now, stepDue(restarted, 'assign', clock));
      return { step: 'assign' };
    }
    // The time starts again from zero: the open step gets its new due moment.
    await tx
      .update(dossierSteps)
      .set({ dueAt: stepDue(restarted, d.step as Step, clock) })
      .where(
        and(
          eq(dossierSteps.provinceCode, d.provinceCode),
          eq(dossierSteps.dossierId, d.id),
          isNull(dossierSteps.endedAt),
        ),
      );
  }
  return {};
}

export interface StepInput {
  action: StepAction;
  /** assign: the specialist's login name */
  assignee?: string;
  /** send_back: why (required); other steps: a note */
  note?: string;
  /** return_result: the result */
  result?: {
    number: string;
    date: string;
    signer: string;
    file?: { name: string; contentType: string; contentBase64: string };
  };
  version?: number;
}

/** Takes a step on a dossier: checks the policy, the step's rules, then moves it in one transaction. */
export async function takeStep(
  db: Db,
  actor: Actor,
  id: string,
  input: StepInput,
  clock: DeadlineClock,
  store: FileStore,
) {
  const file = input.action === 'return_result' ? input.result?.file : undefined;
  const bytes = file ? Buffer.from(file.contentBase64, 'base64') : null;
  if (bytes && (bytes.length === 0 || bytes.length > MAX_DOCUMENT_BYTES))
    throw invalid('result', 'invalid_value', { detail: `1 byte – ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
  const run = async (storeFile?: (key: string, b: Buffer) => Promise<void>) =>
    db.transaction(async (tx) => {
      const d = await loadDossier(tx, id, true, actor.provinceCode);
      if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
      if (!mayStep(input.action, actor, d)) throw forbidden();
      if (!d.process) throw new AppError(409, 'not_in_steps', 'not_in_steps', {}, 'action');
      const status = d.status as Status;
      const state: StepState = {
        status,
        step: d.step as Step | null,
        assigneeUsername: d.assigneeUsername,
        process: d.process as ProcessStep[],
      };
      // The same pick sent twice (a retried request): the dossier is already the caller's.
      if (input.action === 'pick' && d.step === 'process' && d.assigneeUsername === actor.username)
        return present(d, clock.localDate(clock.now()), actor);
      if (input.version !== undefined && input.version !== d.version)
        throw new AppError(409, 'version_conflict', 'version_conflict');
      if (!statusAllowsStep(status, input.action))
        throw new AppError(409, 'step_not_now', 'step_not_now', { action: input.action }, 'action');
      let assignee: { username: string; unitRoles: readonly string[] } | null = null;
      if (input.action === 'assign') {
        const handlers = await unitHandlers(tx, d.provinceCode, d.handlingUnitCode, clock.now());
        assignee = handlers.find((h) => h.username === input.assignee) ?? null;
      }
      const actorRoles = actor.unitRoles ?? [];
      const problem = stepProblem(
        state,
        input.action,
        { username: actor.username, unitRoles: actorRoles },
        {
          assignee,
          reason: input.note,
          result: input.result && {
            number: input.result.number,
            date: input.result.date,
            signer: input.result.signer,
            hasFile: d.hasEResult || !!bytes,
          },
        },
      );
      if (problem === 'already_taken') {
        const names = await actorNames(tx, [d.assigneeUsername!]);
        const who = names.get(d.assigneeUsername!);
        throw new AppError(409, 'step_already_taken', 'step_already_taken', { name: who?.name ?? '' });
      }
      if (problem) {
        const field =
          problem === 'reason_required'
            ? 'note'
            : problem === 'result_required'
              ? 'result'
              : problem === 'assignee_not_specialist'
                ? 'assignee'
                : undefined;
        const status400 = field ? 400 : problem === 'wrong_step' ? 409 : 403;
        throw new AppError(status400, `step_${problem}`, `step_${problem}`, { action: input.action }, field);
      }

      const now = clock.now();
      const to = statusAfter(status, input.action);
      const next = stepAfter(state.process, d.step as Step, input.action);
      const patch: Partial<DossierRow> = { status: to, version: d.version + 1, updatedAt: now, step: next };
      const newAssignee =
        input.action === 'assign' ? assignee!.username : input.action === 'pick' ? actor.username : d.assigneeUsername;
      patch.assigneeUsername = newAssignee;
      if (input.action === 'return_result') {
        Object.assign(patch, {
          resultNumber: input.result!.number.trim(),
          resultDate: input.result!.date,
          resultSigner: input.result!.signer.trim(),
        });
        if (bytes && file && storeFile) {
          const sha256 = sha256Hex(bytes);
          const storageKey = `${d.provinceCode}/${d.id}/${sha256}`;
          await storeFile(storageKey, bytes);
          await tx.insert(dossierDocuments).values({
            provinceCode: d.provinceCode,
            dossierId: d.id,
            kind: 'result',
            name: file.name,
            contentType: file.contentType,
            sizeBytes: bytes.length,
            sha256,
            storageKey,
          });
          if (!d.hasEResult) {
            patch.hasEResult = true;
            if (d.finishedOn)
              await bumpStats(
                tx,
                {
                  provinceCode: d.provinceCode,
                  unitCode: d.handlingUnitCode,
                  day: d.finishedOn,
                  field: d.procedureField,
                },
                { finishedWithEResult: 1 },
              );
          }
        }
      }
      // A reassignment in processing keeps the step and changes who holds it.
      const reassign = input.action === 'assign' && d.step === 'process';
      await endOpenStep(tx, d, now, actor, reassign ? 'reassign' : input.action, input.note);
      if (next) {
        const holder = next === 'process' ? newAssignee : null;
        await openStep(
          tx,
          d,
          next,
          next === 'return' ? d.receivingUnitCode : d.handlingUnitCode,
          holder,
          now,
          stepDue(d, next, clock),
        );
      }
      const note =
        input.action === 'assign' || input.action === 'pick'
          ? (input.note ?? null)
          : input.action === 'return_result'
            ? `${input.result!.number}`
            : (input.note ?? null);
      const updated = await applyMove(
        tx,
        actor,
        d,
        { action: input.action, from: status, to, patch, note: note ?? undefined },
        now,
        clock,
      );
      return present(updated, clock.localDate(now), actor);
    });
  if (!bytes) return run();
  return withStagedFiles(store, (staged) => run((key, b) => staged.put(key, b)));
}

/** The dossier's steps as its page shows them: who, from when, due when, late or not. */
/** A dossier's steps in order, as stored (`presentTimeline` names the people once their names are read). */
export function timelineRows(db: Db, d: Pick<DossierRow, 'provinceCode' | 'id'>) {
  return db
    .select()
    .from(dossierSteps)
    .where(and(eq(dossierSteps.provinceCode, d.provinceCode), eq(dossierSteps.dossierId, d.id)))
    .orderBy(asc(dossierSteps.id));
}

/** The login names a timeline names (to be read with the page's other names in one look-up). */
export const timelineActors = (rows: Awaited<ReturnType<typeof timelineRows>>) =>
  rows.flatMap((r) => [r.assigneeUsername, r.actorUsername]).filter((x): x is string => !!x);

/** The timeline of steps as the dossier's page shows it: who, when, due, late. */
export function presentTimeline(
  rows: Awaited<ReturnType<typeof timelineRows>>,
  names: Map<string, ActorName>,
  now: Date,
) {
  return rows.map((r) => ({
    step: r.step as Step,
    unitCode: r.unitCode,
    assignee: r.assigneeUsername ? (names.get(r.assigneeUsername) ?? null) : null,
    startedAt: r.startedAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    by: r.actorUsername ? (names.get(r.actorUsername) ?? null) : null,
    outcome: r.outcome,
    note: r.note,
    late: stepLate(r.dueAt, r.endedAt, now),
  }));
}

/** The step actions the caller may take on the dossier now (policy and step rules together). */
export function stepActions(actor: Actor, d: DossierRow) {
  if (!d.process || !d.step) return [];
  const state: StepState = {
    status: d.status as Status,
    step: d.step as Step,
    assigneeUsername: d.assigneeUsername,
    process: d.process as ProcessStep[],
  };
  return stepActionsFor(state, { username: actor.username, unitRoles: actor.unitRoles ?? [] }).filter((a) =>
    mayStep(a, actor, d),
  );
}

/** The people of the dossier's unit a leader or the counter may assign it to. */
export async function assignableSpecialists(db: Db, d: DossierRow, now: Date) {
  return (await unitHandlers(db, d.provinceCode, d.handlingUnitCode, now))
    .filter((h) => h.unitRoles.includes('specialist'))
    .map((h) => ({ username: h.username, name: h.name, post: h.post }));
}

/** Does the unit work in steps (some of its people have personal accounts with a one-stop role)? */
export async function unitWorksInSteps(db: Db, provinceCode: string, unitCode: string, now: Date) {
  const handlers = await unitHandlers(db, provinceCode, unitCode, now);
  return (
    handlers.some((h) => h.unitRoles.includes('specialist')) && handlers.some((h) => h.unitRoles.includes('leader'))
  );
}
