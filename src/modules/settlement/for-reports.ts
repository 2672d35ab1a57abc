/**
 * The settlement's figures for a periodic report (issue #20): leaving cases of the scope by state, the share settled
 * and the amounts, from the progress board (`GET /api/settlement/progress?today`, `progress`), on the period's last day.
 */
import { readerOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { progress } from './service.js';

const round1 = (share: number) => Math.round(share * 1000) / 10;

export const settlementFigures: FigureProvider = async (db, scope, window, clock) => {
  const p = await progress(db, readerOf(scope), clock, 'vi', window.to);
  const link = '/nghi-viec';
  const t = p.totals;
  const f = (key: string, value: number, format: 'int' | 'percent' | 'vnd' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'settlementProgress',
    link,
  });
  const rows = p.rows.filter((r) => r.cases > 0 && (scope.kind !== 'commune' || r.code === scope.unitCode));
  return {
    module: 'settlement',
    figures: [
      f('cases', t.cases),
      f('approved', t.approved),
      f('decided', t.decided),
      f('paid', t.paid),
      f('refused', t.refused),
      f('settledShare', round1(t.settledShare), 'percent'),
      f('totalAmount', t.totalAmount, 'vnd'),
      f('paidAmount', t.paidAmount, 'vnd'),
      f('late', t.late),
    ],
    tables:
      scope.kind === 'commune'
        ? []
        : [
            {
              key: 'byUnit',
              columns: [
                { key: 'cases', format: 'int' },
                { key: 'paid', format: 'int' },
                { key: 'settledShare', format: 'percent' },
              ],
              rows: rows.map((r) => ({ unit: r.code, values: [r.cases, r.paid, round1(r.settledShare)] })),
              query: 'settlementProgress',
              link,
            },
          ],
  };
};
