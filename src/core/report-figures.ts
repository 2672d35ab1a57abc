/**
 * The seam between the reports module and the modules whose figures it prints (issue #20). Each module exposes, through
 * its own door, a provider: a function that answers its figures for a scope (a commune, a province, the country) and a
 * period, computed by the same service code its own API uses, so the report and the module's page never disagree.
 * Figures carry their query's name and the web path of the page that shows the rows behind them; the reports module
 * adds the period, the scope and the time of computation (its provenance) and the labels.
 */
import type { Db } from '../db/client.js';
import type { DeadlineClock } from './clock.js';
import type { Actor } from './scope.js';

/** How a value is printed: a count, a percentage already ×100, a decimal, money in đồng. */
export type FigureFormat = 'int' | 'percent' | 'decimal' | 'vnd';

export interface FigureScope {
  kind: 'country' | 'province' | 'commune';
  /** null for the country */
  provinceCode: string | null;
  /** the commune, or the province for a province; null for the country */
  unitCode: string | null;
}

/** The period a provider counts: its key ("2026-H1") and the days, both included (`to` is today while it runs). */
export interface FigureWindow {
  period: string;
  from: string;
  to: string;
}

export interface ProvidedFigure {
  /** stable within the module (the reports module names it: `<module>.<key>` in its catalogue) */
  key: string;
  value: number | null;
  format: FigureFormat;
  /** the named query (service function) that computed it */
  query: string;
  /** the web path of the page that shows the rows behind the figure */
  link: string;
}

export interface ProvidedTable {
  key: string;
  /** the first column is the unit (its code in `unit`); these are the columns after it */
  columns: { key: string; format: FigureFormat }[];
  rows: { unit: string; values: (number | null)[] }[];
  query: string;
  link: string;
}

export interface ProvidedFigures {
  module: string;
  figures: ProvidedFigure[];
  tables: ProvidedTable[];
}

export type FigureProvider = (
  db: Db,
  scope: FigureScope,
  window: FigureWindow,
  clock: DeadlineClock,
) => Promise<ProvidedFigures>;

/**
 * The read-only caller a provider runs its module's service as: a viewer of exactly the report's scope, so the
 * module's own scoping (the same as its API's for an account of that place) decides what is counted.
 */
export function readerOf(scope: FigureScope): Actor {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    username: 'reports',
    displayName: 'reports',
    role: 'viewer',
    provinceCode: scope.provinceCode,
    communeCode: scope.kind === 'commune' ? scope.unitCode : null,
    ip: null,
  };
}

/** Percent with one decimal, null when there is nothing to divide by. */
export const percentOf = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
