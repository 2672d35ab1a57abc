/**
 * Scores of everyone in one unit's period at once: leaders depend on whether every subordinate
 * completed, so the staff are scored first, then the leaders. Pure: rows in, scores out.
 */
import type { AssessmentSettings, Band } from './settings.js';
import { defaultDelays, periodScore, round2, type PeriodScore, type ScoredTask } from './scoring.js';

/** The result of a period as kept once it closes (and changed only by a recorded correction). */
export interface FrozenScore {
  general: number;
  taskPercent: number | null;
  taskPoints: number | null;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  total: number | null;
  band: Band | null;
  leader: boolean;
}

export const freezeScore = (p: PeriodScore & { leader: boolean }): FrozenScore => ({
  general: p.general,
  taskPercent: p.taskPercent,
  taskPoints: p.taskPoints,
  quantity: p.task.quantity === null ? null : round2(p.task.quantity),
  quality: p.task.quality === null ? null : round2(p.task.quality),
  timeliness: p.task.timeliness === null ? null : round2(p.task.timeliness),
  total: p.total,
  band: p.band,
  leader: p.leader,
});

export interface TaskRow {
  personId: string;
  productKind: string;
  quantity: number;
  weight: number;
  dueDate: string;
  status: 'assigned' | 'delivered' | 'reviewed';
  deliveredQuantity: number | null;
  deliveredOn: string | null;
  acceptedQuantity: number | null;
  majorErrors: number;
  delays: number;
  exemption: 'none' | 'task' | 'timeliness';
}

export interface ReviewRow {
  personId: string;
  headGeneral: Partial<Record<string, number>> | null;
  organisationPercent: number | null;
}

/**
 * What a task counts for now. Reviewed: as the head judged it. Delivered but not yet reviewed: as
 * reported (provisional, one delay if late). Not delivered: nothing delivered.
 */
export function scoredTask(t: TaskRow): { task: ScoredTask; provisional: boolean } {
  const base = { productKind: t.productKind, quantity: t.quantity, weight: t.weight, exemption: t.exemption };
  if (t.status === 'reviewed')
    return {
      task: { ...base, delivered: t.acceptedQuantity ?? 0, majorErrors: t.majorErrors, delays: t.delays },
      provisional: false,
    };
  if (t.status === 'delivered')
    return {
      task: {
        ...base,
        delivered: t.deliveredQuantity ?? 0,
        majorErrors: 0,
        delays: defaultDelays(t.dueDate, t.deliveredOn),
      },
      provisional: true,
    };
  return { task: { ...base, delivered: 0, majorErrors: 0, delays: 0 }, provisional: true };
}

export interface PersonPeriodScore extends PeriodScore {
  personId: string;
  leader: boolean;
  /** some task not yet reviewed by the head */
  provisional: boolean;
  taskCount: number;
}

export function scoreUnitPeriod(
  s: AssessmentSettings,
  tasks: readonly TaskRow[],
  reviews: readonly ReviewRow[],
  leaders: ReadonlySet<string>,
): Map<string, PersonPeriodScore> {
  const byPerson = new Map<string, { tasks: ScoredTask[]; provisional: boolean }>();
  const entry = (id: string) => {
    let e = byPerson.get(id);
    if (!e) byPerson.set(id, (e = { tasks: [], provisional: false }));
    return e;
  };
  for (const t of tasks) {
    const { task, provisional } = scoredTask(t);
    const e = entry(t.personId);
    e.tasks.push(task);
    e.provisional ||= provisional;
  }
  const review = new Map(reviews.map((r) => [r.personId, r]));
  for (const r of reviews) entry(r.personId);
  for (const id of leaders) if (byPerson.has(id) || review.has(id)) entry(id);

  const out = new Map<string, PersonPeriodScore>();
  const score = (id: string, leader: boolean, allSubordinatesCompleted = true) => {
    const e = byPerson.get(id)!;
    const r = review.get(id);
    const p = periodScore(s, {
      tasks: e.tasks,
      general: r?.headGeneral ?? {},
      leader: leader ? { allSubordinatesCompleted, organisationPercent: r?.organisationPercent ?? 0 } : undefined,
    });
    out.set(id, { ...p, personId: id, leader, provisional: e.provisional, taskCount: e.tasks.length });
  };
  for (const id of byPerson.keys()) if (!leaders.has(id)) score(id, false);
  // Subordinates not yet scored do not count as failing.
  const anyFailed = [...out.values()].some((p) => p.band === 'not_completed');
  for (const id of byPerson.keys()) if (leaders.has(id)) score(id, true, !anyFailed);
  return out;
}
