import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { pageText } from '../../../../test/pdf-text.js';
import { renderReportDocx } from './docx.js';
import { renderReportPdf } from './pdf.js';
import { renderReportAnnex } from './xlsx.js';
import { pdfFonts } from '../../../core/pdf/index.js';
import { readZip } from './zip.js';
import { sampleReport } from './sample.js';
import { placeDateLine } from '../../../core/calendar/dates.js';
import { formatCell, formatFigure, numberLine, viNumber } from '../domain/format.js';

const DATE = new Date('2026-07-05T02:00:00Z');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const entry = (zip: Uint8Array, name: string) => {
  const e = readZip(zip).find((x) => x.name === name);
  if (!e) throw new Error(`${name} missing`);
  return text(e.data);
};

describe('Vietnamese formats', () => {
  it('prints numbers, percentages, money, dates and the document number as Vietnamese readers expect', () => {
    expect(viNumber(1234567, 0)).toBe('1.234.567');
    expect(viNumber(-1234.5, 2)).toBe('-1.234,5');
    expect(formatFigure(87.5, 'percent')).toBe('87,5%');
    expect(formatFigure(2500000000, 'vnd')).toBe('2.500.000.000 đồng');
    expect(formatCell(3.14159, 'decimal')).toBe('3,14');
    expect(formatCell(null, 'int')).toBe('');
    expect(placeDateLine('Bắc Ninh', '2026-07-05')).toBe('Bắc Ninh, ngày 05 tháng 7 năm 2026');
    expect(placeDateLine('Hà Nội', '2026-02-15')).toBe('Hà Nội, ngày 15 tháng 02 năm 2026');
    expect(numberLine(sampleReport().header)).toBe('Số: 05/BC-UBND');
    expect(numberLine({ ...sampleReport().header, number: null })).toMatch(/^Số: \s+\/BC-UBND$/);
  });
});

describe('Word document', () => {
  it('is a zip holding the Decree 30 page, header, motto, title, figures in Vietnamese format, tables and charts', async () => {
    const bytes = await renderReportDocx(sampleReport(), DATE);
    const names = readZip(bytes).map((e) => e.name);
    expect(names).toContain('[Content_Types].xml');
    expect(names.some((n) => /^word\/media\/.+\.svg$/.test(n))).toBe(true);
    expect(names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    const xml = entry(bytes, 'word/document.xml');
    // A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (twips), page numbers from page 2
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="1134"[^>]*w:right="850"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toContain('Times New Roman');
    for (const s of [
      'UBND TỈNH BẮC NINH',
      'ỦY BAN NHÂN DÂN XÃ ĐẠI ĐỒNG',
      'Số: 05/BC-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bắc Ninh, ngày 05 tháng 7 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện mô hình chính quyền địa phương hai cấp 6 tháng đầu năm 2026',
      'DỰ THẢO',
      'I. TÌNH HÌNH TỔ CHỨC BỘ MÁY VÀ BIÊN CHẾ',
      '1. Biên chế theo phòng chuyên môn',
      '1.234.567',
      'kỳ trước: 1.200.000',
      '87,5%',
      '2.500.000.000 đồng',
      'chưa có số liệu',
      'Bảng 1. Biên chế và số người hiện có theo thôn',
      'Biên chế giao',
      'Thôn số 60',
      '3.183',
      'Biểu đồ 2. Tỷ lệ đúng hạn',
      'Nơi nhận:',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn An',
    ])
      expect(xml, s).toContain(s);
    // the table's header row repeats on every page
    expect(xml).toContain('<w:tblHeader/>');
    const svg = readZip(bytes).find((e) => e.name.endsWith('.svg'))!;
    expect(text(svg.data)).toContain('<svg');
    expect(text(svg.data)).toContain('Tháng 6');
  });

  it("leaves out characters XML forbids (U+FFFE, U+FFFF, C0 controls) that a section's text may hold", async () => {
    // a probe (2026-12-08): U+FFFE typed into a section reached document.xml, which Word may then refuse to open
    const report = sampleReport({ draft: false });
    const section = report.sections[0] as unknown as { blocks: { text?: string }[] };
    const block = section.blocks.find((b) => typeof b.text === 'string')!;
    block.text = `Bộ máy\uFFFE của xã\uFFFF được\u0007 kiện toàn.`;
    const xml = entry(await renderReportDocx(report, DATE), 'word/document.xml');
    expect(xml).toContain('Bộ máy của xã được kiện toàn.');
    // eslint-disable-next-line no-control-regex -- the characters the document must not hold
    expect(xml).not.toMatch(/[\uFFFE\uFFFF\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('has no draft mark once approved', async () => {
    const xml = entry(await renderReportDocx(sampleReport({ draft: false }), DATE), 'word/document.xml');
    expect(xml).not.toContain('DỰ THẢO');
  });
});

describe('PDF', () => {
  it('embeds its fonts, prints the header, the figures and a table that crosses pages with its header row repeated', async () => {
    const bytes = await renderReportPdf(sampleReport({ rows: 90 }), await pdfFonts(), DATE);
    expect(Buffer.from(bytes).includes('/FontFile2')).toBe(true);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    const [w, h] = [pdf.getPage(0).getWidth(), pdf.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    const pages = pdf.getPages().map(pageText);
    const first = pages[0]!;
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/BC-UBND',
      'Bắc Ninh, ngày 05 tháng 7 năm 2026',
      'BÁO CÁO',
      'DỰ THẢO',
      '1.234.567',
      '87,5%',
    ])
      expect(first, s).toContain(s);
    const all = pages.join(' ');
    expect(all).toContain('Thôn số 90');
    expect(all).toContain('Nơi nhận:');
    expect(all).toContain('Biểu đồ 1. Hồ sơ tiếp nhận theo tháng');
    // the table runs over at least two pages and each of them starts it with the header row
    const withRows = pages.filter((p) => /Thôn số \d+/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(p).toContain('Biên chế giao Hiện có Tỷ lệ');
    // page numbers from page 2
    expect(pages[1]!.split(' ')).toContain('2');
  });
});

describe('Excel annex', () => {
  it('holds one sheet per table and per chart, with the title, the period and numbers Excel formats', async () => {
    const bytes = await renderReportAnnex(sampleReport(), DATE, { periodLabel: '6 tháng đầu năm 2026' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Bảng 1', 'Biểu đồ 1', 'Biểu đồ 2']);
    const ws = wb.getWorksheet('Bảng 1')!;
    const cells = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(String(ws.getCell('A1').value)).toContain('Kết quả thực hiện mô hình chính quyền');
    expect(ws.getCell('A2').value).toBe('Kỳ báo cáo: 6 tháng đầu năm 2026');
    expect(String(ws.getCell('A3').value)).toBe(
      '(Kèm theo Báo cáo số 05/BC-UBND ngày 05/07/2026 của Ủy ban nhân dân xã Đại Đồng)',
    );
    expect(cells(6)).toEqual(['Đơn vị', 'Biên chế giao', 'Hiện có', 'Tỷ lệ']);
    expect(cells(7)).toEqual(['Thôn số 1', 1000, 900, 0.9]);
    expect(ws.getCell('B7').numFmt).toBe('#,##0');
    expect(ws.getCell('D7').numFmt).toBe('0.0%');
    expect(cells(66)[0]).toBe('Thôn số 60');
    const chart = wb.getWorksheet('Biểu đồ 1')!;
    expect((chart.getRow(6).values as unknown[]).slice(1)).toEqual(['Nhóm', 'Tiếp nhận', 'Đúng hạn']);
    expect((chart.getRow(12).values as unknown[]).slice(1)).toEqual(['Tháng 6', 1705]);
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same model and date, and other bytes for another date', async () => {
    const fonts = await pdfFonts();
    const model = sampleReport();
    const other = new Date('2026-07-06T02:00:00Z');
    const [d1, d2, d3] = [
      await renderReportDocx(model, DATE),
      await renderReportDocx(model, DATE),
      await renderReportDocx(model, other),
    ];
    expect(Buffer.from(d1).equals(Buffer.from(d2))).toBe(true);
    expect(Buffer.from(d1).equals(Buffer.from(d3))).toBe(false);
    const [p1, p2] = [await renderReportPdf(model, fonts, DATE), await renderReportPdf(model, fonts, DATE)];
    expect(Buffer.from(p1).equals(Buffer.from(p2))).toBe(true);
    const [x1, x2] = [await renderReportAnnex(model, DATE), await renderReportAnnex(model, DATE)];
    expect(Buffer.from(x1).equals(Buffer.from(x2))).toBe(true);
  });
});
