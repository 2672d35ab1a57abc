/** Receiving a dossier: receipt code, competent unit, due date, figures and audit. */
import { randomUUID } from 'node:crypto';
import type { DeadlineClock } from '../../../core/clock.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayAt } from '../policy.js';
import { appendAudit } from '../../audit/index.js';
import { send } from '../../../db/pipeline.js';
import { dossierEvents, dossiers, receiptSequences } from '../schema.js';
import { SUPPLEMENT_REQUEST_WORKING_DAYS, type Channel, type Status } from '../domain/lifecycle.js';
import { agencyCode, formatReceiptCode } from '../domain/receipt-code.js';
import { unitOf } from './rows.js';
import { procedureFor } from './procedures.js';
import { bumpStats, backlogKey, moveBacklog } from './figures.js';
import { present } from './reading.js';
import { processFor } from './process.js';
import { startSteps, unitWorksInSteps } from './steps.js';

export interface IntakeInput {
  procedureCode: string;
  channel: Channel;
  /** where the dossier is received; default: the actor's own unit */
  receivingUnitCode?: string;
  /** the competent unit (boundary-free intake: another commune of the province, or the province) */
  handlingUnitCode?: string;
  applicantName: string;
  applicantIdNumber?: string;
  applicantPhone?: string;
  applicantAddress?: string;
  /** false: incomplete at the counter, Form 02 is issued and the clock does not start */
  complete?: boolean;
  /**
   * The procedure's required papers the applicant brought, ticked at the counter (as the procedure names them). Given,
   * the ones not ticked are missing: the dossier is incomplete and Form 02 names them.
   */
  papers?: string[];
  /** minutes the applicant waited in the queue (from the ticket machine), in person only */
  waitMinutes?: number;
}

export async function receiveDossier(db: Db, actor: Actor, input: IntakeInput, clock: DeadlineClock) {
  const receivingCode = input.receivingUnitCode ?? actor.communeCode ?? actor.provinceCode;
  if (!receivingCode) throw invalid('receivingUnitCode', 'required', { field: 'receivingUnitCode' });
  const receiving = await unitOf(db, receivingCode);
  if (!receiving) throw invalid('receivingUnitCode', 'invalid_value', { detail: receivingCode });
  if (!mayAt('receive', actor, { provinceCode: receiving.provinceCode, unitCode: receiving.code }))
    throw outOfScope(receivingCode);

  const now = clock.now();
  const today = clock.localDate(now);
  // Whether the receiving unit works in steps is asked beside the procedure (one wait, not two): it is the handling
  // unit unless the procedure is decided by the province or the dossier is received for another commune.
  const receivingSteps = unitWorksInSteps(db, receiving.provinceCode, receiving.code, now);
  receivingSteps.catch(() => undefined); // awaited below, or not needed if the procedure is refused
  const proc = await procedureFor(db, receiving.provinceCode, input.procedureCode, today);

  // The competent unit: the province for province-level decisions, else the named commune or the receiving one.
  const handlingCode =
    proc.decisionLevel === 'province' ? receiving.provinceCode : (input.handlingUnitCode ?? receiving.code);
  const handling = handlingCode === receiving.code ? receiving : await unitOf(db, handlingCode);
  if (!handling) throw invalid('handlingUnitCode', 'invalid_value', { detail: handlingCode });
  if (handling.provinceCode !== receiving.provinceCode)
    throw new AppError(400, 'other_province', 'other_province', { code: handlingCode }, 'handlingUnitCode');
  if (handling.code !== receiving.code && !proc.boundaryFree && proc.decisionLevel !== 'province') {
    throw new AppError(
      400,
      'not_boundary_free',
      'not_boundary_free',
      { procedure: proc.code, unit: handling.code },
      'receivingUnitCode',
    );
  }

  const unknown = (input.papers ?? []).find((p) => !proc.documents.includes(p));
  if (unknown !== undefined) throw invalid('papers', 'invalid_value', { detail: unknown });
  const missing = input.papers ? proc.documents.filter((p) => !input.papers!.includes(p)) : [];
  const status: Status =
    input.channel === 'online'
      ? 'registered'
      : input.complete === false || missing.length
        ? 'supplement_requested'
        : 'received';
  // A unit whose people work with personal accounts works the dossier by the procedure's internal process.
  const process = (await (handling === receiving
    ? receivingSteps
    : unitWorksInSteps(db, handling.provinceCode, handling.code, now)))
    ? (await processFor(db, receiving.provinceCode, proc.code, proc.workingDays)).steps
    : null;
  const clockStarts = status === 'received';
  return db.transaction(async (tx) => {
    const [seq] = await tx
      .insert(receiptSequences)
      .values({ provinceCode: receiving.provinceCode, unitCode: receiving.code, day: today, last: 1 })
      .onConflictDoUpdate({
        target: [receiptSequences.provinceCode, receiptSequences.unitCode, receiptSequences.day],
        set: { last: sql`${receiptSequences.last} + 1` },
      })
      .returning({ last: receiptSequences.last });
    const receiptCode = formatReceiptCode(agencyCode(receiving.provinceCode, receiving.code), today, seq!.last);
    const due = clockStarts ? clock.dueDate(now, proc.workingDays) : null;
    // The dossier, its first event, the figures, the backlog and the audit entry go out together (the id is made
    // here): the unit's figures and the backlog rows, which the unit's intakes and actions share, are locked from
    // there to the commit only (the province's figures and the audit chain inside the commit, migrations 0040–0041).
    const id = randomUUID();
    const inserted = send(
      tx
        .insert(dossiers)
        .values({
          id,
          provinceCode: receiving.provinceCode,
          receiptCode,
          procedureCode: proc.code,
          procedureField: proc.field,
          receivingUnitCode: receiving.code,
          handlingUnitCode: handling.code,
          channel: input.channel,
          status,
          applicantName: input.applicantName,
          applicantIdNumber: input.applicantIdNumber ?? null,
          applicantPhone: input.applicantPhone ?? null,
          applicantAddress: input.applicantAddress ?? null,
          receivedAt: now,
          // An online submission is digital input (766 digitization; Circular 01/2023: not scanned again).
          hasInputScan: input.channel === 'online',
          workingDays: proc.workingDays,
          clockStartOn: clockStarts ? today : null,
          clockStartAt: clockStarts ? now : null,
          missingPapers: missing.length ? missing : null,
          process,
          step: process ? (clockStarts ? 'assign' : 'receive') : null,
          dueDate: due,
          originalDueDate: due,
          // Form 02 at the counter before receipt is guidance, not a supplement round (docs/deadlines.md).
          supplementCount: 0,
          supplementDueDate: clockStarts ? clock.dueDate(now, SUPPLEMENT_REQUEST_WORKING_DAYS) : null,
          createdBy: actor.id,
          updatedAt: now,
        })
        .returning(),
    );
    const event = send(
      tx.insert(dossierEvents).values({
        provinceCode: receiving.provinceCode,
        dossierId: id,
        at: now,
        actorUsername: actor.username,
        action: 'receive',
        fromStatus: null,
        toStatus: status,
        unitCode: receiving.code,
        toUnitCode: handling.code !== receiving.code ? handling.code : null,
        note: missing.length ? missing.join('; ') : null,
      }),
    );
    // (they need nothing the insert answers: one round trip, not two)
    const stats = bumpStats(
      tx,
      { provinceCode: receiving.provinceCode, unitCode: receiving.code, day: today, field: proc.field },
      {
        received: 1,
        receivedOnline: input.channel === 'online' ? 1 : 0,
        receivedOfferedOnline: proc.online ? 1 : 0,
        receivedDigitized: input.channel === 'online' ? 1 : 0,
        waitMinutesTotal: input.channel === 'in_person' ? Math.max(0, Math.round(input.waitMinutes ?? 0)) : 0,
      },
    );
    const backlog = moveBacklog(
      tx,
      receiving.provinceCode,
      null,
      backlogKey({ handlingUnitCode: handling.code, dueDate: due, status, finishedAt: null }),
    );
    const audit = appendAudit(tx, actor, {
      action: 'create',
      entity: 'dossier',
      entityId: id,
      provinceCode: receiving.provinceCode,
      unitCode: receiving.code,
      after: {
        receiptCode,
        procedureCode: proc.code,
        status,
        channel: input.channel,
        handlingUnitCode: handling.code,
        dueDate: due,
        missingPapers: missing.length ? missing : null,
      },
    });
    const [[d]] = await Promise.all([inserted, event, stats, backlog, audit]);
    await startSteps(tx, actor, d!, now, clock);
    return present(d!, clock.localDate(now), actor);
  });
}
