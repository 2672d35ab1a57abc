/** The conference tool's report as rows of cells: CSV text, or the first sheet of an Excel workbook. */
import ExcelJS from 'exceljs';
import { invalid } from '../../core/errors.js';
import { csvCells } from './domain/import.js';

/** An Excel cell as the text the CSV would hold (a date-time as ISO, so its zone is kept). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}

export async function reportCells(input: { csv?: string; xlsxBase64?: string }): Promise<string[][]> {
  if (input.csv) return csvCells(input.csv);
  if (!input.xlsxBase64) throw invalid('csv', 'required', { field: 'csv' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(input.xlsxBase64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw invalid('xlsxBase64', 'import_not_xlsx');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw invalid('xlsxBase64', 'import_not_xlsx');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  });
  return rows;
}
