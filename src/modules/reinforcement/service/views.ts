// The support group's views: communes covered, reports in and late, each officer's work.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { communesOf } from '../../units/index.js';
import { visitItemsJoin } from '../../recommendations/index.js';
import { channelCalendar } from '../../recommendations/index.js';
import { reinforcementOfficers, reinforcementReports, reinforcementVisits } from '../schema.js';
import { phaseWeeks, reportDueOn, reportState } from '../domain/weeks.js';
import { provinceFilter, loadPhase, presentPhase } from './common.js';

/** Per province: communes visited and not yet visited in the phase; with `province`, the list of those not visited. */
export async function coverage(db: Db, actor: Actor, phaseId: string, q: { province?: string }) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  if (pf && q.province && q.province !== pf) throw outOfScope(q.province);
  const province = q.province ?? pf ?? undefined;
  const [communes, visited, officers] = await Promise.all([
    communesOf(db, province),
    db
      .select({
        communeCode: reinforcementVisits.communeCode,
        visits: sql<number>`count(*)::int`,
        lastOn: sql<string>`max(${reinforcementVisits.visitedOn})::text`,
      })
      .from(reinforcementVisits)
      .where(
        and(
          eq(reinforcementVisits.phaseId, phase.id),
          province ? eq(reinforcementVisits.provinceCode, province) : undefined,
        ),
      )
      .groupBy(reinforcementVisits.communeCode),
    db
      .select({
        provinceCode: reinforcementOfficers.provinceCode,
        username: reinforcementOfficers.username,
        displayName: reinforcementOfficers.displayName,
      })
      .from(reinforcementOfficers)
      .where(
        and(
          eq(reinforcementOfficers.phaseId, phase.id),
          province ? eq(reinforcementOfficers.provinceCode, province) : undefined,
        ),
      ),
  ]);
  const seen = new Map(visited.map((v) => [v.communeCode, v]));
  const byProvince = new Map<
    string,
    {
      provinceCode: string;
      communes: number;
      visited: number;
      notVisited: number;
      officers: { username: string; displayName: string }[];
      notVisitedCommunes?: { code: string; name: string }[];
    }
  >();
  for (const c of communes) {
    const p = byProvince.get(c.provinceCode) ?? {
      provinceCode: c.provinceCode,
      communes: 0,
      visited: 0,
      notVisited: 0,
      officers: [],
      ...(province ? { notVisitedCommunes: [] } : {}),
    };
    p.communes++;
    if (seen.has(c.code)) p.visited++;
    else {
      p.notVisited++;
      p.notVisitedCommunes?.push({ code: c.code, name: c.name });
    }
    byProvince.set(c.provinceCode, p);
  }
  for (const o of officers)
    byProvince.get(o.provinceCode)?.officers.push({ username: o.username, displayName: o.displayName });
  return {
    phase: presentPhase(phase),
    provinces: [...byProvince.values()],
    /** for the map: visits per commune */
    visitedCommunes: visited.map((v) => ({ communeCode: v.communeCode, visits: v.visits, lastVisitedOn: v.lastOn })),
  };
}

/** Every officer's weekly reports: sent, sent late, due, late. */
export async function reportsStatus(db: Db, actor: Actor, phaseId: string, clock: DeadlineClock) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  const today = clock.localDate(clock.now());
  const cal = channelCalendar();
  const [officers, reports] = await Promise.all([
    db
      .select()
      .from(reinforcementOfficers)
      .where(
        and(eq(reinforcementOfficers.phaseId, phase.id), pf ? eq(reinforcementOfficers.provinceCode, pf) : undefined),
      )
      .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username)),
    db
      .select({
        userId: reinforcementReports.userId,
        periodStart: reinforcementReports.periodStart,
        submittedOn: reinforcementReports.submittedOn,
        id: reinforcementReports.id,
      })
      .from(reinforcementReports)
      .where(
        and(eq(reinforcementReports.phaseId, phase.id), pf ? eq(reinforcementReports.provinceCode, pf) : undefined),
      ),
  ]);
  const sent = new Map(reports.map((r) => [`${r.userId}|${r.periodStart}`, r]));
  const weeks = phaseWeeks(phase.startsOn, phase.endsOn).filter((w) => w <= today);
  const totals = { submitted: 0, submitted_late: 0, due: 0, late: 0 };
  const rows = officers.map((o) => {
    const ws = weeks.map((weekStart) => {
      const dueOn = reportDueOn(weekStart, cal);
      const r = sent.get(`${o.userId}|${weekStart}`);
      const state = reportState(weekStart, dueOn, today, r?.submittedOn ?? null);
      if (state !== 'not_yet') totals[state]++;
      return { weekStart, dueOn, state, reportId: r?.id ?? null };
    });
    return {
      username: o.username,
      displayName: o.displayName,
      provinceCode: o.provinceCode,
      weeks: ws,
      late: ws.filter((w) => w.state === 'late').length,
      due: ws.filter((w) => w.state === 'due').length,
    };
  });
  return { today, phase: presentPhase(phase), totals, officers: rows };
}

/** Each officer's work in a phase: visits, communes, and the items raised with their status. */
export async function officersOverview(db: Db, actor: Actor, phaseId: string) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  const raised = visitItemsJoin(db);
  const [officers, visits, items] = await Promise.all([
    db
      .select()
      .from(reinforcementOfficers)
      .where(
        and(eq(reinforcementOfficers.phaseId, phase.id), pf ? eq(reinforcementOfficers.provinceCode, pf) : undefined),
      )
      .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username)),
    db
      .select({
        userId: reinforcementVisits.userId,
        visits: sql<number>`count(*)::int`,
        communes: sql<number>`count(DISTINCT ${reinforcementVisits.communeCode})::int`,
        lastOn: sql<string | null>`max(${reinforcementVisits.visitedOn})::text`,
      })
      .from(reinforcementVisits)
      .where(eq(reinforcementVisits.phaseId, phase.id))
      .groupBy(reinforcementVisits.userId),
    db
      .select({ userId: reinforcementVisits.userId, status: raised.status, n: sql<number>`count(*)::int` })
      .from(raised)
      .innerJoin(
        reinforcementVisits,
        and(eq(reinforcementVisits.provinceCode, raised.provinceCode), eq(reinforcementVisits.id, raised.visitId)),
      )
      .where(eq(reinforcementVisits.phaseId, phase.id))
      .groupBy(reinforcementVisits.userId, raised.status),
  ]);
  const v = new Map(visits.map((x) => [x.userId, x]));
  return {
    phase: presentPhase(phase),
    officers: officers.map((o) => {
      const mine = items.filter((i) => i.userId === o.userId);
      return {
        username: o.username,
        displayName: o.displayName,
        provinceCode: o.provinceCode,
        visits: v.get(o.userId)?.visits ?? 0,
        communesVisited: v.get(o.userId)?.communes ?? 0,
        lastVisitOn: v.get(o.userId)?.lastOn ?? null,
        items: Object.fromEntries(
          ['pending', 'info_requested', 'answered', 'accepted'].map((s) => [
            s,
            mine.find((i) => i.status === s)?.n ?? 0,
          ]),
        ),
      };
    }),
  };
}
