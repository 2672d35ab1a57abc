/**
 * The workforce's figures for a periodic report (issue #20): staff against the approved headcount, leadership posts
 * vacant, requirement shortfalls and secondments of the scope, counted on the period's last day (today while it runs)
 * as the workforce page's summary counts them (`GET /api/workforce/summary`, `workforceSummary`): the counts alone,
 * in a few grouped statements over the scope (`workforceSummaryCounts`), without the summary's structure and lists.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { workforceFigureChanges } from './schema.js';
import type { FigureProvider, FigureScope, ProvidedFigure, ProvidedTable } from '../../core/report-figures.js';
import { workforceSummaryCounts, type SummaryCounts } from './service/summary-counts.js';

/**
 * A report asks for its period and the previous one at once (side by side): the days asked for one scope in the same
 * turn of the event loop are counted together, in one pass over the scope.
 */
const gathering = new WeakMap<Db, Map<string, { days: string[]; counts: Promise<SummaryCounts[]> }>>();
function countsOn(db: Db, scope: FigureScope, day: string): Promise<SummaryCounts> {
  const place = { provinceCode: scope.provinceCode, unitCode: scope.kind === 'commune' ? scope.unitCode : null };
  const key = `${place.provinceCode}|${place.unitCode}`;
  let batches = gathering.get(db);
  if (!batches) gathering.set(db, (batches = new Map()));
  let batch = batches.get(key);
  if (!batch) {
    const days: string[] = [];
    const counts = Promise.resolve().then(() => {
      batches.delete(key);
      return keptOrCounted(db, place, days);
    });
    batches.set(key, (batch = { days, counts }));
  }
  let i = batch.days.indexOf(day);
  if (i < 0) i = batch.days.push(day) - 1;
  return batch.counts.then((all) => all[i]!);
}

/**
 * Counts made in this process, per scope and day, used again while no change to the scope's workforce has been
 * recorded since they were made (`workforce_figure_changes`, written by `workforceChanged` after each change commits,
 * in any process): a report recomputed to check its figures reads one row instead of counting again.
 */
const kept = new WeakMap<Db, Map<string, { at: number; counts: SummaryCounts }>>();
const KEEP_AT_MOST = 256;

async function keptOrCounted(
  db: Db,
  place: { provinceCode: string | null; unitCode: string | null },
  days: readonly string[],
): Promise<SummaryCounts[]> {
  let memo = kept.get(db);
  if (!memo) kept.set(db, (memo = new Map()));
  const keyOf = (day: string) => `${place.provinceCode}|${place.unitCode}|${day}`;
  // taken before anything is read: a change recorded from now on makes what is counted below stale
  const [{ now, last }] = rowsOf<{ now: number; last: number }>(
    await db.execute(sql`SELECT extract(epoch FROM clock_timestamp())::float8 AS now,
      coalesce((SELECT max(extract(epoch FROM ${workforceFigureChanges.changedAt})) FROM ${workforceFigureChanges}
        WHERE ${place.provinceCode ? eq(workforceFigureChanges.provinceCode, place.provinceCode) : sql`true`}), 0)::float8
        AS last`),
  ) as [{ now: number; last: number }];
  const found = days.map((d) => {
    const k = memo.get(keyOf(d));
    return k && k.at > last ? k.counts : null;
  });
  const missing = days.filter((_, i) => !found[i]);
  const counted = await workforceSummaryCounts(db, place, missing);
  missing.forEach((d, i) => {
    memo.delete(keyOf(d));
    memo.set(keyOf(d), { at: now, counts: counted[i]! });
  });
  while (memo.size > KEEP_AT_MOST) memo.delete(memo.keys().next().value!);
  return days.map((d, i) => found[i] ?? counted[missing.indexOf(d)]!);
}

export const workforceFigures: FigureProvider = async (db, scope, window) => {
  const s = await countsOn(db, scope, window.to);
  const link = scope.kind === 'commune' ? `/workforce/units/${scope.unitCode}` : '/workforce';
  // The figures are the summary's: its query names their provenance, its page shows the rows behind them.
  const f = (key: string, value: number | null): ProvidedFigure => ({
    key,
    value,
    format: 'int',
    query: 'workforceSummary',
    link,
  });
  const tables: ProvidedTable[] = [];
  const columns = [
    { key: 'staff', format: 'int' as const },
    { key: 'approvedHeadcount', format: 'int' as const },
  ];
  if (scope.kind === 'country')
    tables.push({
      key: 'byProvince',
      columns: [...columns, { key: 'leadershipVacancies', format: 'int' }],
      rows: s.byProvince.map((p) => ({
        unit: p.provinceCode,
        values: [p.staff, p.approvedHeadcount, p.leadershipVacancies],
      })),
      query: 'workforceSummary',
      link,
    });
  if (scope.kind === 'province')
    tables.push({
      key: 'byUnit',
      columns,
      rows: s.byUnit.map((u) => ({ unit: u.unitCode, values: [u.staff, u.approvedHeadcount] })),
      query: 'workforceSummary',
      link,
    });
  return {
    module: 'workforce',
    figures: [
      f('staff', s.staff),
      f('approvedHeadcount', s.approvedHeadcount),
      f('headcountGap', Math.max(0, s.approvedHeadcount - s.staff)),
      f('leadershipVacancies', s.leadershipVacancies),
      f('notMeetingRequirements', s.notMeetingRequirements),
      f('secondments', s.secondments),
    ],
    tables,
  };
};
