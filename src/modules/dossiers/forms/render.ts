/**
 * Lays a form model out on A5 paper and returns the PDF bytes. Pure: model and font bytes in, bytes out.
 * Header per Decree 30/2020 (agency on the left, national motto on the right, place and date under it),
 * the QR code top-left (Circular 01/2023), text wrapped and justified, pages added as needed.
 */
import QRCode from 'qrcode';
import {
  BLACK,
  createPdf,
  nationalHeading,
  nfc,
  numberPages,
  PdfWriter,
  textWidth,
  type FontBytes,
  type PageGeometry,
  type Style,
  type Word,
} from '../../../core/pdf/index.js';
import type { Block, FormModel } from './model.js';

// A5 portrait, in points; margins scaled down from Decree 30's A4 ones (left wider for binding).
const A5: PageGeometry = {
  page: { width: 419.53, height: 595.28 },
  margin: { left: 40, right: 28, top: 30, bottom: 30 },
  body: 10,
  leading: 1.32,
  maxStretch: 0.4,
};
const { page: PAGE, margin: MARGIN, leading: LEADING } = A5;
const TEXT_WIDTH = textWidth(A5);
const QR_SIZE = 58;

/** Renders the model; `createdAt` fixes the PDF's dates so that the same input gives the same bytes. */
export async function renderFormPdf(model: FormModel, fontBytes: FontBytes, createdAt: Date): Promise<Uint8Array> {
  const { pdf, fonts } = await createPdf(
    fontBytes,
    {
      title: `Mẫu số ${model.form} – ${nfc(model.title)} – ${model.receiptCode}`,
      subject: model.receiptCode,
      author: nfc(`${model.header.parent} – ${model.header.issuer}`),
    },
    createdAt,
  );
  const w = new PdfWriter(pdf, fonts, A5);
  drawHeader(w, model);
  w.y -= 14;
  w.paragraph([{ text: model.title, style: 'bold' }], { size: 11.5, align: 'center' });
  for (const block of model.body) drawBlock(w, block);
  numberPages(pdf, fonts.regular, { size: 9, x: 0, width: PAGE.width, y: PAGE.height - MARGIN.top / 2 - 3 });
  return pdf.save();
}

// ---------- header ----------

function drawHeader(w: PdfWriter, model: FormModel) {
  const top = w.y;
  const leftWidth = TEXT_WIDTH * 0.4;
  const rightX = MARGIN.left + leftWidth;
  const rightWidth = TEXT_WIDTH - leftWidth;

  // Left: the QR code (form 01), then the parent body and the issuing body with a short rule under it.
  if (model.qr) {
    drawQr(w, model.qr, MARGIN.left, top, QR_SIZE);
    w.y = top - QR_SIZE - 6;
  }
  if (model.header.parent)
    w.paragraph([{ text: model.header.parent }], { size: 9, align: 'center', x: MARGIN.left, width: leftWidth });
  w.paragraph([{ text: model.header.issuer, style: 'bold' }], {
    size: 9,
    align: 'center',
    x: MARGIN.left,
    width: leftWidth,
  });
  w.centredRule(MARGIN.left, leftWidth, leftWidth / 3, 1.5);
  w.y -= 2;
  const leftBottom = w.y;

  // Right: the national name and motto (rule as long as the motto), then place and date in italics.
  w.y = top;
  nationalHeading(w, { x: rightX, width: rightWidth, nationMax: 9.5, mottoMax: 10, ruleGap: 1 });
  w.paragraph([{ text: model.header.placeDate, style: 'italic' }], {
    size: 9.5,
    align: 'center',
    x: rightX,
    width: rightWidth,
  });

  w.y = Math.min(w.y, leftBottom);
}

/** Draws a QR code (error correction M) as vector squares, its top-left corner at (x, top). */
function drawQr(w: PdfWriter, text: string, x: number, top: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    // merge the dark cells of a row into runs: fewer, seamless rectangles
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      w.page.drawRectangle({
        x: x + start * cell,
        y: top - (row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: BLACK,
      });
    }
  }
}

// ---------- blocks ----------

function drawBlock(w: PdfWriter, block: Block) {
  switch (block.kind) {
    case 'para':
      w.y -= block.spaceBefore ?? 1.5;
      w.paragraph(block.runs, { size: block.size, align: block.align, indent: block.indent, hanging: block.hanging });
      return;
    case 'dots':
      for (let i = 0; i < block.count; i++) {
        w.ensure(16);
        w.y -= 16;
        w.line(MARGIN.left, w.y + 3, MARGIN.left + TEXT_WIDTH, w.y + 3, 0.8, true);
      }
      return;
    case 'table':
      w.y -= block.spaceBefore ?? 4;
      drawTable(w, block);
      return;
    case 'signatures':
      drawSignatures(w, block);
      return;
  }
}

function drawTable(w: PdfWriter, block: Extract<Block, { kind: 'table' }>) {
  const size = 7.5;
  const lh = size * 1.25;
  const pad = 2.5;
  const widths = block.columns.map((c) => c.width * TEXT_WIDTH);
  const cellLines = (cells: string[], style: Style) =>
    cells.map((c, i) => w.layout([{ text: c, style }], size, widths[i]! - 2 * pad));
  const rowHeight = (lines: Word[][][]) => Math.max(...lines.map((l) => l.length)) * lh + 2 * pad;

  const drawRow = (lines: Word[][][], align: 'left' | 'center') =>
    w.tableRow(lines, { widths, aligns: widths.map(() => align), size, lh, pad, height: rowHeight(lines) });

  const head = cellLines(
    block.columns.map((c) => c.title),
    'bold',
  );
  w.ensure(rowHeight(head) + lh * 2);
  drawRow(head, 'center');
  for (const row of block.rows) {
    const lines = cellLines(row, 'regular');
    if (w.ensure(rowHeight(lines))) drawRow(head, 'center');
    drawRow(lines, 'left');
  }
}

function drawSignatures(w: PdfWriter, block: Extract<Block, { kind: 'signatures' }>) {
  const titleLines = Math.max(...block.columns.map((c) => c.title.split('\n').length));
  const needed = 10 + titleLines * 9.5 * LEADING + 8.5 * LEADING + 48;
  w.ensure(needed);
  w.y -= 10;
  const top = w.y;
  const colWidth = TEXT_WIDTH / block.columns.length;
  let bottom = top;
  block.columns.forEach((c, i) => {
    w.y = top;
    const x = MARGIN.left + i * colWidth;
    if (c.title) w.paragraph([{ text: c.title, style: 'bold' }], { size: 9.5, align: 'center', x, width: colWidth });
    if (c.hint) w.paragraph([{ text: c.hint, style: 'italic' }], { size: 8.5, align: 'center', x, width: colWidth });
    bottom = Math.min(bottom, w.y);
  });
  w.y = bottom - 48;
}
