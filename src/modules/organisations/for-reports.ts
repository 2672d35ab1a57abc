/**
 * The rearrangement's figures for a periodic report (issue #20): the plans to merge, dissolve, transfer, equitize or
 * divest public service units and state enterprises of the scope, by state, the late ones, and the units before and
 * after, from the progress board (`GET /api/organisations/progress`, `progress`). The board holds the current state:
 * a report counts it when drafted or recomputed. A commune holds no plans of its own (they are the province's).
 */
import { readerOf, percentOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { progress } from './service.js';

export const organisationFigures: FigureProvider = async (db, scope, _window, clock) => {
  const p = await progress(db, readerOf(scope), clock);
  const link = '/sap-xep-don-vi';
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'organisationProgress',
    link,
  });
  const sum = (pick: (r: (typeof p.rows)[number]) => number) => p.rows.reduce((n, r) => n + pick(r), 0);
  const plans = sum((r) => r.plans);
  const done = sum((r) => r.byState.done ?? 0);
  const cancelled = sum((r) => r.byState.cancelled ?? 0);
  return {
    module: 'organisations',
    figures: [
      f('plans', plans),
      f('done', done),
      f('underWay', plans - done - cancelled),
      f('doneShare', percentOf(done, plans - cancelled), 'percent'),
      f(
        'overdue',
        sum((r) => r.overdue),
      ),
      f(
        'unitsBefore',
        sum((r) => r.unitsBefore),
      ),
      f(
        'unitsAfter',
        sum((r) => r.unitsAfter),
      ),
      f(
        'currentUnits',
        sum((r) => r.currentUnits),
      ),
    ],
    tables:
      scope.kind === 'country'
        ? [
            {
              key: 'byUnit',
              columns: [
                { key: 'plans', format: 'int' },
                { key: 'done', format: 'int' },
                { key: 'overdue', format: 'int' },
              ],
              rows: p.rows
                .filter((r) => r.owner === 'province')
                .map((r) => ({ unit: r.code, values: [r.plans, r.byState.done ?? 0, r.overdue] })),
              query: 'organisationProgress',
              link,
            },
          ]
        : [],
  };
};
