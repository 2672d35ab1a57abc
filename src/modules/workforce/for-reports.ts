/**
 * The workforce's figures for a periodic report (issue #20): staff against the approved headcount, leadership posts
 * vacant, requirement shortfalls and secondments of the scope, from the summary the workforce page shows
 * (`GET /api/workforce/summary`, `workforceSummary`), counted on the period's last day (today while it runs).
 */
import { readerOf, type FigureProvider, type ProvidedFigure, type ProvidedTable } from '../../core/report-figures.js';
import { workforceSummary } from './service/summary.js';

export const workforceFigures: FigureProvider = async (db, scope, window) => {
  const s = await workforceSummary(db, readerOf(scope), {}, window.to);
  const link = scope.kind === 'commune' ? `/workforce/units/${scope.unitCode}` : '/workforce';
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
  if (scope.kind === 'country' && s.byProvince)
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
      f('leadershipVacancies', s.leadershipVacancies.total),
      f('notMeetingRequirements', s.requirements.notMeeting),
      f('secondments', s.secondments.length),
    ],
    tables,
  };
};
