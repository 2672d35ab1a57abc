/**
 * The reinforcement's figures for a periodic report (issue #20): the officers sent to the scope's communes in the
 * phases that ran during the period, and the communes they visited, from the coverage board
 * (`GET /api/reinforcement/phases/:id/coverage`, `coverage`), summed over those phases (a commune visited in two
 * phases counts once per phase). A commune's report counts the visits to it; the board is read as its province's
 * reader and only the commune's own row is kept.
 */
import { readerOf, percentOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { listPhases } from './service/phases.js';
import { coverage } from './service/views.js';

export const reinforcementFigures: FigureProvider = async (db, scope, window) => {
  const phases = (await listPhases(db)).items.filter((p) => p.startsOn <= window.to && p.endsOn >= window.from);
  const reader =
    scope.kind === 'commune'
      ? readerOf({ kind: 'province', provinceCode: scope.provinceCode, unitCode: scope.provinceCode })
      : readerOf(scope);
  const totals = { officers: 0, communes: 0, visited: 0, visits: 0 };
  const byProvince = new Map<string, { officers: number; communes: number; visited: number }>();
  for (const phase of phases) {
    const c = await coverage(db, reader, phase.id, {});
    if (scope.kind === 'commune') {
      const mine = c.visitedCommunes.find((v) => v.communeCode === scope.unitCode);
      totals.communes += 1;
      totals.visited += mine ? 1 : 0;
      totals.visits += mine?.visits ?? 0;
      continue;
    }
    totals.visits += c.visitedCommunes.reduce((n, v) => n + v.visits, 0);
    for (const p of c.provinces) {
      totals.officers += p.officers.length;
      totals.communes += p.communes;
      totals.visited += p.visited;
      const row = byProvince.get(p.provinceCode) ?? { officers: 0, communes: 0, visited: 0 };
      row.officers += p.officers.length;
      row.communes += p.communes;
      row.visited += p.visited;
      byProvince.set(p.provinceCode, row);
    }
  }
  const link = '/tang-cuong';
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'reinforcementCoverage',
    link,
  });
  return {
    module: 'reinforcement',
    figures: [
      f('phases', phases.length),
      f('visits', totals.visits),
      ...(scope.kind === 'commune'
        ? []
        : [
            f('officers', totals.officers),
            f('communes', totals.communes),
            f('visited', totals.visited),
            f('visitedShare', percentOf(totals.visited, totals.communes), 'percent'),
          ]),
    ],
    tables:
      scope.kind === 'country'
        ? [
            {
              key: 'byProvince',
              columns: [
                { key: 'officers', format: 'int' },
                { key: 'visited', format: 'int' },
                { key: 'visitedShare', format: 'percent' },
              ],
              rows: [...byProvince.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([unit, r]) => ({ unit, values: [r.officers, r.visited, percentOf(r.visited, r.communes)] })),
              query: 'reinforcementCoverage',
              link,
            },
          ]
        : [],
  };
};
