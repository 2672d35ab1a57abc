/**
 * The Excel sheet of a batch's descriptions (one row a document), as exported and imported: Vietnamese headers, the
 * retention and access written in words, dates as dd/mm/yyyy or Excel dates. Headers are matched without regard to
 * diacritics or case, so a sheet retyped by hand still reads.
 */
import { searchKey } from '../../../core/text.js';
import type { Description } from './digitization.js';

export const SHEET_COLUMNS: { key: keyof Description; header: string }[] = [
  { key: 'fonds', header: 'Phông' },
  { key: 'fileCode', header: 'Mã hồ sơ' },
  { key: 'docNumber', header: 'Số văn bản' },
  { key: 'docSymbol', header: 'Ký hiệu' },
  { key: 'docDate', header: 'Ngày văn bản' },
  { key: 'issuingBody', header: 'Cơ quan ban hành' },
  { key: 'summary', header: 'Trích yếu' },
  { key: 'pageCount', header: 'Số trang' },
  { key: 'retention', header: 'Thời hạn bảo quản' },
  { key: 'access', header: 'Chế độ sử dụng' },
];

const RETENTION_WORDS: Record<string, string> = { 'vinh vien': 'permanent', 'co thoi han': 'fixed_term' };
const ACCESS_WORDS: Record<string, string> = { 'su dung rong rai': 'open', 'han che': 'restricted' };
export const RETENTION_LABEL: Record<string, string> = { permanent: 'Vĩnh viễn', fixed_term: 'Có thời hạn' };
export const ACCESS_LABEL: Record<string, string> = { open: 'Sử dụng rộng rãi', restricted: 'Hạn chế' };

export type CellValue = string | number | Date | null | undefined;

/** The column number (1 = A) of each field, from the header row; the headers missing are listed. */
export function columnsOf(headerRow: CellValue[]): { columns: Map<keyof Description, number>; missing: string[] } {
  const columns = new Map<keyof Description, number>();
  headerRow.forEach((v, i) => {
    const key = searchKey(String(v ?? ''));
    const col = SHEET_COLUMNS.find((c) => searchKey(c.header) === key);
    if (col) columns.set(col.key, i + 1);
  });
  return { columns, missing: SHEET_COLUMNS.filter((c) => !columns.has(c.key)).map((c) => c.header) };
}

const text = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').trim());

/** dd/mm/yyyy, yyyy-mm-dd or an Excel date → yyyy-mm-dd; '' when unreadable. */
export function sheetDate(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = text(v);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : '';
}

/** A row of the sheet as a description (its words turned into the API's values); the checks come after. */
export function rowToDescription(cells: CellValue[], columns: Map<keyof Description, number>): Description {
  const at = (k: keyof Description) => cells[(columns.get(k) ?? 0) - 1];
  const pages = Number(text(at('pageCount')));
  return {
    fonds: text(at('fonds')),
    fileCode: text(at('fileCode')),
    docNumber: text(at('docNumber')),
    docSymbol: text(at('docSymbol')),
    docDate: sheetDate(at('docDate')) || text(at('docDate')),
    issuingBody: text(at('issuingBody')),
    summary: text(at('summary')),
    pageCount: Number.isFinite(pages) ? pages : NaN,
    retention: RETENTION_WORDS[searchKey(text(at('retention')))] ?? text(at('retention')),
    access: ACCESS_WORDS[searchKey(text(at('access')))] ?? text(at('access')),
  };
}
