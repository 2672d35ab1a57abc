/**
 * Vietnamese number and date formats for the printed report and the web page (thousands with ".", decimals with ","; "87,5%"),
 * written out by hand so that the server's ICU data and the browser agree and the output never depends on a locale.
 */
import type { CellValue, NumberFormat, ReportDocument } from './document-model.js';

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234567 → "1.234.567"; 1234.5 with 1 decimal → "1.234,5" (trailing zeros dropped). */
export function viNumber(value: number, maxDecimals: number): string {
  const sign = value < 0 ? '-' : '';
  const fixed = Math.abs(value).toFixed(maxDecimals);
  const [int, frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return sign + groupThousands(int!) + (trimmed ? ',' + trimmed : '');
}

/** A value in its format: int "1.234", percent "87,5%", decimal "3,14", vnd "1.234.567" (the unit is in the label). */
export function formatValue(value: number, format: NumberFormat): string {
  switch (format) {
    case 'int':
      return viNumber(Math.round(value), 0);
    case 'percent':
      return viNumber(value, 1) + '%';
    case 'decimal':
      return viNumber(value, 2);
    case 'vnd':
      return viNumber(Math.round(value), 0);
  }
}

/** A figure's value as printed in the text: money gets its unit ("1.234.567 đồng"). */
export function formatFigure(value: number, format: NumberFormat): string {
  return formatValue(value, format) + (format === 'vnd' ? ' đồng' : '');
}

/** A table cell: numbers in their column's format, text as is, empty for null. */
export function formatCell(value: CellValue, format: NumberFormat | 'text'): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return format === 'text' ? viNumber(value, 2) : formatValue(value, format);
}

/** "Số: 05/BC-UBND" (zero-padded below 10), or "Số:      /BC-UBND" while the number is not given. */
export function numberLine(header: ReportDocument['header']): string {
  const n = header.number == null ? '\u00a0'.repeat(6) : String(header.number).padStart(2, '0');
  return `Số: ${n}/${header.symbol}`;
}

/** dd/mm/yyyy of an ISO date. */
export const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** "Bảng 1. Title" unless the title is numbered already. */
export function numberedTitle(prefix: 'Bảng' | 'Biểu đồ', n: number, title: string): string {
  return new RegExp(`^${prefix}\\s+\\d`).test(title) ? title : `${prefix} ${n}. ${title}`;
}

/** The figure line: "label: value (kỳ trước: previous)". */
export function figureLine(f: {
  label: string;
  value: number | null;
  format: NumberFormat;
  previous?: number | null;
  missingText?: string;
}): { label: string; value: string; previous: string | null } {
  const value = f.value == null ? (f.missingText ?? 'chưa có số liệu') : formatFigure(f.value, f.format);
  const previous = f.previous == null ? null : `kỳ trước: ${formatFigure(f.previous, f.format)}`;
  return { label: f.label, value, previous };
}

/** The table and chart numbers of a document, in reading order, so every renderer numbers them alike. */
export function numberBlocks(doc: ReportDocument) {
  const tables = new Map<object, number>();
  const charts = new Map<object, number>();
  const walk = (sections: ReportDocument['sections']) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'table') tables.set(b, tables.size + 1);
        if (b.kind === 'chart') charts.set(b, charts.size + 1);
      }
      if (s.subsections) walk(s.subsections);
    }
  };
  walk(doc.sections);
  return { tables, charts };
}
