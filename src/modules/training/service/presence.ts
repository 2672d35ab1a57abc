// Presence at the door: the bridge shows a short-lived signed code as a QR; the attendee scans it on their phone,
// signed in as themself, and their joining (then leaving) is recorded at that bridge.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { recordAudit } from '../../audit/index.js';
import { mustTraining, bridgePlace } from '../policy.js';
import { trainingAttendees, trainingBridges, trainingEvents, trainingPresence } from '../schema.js';
import { type EventRow, loadEvent, ruleOf } from './common.js';
import { recomputeMinutes } from './attendance.js';

/** How long a bridge's code stays valid (the page shows a new one well before: every minute). */
export const PRESENCE_CODE_TTL_SECONDS = 300;
/** Scanning opens this long before the start and closes at the end. */
export const SCAN_OPENS_MINUTES = 60;

async function presenceKey(db: Db, e: EventRow): Promise<Buffer> {
  if (e.presenceKey) return Buffer.from(e.presenceKey, 'base64url');
  await db
    .update(trainingEvents)
    .set({ presenceKey: randomBytes(32).toString('base64url') })
    .where(and(eq(trainingEvents.id, e.id), isNull(trainingEvents.presenceKey)));
  // another request may have made it meanwhile: read the one kept
  const [row] = await db
    .select({ key: trainingEvents.presenceKey })
    .from(trainingEvents)
    .where(eq(trainingEvents.id, e.id));
  return Buffer.from(row!.key!, 'base64url');
}

const signature = (key: Buffer, eventId: string, unitCode: string, exp: number) =>
  createHmac('sha256', key).update(`${eventId}|${unitCode}|${exp}`).digest('base64url').slice(0, 32);

/** The code a bridge shows: `<unit>.<expiry, epoch seconds>.<signature>`, valid PRESENCE_CODE_TTL_SECONDS. */
export async function presenceCode(db: Db, actor: Actor, id: string, unitCode: string, clock: DeadlineClock) {
  const e = await loadEvent(db, actor, id);
  const [b] = await db
    .select()
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)));
  if (!b) throw notFound('training_bridge', { code: unitCode });
  mustTraining('record_presence', actor, bridgePlace(b));
  const exp = Math.floor(clock.now().getTime() / 1000) + PRESENCE_CODE_TTL_SECONDS;
  const token = `${unitCode}.${exp}.${signature(await presenceKey(db, e), id, unitCode, exp)}`;
  return { token, bridgeName: b.name, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The bridge a code names, if its signature holds and it has not expired; else a 409 the page explains. */
async function readCode(db: Db, e: EventRow, token: string, now: Date) {
  const [unitCode, expText, sig] = token.split('.');
  const exp = Number(expText);
  const expected = signature(await presenceKey(db, e), e.id, unitCode ?? '', exp);
  const a = Buffer.from(sig ?? '');
  const b = Buffer.from(expected);
  if (!unitCode || !Number.isInteger(exp) || a.length !== b.length || !timingSafeEqual(a, b))
    throw new AppError(409, 'bad_code', 'training_scan_bad_code');
  if (exp * 1000 < now.getTime()) throw new AppError(409, 'code_expired', 'training_scan_expired');
  return unitCode;
}

/**
 * The attendee scans their bridge's code: `join` records their arrival now (a second scan while present changes
 * nothing), `leave` closes their open presence now. Only the person themself, registered at that bridge, while the
 * session is open (from SCAN_OPENS_MINUTES before the start until the end).
 */
export async function scanPresence(
  db: Db,
  actor: Actor,
  id: string,
  input: { token: string; action?: 'join' | 'leave' },
  clock: DeadlineClock,
) {
  const e = await loadEvent(db, actor, id);
  const now = clock.now();
  const unitCode = await readCode(db, e, input.token, now);
  if (!actor.personId) throw new AppError(409, 'no_person', 'training_scan_no_person');
  const [a] = await db
    .select()
    .from(trainingAttendees)
    .where(and(eq(trainingAttendees.eventId, id), eq(trainingAttendees.personId, actor.personId)));
  if (!a) throw new AppError(409, 'not_registered', 'training_scan_not_registered');
  mustTraining('scan_presence', actor, { provinceCode: a.provinceCode, unitCode: a.unitCode }, a.personId);
  if (a.unitCode !== unitCode) throw new AppError(409, 'other_bridge', 'training_scan_other_bridge');
  if (now.getTime() < e.startsAt.getTime() - SCAN_OPENS_MINUTES * 60_000)
    throw new AppError(409, 'scan_too_early', 'training_scan_too_early', { minutes: SCAN_OPENS_MINUTES });
  if (now.getTime() > e.endsAt.getTime()) throw new AppError(409, 'scan_closed', 'training_scan_closed');
  const action = input.action ?? 'join';
  const rule = ruleOf(e);
  const result = await db.transaction(async (tx) => {
    // one scan at a time per person (two phones, a double tap)
    await tx.execute(
      sql`SELECT 1 FROM training_attendees WHERE event_id = ${id}::uuid AND person_id = ${a.personId}::uuid FOR UPDATE`,
    );
    const [open] = await tx
      .select()
      .from(trainingPresence)
      .where(
        and(
          eq(trainingPresence.eventId, id),
          eq(trainingPresence.personId, a.personId),
          isNull(trainingPresence.leftAt),
        ),
      );
    let changed = false;
    if (action === 'join' && !open) {
      await tx.insert(trainingPresence).values({
        eventId: id,
        personId: a.personId,
        provinceCode: a.provinceCode,
        unitCode: a.unitCode,
        joinedAt: now,
        source: 'qr',
      });
      changed = true;
    } else if (action === 'leave' && open) {
      await tx.update(trainingPresence).set({ leftAt: now }).where(eq(trainingPresence.id, open.id));
      changed = true;
    }
    const minutes = changed ? ((await recomputeMinutes(tx, e, [a.personId])).get(a.personId) ?? 0) : a.minutes;
    if (changed)
      await recordAudit(tx, actor, {
        action: action === 'join' ? 'presence_scan_join' : 'presence_scan_leave',
        entity: 'training_attendee',
        entityId: `${id}/${a.personId}`,
        provinceCode: a.provinceCode,
        unitCode: a.unitCode,
        after: { at: now.toISOString(), source: 'qr', minutes },
      });
    return {
      changed,
      present: action === 'join',
      since: action === 'join' ? (open?.joinedAt ?? now).toISOString() : null,
      minutes,
    };
  });
  const [bridge] = await db
    .select({ name: trainingBridges.name })
    .from(trainingBridges)
    .where(and(eq(trainingBridges.eventId, id), eq(trainingBridges.unitCode, unitCode)));
  return {
    ...result,
    fullName: a.fullName,
    bridgeName: bridge?.name ?? unitCode,
    title: e.title,
    requiredMinutes: rule.requiredMinutes,
  };
}
