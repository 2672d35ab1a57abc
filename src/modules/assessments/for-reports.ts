/**
 * The assessments' figures for a periodic report (issue #20): the annual ratings of the scope's staff, by band, with
 * the units over the "excellent" quota, from the comparison of units (`GET /api/assessments/compare`,
 * `compareUnits`) or, for a commune, from its own annual list (`GET /api/assessments/annual/:code/:year`,
 * `unitAnnual`). Ratings are annual and due on 15 December: a report counts the last year whose ratings were due by
 * the period's last day (a report of the first half of 2026 shows the ratings of 2025), and says which year.
 */
import { readerOf, percentOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { compareUnits } from './service/compare.js';
import { unitAnnual } from './service/annual.js';

/** The year of the ratings a report ending on `to` (YYYY-MM-DD) can count. */
export const ratedYearOf = (to: string): number => {
  const year = Number(to.slice(0, 4));
  return to.slice(5) >= '12-15' ? year : year - 1;
};

export const assessmentFigures: FigureProvider = async (db, scope, window) => {
  const year = ratedYearOf(window.to);
  const link = scope.kind === 'commune' ? `/danh-gia/nam/${scope.unitCode}/${year}` : '/danh-gia/tong-hop';
  const query = scope.kind === 'commune' ? 'unitAnnual' : 'compareUnits';
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query,
    link,
  });
  if (scope.kind === 'commune') {
    const a = await unitAnnual(db, readerOf(scope), scope.unitCode!, year);
    const count = (band: string) => a.items.filter((i) => i.band === band).length;
    const rated = a.items.filter((i) => i.band).length;
    return {
      module: 'assessments',
      figures: [
        f('year', year),
        f('staff', a.staff),
        f('rated', rated),
        f('excellent', count('excellent')),
        f('good', count('good')),
        f('completed', count('completed')),
        f('notCompleted', count('not_completed')),
        f('excellentShare', percentOf(count('excellent'), rated), 'percent'),
        f('unitsOverQuota', a.quota.exceeded ? 1 : 0),
      ],
      tables: [],
    };
  }
  const c = await compareUnits(db, readerOf(scope), year, scope.provinceCode ?? undefined);
  const sum = (pick: (i: (typeof c.items)[number]) => number) => c.items.reduce((n, i) => n + pick(i), 0);
  const rated = sum((i) => i.rated);
  const excellent = sum((i) => i.bands.excellent);
  return {
    module: 'assessments',
    figures: [
      f('year', year),
      f(
        'staff',
        sum((i) => i.staff),
      ),
      f('rated', rated),
      f('excellent', excellent),
      f(
        'good',
        sum((i) => i.bands.good),
      ),
      f(
        'completed',
        sum((i) => i.bands.completed),
      ),
      f(
        'notCompleted',
        sum((i) => i.bands.not_completed),
      ),
      f('excellentShare', percentOf(excellent, rated), 'percent'),
      f(
        'unitsOverQuota',
        sum((i) => i.unitsOverQuota),
      ),
    ],
    tables: [
      {
        key: 'byUnit',
        columns: [
          { key: 'staff', format: 'int' },
          { key: 'rated', format: 'int' },
          { key: 'excellentShare', format: 'percent' },
        ],
        rows: c.items.map((i) => ({ unit: i.code, values: [i.staff, i.rated, i.excellentShare] })),
        query,
        link,
      },
    ],
  };
};
