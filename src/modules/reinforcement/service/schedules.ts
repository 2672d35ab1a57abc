// The officers' weekly schedules: the communes each plans to visit.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { userNamesJoin } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import { addDays } from '../../../core/calendar/dates.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { reinforcementSchedules, type PlannedVisit } from '../schema.js';
import { isMonday } from '../domain/weeks.js';
import { provinceFilter, loadPhase, ownAssignment, communeIn } from './common.js';

export async function putSchedule(
  db: Db,
  actor: Actor,
  input: {
    phaseId: string;
    weekStart: string;
    visits: { communeCode: string; plannedOn: string; purpose?: string }[];
    note?: string;
    version?: number;
  },
  clock: DeadlineClock,
) {
  const phase = await loadPhase(db, input.phaseId);
  const a = await ownAssignment(db, actor, phase.id);
  if (!isMonday(input.weekStart))
    throw new AppError(400, 'week_start_not_monday', 'week_start_not_monday', {}, 'weekStart');
  const weekEnd = addDays(input.weekStart, 6);
  if (weekEnd < phase.startsOn || input.weekStart > phase.endsOn)
    throw new AppError(
      400,
      'outside_phase',
      'outside_phase',
      { date: input.weekStart, from: phase.startsOn, to: phase.endsOn },
      'weekStart',
    );
  const visits: PlannedVisit[] = [];
  for (const [i, v] of input.visits.entries()) {
    if (v.plannedOn < input.weekStart || v.plannedOn > weekEnd)
      throw invalid(`visits.${i}.plannedOn`, 'invalid_value', { detail: `${input.weekStart} – ${weekEnd}` });
    await communeIn(db, v.communeCode, a.provinceCode, `visits.${i}.communeCode`);
    visits.push({ communeCode: v.communeCode, plannedOn: v.plannedOn, purpose: v.purpose?.trim() || null });
  }
  visits.sort((x, y) => x.plannedOn.localeCompare(y.plannedOn));
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reinforcementSchedules)
      .where(
        and(
          eq(reinforcementSchedules.phaseId, phase.id),
          eq(reinforcementSchedules.userId, actor.id),
          eq(reinforcementSchedules.weekStart, input.weekStart),
        ),
      )
      .for('update');
    if (before && input.version !== undefined && input.version !== before.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const [row] = before
      ? await tx
          .update(reinforcementSchedules)
          .set({ visits, note: input.note ?? null, version: before.version + 1, updatedAt: now })
          .where(
            and(eq(reinforcementSchedules.provinceCode, before.provinceCode), eq(reinforcementSchedules.id, before.id)),
          )
          .returning()
      : await tx
          .insert(reinforcementSchedules)
          .values({
            provinceCode: a.provinceCode,
            phaseId: phase.id,
            userId: actor.id,
            weekStart: input.weekStart,
            visits,
            note: input.note ?? null,
            updatedAt: now,
          })
          .returning();
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'reinforcement_schedule',
      entityId: row!.id,
      provinceCode: a.provinceCode,
      unitCode: a.provinceCode,
      before: before ? { visits: before.visits } : null,
      after: { weekStart: input.weekStart, visits },
    });
    return presentSchedule(row!, actor.username);
  });
}

function presentSchedule(s: typeof reinforcementSchedules.$inferSelect, username: string) {
  return {
    id: s.id,
    phaseId: s.phaseId,
    provinceCode: s.provinceCode,
    username,
    weekStart: s.weekStart,
    visits: s.visits,
    note: s.note,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export async function listSchedules(
  db: Db,
  actor: Actor,
  q: { phase?: string; officer?: string; province?: string; week?: string },
) {
  const pf = provinceFilter(actor);
  if (pf === 'none') return { items: [] };
  const names = userNamesJoin(db);
  const rows = await db
    .select({ s: reinforcementSchedules, username: names.username })
    .from(reinforcementSchedules)
    .innerJoin(names, eq(names.id, reinforcementSchedules.userId))
    .where(
      and(
        pf ? eq(reinforcementSchedules.provinceCode, pf) : undefined,
        q.phase ? eq(reinforcementSchedules.phaseId, q.phase) : undefined,
        q.officer ? eq(names.username, q.officer) : undefined,
        q.province ? eq(reinforcementSchedules.provinceCode, q.province) : undefined,
        q.week ? eq(reinforcementSchedules.weekStart, q.week) : undefined,
      ),
    )
    .orderBy(desc(reinforcementSchedules.weekStart), asc(names.username))
    .limit(1000);
  return { items: rows.map((r) => presentSchedule(r.s, r.username)) };
}
