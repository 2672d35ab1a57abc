import { api, withQuery } from './api';
import { useLoad } from './components/common';
import { formatNumber } from './format';
import { maybe, type Translate } from './i18n';

import { DEFAULT_SETTINGS as DOMAIN_DEFAULTS } from '../../src/modules/assessments/domain/settings';
import type { Period, Settings } from '../../src/modules/assessments/contract';
import type { Band } from '../../src/modules/assessments/domain/settings';

/** The work-efficiency toolkit and the annual assessment: the shapes are the API's contract (src/modules/assessments/). */
export type {
  AnnualComputed,
  AnnualListItem,
  AnnualRating,
  CompareRow,
  Comparison,
  Correction,
  Exemption,
  General,
  Overdue,
  Period,
  PeriodClosed,
  PeriodPerson,
  PeriodView,
  PersonRecord,
  PersonReview,
  ReviewRow,
  Score,
  Settings,
  Task,
  TaskListItem,
  TaskStatus,
  UnitAnnual,
} from '../../src/modules/assessments/contract';
export { BANDS, CRITERIA, type Band, type Criterion } from '../../src/modules/assessments/domain/settings';

/**
 * The documented defaults (domain/settings.ts), used only when the settings cannot be read
 * (a commune-wide account is refused GET /api/assessments/settings for its province).
 */
export const DEFAULT_SETTINGS: Settings = DOMAIN_DEFAULTS;

export const bandLabel = (t: Translate, b: string | null | undefined) =>
  b ? maybe(t, `as.band.${b}`, b) : t('as.band.none');
export const kindLabel = (t: Translate, k: string) => maybe(t, `as.kind.${k}`, k);
export const taskStatusLabel = (t: Translate, s: string) => maybe(t, `as.taskStatus.${s}`, s);
export const criterionLabel = (t: Translate, c: string) => maybe(t, `as.criterion.${c}`, c);
export const notRatedLabel = (t: Translate, r: string | null) => (r ? maybe(t, `as.notRated.${r}`, r) : '');
export const capLabel = (t: Translate, c: string) => maybe(t, `as.cap.${c}`, c);
export const periodLabel = (t: Translate, p: Pick<Period, 'kind' | 'seq' | 'year'>) =>
  t(p.kind === 'quarter' ? 'as.period.quarter' : 'as.period.month', { n: p.seq, year: p.year });

/** Band colours: the same in tables, bars and the line chart. */
export const BAND_COLOR: Record<Band, string> = {
  excellent: '#1b7f3b',
  good: '#2f6fb3',
  completed: '#b07800',
  not_completed: '#b3261e',
};

export const points = (n: number | null | undefined) => formatNumber(n == null ? null : Math.round(n * 10) / 10);

/** The scoring settings that apply to a province (the defaults when they cannot be read). */
export function useSettings(province: string | null | undefined) {
  const res = useLoad(
    (signal) =>
      api
        .get<{ settings: Settings }>('/api/assessments/settings', { province: province || undefined }, signal)
        .then((r) => r.settings),
    [province],
  );
  return res.data ?? (res.error ? DEFAULT_SETTINGS : null);
}

export const annualXlsxHref = (code: string, year: number) =>
  withQuery(`/api/assessments/units/${code}/annual/${year}/list.xlsx`);
export const annualDocxHref = (code: string, year: number) =>
  withQuery(`/api/assessments/units/${code}/annual/${year}/report.docx`);

/** Reads a whole number typed in a form, or null when it is not one in [min, max]. */
export function readInt(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Reads a decimal typed with a comma or a point, or null when it is not one in [min, max]. */
export function readNumber(text: string, min: number, max: number): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}
