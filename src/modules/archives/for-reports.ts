/**
 * The archives' figures for a periodic report (issue #20): the hand-overs of the former units' records to the scope and
 * the share received, from the hand-over board (`GET /api/archives/handovers/board`, `handoverBoard`). The board
 * holds the current state: a report counts it when drafted or recomputed.
 */
import { readerOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { handoverBoard } from './service/handovers.js';

const round1 = (share: number) => Math.round(share * 1000) / 10;

export const archiveFigures: FigureProvider = async (db, scope) => {
  const b = await handoverBoard(db, readerOf(scope));
  const t = b.total;
  const f = (key: string, value: number, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'handoverBoard',
    link: '/luu-tru',
  });
  return {
    module: 'archives',
    figures: [
      f('handovers', t.total),
      f('received', t.states.received + t.states.received_with_shortfalls),
      f('receivedShare', round1(t.receivedShare), 'percent'),
      f('notStarted', t.states.not_started),
      f('shortfallFiles', t.shortfallFiles),
    ],
    tables:
      scope.kind === 'country'
        ? [
            {
              key: 'byProvince',
              columns: [
                { key: 'handovers', format: 'int' },
                { key: 'receivedShare', format: 'percent' },
              ],
              rows: b.rows.map((r) => ({ unit: r.provinceCode, values: [r.total, round1(r.receivedShare)] })),
              query: 'handoverBoard',
              link: '/luu-tru',
            },
          ]
        : [],
  };
};
