/**
 * The settlement sheet as PDF: the same content as the Word sheet (`sheetContent`), printed with the platform's shared
 * layout (src/core/pdf: embedded Vietnamese fonts, the national heading of Decree 30, table rows, page numbers) on A4
 * with the margins of Decree 30 (20/20/30/15 mm). Pure: the case and font bytes in, bytes out.
 */
import {
  createPdf,
  DECREE_30_A4,
  nationalHeading,
  nfc,
  numberPages,
  PdfWriter,
  textWidth,
  type FontBytes,
  type Style,
  type Word,
} from '../../core/pdf/index.js';
import type { CaseDetail } from './contract.js';
import { sheetContent } from './sheet.js';

const A4 = DECREE_30_A4;
const WIDTH = textWidth(A4);
/** the columns' shares of the width: TT, benefit, formula, months, amount, basis */
const COLUMNS = [0.06, 0.22, 0.26, 0.1, 0.16, 0.2];
const ALIGNS = ['center', 'left', 'left', 'right', 'right', 'left'] as const;

export async function settlementSheetPdf(c: CaseDetail, fontBytes: FontBytes, date: Date): Promise<Uint8Array> {
  const k = sheetContent(c);
  const { pdf, fonts } = await createPdf(
    fontBytes,
    { title: nfc(`Bảng tính chế độ ${c.code}`), author: nfc(c.agencyName), order: 'author-first' },
    date,
  );
  const w = new PdfWriter(pdf, fonts, A4);
  const x0 = A4.margin.left;

  // the agency on the left, the national heading on the right
  const top = w.y;
  const leftWidth = WIDTH * 0.4;
  w.paragraph([{ text: k.agency, style: 'bold' }], {
    x: x0,
    width: leftWidth,
    align: 'center',
    size: Math.max(10, w.fit(k.agency, 'bold', 12, leftWidth)),
  });
  w.centredRule(x0, leftWidth, leftWidth / 3, 1.5);
  const leftBottom = w.y - 8;
  w.y = top;
  nationalHeading(w, { x: x0 + leftWidth, width: WIDTH - leftWidth, nationMax: 12, mottoMax: 13, ruleGap: 1.5 });
  w.y = Math.min(w.y, leftBottom) - 16;

  w.paragraph([{ text: k.title, style: 'bold' }], { align: 'center', size: 14 });
  w.paragraph([{ text: k.basis, style: 'italic' }], { align: 'center' });
  w.y -= 8;
  for (const p of k.paragraphs) {
    w.paragraph([{ text: p }], { align: 'justify' });
    w.y -= 3;
  }
  w.y -= 6;

  // the lines, the header row repeated on a new page
  const size = 10.5;
  const lh = size * 1.25;
  const pad = 3;
  const widths = COLUMNS.map((f) => f * WIDTH);
  const cells = (texts: string[], style: Style) =>
    texts.map((t, i) => w.layout([{ text: t, style }], size, widths[i]! - 2 * pad));
  const heightOf = (lines: Word[][][]) => Math.max(1, ...lines.map((l) => l.length)) * lh + 2 * pad;
  const row = (lines: Word[][][], aligns: readonly ('left' | 'center' | 'right')[]) =>
    w.tableRow(lines, { widths, aligns, size, lh, pad, height: heightOf(lines) });
  const head = cells(k.head, 'bold');
  const centred = k.head.map(() => 'center' as const);
  w.ensure(heightOf(head) + lh * 3);
  row(head, centred);
  for (const r of k.rows) {
    const lines = cells(r, 'regular');
    if (w.ensure(heightOf(lines))) row(head, centred);
    row(lines, ALIGNS);
  }
  const total = cells(['', 'Tổng cộng', '', '', k.total, ''], 'bold');
  w.ensure(heightOf(total));
  row(total, ALIGNS);
  w.y -= 8;
  for (const n of k.notes) w.paragraph([{ text: n }], { align: 'justify' });

  // the signatures
  w.ensure(A4.body * A4.leading + 70);
  w.y -= 12;
  const sigTop = w.y;
  k.signers.forEach((s, i) => {
    w.y = sigTop;
    w.paragraph([{ text: s, style: 'bold' }], { x: x0 + (i * WIDTH) / 2, width: WIDTH / 2, align: 'center' });
  });

  numberPages(pdf, fonts.regular, { size: 13, x: x0, width: WIDTH, y: A4.page.height - A4.margin.top / 2 - 4 });
  return pdf.save({ useObjectStreams: false });
}
