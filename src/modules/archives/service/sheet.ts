import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { invalid, notFound } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { digitizationBatches, digitizationDescriptions } from '../schema.js';
import {
  ACCESS_LABEL,
  columnsOf,
  RETENTION_LABEL,
  rowToDescription,
  SHEET_COLUMNS,
  type CellValue,
} from '../domain/sheet.js';
import { mustArchive } from '../policy.js';
import { addDescriptions, descriptionErrors } from './digitization.js';
import type { DescriptionItem } from '../contract.js';

export const MAX_SHEET_ROWS = 5000;

export interface SheetError {
  row: number;
  column: string;
  detail: string;
}

const cellValue = (v: ExcelJS.CellValue): CellValue => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
};

/**
 * Imports a batch's descriptions from the sheet (first worksheet, headers in row 1): every error is reported by row
 * (the sheet's row number) and column (its header), and nothing is written unless there is none.
 */
export async function importDescriptions(
  db: Db,
  actor: Actor,
  batchId: string,
  bytes: Buffer,
  clock: DeadlineClock,
): Promise<{ added: number; errors: SheetError[] }> {
  const [b] = await db.select().from(digitizationBatches).where(eq(digitizationBatches.id, batchId));
  if (!b) throw notFound('digitization_batch', { code: batchId });
  mustArchive('read', actor, { provinceCode: b.provinceCode, unitCode: b.unitCode });
  mustArchive('digitize', actor, { provinceCode: b.provinceCode, unitCode: b.unitCode });
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', 'import_not_xlsx');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw invalid('file', 'import_not_xlsx');
  const rowCells = (n: number) => {
    const row = sheet.getRow(n);
    const out: CellValue[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, SHEET_COLUMNS.length); c++) out.push(cellValue(row.getCell(c).value));
    return out;
  };
  const { columns, missing } = columnsOf(rowCells(1));
  if (missing.length) throw invalid('file', 'import_missing_column', { column: missing.join(', ') });
  if (sheet.rowCount - 1 > MAX_SHEET_ROWS) throw invalid('file', 'import_too_many_rows', { max: MAX_SHEET_ROWS });
  const items: DescriptionItem[] = [];
  const sheetRows: number[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = rowCells(n);
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    items.push(rowToDescription(cells, columns) as DescriptionItem);
    sheetRows.push(n);
  }
  if (items.length === 0) throw invalid('file', 'import_required');
  const header = new Map(SHEET_COLUMNS.map((c) => [c.key as string, c.header]));
  const errors = descriptionErrors(items, new Set(), clock.localDate(clock.now())).map((e) => ({
    row: sheetRows[e.row - 1]!,
    column: header.get(e.field) ?? e.field,
    detail: e.detail,
  }));
  if (errors.length) return { added: 0, errors };
  return { ...(await addDescriptions(db, actor, batchId, items, clock)), errors: [] };
}

/** The batch's descriptions as the same sheet (so that an export, corrected, imports again). */
export async function exportDescriptions(db: Db, actor: Actor, batchId: string) {
  const [b] = await db.select().from(digitizationBatches).where(eq(digitizationBatches.id, batchId));
  if (!b) throw notFound('digitization_batch', { code: batchId });
  mustArchive('read', actor, { provinceCode: b.provinceCode, unitCode: b.unitCode });
  const rows = await db
    .select()
    .from(digitizationDescriptions)
    .where(eq(digitizationDescriptions.batchId, batchId))
    .orderBy(asc(digitizationDescriptions.fileCode), asc(digitizationDescriptions.docDate));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Mô tả tài liệu');
  sheet.addRow(SHEET_COLUMNS.map((c) => c.header)).font = { bold: true };
  for (const d of rows)
    sheet.addRow(
      SHEET_COLUMNS.map(({ key }) => {
        if (key === 'docDate') {
          const [y, m, day] = d.docDate.split('-');
          return `${day}/${m}/${y}`;
        }
        if (key === 'retention') return RETENTION_LABEL[d.retention] ?? d.retention;
        if (key === 'access') return ACCESS_LABEL[d.access] ?? d.access;
        return d[key];
      }),
    );
  sheet.columns.forEach((c) => (c.width = 20));
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return {
    name: `mo-ta-${b.name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    sha256: '',
    bytes,
  };
}
