/**
 * The periodic reports in the web app: the API's types (from the reports contract), the period in words, the figures'
 * labels and formats (the same pure files the server prints the documents with).
 */
import type { Static } from 'typebox';
import type { Children, Recomputed, Report, ReportPage, ReportSummary } from '../../src/modules/reports/contract';
import { COLUMN_LABELS, FIGURE_LABELS, TABLE_LABELS, labelOf } from '../../src/modules/reports/domain/labels';
import { formatValue } from '../../src/modules/reports/domain/format';
import type { Lang } from './i18n';

export type ReportT = Report;
export type ReportSummaryT = Static<typeof ReportSummary>;
export type ReportPageT = Static<typeof ReportPage>;
export type ChildrenT = Static<typeof Children>;
export type RecomputedT = Static<typeof Recomputed>;
export type SectionT = ReportT['sections'][number];
export type FiguresT = NonNullable<SectionT['figures']>;
export type FigureT = FiguresT['figures'][number];
export type ReportStatus = ReportSummaryT['status'];
export type ReportKind = ReportSummaryT['kind'];
export type FlowStep = 'submit' | 'return' | 'approve' | 'publish';

export const KINDS: ReportKind[] = ['semiannual', 'annual', 'monthly'];
export const STATUSES: ReportStatus[] = ['draft', 'submitted', 'returned', 'approved', 'published'];
export const STEPS: FlowStep[] = ['submit', 'return', 'approve', 'publish'];

export const STATUS_CLASS: Record<ReportStatus, string> = {
  draft: 'chip',
  submitted: 'chip chip-ok',
  returned: 'chip chip-off',
  approved: 'chip chip-ok',
  published: 'chip chip-ok',
};

/** "2026-H1" → "6 tháng đầu năm 2026"; "2026" → "Năm 2026"; "2026-05" → "Tháng 5/2026" (and in English). */
export function periodLabel(period: string, lang: Lang): string {
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half)
    return lang === 'vi'
      ? `6 tháng ${half[2] === '1' ? 'đầu' : 'cuối'} năm ${half[1]}`
      : `${half[2] === '1' ? 'First' : 'Second'} half of ${half[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return lang === 'vi' ? `Tháng ${Number(month[2])}/${month[1]}` : `${month[2]}/${month[1]}`;
  if (/^\d{4}$/.test(period)) return lang === 'vi' ? `Năm ${period}` : `Year ${period}`;
  return period;
}

/** A figure's name: keys may come bare ("staff") or with their module ("workforce.staff"). */
export const figureLabel = (module: string, key: string, lang: Lang) =>
  labelOf(FIGURE_LABELS, key.includes('.') ? key : `${module}.${key}`, lang);
export const tableLabel = (module: string, key: string, lang: Lang) =>
  labelOf(TABLE_LABELS, key.includes('.') ? key : `${module}.${key}`, lang);
export const columnLabel = (module: string, key: string, lang: Lang) =>
  labelOf(COLUMN_LABELS, key.includes('.') ? key : `${module}.${key}`, lang);

/** A value in its format, Vietnamese style (1.234.567; 87,5%); "—" when there is none. */
export const showValue = (v: number | null | undefined, format: FigureT['format']) =>
  v == null ? '—' : formatValue(v, format);

/** A difference with its sign: "+1.234", "-5", "0". */
export const showDifference = (v: number | null | undefined, format: FigureT['format']) =>
  v == null ? '—' : (v > 0 ? '+' : '') + formatValue(v, format);

/** A figure's name when only its key is known (the consistency check): the first module that names it. */
export function anyFigureLabel(key: string, lang: Lang): string {
  const full = key.includes('.') ? key : Object.keys(FIGURE_LABELS).find((k) => k.endsWith(`.${key}`));
  return full ? labelOf(FIGURE_LABELS, full, lang) : key;
}
