/**
 * The units' figures for a periodic report (issue #20): how many provinces and communes (xã, phường, đặc khu) the
 * scope holds on the period's last day, counted by the registry's own list (`GET /api/units`, `listUnits`).
 */
import { readerOf, type FigureProvider, type ProvidedFigure } from '../../core/report-figures.js';
import { listUnits } from './service.js';

const REGISTRY_FIRST_DAY = '2025-07-01';

export const unitFigures: FigureProvider = async (db, scope, window) => {
  const reader = readerOf(scope);
  const at = window.to < REGISTRY_FIRST_DAY ? REGISTRY_FIRST_DAY : window.to;
  const count = async (q: { level: 'province' | 'commune'; type?: string }) =>
    (await listUnits(db, reader, { ...q, at, page: 1, pageSize: 1 })).total;
  const [provinces, communes, xa, phuong, dacKhu] = await Promise.all([
    scope.kind === 'country' ? count({ level: 'province' }) : Promise.resolve(null),
    count({ level: 'commune' }),
    count({ level: 'commune', type: 'xa' }),
    count({ level: 'commune', type: 'phuong' }),
    count({ level: 'commune', type: 'dac_khu' }),
  ]);
  const link = scope.kind === 'commune' ? `/units/${scope.unitCode}` : '/units';
  const f = (key: string, value: number | null): ProvidedFigure => ({
    key,
    value,
    format: 'int',
    query: 'listUnits',
    link,
  });
  const figures = [f('communes', communes), f('xa', xa), f('phuong', phuong), f('dac_khu', dacKhu)];
  if (provinces !== null) figures.unshift(f('provinces', provinces));
  return { module: 'units', figures, tables: [] };
};
