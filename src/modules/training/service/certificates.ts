// Certificates of attendance: issued to those who attended enough, verified by their code.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, notFound } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { recordAudit } from '../../audit/index.js';
import { requiredMinutes } from '../domain/attendance.js';
import { mustTraining } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingEvents } from '../schema.js';
import { ruleOf, loadEvent } from './common.js';
import { loadAttendee } from './attendance.js';

const newCertificateCode = () => [...randomBytes(12)].map((b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');

/**
 * The certificate of a person who attended: issued once (its verification code is kept), downloadable by the person
 * and by the units in scope. Refused to a person who did not attend long enough.
 */
export async function certificateOf(db: Db, actor: Actor, id: string, personId: string) {
  const e = await loadEvent(db, actor, id);
  const a = await loadAttendee(db, id, personId);
  mustTraining('certificate', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode }, a.personId);
  const rule = ruleOf(e);
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
