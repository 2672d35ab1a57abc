/** Helpers shared by the assessment service files: loading and presenting rows, scope, places and names. */
import { eq, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, notFound } from '../../../core/errors.js';
import { scopeWhere as coreScopeWhere, type Actor, type Place } from '../../../core/scope.js';
import { isStaffAccount } from '../../../core/policy.js';
import { unitNameVersions, unitPlace } from '../../units/index.js';
import { personNamed } from '../../workforce/index.js';
import { assessmentPeriods, assessmentTasks } from '../schema.js';
import type { AssessmentSettings } from '../domain/settings.js';

export type PeriodRow = typeof assessmentPeriods.$inferSelect;

export type TaskDbRow = typeof assessmentTasks.$inferSelect;

export const placeOf = (p: { provinceCode: string; unitCode: string }): Place => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});

export const periodLabel = (p: Pick<PeriodRow, 'kind' | 'seq' | 'year'>) =>
  `${p.kind === 'quarter' ? 'Q' : 'T'}${p.seq}/${p.year}`;

export const conflict = () => new AppError(409, 'version_conflict', 'record_version_conflict');

/** Nobody judges their own work: a head's account linked to a staff record cannot review or assess that person. */
export const notSelf = (actor: Actor, personId: string) => {
  if (actor.personId === personId) throw forbidden();
};

/** A viewer account linked to a staff record sees only its own assessment. */
export const ownOnly = isStaffAccount;

export function scopeWhere(
  actor: Actor,
  cols: { provinceCode: AnyColumn; unitCode: AnyColumn; personId?: AnyColumn },
): SQL | undefined {
  if (ownOnly(actor) && cols.personId) return eq(cols.personId, actor.personId!);
  return coreScopeWhere(actor, cols);
}

export async function loadPerson(db: Db, id: string) {
  const p = await personNamed(db, id);
  if (!p) throw notFound('person', { code: id });
  return p;
}

/**
 * A period, locked as the caller needs: 'update' to close or correct it, 'share' for a change inside it (so a
 * change and the closing never cross: the change sees the period open and commits before the closing freezes it).
 */
export async function loadPeriod(db: Db, id: string, lock?: 'update' | 'share'): Promise<PeriodRow> {
  const q = db.select().from(assessmentPeriods).where(eq(assessmentPeriods.id, id));
  const [p] = lock ? await q.for(lock) : await q;
  if (!p) throw notFound('assessment_period', { code: id });
  return p;
}

export const mustBeOpen = (p: PeriodRow) => {
  if (p.status === 'closed') throw new AppError(409, 'period_closed', 'period_closed', { period: periodLabel(p) });
};

export const presentPeriod = (p: PeriodRow) => ({ ...p, label: periodLabel(p) });

export function presentTask(t: TaskDbRow) {
  return { ...t };
}

export async function loadTask(tx: Db, id: string): Promise<TaskDbRow> {
  const [t] = await tx.select().from(assessmentTasks).where(eq(assessmentTasks.id, id)).for('update');
  if (!t) throw notFound('assessment_task', { code: id });
  return t;
}

/** Full names of units as they stand now (the latest version in force). */
export async function unitNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const today = new Date().toISOString().slice(0, 10);
  const rows = await unitNameVersions(db, codes, today);
  return new Map(rows.map((r) => [r.code, r.fullName]));
}

export async function loadUnit(db: Db, code: string) {
  const u = await unitPlace(db, code);
  if (!u) throw notFound('unit', { code });
  const names = await unitNames(db, [...new Set([u.code, u.provinceCode])]);
  return {
    ...u,
    unitCode: u.code,
    name: names.get(u.code) ?? u.code,
    provinceName: names.get(u.provinceCode) ?? u.provinceCode,
  };
}

export const dueDate = (s: AssessmentSettings, year: number) =>
  `${year}-${String(s.annualDue.month).padStart(2, '0')}-${String(s.annualDue.day).padStart(2, '0')}`;
