/**
 * Complaints (phản ánh, kiến nghị) about a dossier: the citizen records one on the public look-up with the receipt code
 * and its proof (the rating code of the receipt, or the last 4 digits of the ID number), the staff of the units holding
 * or having received it record one brought to the counter, by phone or in writing. The 766 satisfaction in handling
 * procedures counts each dossier once with a complaint or a dissatisfied rating (docs/dossier-figures.md).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DeadlineClock } from '../../../core/clock.js';
import { forbidden, invalid, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import type { Db } from '../../../db/client.js';
import { recordAudit } from '../../audit/index.js';
import { mayOnDossier } from '../policy.js';
import { dossierComplaints, dossierEvents, dossiers } from '../schema.js';
import { bumpStats } from './figures.js';
import { applicantProof } from './citizens.js';
import type { DossierRow, Tx } from './rows.js';

/** The complaint's text: something to act on, not a novel. */
export const MAX_COMPLAINT_CHARS = 2000;

function cleanText(text: string) {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) throw invalid('text', 'required', { field: 'text' });
  if (t.length > MAX_COMPLAINT_CHARS) throw invalid('text', 'invalid_value', { detail: `> ${MAX_COMPLAINT_CHARS}` });
  return t;
}

/**
 * Records the complaint in the caller's transaction, the dossier locked: the first complaint of a dossier not rated
 * "not satisfied" adds it to the dossiers with a complaint or a dislike (on its finished day, today while open); a
 * second complaint, or one about a dossier already rated "not satisfied", adds nothing (once per dossier).
 */
async function addComplaint(
  tx: Tx,
  d: DossierRow,
  who: { source: 'citizen' | 'staff'; username: string | null; actor: Actor | null },
  text: string,
  clock: DeadlineClock,
) {
  const now = clock.now();
  const [{ n }] = (await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(dossierComplaints)
    .where(and(eq(dossierComplaints.provinceCode, d.provinceCode), eq(dossierComplaints.dossierId, d.id)))) as [
    { n: number },
  ];
  const [row] = await tx
    .insert(dossierComplaints)
    .values({
      provinceCode: d.provinceCode,
      dossierId: d.id,
      at: now,
      source: who.source,
      recordedBy: who.username,
      text,
    })
    .returning();
  const counted = n === 0 && d.rating !== 'not_satisfied';
  if (counted)
    await bumpStats(
      tx,
      {
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        day: d.finishedOn ?? clock.localDate(now),
        field: d.procedureField,
      },
      { complainedOrDissatisfied: 1 },
    );
  await tx.insert(dossierEvents).values({
    provinceCode: d.provinceCode,
    dossierId: d.id,
    at: now,
    actorUsername: who.username ?? 'citizen',
    action: 'complaint',
    fromStatus: d.status,
    toStatus: d.status,
    unitCode: d.handlingUnitCode,
    note: text,
  });
  await recordAudit(tx, who.actor, {
    action: 'create',
    entity: 'dossier_complaint',
    entityId: d.id,
    provinceCode: d.provinceCode,
    unitCode: d.handlingUnitCode,
    after: { id: row!.id, source: who.source, text, counted },
  });
  return { id: row!.id, at: now.toISOString(), source: who.source, text };
}

/** The citizen's complaint, with the receipt code and the proof printed on the receipt (as for the rating). */
export async function citizenComplaint(
  db: Db,
  receiptCode: string,
  input: { text: string; token?: string; idDigits?: string },
  clock: DeadlineClock,
) {
  const code = receiptCode.trim().toUpperCase();
  const text = cleanText(input.text);
  const held = await applicantProof(db, code, input);
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.provinceCode, held.provinceCode), eq(dossiers.id, held.id)))
      .for('update');
    if (!d) throw notFound('dossier', { code });
    return addComplaint(tx, d, { source: 'citizen', username: null, actor: null }, text, clock);
  });
}

/** A complaint the staff of the unit holding the dossier, or of the center that received it, record. */
export async function staffComplaint(db: Db, actor: Actor, id: string, input: { text: string }, clock: DeadlineClock) {
  const text = cleanText(input.text);
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
    if (!d) throw notFound('dossier', { code: id });
    if (!mayOnDossier('record_complaint', actor, d)) throw forbidden();
    return addComplaint(tx, d, { source: 'staff', username: actor.username, actor }, text, clock);
  });
}

/** The complaints about a dossier, oldest first, for those who may read it. */
export async function dossierComplaintList(db: Db, actor: Actor, id: string) {
  const [d] = await db
    .select({
      provinceCode: dossiers.provinceCode,
      handlingUnitCode: dossiers.handlingUnitCode,
      receivingUnitCode: dossiers.receivingUnitCode,
    })
    .from(dossiers)
    .where(eq(dossiers.id, id));
  if (!d || !mayOnDossier('read', actor, d)) throw notFound('dossier', { code: id });
  const rows = await db
    .select({
      id: dossierComplaints.id,
      at: dossierComplaints.at,
      source: dossierComplaints.source,
      text: dossierComplaints.text,
    })
    .from(dossierComplaints)
    .where(and(eq(dossierComplaints.provinceCode, d.provinceCode), eq(dossierComplaints.dossierId, id)))
    .orderBy(asc(dossierComplaints.id));
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
