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

/** A post held in the unit during the period (the workforce's `unitPostHolders`). */
export interface PostHolding {
  personId: string;
  agencyKind: string;
  postCode: string;
  postKind: 'leadership' | 'job_position';
}

/** The agencies that lead the whole unit: their leaders manage everyone in it, heads and deputies below included. */
const UNIT_LEADING_AGENCIES = new Set(['people_committee', 'party_committee', 'people_council']);
/** Rank of a leadership post within its agency: 0 the head, 1 a deputy (Phó …). */
const deputyRank = (postCode: string) => (/(^|_)(deputy|vice)(_|$)/.test(postCode) ? 1 : 0);

/**
 * Whom each leader manages (Decree 335/2025: a leader's unit results are the results of the staff they manage):
 * a leader of the People's Committee, the Party Committee or the Council manages everyone else in the unit, heads and
 * deputies of the departments included; the head of an office, department or centre manages everyone in it, its
 * deputies included; a deputy manages the staff of the agency below the deputies. Within the leader's own unit or
 * department only.
 */
export function managedStaff(holdings: readonly PostHolding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const leaders = holdings.filter((h) => h.postKind === 'leadership');
  const unitLeaders = new Set(leaders.filter((h) => UNIT_LEADING_AGENCIES.has(h.agencyKind)).map((h) => h.personId));
  for (const l of leaders) {
    const set = out.get(l.personId) ?? new Set<string>();
    const top = UNIT_LEADING_AGENCIES.has(l.agencyKind);
    for (const h of holdings) {
      if (h.personId === l.personId) continue;
      const sameAgencyBelow = h.agencyKind === l.agencyKind && deputyRank(h.postCode) > deputyRank(l.postCode);
      if (unitLeaders.has(h.personId)) {
        // the unit's own leaders: only a deputy of the same body (a Vice-Chairman under the Chairman)
        if (top && sameAgencyBelow) set.add(h.personId);
        continue;
      }
      if (top) set.add(h.personId);
      else if (h.agencyKind === l.agencyKind) {
        const below = h.postKind === 'job_position' || deputyRank(h.postCode) > deputyRank(l.postCode);
        if (below) set.add(h.personId);
      }
    }
    out.set(l.personId, set);
  }
  return out;
}

/**
 * The order in which a unit's leaders are scored: those who manage fewer people first (deputies, then heads, then the
 * unit's leaders), so a leader below is scored before the one above reads their band.
 */
export const leaderOrder = (leaders: Iterable<string>, managed: ReadonlyMap<string, ReadonlySet<string>>) =>
  [...leaders].sort((a, b) => (managed.get(a)?.size ?? 0) - (managed.get(b)?.size ?? 0));

/** Whether someone this leader manages is "not completed" (those not yet scored do not count as failing). */
export const managedFailed = (
  leader: string,
  managed: ReadonlyMap<string, ReadonlySet<string>>,
  bandOf: (personId: string) => Band | null | undefined,
) => [...(managed.get(leader) ?? [])].some((m) => bandOf(m) === 'not_completed');

/**
 * The live scores of a unit's period. `managed` (from `managedStaff`): whom each leader manages; a leader's unit
 * results are full when none of them is "not completed" (leaders below are scored first; Decree 335/2025, see
 * docs/assessments.md). The demo freezes its quarters with the same rule.
 */
export function scoreUnitPeriod(
  s: AssessmentSettings,
  tasks: readonly TaskRow[],
  reviews: readonly ReviewRow[],
  leaders: ReadonlySet<string>,
  managed: ReadonlyMap<string, ReadonlySet<string>>,
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
  for (const id of leaderOrder(
    [...byPerson.keys()].filter((id) => leaders.has(id)),
    managed,
  ))
    score(id, true, !managedFailed(id, managed, (m) => out.get(m)?.band));
  return out;
}
