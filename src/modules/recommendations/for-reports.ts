/**
 * The two-way channel's figures for a periodic report (issue #20): recommendations raised in the period, answered in
 * it and answered late, summed over the period's months from the channel's statistics (`GET /api/recommendations/stats
 * ?month`, `recommendationStats`), and those still open now.
 */
import { readerOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { recommendationStats } from './service.js';

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) return out;
    out.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

export const recommendationFigures: FigureProvider = async (db, scope, window, clock) => {
  const reader = readerOf(scope);
  const months = await Promise.all(
    monthsOf(window.from, window.to).map((month) => recommendationStats(db, reader, clock, { month })),
  );
  let raised = 0;
  let answered = 0;
  let late = 0;
  for (const s of months) {
    for (const p of s.byProvince) raised += p.total;
    for (const a of s.timeToAnswer) [answered, late] = [answered + a.answered, late + a.late];
  }
  const now = months.at(-1);
  const open = now ? now.open.reduce((a, o) => a + o.count, 0) : 0;
  const overdue = now ? now.overdue.reduce((a, o) => a + o.count, 0) : 0;
  const f = (key: string, value: number | null, format: 'int' | 'percent' = 'int'): ProvidedFigure => ({
    key,
    value,
    format,
    query: 'recommendationStats',
    link: '/kien-nghi',
  });
  return {
    module: 'recommendations',
    figures: [
      f('raised', raised),
      f('answered', answered),
      f('answeredLate', late),
      f('onTimeRate', answered ? Math.round(((answered - late) / answered) * 1000) / 10 : null, 'percent'),
      f('openNow', open),
      f('overdueNow', overdue),
    ],
    tables: [],
  };
};
