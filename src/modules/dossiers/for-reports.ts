/**
 * The one-stop shop's figures for a periodic report (issue #20): the period's dossiers and the 766 rates of the
 * scope, from the operations board (`GET /api/dashboards/dossiers?from&to`, `dossierBoard`; definitions in
 * docs/dossier-figures.md), with the breakdown by commune (by province for the country).
 */
import { readerOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { dossierBoard } from './board.js';

export const dossierFigures: FigureProvider = async (db, scope, window, clock) => {
  const b = await dossierBoard(db, readerOf(scope), { from: window.from, to: window.to }, clock);
  const link = `/board?from=${window.from}&to=${window.to}${scope.unitCode ? `&unit=${scope.unitCode}` : ''}`;
  const t = b.totals;
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'dossierBoard',
    link,
  });
  return {
    module: 'dossiers',
    figures: [
      f('received', t.received),
      f('receivedOnline', t.receivedOnline),
      f('finished', t.finished),
      f('finishedOnTime', t.finishedOnTime),
      f('onTimeRate', t.onTimeRate, 'percent'),
      f('onlineRate', t.onlineRate, 'percent'),
      f('digitizationRate', t.digitizationRate, 'percent'),
      f('satisfactionRate', t.satisfactionRate, 'percent'),
      f('index766', t.index766.percent, 'percent'),
      f('inProgress', t.inProgress),
      f('overdue', t.overdue),
    ],
    tables:
      scope.kind === 'commune'
        ? []
        : [
            {
              key: 'byUnit',
              columns: [
                { key: 'received', format: 'int' },
                { key: 'finished', format: 'int' },
                { key: 'onTimeRate', format: 'percent' },
                { key: 'index766', format: 'percent' },
              ],
              rows: b.byUnit.map((u) => ({
                unit: u.unitCode,
                values: [u.received, u.finished, u.onTimeRate, u.index766.percent],
              })),
              query: 'dossierBoard',
              link,
            },
          ],
  };
};
