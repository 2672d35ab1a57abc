// Reinforcement phases and the officers assigned to them (the Ministry's support group manages them).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, notFound } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { accountByUsername } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { isProvince } from '../../units/index.js';
import { reinforcementOfficers, reinforcementPhases } from '../schema.js';
import { isSupportGroup, provinceFilter, loadPhase, presentPhase } from './common.js';

export async function listPhases(db: Db) {
  const rows = await db
    .select({
      phase: reinforcementPhases,
      officers: sql<number>`(SELECT count(*)::int FROM reinforcement_officers o WHERE o.phase_id = ${reinforcementPhases.id})`,
      provinces: sql<number>`(SELECT count(DISTINCT o.province_code)::int FROM reinforcement_officers o
        WHERE o.phase_id = ${reinforcementPhases.id})`,
    })
    .from(reinforcementPhases)
    .orderBy(desc(reinforcementPhases.startsOn));
  return { items: rows.map((r) => ({ ...presentPhase(r.phase), officers: r.officers, provinces: r.provinces })) };
}

export async function getPhase(db: Db, actor: Actor, id: string) {
  const p = await loadPhase(db, id);
  const pf = provinceFilter(actor);
  const officers = await db
    .select()
    .from(reinforcementOfficers)
    .where(
      and(
        eq(reinforcementOfficers.phaseId, id),
        pf === null
          ? undefined
          : eq(reinforcementOfficers.provinceCode, pf === 'none' ? (actor.provinceCode ?? '') : pf),
      ),
    )
    .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username));
  return {
    ...presentPhase(p),
    officers: officers.map((o) => ({
      userId: o.userId,
      username: o.username,
      displayName: o.displayName,
      provinceCode: o.provinceCode,
      position: o.position,
      phone: o.phone,
    })),
  };
}

/** A new phase; `copyFrom` carries over the officers and their provinces, to be changed afterwards. */
export async function createPhase(
  db: Db,
  actor: Actor,
  input: { name: string; startsOn: string; endsOn: string; note?: string; copyFrom?: string },
  clock: DeadlineClock,
) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  if (input.endsOn <= input.startsOn) throw new AppError(400, 'phase_dates', 'phase_dates', {}, 'endsOn');
  if (input.copyFrom) await loadPhase(db, input.copyFrom);
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(reinforcementPhases)
      .values({
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        note: input.note ?? null,
        copiedFrom: input.copyFrom ?? null,
        createdAt: clock.now(),
      })
      .returning();
    let copied = 0;
    if (input.copyFrom) {
      const prev = await tx
        .select()
        .from(reinforcementOfficers)
        .where(eq(reinforcementOfficers.phaseId, input.copyFrom));
      if (prev.length) await tx.insert(reinforcementOfficers).values(prev.map((o) => ({ ...o, phaseId: p!.id })));
      copied = prev.length;
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'reinforcement_phase',
      entityId: p!.id,
      provinceCode: null,
      unitCode: null,
      after: { ...presentPhase(p!), officersCopied: copied },
    });
    return { ...presentPhase(p!), officersCopied: copied };
  });
}

/** Assigns (or moves) a Ministry user to a province for a phase. */
export async function assignOfficer(
  db: Db,
  actor: Actor,
  phaseId: string,
  username: string,
  input: { provinceCode: string; position?: string; phone?: string },
) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  await loadPhase(db, phaseId);
  const u = await accountByUsername(db, username);
  if (!u) throw notFound('user');
  if (u.role !== 'ministry') throw new AppError(400, 'officer_not_ministry', 'officer_not_ministry', {}, 'username');
  if (!(await isProvince(db, input.provinceCode)))
    throw invalid('provinceCode', 'invalid_value', { detail: input.provinceCode });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reinforcementOfficers)
      .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.userId, u.id)));
    if (before)
      await tx
        .delete(reinforcementOfficers)
        .where(
          and(
            eq(reinforcementOfficers.provinceCode, before.provinceCode),
            eq(reinforcementOfficers.phaseId, phaseId),
            eq(reinforcementOfficers.userId, u.id),
          ),
        );
    const row = {
      provinceCode: input.provinceCode,
      phaseId,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      position: input.position ?? before?.position ?? null,
      phone: input.phone ?? before?.phone ?? null,
    };
    await tx.insert(reinforcementOfficers).values(row);
    await recordAudit(tx, actor, {
      action: before ? 'reassign' : 'assign',
      entity: 'reinforcement_officer',
      entityId: `${phaseId}:${u.username}`,
      provinceCode: input.provinceCode,
      unitCode: input.provinceCode,
      before: before ? { provinceCode: before.provinceCode } : null,
      after: { provinceCode: input.provinceCode },
    });
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      provinceCode: input.provinceCode,
      position: row.position,
      phone: row.phone,
    };
  });
}

export async function removeOfficer(db: Db, actor: Actor, phaseId: string, username: string) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  return db.transaction(async (tx) => {
    const [o] = await tx
      .select()
      .from(reinforcementOfficers)
      .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.username, username)));
    if (!o) throw notFound('user');
    await tx
      .delete(reinforcementOfficers)
      .where(
        and(
          eq(reinforcementOfficers.provinceCode, o.provinceCode),
          eq(reinforcementOfficers.phaseId, phaseId),
          eq(reinforcementOfficers.userId, o.userId),
        ),
      );
    await recordAudit(tx, actor, {
      action: 'unassign',
      entity: 'reinforcement_officer',
      entityId: `${phaseId}:${username}`,
      provinceCode: o.provinceCode,
      unitCode: o.provinceCode,
      before: { provinceCode: o.provinceCode },
    });
    return { removed: true };
  });
}
