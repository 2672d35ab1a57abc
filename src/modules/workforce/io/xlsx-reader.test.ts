import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { workforceRows, workforceXlsx } from './synthetic.js';
import type { Cell } from './domain/template.js';
import { excelSheets, readSheet } from './import.js';
import { openXlsx, OversizedXlsx, UnsupportedXlsx, vetXlsxZip } from './xlsx-reader.js';
import { zipBomb } from '../../../../test/zip-bomb.js';

/** Every sheet's name, row count and cells (holes as null), as a reader sees them. */
function dump(sheets: { name: string; rowCount: number; row(n: number): readonly Cell[] | undefined }[]) {
  return sheets.map((ws) => {
    const rows: Cell[][] = [];
    for (let n = 1; n <= ws.rowCount; n++) {
      const r = ws.row(n) ?? [];
      // An empty cell, stored or not, reads as null to the import: compare up to the last value.
      const cells = Array.from({ length: r.length }, (_, i) => r[i] ?? null);
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      rows.push(cells);
    }
    return { name: ws.name, rowCount: ws.rowCount, rows };
  });
}
async function viaExcelJs(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return dump(excelSheets(wb));
}

const TRICKY = [
  'Nguyễn Thị Thuỷ',
  'Đặng Văn Hòa',
  '  khoảng trắng  ',
  'A & B < C > D " E \' F',
  '&amp; &lt;b&gt;',
  'dòng 1\ndòng 2',
  'tab\there',
  '_x000D_ và _x0041_',
  'Ê Đê',
  "H'Mông",
  '',
];

async function kitchenSink(useSharedStrings: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhân sự & <đơn vị>');
  ws.addRow(['DANH SÁCH CÁN BỘ']);
  ws.addRow([]);
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Số định danh cá nhân', 'Ghi chú']);
  TRICKY.forEach((s, i) =>
    ws.addRow([i + 1, s, new Date(Date.UTC(1980 + i, i % 12, 1 + i)), String(1e11 + i), s.toUpperCase()]),
  );
  const r = ws.addRow([
    100,
    { richText: [{ text: 'Trần ', font: { bold: true } }, { text: 'Văn & <An>' }, { text: ' _x0042_' }] },
    3.25,
    -0.5,
    1e21,
  ]);
  r.getCell(3).numFmt = 'dd/mm/yyyy';
  ws.addRow([101, true, false, { error: '#N/A' }, { error: '#DIV/0!' }]);
  ws.addRow([
    102,
    { formula: '1+1', result: 2 },
    { formula: '"a"&"<b>"', result: 'a<b>' },
    { formula: 'TRUE()', result: true },
    { formula: 'DATE(1990,5,19)', result: new Date(Date.UTC(1990, 4, 19)) },
  ]);
  ws.addRow([
    103,
    { formula: 'NA()', result: { error: '#N/A' } },
    { formula: 'B1', result: undefined },
    { formula: 'A1*2', result: 4 },
    0,
  ]);
  const dates = ws.addRow([104, 45000, 45000.75, 45000, 45000, 45000]);
  dates.getCell(2).numFmt = 'd-mmm-yy';
  dates.getCell(3).numFmt = 'h:mm';
  dates.getCell(4).numFmt = '[Red]0.00';
  dates.getCell(5).numFmt = '"day" 0';
  dates.getCell(6).numFmt = 'yyyy"年"m"月"';
  const blank = ws.addRow([105, null, null, 'x']);
  blank.getCell(2).numFmt = '@';
  blank.getCell(3).font = { bold: true };
  ws.getRow(30).getCell(2).value = 'xa';
  ws.getRow(40).height = 20; // an empty row with a style only
  const other = wb.addWorksheet('Sheet 2');
  other.addRow(['only', 1, new Date(Date.UTC(2000, 0, 1))]);
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
}

describe('the lean .xlsx reader', () => {
  it.each([true, false])('reads every kind of cell exactly as ExcelJS does (shared strings: %s)', async (shared) => {
    const file = await kitchenSink(shared);
    const expected = await viaExcelJs(file);
    expect(dump(openXlsx(file))).toEqual(expected);
    expect(expected[0]!.rows.flat().some((c) => c instanceof Date)).toBe(true);
  });

  it('reads the streamed template file (as the bench and exports write it) exactly as ExcelJS does', async () => {
    const units = [
      { code: '00004', provinceCode: '01' },
      { code: '00008', provinceCode: '01' },
    ];
    const file = await workforceXlsx(workforceRows(300, units, '2026-11-20'));
    expect(dump(openXlsx(file))).toEqual(await viaExcelJs(file));
  });

  it('hands what it does not handle back to ExcelJS, with the same result and errors', async () => {
    expect(() => openXlsx(Buffer.from('not a workbook'))).toThrow(UnsupportedXlsx);
    await expect(readSheet(Buffer.from('not a workbook'))).rejects.toMatchObject({ status: 400 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Gộp ô');
    ws.addRow(['Họ và tên', 'Số định danh cá nhân', 'Ghi chú']);
    ws.addRow(['Lê Văn A', '001088000001', 'x']);
    ws.addRow(['Lê Văn B', '001088000002', null]);
    ws.mergeCells('C2:C3');
    ws.getCell('A4').value = { text: 'Lê Văn C', hyperlink: 'https://example.vn' };
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(() => dump(openXlsx(file))).toThrow(UnsupportedXlsx);
    const sheet = await readSheet(file);
    expect(sheet.rows.map((r) => r.cells.fullName)).toEqual(['Lê Văn A', 'Lê Văn B', 'Lê Văn C']);
    // Asked for the cells' own values, it reads them: a merged range's value in its first cell, a link's text.
    const own = dump(openXlsx(file, { ownValues: true }))[0]!.rows;
    expect(own.slice(1)).toEqual([
      [null, 'Lê Văn A', '001088000001', 'x'], // cells are indexed from column 1 (A), as ExcelJS does
      [null, 'Lê Văn B', '001088000002'],
      [null, 'Lê Văn C'],
    ]);
  });

  it('refuses a file whose parts would unpack to more than MAX_UNPACKED_BYTES, without unpacking them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cán bộ').addRow(['Họ và tên', 'Số định danh cá nhân']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    // Declare 200 MB for every entry of the zip directory (a zip bomb declares what it unpacks to).
    for (
      let p = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      p >= 0;
      p = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)
    )
      file.writeUInt32LE(200 * 1024 * 1024, p + 24);
    await expect(readSheet(file)).rejects.toMatchObject({ status: 400, code: 'invalid_file' });
    // Also when its first entry is one the lean reader would hand to ExcelJS (here: marked encrypted), which
    // unpacks everything: refused before that, not passed on.
    file.writeUInt16LE(1, file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(() => openXlsx(file)).toThrow(OversizedXlsx);
  });

  it('vets a zip by inflating it with a counter: an honest small workbook passes, a lying part is refused, finally', async () => {
    // The same hand-made workbook, small and honest: vetted, read (by the lean reader), header found.
    const honest = await zipBomb(1, 'truth');
    await expect(vetXlsxZip(honest)).resolves.toBeUndefined();
    expect((await readSheet(honest, 'ok.xlsx')).rows).toEqual([]);
    // Its worksheet grown to 200 MB while the directory still says 2 KB: refused when the inflate passes 2 KB.
    const lying = await zipBomb(200, 'lie');
    await expect(vetXlsxZip(lying)).rejects.toBeInstanceOf(OversizedXlsx);
    await expect(readSheet(lying, 'bom.xlsx')).rejects.toMatchObject({ status: 400, field: 'file' });
  });
});
