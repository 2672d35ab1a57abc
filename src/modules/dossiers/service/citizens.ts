/** What citizens do with a receipt code: look the dossier up and rate it. */
import type { DeadlineClock } from '../../../core/clock.js';
import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { recordAudit } from '../../audit/index.js';
import { dossierComplaints, dossierEvents, dossierSteps, dossiers, procedures } from '../schema.js';
import { unitContact, unitNamesOn } from '../../units/index.js';
import { stepLate, type Step } from '../domain/internal-process.js';
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
  const [names, contact, steps, papers] = await Promise.all([
    unitNamesOn(db, [...new Set([d.handlingUnitCode, d.receivingUnitCode])], today),
    unitContact(db, d.receivingUnitCode),
    d.process
      ? db
          .select({
            step: dossierSteps.step,
            startedAt: dossierSteps.startedAt,
            endedAt: dossierSteps.endedAt,
            dueAt: dossierSteps.dueAt,
          })
          .from(dossierSteps)
          .where(and(eq(dossierSteps.provinceCode, d.provinceCode), eq(dossierSteps.dossierId, d.id)))
          .orderBy(asc(dossierSteps.id))
      : Promise.resolve([]),
    // The rounds of papers: when the missing ones were asked for and when the applicant brought them (no names).
    db
      .select({ action: dossierEvents.action, at: dossierEvents.at, toStatus: dossierEvents.toStatus })
      .from(dossierEvents)
      .where(
        and(
          eq(dossierEvents.provinceCode, d.provinceCode),
          eq(dossierEvents.dossierId, d.id),
          // asked for at intake (received with papers missing) or later, and brought
          or(eq(dossierEvents.toStatus, 'supplement_requested'), eq(dossierEvents.action, 'supplement_received')),
        ),
      )
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id)),
  ]);
  const nameOf = (code: string) => {
    const u = names.find((x) => x.code === code);
    return u ? (u.fullName ?? u.name) : null;
  };
  const center = nameOf(d.receivingUnitCode);
  const now = clock.now();
  return {
    receiptCode: d.receiptCode,
    handlingUnitName: nameOf(d.handlingUnitCode),
    // The result is collected where the dossier was handed in (Decree 61/2018 Art. 20), in office hours.
    collect: {
      place: center,
      address: contact.address,
      phone: contact.phone,
      email: contact.email,
      // the receiving unit's own office hours, or the default (src/modules/units/domain/office-hours.ts)
      hours: contact.hours,
    },
    steps: steps.map((x) => ({
      step: x.step as Step,
      startedAt: x.startedAt.toISOString(),
      endedAt: x.endedAt?.toISOString() ?? null,
      late: stepLate(x.dueAt, x.endedAt, now),
    })),
    supplements: papers.map((x) => ({
      action: x.action === 'supplement_received' ? ('supplement_received' as const) : ('request_supplement' as const),
      at: x.at.toISOString(),
    })),
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

/** Wrong ID-number digits a dossier accepts before only its rating code is taken (10,000 combinations otherwise). */
export const MAX_ID_DIGIT_TRIES = 5;

/** The rating code as typed from paper: spaces, dashes and case ignored. */
const normalToken = (t: string) => t.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The citizen's rating, once per dossier. Receipt codes are sequential, so the code alone proves nothing (issue #14):
 * the rater also gives the rating code printed on the receipt (Form 01), or the last 4 digits of the applicant's ID
 * number, refused after MAX_ID_DIGIT_TRIES wrong tries (the rating code still works: a guesser cannot lock it).
 */
export async function rateDossier(
  db: Db,
  receiptCode: string,
  input: { rating: Rating; comment?: string; token?: string; idDigits?: string },
  clock: DeadlineClock,
) {
  const code = receiptCode.trim().toUpperCase();
  const { proof } = await applicantProof(db, code, input);
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
    // A dissatisfied rating adds the dossier to those with a complaint or a dislike, unless a complaint already did
    // (once per dossier: the 766 satisfaction in handling).
    const complained =
      input.rating === 'not_satisfied' &&
      (
        await tx
          .select({ id: dossierComplaints.id })
          .from(dossierComplaints)
          .where(and(eq(dossierComplaints.provinceCode, d.provinceCode), eq(dossierComplaints.dossierId, d.id)))
          .limit(1)
      ).length > 0;
    await bumpStats(
      tx,
      {
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        day: d.finishedOn ?? clock.localDate(clock.now()),
        field: d.procedureField,
      },
      {
        ratings: 1,
        ratingsSatisfied: input.rating === 'not_satisfied' ? 0 : 1,
        complainedOrDissatisfied: input.rating === 'not_satisfied' && !complained ? 1 : 0,
      },
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
      after: { rating: input.rating, comment: input.comment ?? null, proof },
    });
    return { ok: true };
  });
}

/**
 * Checks that the caller holds what only the applicant holds (the rating code printed on the receipt, or the last
 * digits of the ID number, refused after MAX_ID_DIGIT_TRIES wrong tries) and answers the dossier's keys. Rating and
 * complaining on the public page both ask it. A wrong try of the digits is counted; a wrong rating code is not.
 */
export async function applicantProof(
  db: Db,
  code: string,
  input: { token?: string; idDigits?: string },
): Promise<{ provinceCode: string; id: string; proof: 'token' | 'id_digits' }> {
  if (!input.token?.trim() && !input.idDigits) throw invalid('token', 'required', { field: 'token' });
  const [held] = await db
    .select({
      provinceCode: dossiers.provinceCode,
      id: dossiers.id,
      ratingToken: dossiers.ratingToken,
    })
    .from(dossiers)
    .where(eq(dossiers.receiptCode, code));
  if (!held) throw notFound('dossier', { code });
  const byToken = !!input.token && sameText(normalToken(input.token), held.ratingToken);
  let byDigits = false;
  if (!byToken && input.idDigits) {
    // Compared and counted in one statement under the row's lock: tries arriving at once wait their turn, and none is
    // compared once MAX_ID_DIGIT_TRIES wrong ones are counted (read-then-count let 24 concurrent guesses through and
    // the right one after them: the probe of 2026-12-07).
    const digits = input.idDigits;
    const matches = sql`(${dossiers.applicantIdNumber} IS NOT NULL
      AND right(${dossiers.applicantIdNumber}, ${digits.length}::int) = ${digits}::text)`;
    const [tried] = await db
      .update(dossiers)
      .set({ ratingFailures: sql`${dossiers.ratingFailures} + CASE WHEN ${matches} THEN 0 ELSE 1 END` })
      .where(
        and(
          eq(dossiers.provinceCode, held.provinceCode),
          eq(dossiers.id, held.id),
          lt(dossiers.ratingFailures, MAX_ID_DIGIT_TRIES),
        ),
      )
      .returning({ ok: sql<boolean>`${matches}` });
    byDigits = !!tried?.ok;
  }
  if (!byToken && !byDigits)
    throw new AppError(403, 'rating_proof_invalid', 'rating_proof_invalid', {}, input.token ? 'token' : 'idDigits');
  return { provinceCode: held.provinceCode, id: held.id, proof: byToken ? 'token' : 'id_digits' };
}
