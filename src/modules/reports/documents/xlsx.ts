/**
 * The report's Excel annex: one sheet per table and one per chart's data, each headed by the report's title, its
 * period and the line tying it to the report ("Kèm theo Báo cáo số …"). Cells hold numbers (not text) with
 * number formats, so Excel shows them with the reader's separators: 1.234.567 and 87,5% on a Vietnamese system.
 * Deterministic: the same model and `date` give the same bytes.
 */
import ExcelJS from 'exceljs';
import type { DocColumn, ReportDocument } from '../domain/document-model.js';
import { numberBlocks, numberLine, numberedTitle, viDate } from '../domain/format.js';
import { fixCoreDates, normalizeZip } from './zip.js';

const FONT = 'Times New Roman';
const NUM_FMT: Record<DocColumn['format'], string | undefined> = {
  int: '#,##0',
  vnd: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  text: undefined,
};
const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

export interface AnnexOptions {
  /** the period in words ("6 tháng đầu năm 2026"); printed on every sheet */
  periodLabel?: string;
}

export async function renderReportAnnex(doc: ReportDocument, date: Date, opts: AnnexOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'haicap';
  wb.lastModifiedBy = 'haicap';
  wb.created = date;
  wb.modified = date;
  wb.title = `${doc.kindTitle} ${doc.title}`.normalize('NFC');
  const numbers = numberBlocks(doc);
  const reference =
    `(Kèm theo Báo cáo ${numberLine(doc.header).replace(/^Số: /, 'số ')} ngày ${viDate(doc.header.date)} ` +
    `của ${doc.header.issuingBody})`;

  const sheet = (name: string, width: number, heading: string) => {
    const ws = wb.addWorksheet(name, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const lines: [string, Partial<ExcelJS.Font>][] = [
      [`${doc.kindTitle} ${doc.title}`.normalize('NFC'), { bold: true, size: 13 }],
      ...(opts.periodLabel
        ? ([[`Kỳ báo cáo: ${opts.periodLabel}`, { size: 12 }]] as [string, Partial<ExcelJS.Font>][])
        : []),
      [reference.normalize('NFC'), { italic: true, size: 12 }],
      [heading.normalize('NFC'), { bold: true, size: 12 }],
    ];
    for (const [text, font] of lines) {
      const row = ws.addRow([text]);
      ws.mergeCells(row.number, 1, row.number, Math.max(1, width));
      row.getCell(1).font = { name: FONT, ...font };
      row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
    }
    ws.addRow([]);
    return ws;
  };
  const header = (ws: ExcelJS.Worksheet, labels: string[]) => {
    const row = ws.addRow(labels.map((l) => l.normalize('NFC')));
    row.eachCell((c) => {
      c.font = { name: FONT, bold: true, size: 12 };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = box;
    });
    ws.views = [{ state: 'frozen', ySplit: row.number }];
  };
  const body = (ws: ExcelJS.Worksheet, values: (string | number | null)[], formats: DocColumn['format'][]) => {
    const row = ws.addRow(
      values.map((v, i) =>
        typeof v === 'number' && formats[i] === 'percent' ? v / 100 : typeof v === 'string' ? v.normalize('NFC') : v,
      ),
    );
    formats.forEach((f, i) => {
      const c = row.getCell(i + 1);
      c.font = { name: FONT, size: 12 };
      c.border = box;
      const fmt = NUM_FMT[f];
      if (fmt) c.numFmt = fmt;
      c.alignment = { horizontal: f === 'text' ? 'left' : 'right', vertical: 'middle', wrapText: f === 'text' };
    });
  };

  const walk = (sections: ReportDocument['sections']) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'table') {
          const n = numbers.tables.get(b)!;
          const ws = sheet(`Bảng ${n}`, b.columns.length, numberedTitle('Bảng', n, b.title));
          header(
            ws,
            b.columns.map((c) => c.label),
          );
          for (const r of b.rows)
            body(
              ws,
              b.columns.map((_c, i) => r[i] ?? null),
              b.columns.map((c) => c.format),
            );
          if (b.note) {
            const note = ws.addRow([b.note.normalize('NFC')]);
            note.getCell(1).font = { name: FONT, italic: true, size: 11 };
          }
          b.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.format === 'text' ? 40 : 16));
        } else if (b.kind === 'chart') {
          const n = numbers.charts.get(b)!;
          const ws = sheet(`Biểu đồ ${n}`, b.series.length + 1, `Số liệu ${numberedTitle('Biểu đồ', n, b.title)}`);
          header(ws, ['Nhóm', ...b.series.map((s) => s.name)]);
          b.categories.forEach((cat, ci) =>
            body(ws, [cat, ...b.series.map((s) => s.values[ci] ?? null)], ['text', ...b.series.map(() => b.format)]),
          );
          ws.getColumn(1).width = 32;
          b.series.forEach((_s, i) => (ws.getColumn(i + 2).width = 18));
        }
      }
      if (s.subsections) walk(s.subsections);
    }
  };
  walk(doc.sections);
  if (wb.worksheets.length === 0) {
    const ws = sheet('Phụ lục', 4, 'Báo cáo không có bảng số liệu');
    ws.getColumn(1).width = 60;
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return normalizeZip(bytes, date, (name, text) => (name === 'docProps/core.xml' ? fixCoreDates(text, date) : text));
}
