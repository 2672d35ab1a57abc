/**
 * A section's figures as a report keeps them (issue #20): each figure with where it came from (module, query, period,
 * scope, computed at) and the page behind it, the same figure for the previous period, and the tables. Pure: the
 * service asks the providers and stores this; `figureChanges` answers what a recomputation would change.
 */
export type FigureFormat = 'int' | 'percent' | 'decimal' | 'vnd';

export interface Provenance {
  module: string;
  query: string;
  period: string;
  scope: { kind: 'country' | 'province' | 'commune'; provinceCode: string | null; unitCode: string | null };
  computedAt: string;
  /** web path of the page with the rows behind the figure */
  link: string;
}

export interface StoredFigure {
  key: string;
  value: number | null;
  format: FigureFormat;
  previous: number | null;
  source: Provenance;
}

export interface StoredTable {
  key: string;
  columns: { key: string; format: FigureFormat }[];
  rows: { unit: string; values: (number | null)[] }[];
  source: Provenance;
}

export interface StoredFigures {
  /** false when the module gives no figures yet: the section says so instead of inventing any */
  available: boolean;
  module: string;
  figures: StoredFigure[];
  tables: StoredTable[];
}

export interface FigureChange {
  key: string;
  before: number | null;
  after: number | null;
  /** after − before when both are numbers */
  difference: number | null;
}

/** The figures whose value differs between two computations (added and removed figures included). */
export function figureChanges(before: StoredFigures | null, after: StoredFigures | null): FigureChange[] {
  const was = new Map((before?.figures ?? []).map((f) => [f.key, f.value]));
  const now = new Map((after?.figures ?? []).map((f) => [f.key, f.value]));
  const out: FigureChange[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const b = was.has(key) ? was.get(key)! : null;
    const a = now.has(key) ? now.get(key)! : null;
    if (b === a) continue;
    out.push({ key, before: b, after: a, difference: a !== null && b !== null ? round(a - b) : null });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Sums a figure over several reports' figures (a province's communes): null when no report has it. */
export function sumOf(sets: (StoredFigures | null)[], key: string): number | null {
  let total: number | null = null;
  for (const s of sets) {
    const v = s?.figures.find((f) => f.key === key)?.value;
    if (typeof v === 'number') total = (total ?? 0) + v;
  }
  return total;
}
