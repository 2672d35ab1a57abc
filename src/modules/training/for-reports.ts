/**
 * The training's figures for a periodic report (issue #20): the conferences held in the period that the scope took
 * part in (the Ministry's national ones and the province's own), their bridge points connected and the officials
 * who attended long enough, from each event's attendance report (`GET /api/trainings/:id/attendance`,
 * `attendanceReport`), summed over the events; by unit for a province and the country.
 */
import { readerOf, percentOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { attendanceReport } from './service/attendance.js';
import { listEvents } from './service/events.js';

export const trainingFigures: FigureProvider = async (db, scope, window, clock) => {
  const reader = readerOf(scope);
  const to = clock.localDate(clock.now()) < window.to ? clock.localDate(clock.now()) : window.to;
  const held = (await listEvents(db, reader)).items.filter((e) => {
    const day = clock.localDate(new Date(e.startsAt));
    return day >= window.from && day <= to;
  });
  const byUnit = new Map<string, { bridges: number; connected: number; expected: number; attended: number }>();
  const totals = { bridges: 0, connected: 0, expected: 0, attended: 0 };
  for (const e of held) {
    const r = await attendanceReport(db, reader, e.id);
    for (const row of r.rows) {
      const u = byUnit.get(row.code) ?? { bridges: 0, connected: 0, expected: 0, attended: 0 };
      for (const k of ['bridges', 'connected', 'expected', 'attended'] as const) {
        u[k] += row[k];
        totals[k] += row[k];
      }
      byUnit.set(row.code, u);
    }
  }
  const link = '/tap-huan';
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'trainingAttendance',
    link,
  });
  return {
    module: 'training',
    figures: [
      f('events', held.length),
      f('bridges', totals.bridges),
      f('connected', totals.connected),
      f('connectedShare', percentOf(totals.connected, totals.bridges), 'percent'),
      f('expected', totals.expected),
      f('attended', totals.attended),
      f('attendedShare', percentOf(totals.attended, totals.expected), 'percent'),
    ],
    tables:
      scope.kind === 'commune'
        ? []
        : [
            {
              key: 'byUnit',
              columns: [
                { key: 'connectedShare', format: 'percent' },
                { key: 'attended', format: 'int' },
                { key: 'attendedShare', format: 'percent' },
              ],
              rows: [...byUnit.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([unit, u]) => ({
                  unit,
                  values: [percentOf(u.connected, u.bridges), u.attended, percentOf(u.attended, u.expected)],
                })),
              query: 'trainingAttendance',
              link,
            },
          ],
  };
};
