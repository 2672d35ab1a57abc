/**
 * A report as a PDF in the same Decree 30 layout as the Word document (A4, margins 20/20/30/15 mm): fonts embedded
 * as subsets, text justified, tables split across pages with their header row repeated, charts drawn as vector
 * shapes from the shared chart geometry, page numbers centred in the top margin from page 2. Pure: model and font
 * bytes in, bytes out; the same model and `date` give the same bytes.
 * The layout (writer, wrapping, national heading, table rows, page numbers) is core's (src/core/pdf/), as the forms'.
 */
import { rgb } from 'pdf-lib';
import {
  BLACK,
  createPdf,
  DECREE_30_A4,
  MM,
  nationalHeading,
  nfc,
  numberPages,
  PdfWriter as Writer,
  textWidth,
  type FontBytes,
  type Style,
  type Word,
} from '../../../core/pdf/index.js';
import type { DocBlock, DocSection, ReportDocument } from '../domain/document-model.js';
import { PALETTE, chartGeometry, type ChartBlock } from './chart.js';
import { placeDateLine } from '../../../core/calendar/dates.js';
import { figureLine, formatCell, numberBlocks, numberLine, numberedTitle } from '../domain/format.js';
import { columnWeights } from './layout.js';

export type { FontBytes };

const A4 = DECREE_30_A4;
const { page: PAGE, margin: MARGIN, body: BODY, leading: LEADING } = A4;
const TEXT_WIDTH = textWidth(A4);
const INDENT = 12.7 * MM;
const colour = (hex: string) =>
  rgb(parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255);

// ---------- header, title, closing ----------

function drawDraftMark(w: Writer) {
  const size = 12;
  const label = 'DỰ THẢO';
  const tw = w.width(label, 'bold', size);
  const x = MARGIN.left + TEXT_WIDTH - tw - 12;
  w.page.drawRectangle({
    x: x - 6,
    y: w.y - size - 6,
    width: tw + 12,
    height: size + 9,
    borderColor: BLACK,
    borderWidth: 0.8,
  });
  w.text(label, x, w.y - size - 1.5, 'bold', size);
  w.y -= size + 14;
}

function drawHeader(w: Writer, doc: ReportDocument) {
  const h = doc.header;
  const top = w.y;
  const leftWidth = TEXT_WIDTH * 0.38;
  const rightX = MARGIN.left + leftWidth;
  const rightWidth = TEXT_WIDTH - leftWidth;
  const left = { x: MARGIN.left, width: leftWidth, align: 'center' as const };
  if (h.parentBody)
    w.paragraph([{ text: h.parentBody.toUpperCase() }], {
      ...left,
      size: w.fit(h.parentBody.toUpperCase(), 'regular', 12, leftWidth),
    });
  const issuer = h.issuingBody.toUpperCase();
  w.paragraph([{ text: issuer, style: 'bold' }], {
    ...left,
    size: Math.max(10, w.fit(issuer, 'bold', 12, leftWidth)),
  });
  w.centredRule(MARGIN.left, leftWidth, leftWidth / 3, 1.5);
  w.y -= 8;
  w.paragraph([{ text: numberLine(h) }], { ...left, size: 12 });
  const leftBottom = w.y;

  w.y = top;
  nationalHeading(w, { x: rightX, width: rightWidth, nationMax: 12, mottoMax: 13, ruleGap: 1.5 });
  const right = { x: rightX, width: rightWidth, align: 'center' as const };
  const dateLine = placeDateLine(h.place, h.date);
  w.paragraph([{ text: dateLine, style: 'italic' }], { ...right, size: w.fit(dateLine, 'italic', 13, rightWidth) });
  w.y = Math.min(w.y, leftBottom);
}

function drawClosing(w: Writer, doc: ReportDocument) {
  const sig = doc.signature;
  const recipientsHeight = 16 + doc.recipients.length * 11 * LEADING;
  const sigHeight = (sig.authority ? 2 : 1) * BODY * LEADING + 60 + BODY * LEADING;
  w.ensure(Math.max(recipientsHeight, sigHeight) + 12);
  w.y -= 12;
  const top = w.y;
  const leftWidth = TEXT_WIDTH * 0.45;
  w.paragraph([{ text: 'Nơi nhận:', style: 'bold' }], { x: MARGIN.left, width: leftWidth, size: 12 });
  for (const r of doc.recipients) w.paragraph([{ text: r }], { x: MARGIN.left, width: leftWidth, size: 11 });
  const leftBottom = w.y;
  w.y = top;
  const right = { x: MARGIN.left + leftWidth, width: TEXT_WIDTH - leftWidth, align: 'center' as const };
  if (sig.authority) w.paragraph([{ text: sig.authority.toUpperCase(), style: 'bold' }], right);
  w.paragraph([{ text: sig.position.toUpperCase(), style: 'bold' }], right);
  w.y -= 60;
  if (sig.signerName) w.paragraph([{ text: sig.signerName, style: 'bold' }], right);
  w.y = Math.min(w.y, leftBottom);
}

// ---------- blocks ----------

function drawBody(w: Writer, text: string, style: Style = 'regular') {
  for (const t of text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)) {
    w.paragraph([{ text: t, style }], { align: 'justify', firstLine: INDENT });
    w.y -= 6;
  }
}

function drawTable(w: Writer, block: Extract<DocBlock, { kind: 'table' }>, n: number) {
  const size = 11;
  const lh = size * 1.25;
  const pad = 3;
  const widths = columnWeights(block).map((f) => f * TEXT_WIDTH);
  const cells = (texts: string[], style: Style) =>
    texts.map((t, i) => w.layout([{ text: t, style }], size, widths[i]! - 2 * pad));
  const heightOf = (lines: Word[][][]) => Math.max(1, ...lines.map((l) => l.length)) * lh + 2 * pad;
  const aligns = block.columns.map((c) => (c.format === 'text' ? ('left' as const) : ('right' as const)));
  const centred = aligns.map(() => 'center' as const);
  const drawRow = (lines: Word[][][], align: 'center' | 'columns') =>
    w.tableRow(lines, {
      widths,
      aligns: align === 'center' ? centred : aligns,
      size,
      lh,
      pad,
      height: heightOf(lines),
    });
  const head = cells(
    block.columns.map((c) => c.label),
    'bold',
  );
  // the title, the header row and a first row stay together
  w.ensure(BODY * LEADING * 2 + heightOf(head) + lh * 2);
  w.y -= 4;
  w.paragraph([{ text: numberedTitle('Bảng', n, block.title), style: 'bold' }], { align: 'center', size: 12 });
  w.y -= 3;
  drawRow(head, 'center');
  for (const row of block.rows) {
    const lines = cells(
      block.columns.map((c, i) => formatCell(row[i] ?? null, c.format)),
      'regular',
    );
    if (w.ensure(heightOf(lines))) drawRow(head, 'center');
    drawRow(lines, 'columns');
  }
  w.y -= 3;
  if (block.note) w.paragraph([{ text: block.note, style: 'italic' }], { size: 11, align: 'justify' });
  w.y -= 6;
}

function drawChart(w: Writer, block: ChartBlock, n: number) {
  const width = TEXT_WIDTH;
  const height = TEXT_WIDTH / 2;
  w.ensure(height + BODY * LEADING + 12);
  w.y -= 6;
  const g = chartGeometry(block, width, height);
  const ox = MARGIN.left;
  const oy = w.y; // the chart's top edge
  const X = (x: number) => ox + x;
  const Y = (y: number) => oy - y;
  const size = 8;
  const grey = rgb(0.85, 0.85, 0.85);
  for (const t of g.ticks) {
    w.page.drawLine({
      start: { x: X(g.plot.left), y: Y(t.y) },
      end: { x: X(g.plot.right), y: Y(t.y) },
      thickness: 0.4,
      color: grey,
    });
    w.text(t.label, X(g.plot.left) - 4 - w.width(t.label, 'regular', size), Y(t.y) - size * 0.35, 'regular', size);
  }
  const band = (g.plot.right - g.plot.left) / Math.max(1, g.categories.length);
  for (const c of g.categories) {
    const s = Math.min(size, w.fit(c.label, 'regular', size, band - 2));
    w.text(nfc(c.label), X(c.x) - w.width(c.label, 'regular', s) / 2, Y(g.plot.bottom) - 12, 'regular', s);
  }
  for (const b of g.bars) {
    w.page.drawRectangle({
      x: X(b.x),
      y: Y(b.y + b.h),
      width: b.w,
      height: b.h,
      color: colour(PALETTE[b.series % PALETTE.length]!),
    });
    if (g.bars.length <= 16) {
      const s = Math.min(7, w.fit(b.label, 'regular', 7, b.w + 8));
      w.text(b.label, X(b.x + b.w / 2) - w.width(b.label, 'regular', s) / 2, Y(b.y) + 2, 'regular', s);
    }
  }
  for (const l of g.lines) {
    const c = colour(PALETTE[l.series % PALETTE.length]!);
    for (const seg of l.segments)
      seg.forEach((p, i) => {
        if (i > 0)
          w.page.drawLine({
            start: { x: X(seg[i - 1]![0]), y: Y(seg[i - 1]![1]) },
            end: { x: X(p[0]), y: Y(p[1]) },
            thickness: 1.5,
            color: c,
          });
        w.page.drawCircle({ x: X(p[0]), y: Y(p[1]), size: 2, color: c });
      });
  }
  w.line(X(g.plot.left), Y(g.plot.bottom), X(g.plot.right), Y(g.plot.bottom), 0.8);
  if (g.legend.length) {
    let lx = X(g.plot.left);
    for (const item of g.legend) {
      w.page.drawRectangle({
        x: lx,
        y: oy - 10,
        width: 8,
        height: 8,
        color: colour(PALETTE[item.series % PALETTE.length]!),
      });
      w.text(nfc(item.name), lx + 11, oy - 9, 'regular', size);
      lx += 11 + w.width(item.name, 'regular', size) + 14;
    }
  }
  w.y = oy - height - 4;
  w.paragraph([{ text: numberedTitle('Biểu đồ', n, block.title), style: 'bold' }], { align: 'center', size: 12 });
  w.y -= 6;
}

function drawBlock(w: Writer, block: DocBlock, numbers: ReturnType<typeof numberBlocks>) {
  switch (block.kind) {
    case 'paragraph':
      return drawBody(w, block.text, block.style ?? 'regular');
    case 'notice':
      return drawBody(w, block.text, 'italic');
    case 'figures':
      for (const f of block.items) {
        const l = figureLine(f);
        w.paragraph(
          [
            { text: `- ${l.label}: ` },
            { text: l.value, style: 'bold' },
            { text: l.previous ? ` (${l.previous}).` : '.' },
          ],
          { align: 'justify', firstLine: INDENT },
        );
        w.y -= 3;
      }
      return;
    case 'table':
      return drawTable(w, block, numbers.tables.get(block)!);
    case 'chart':
      return drawChart(w, block, numbers.charts.get(block)!);
  }
}

function drawSection(w: Writer, s: DocSection, depth: number, numbers: ReturnType<typeof numberBlocks>) {
  // a heading never ends a page
  w.ensure(BODY * LEADING * 3);
  w.y -= depth === 0 ? 6 : 3;
  w.paragraph([{ text: `${s.number}. ${s.title}`, style: depth >= 2 ? 'italic' : 'bold' }], {
    align: 'justify',
    firstLine: INDENT,
  });
  w.y -= 6;
  for (const b of s.blocks) drawBlock(w, b, numbers);
  for (const sub of s.subsections ?? []) drawSection(w, sub, depth + 1, numbers);
}

export async function renderReportPdf(doc: ReportDocument, fontBytes: FontBytes, date: Date): Promise<Uint8Array> {
  const { pdf, fonts } = await createPdf(
    fontBytes,
    {
      title: nfc(`${doc.kindTitle} ${doc.title}`),
      author: nfc(doc.header.issuingBody),
      subject: numberLine(doc.header),
      order: 'author-first',
    },
    date,
  );
  const numbers = numberBlocks(doc);
  const w = new Writer(pdf, fonts, A4);
  if (doc.draft) drawDraftMark(w);
  drawHeader(w, doc);
  w.y -= 16;
  w.paragraph([{ text: doc.kindTitle.toUpperCase(), style: 'bold' }], { align: 'center', size: 14 });
  w.paragraph([{ text: doc.title, style: 'bold' }], { align: 'center', size: 14 });
  w.line(
    PAGE.width / 2 - 40 + (MARGIN.left - MARGIN.right) / 2,
    w.y - 2,
    PAGE.width / 2 + 40 + (MARGIN.left - MARGIN.right) / 2,
    w.y - 2,
  );
  w.y -= 14;
  if (doc.preamble) drawBody(w, doc.preamble);
  for (const s of doc.sections) drawSection(w, s, 0, numbers);
  drawClosing(w, doc);

  numberPages(pdf, fonts.regular, { size: 13, x: MARGIN.left, width: TEXT_WIDTH, y: PAGE.height - MARGIN.top / 2 - 4 });
  return pdf.save({ useObjectStreams: false });
}
