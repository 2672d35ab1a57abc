// Certificates of attendance: issued to those who attended enough, verified by their code.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, notFound } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { vietnamLocal } from '../../../core/calendar/dates.js';
import { recordAudit } from '../../audit/index.js';
import { requiredMinutes } from '../domain/attendance.js';
import { mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingEvents } from '../schema.js';
import { ruleOf, loadEvent } from './common.js';
import { loadAttendee } from './attendance.js';

/** HH:MM DD/MM/YYYY, Vietnam time. */
const hhmm = (d: Date) => {
  const local = vietnamLocal(d);
  const m = Math.floor(local.minutes);
  const day = local.date.split('-').reverse().join('/');
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} ${day}`;
};

const newCertificateCode = () => [...randomBytes(12)].map((b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');

/**
 * The certificate of a person who attended: issued once (its verification code is kept), downloadable by the person
 * and by the units in scope. Refused to a person who did not attend long enough.
 */
export async function certificateOf(db: Db, actor: Actor, id: string, personId: string, now: Date) {
  const e = await loadEvent(db, actor, id);
  const a = await loadAttendee(db, id, personId);
  mustTraining('certificate', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode }, a.personId);
  const rule = ruleOf(e);
  // Until the end an open presence counts to the end: the minutes are not final yet.
  if (now.getTime() < e.endsAt.getTime())
    throw new AppError(409, 'not_ended', 'training_not_ended', { end: hhmm(e.endsAt) });
  if (a.minutes < rule.requiredMinutes)
    throw new AppError(409, 'not_attended', 'training_not_attended', {
      minutes: a.minutes,
      required: rule.requiredMinutes,
    });
  let code = a.certificateCode;
  if (!code) {
    code = newCertificateCode();
    await db.transaction(async (tx) => {
      const [set] = await tx
        .update(trainingAttendees)
        .set({ certificateCode: code })
        .where(
          and(
            eq(trainingAttendees.eventId, id),
            eq(trainingAttendees.personId, personId),
            isNull(trainingAttendees.certificateCode),
          ),
        )
        .returning({ code: trainingAttendees.certificateCode });
      if (!set) {
        // issued meanwhile by another request: use that one
        code = (await loadAttendee(tx, id, personId)).certificateCode!;
        return;
      }
      await recordAudit(tx, actor, {
        action: 'issue_certificate',
        entity: 'training_attendee',
        entityId: `${id}/${personId}`,
        provinceCode: a.provinceCode,
        unitCode: a.unitCode,
        after: { code, minutes: a.minutes },
      });
    });
  }
  const [unit] = await db
    .select({ name: trainingBridges.name })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, a.unitCode)));
  const [host] = e.provinceCode
    ? await db
        .select({ name: trainingBridges.name })
        .from(trainingBridges)
        .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.kind, 'host')))
    : [{ name: 'Bộ Nội vụ' }];
  return {
    code: code!,
    fullName: a.fullName,
    unitName: unit?.name ?? a.unitCode,
    title: e.title,
    hostName: host?.name ?? 'Bộ Nội vụ',
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    minutes: a.minutes,
    sessionMinutes: rule.sessionMinutes,
  };
}

/**
 * What the certificate page shows: the certificate (issued at the first look, like the PDF) or why there is none —
 * not registered (the person themself only; others get 404), the conference not ended yet, not present long enough.
 */
export async function certificateStatus(db: Db, actor: Actor, id: string, personId: string, now: Date) {
  const e = await loadEvent(db, actor, id);
  const rule = ruleOf(e);
  const base = {
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    requiredMinutes: rule.requiredMinutes,
    sessionMinutes: rule.sessionMinutes,
    share: rule.share,
  };
  const [a] = await db
    .select()
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, id), eq(trainingAttendees.personId, personId)));
  if (!a) {
    if (actor.personId !== personId) throw notFound('training_attendee');
    return {
      ...base,
      status: 'not_registered' as const,
      fullName: null,
      unitName: null,
      minutes: 0,
      certificate: null,
    };
  }
  mustTraining('certificate', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode }, a.personId);
  const who = { fullName: a.fullName, minutes: a.minutes };
  const [unit] = await db
    .select({ name: trainingBridges.name })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, a.unitCode)));
  const unitName = unit?.name ?? a.unitCode;
  if (now.getTime() < e.endsAt.getTime())
    return { ...base, ...who, unitName, status: 'not_ended' as const, certificate: null };
  if (a.minutes < rule.requiredMinutes)
    return { ...base, ...who, unitName, status: 'not_attended' as const, certificate: null };
  const c = await certificateOf(db, actor, id, personId, now);
  return {
    ...base,
    ...who,
    unitName,
    status: 'ready' as const,
    certificate: { code: c.code, hostName: c.hostName },
  };
}

/** Public: the certificate with this verification code (what its QR code opens). */
export async function verifyCertificate(db: Db, code: string) {
  const [row] = await db
    .select({ a: trainingAttendees, e: trainingEvents })
    .from(trainingAttendees)
    .innerJoin(trainingEvents, eq(trainingEvents.id, trainingAttendees.eventId))
    .where(eq(trainingAttendees.certificateCode, code));
  if (!row) throw notFound('training_certificate');
  return {
    valid: row.a.minutes >= requiredMinutes(row.e, row.e.attendShare),
    fullName: row.a.fullName,
    title: row.e.title,
    startsAt: row.e.startsAt.toISOString(),
    minutes: row.a.minutes,
  };
}
