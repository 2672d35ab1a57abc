/**
 * Lays a form model out on A5 paper and returns the PDF bytes. Pure: model and font bytes in, bytes out.
 * Header per Decree 30/2020 (agency on the left, national motto on the right, place and date under it),
 * the QR code top-left (Circular 01/2023), text wrapped and justified, pages added as needed.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import type { Block, FormModel, Run, Style } from './model.js';

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

// A5 portrait, in points; margins scaled down from Decree 30's A4 ones (left wider for binding).
const PAGE = { width: 419.53, height: 595.28 } as const;
const MARGIN = { left: 40, right: 28, top: 30, bottom: 30 } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_SIZE = 10;
const LEADING = 1.32;
const QR_SIZE = 58;
const BLACK = rgb(0, 0, 0);

type Fonts = Record<Style, PDFFont>;
interface Word {
  text: string;
  style: Style;
  width: number;
  /** a forced line break after this word */
  br?: boolean;
  /** no space between this word and the next (a run that ends mid-word, such as a value before its ".") */
  glue?: boolean;
  /** the space before this word on its line */
  gapBefore?: number;
}

/** Renders the model; `createdAt` fixes the PDF's dates so that the same input gives the same bytes. */
export async function renderFormPdf(model: FormModel, fontBytes: FontBytes, createdAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await doc.embedFont(fontBytes.regular, { subset: true }),
    bold: await doc.embedFont(fontBytes.bold, { subset: true }),
    italic: await doc.embedFont(fontBytes.italic, { subset: true }),
  };
  doc.setTitle(`Mẫu số ${model.form} – ${nfc(model.title)} – ${model.receiptCode}`, { showInWindowTitleBar: true });
  doc.setSubject(model.receiptCode);
  doc.setAuthor(nfc(`${model.header.parent} – ${model.header.issuer}`));
  doc.setCreator('haicap');
  doc.setProducer('haicap (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);

  const w = new Writer(doc, fonts);
  drawHeader(w, model);
  w.y -= 14;
  w.paragraph([{ text: model.title, style: 'bold' }], { size: 11.5, align: 'center' });
  for (const block of model.body) drawBlock(w, block);

  const pages = doc.getPages();
  if (pages.length > 1) {
    // Decree 30: page numbers centred in the top margin, none on the first page.
    pages.forEach((p, i) => {
      if (i === 0) return;
      const label = String(i + 1);
      p.drawText(label, {
        x: (PAGE.width - fonts.regular.widthOfTextAtSize(label, 9)) / 2,
        y: PAGE.height - MARGIN.top / 2 - 3,
        size: 9,
        font: fonts.regular,
      });
    });
  }
  return doc.save();
}

// ---------- the writer: a cursor over pages ----------

class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.page = this.addPage();
    this.y = PAGE.height - MARGIN.top;
  }

  private addPage() {
    return this.doc.addPage([PAGE.width, PAGE.height]);
  }

  /** Makes room for `height` points, on a new page if this one is full. */
  ensure(height: number) {
    if (this.y - height < MARGIN.bottom) {
      this.page = this.addPage();
      this.y = PAGE.height - MARGIN.top;
      return true;
    }
    return false;
  }

  text(s: string, x: number, baseline: number, style: Style, size: number) {
    if (s) this.page.drawText(s, { x, y: baseline, size, font: this.fonts[style], color: BLACK });
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.6, dashed = false) {
    this.page.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness,
      color: BLACK,
      dashArray: dashed ? [1, 2] : undefined,
    });
  }

  /** Lays styled runs out in lines of at most `width` points. */
  layout(runs: Run[], size: number, width: number, firstWidth = width): Word[][] {
    const words: Word[] = [];
    for (const run of runs) {
      if (/^\s/.test(run.text) && words.length) words[words.length - 1]!.glue = false;
      const before = words.length;
      const style = run.style ?? 'regular';
      const font = this.fonts[style];
      nfc(run.text)
        .split('\n')
        .forEach((part, i, parts) => {
          const pieces = part.split(/[ \t]+/).filter(Boolean);
          for (const piece of pieces)
            words.push(
              ...breakLong({ text: piece, style, width: font.widthOfTextAtSize(piece, size) }, font, size, width),
            );
          if (i < parts.length - 1 && words.length) words[words.length - 1]!.br = true;
        });
      // a run that ends with a space keeps the next run's first word apart; one without glues them
      if (words.length > before && !/\s$/.test(run.text)) words[words.length - 1]!.glue = true;
    }
    const lines: Word[][] = [];
    let line: Word[] = [];
    let used = 0;
    let prevGlue = false;
    const space = (style: Style) => this.fonts[style].widthOfTextAtSize(' ', size);
    for (const word of words) {
      const avail = lines.length === 0 ? firstWidth : width;
      // a glued word (the "." after a value) stays with the one before it, even a hair past the edge
      if (line.length && !prevGlue && used + space(word.style) + word.width > avail) {
        lines.push(line);
        line = [];
        used = 0;
      }
      word.gapBefore = line.length && !prevGlue ? space(word.style) : 0;
      line.push(word);
      used += word.gapBefore + word.width;
      prevGlue = !!word.glue;
      if (word.br) {
        lines.push(line);
        line = [];
        used = 0;
        prevGlue = false;
      }
    }
    if (line.length) lines.push(line);
    return lines;
  }

  paragraph(
    runs: Run[],
    opts: {
      size?: number;
      align?: 'left' | 'center' | 'right' | 'justify';
      indent?: number;
      hanging?: number;
      x?: number;
      width?: number;
    } = {},
  ) {
    const size = opts.size ?? BODY_SIZE;
    const x0 = (opts.x ?? MARGIN.left) + (opts.indent ?? 0);
    const width = (opts.width ?? TEXT_WIDTH) - (opts.indent ?? 0);
    const hanging = opts.hanging ?? 0;
    const lines = this.layout(runs, size, width - hanging, width);
    const lh = size * LEADING;
    lines.forEach((line, i) => {
      this.ensure(lh);
      const start = x0 + (i === 0 ? 0 : hanging);
      const avail = width - (i === 0 ? 0 : hanging);
      const natural = line.reduce((s, w) => s + gapOf(w) + w.width, 0);
      const gaps = line.filter((w, k) => k > 0 && gapOf(w) > 0).length;
      const isLast = i === lines.length - 1 || !!line[line.length - 1]!.br;
      const stretch = opts.align === 'justify' && !isLast && gaps > 0 ? (avail - natural) / gaps : 0;
      // a line with a long unbreakable word would open gaping holes: leave it ragged instead
      const extra = stretch > size * 0.4 ? 0 : stretch;
      let x =
        opts.align === 'center'
          ? start + (avail - natural) / 2
          : opts.align === 'right'
            ? start + avail - natural
            : start;
      const baseline = this.y - size;
      line.forEach((word, k) => {
        if (k > 0) x += gapOf(word) + (gapOf(word) > 0 ? extra : 0);
        this.text(word.text, x, baseline, word.style, size);
        x += word.width;
      });
      this.y -= lh;
    });
    return lines.length;
  }
}

const gapOf = (w: Word) => w.gapBefore ?? 0;
const nfc = (s: string) => s.normalize('NFC');

/** Splits a word wider than the line (a long code or URL) into pieces that fit. */
function breakLong(word: Word, font: PDFFont, size: number, width: number): Word[] {
  if (word.width <= width) return [word];
  const out: Word[] = [];
  let current = '';
  for (const ch of word.text) {
    if (current && font.widthOfTextAtSize(current + ch, size) > width) {
      out.push({ text: current, style: word.style, width: font.widthOfTextAtSize(current, size), br: true });
      current = '';
    }
    current += ch;
  }
  out.push({ text: current, style: word.style, width: font.widthOfTextAtSize(current, size) });
  return out;
}

// ---------- header ----------

function drawHeader(w: Writer, model: FormModel) {
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
  const rule = leftWidth / 3;
  w.line(MARGIN.left + (leftWidth - rule) / 2, w.y - 1.5, MARGIN.left + (leftWidth + rule) / 2, w.y - 1.5);
  w.y -= 2;
  const leftBottom = w.y;

  // Right: the national name and motto (rule as long as the motto), then place and date in italics.
  w.y = top;
  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const nationSize = fit(w.fonts.bold, nation, 9.5, rightWidth);
  const mottoSize = fit(w.fonts.bold, motto, 10, rightWidth);
  w.paragraph([{ text: nation, style: 'bold' }], { size: nationSize, align: 'center', x: rightX, width: rightWidth });
  w.paragraph([{ text: motto, style: 'bold' }], { size: mottoSize, align: 'center', x: rightX, width: rightWidth });
  const mottoWidth = w.fonts.bold.widthOfTextAtSize(motto, mottoSize);
  w.line(rightX + (rightWidth - mottoWidth) / 2, w.y - 1, rightX + (rightWidth + mottoWidth) / 2, w.y - 1);
  w.y -= 8;
  w.paragraph([{ text: model.header.placeDate, style: 'italic' }], {
    size: 9.5,
    align: 'center',
    x: rightX,
    width: rightWidth,
  });

  w.y = Math.min(w.y, leftBottom);
}

/** The largest size up to `max` at which `text` fits in `width`. */
function fit(font: PDFFont, text: string, max: number, width: number) {
  return Math.min(max, Math.floor((width / font.widthOfTextAtSize(text, 1)) * 10) / 10);
}

/** Draws a QR code (error correction M) as vector squares, its top-left corner at (x, top). */
function drawQr(w: Writer, text: string, x: number, top: number, size: number) {
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

function drawBlock(w: Writer, block: Block) {
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

function drawTable(w: Writer, block: Extract<Block, { kind: 'table' }>) {
  const size = 7.5;
  const lh = size * 1.25;
  const pad = 2.5;
  const widths = block.columns.map((c) => c.width * TEXT_WIDTH);
  const cellLines = (cells: string[], style: Style) =>
    cells.map((c, i) => w.layout([{ text: c, style }], size, widths[i]! - 2 * pad));
  const rowHeight = (lines: Word[][][]) => Math.max(...lines.map((l) => l.length)) * lh + 2 * pad;

  const drawRow = (lines: Word[][][], align: 'left' | 'center') => {
    const h = rowHeight(lines);
    const top = w.y;
    let x = MARGIN.left;
    lines.forEach((cell, i) => {
      const cw = widths[i]!;
      cell.forEach((line, k) => {
        const natural = line.reduce((s, word) => s + gapOf(word) + word.width, 0);
        let tx = align === 'center' ? x + (cw - natural) / 2 : x + pad;
        for (const [j, word] of line.entries()) {
          if (j > 0) tx += gapOf(word);
          w.text(word.text, tx, top - pad - (k + 1) * lh + size * 0.25, word.style, size);
          tx += word.width;
        }
      });
      w.page.drawRectangle({ x, y: top - h, width: cw, height: h, borderColor: BLACK, borderWidth: 0.5 });
      x += cw;
    });
    w.y -= h;
  };

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

function drawSignatures(w: Writer, block: Extract<Block, { kind: 'signatures' }>) {
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
