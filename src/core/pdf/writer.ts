/**
 * The printed documents' shared layout (the dossier forms, the periodic reports): a PDF with the three embedded fonts
 * and deterministic metadata, a writer that moves a cursor down pages and lays styled runs out in wrapped, aligned
 * or justified lines, the national heading of Decree 30/2020, table rows with borders, page numbers. Pure: bytes in,
 * bytes out; the same input and date give the same bytes. Each document keeps its own page size, sizes and blocks.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { FontBytes } from './fonts.js';

export type Style = 'regular' | 'bold' | 'italic';
export interface Run {
  text: string;
  style?: Style;
}
export type Fonts = Record<Style, PDFFont>;
export type Align = 'left' | 'center' | 'right' | 'justify';
export interface Word {
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

/** A document's paper, in points. */
export interface PageGeometry {
  page: { width: number; height: number };
  margin: { left: number; right: number; top: number; bottom: number };
  /** the body text's size and line height (a multiple of the size) */
  body: number;
  leading: number;
  /** a justified line whose spaces would stretch by more than this share of the size stays ragged */
  maxStretch: number;
}

/** PDF points in a millimetre. */
export const MM = 72 / 25.4;
/** A4 with the margins of Decree 30/2020 (top and bottom 20 mm, left 30, right 15) and its 13-point body text. */
export const DECREE_30_A4: PageGeometry = {
  page: { width: 210 * MM, height: 297 * MM },
  margin: { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM },
  body: 13,
  leading: 1.25,
  maxStretch: 0.5,
};

export const BLACK = rgb(0, 0, 0);
export const nfc = (s: string) => s.normalize('NFC');
export const gapOf = (w: Word) => w.gapBefore ?? 0;
export const textWidth = (g: PageGeometry) => g.page.width - g.margin.left - g.margin.right;

/** A new PDF with the fonts embedded as subsets and the metadata set (in the order given); `date` fixes its dates. */
export async function createPdf(
  fontBytes: FontBytes,
  meta: { title: string; subject?: string; author?: string; order?: 'subject-first' | 'author-first' },
  date: Date,
): Promise<{ pdf: PDFDocument; fonts: Fonts }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await pdf.embedFont(fontBytes.regular, { subset: true }),
    bold: await pdf.embedFont(fontBytes.bold, { subset: true }),
    italic: await pdf.embedFont(fontBytes.italic, { subset: true }),
  };
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  // the order of the entries is the order in the file: kept per document so that its bytes stay as they were
  const entries = [
    () => meta.subject !== undefined && pdf.setSubject(meta.subject),
    () => meta.author !== undefined && pdf.setAuthor(meta.author),
  ];
  for (const set of meta.order === 'author-first' ? entries.reverse() : entries) set();
  pdf.setCreator('haicap');
  pdf.setProducer('haicap (pdf-lib)');
  pdf.setLanguage('vi-VN');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return { pdf, fonts };
}

/** Decree 30: page numbers centred over `x`…`x + width` in the top margin at `y`, none on the first page. */
export function numberPages(pdf: PDFDocument, font: PDFFont, o: { size: number; x: number; width: number; y: number }) {
  pdf.getPages().forEach((p, i) => {
    if (i === 0) return;
    const label = String(i + 1);
    p.drawText(label, { x: o.x + (o.width - font.widthOfTextAtSize(label, o.size)) / 2, y: o.y, size: o.size, font });
  });
}

/** A cursor over pages: `y` is the top of the next line. */
export class PdfWriter {
  page: PDFPage;
  y: number;
  readonly textWidth: number;
  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    readonly g: PageGeometry,
  ) {
    this.textWidth = textWidth(g);
    this.page = pdf.addPage([g.page.width, g.page.height]);
    this.y = g.page.height - g.margin.top;
  }

  newPage() {
    this.page = this.pdf.addPage([this.g.page.width, this.g.page.height]);
    this.y = this.g.page.height - this.g.margin.top;
  }

  /** Makes room for `height` points, on a new page if this one is full; true when a page was added. */
  ensure(height: number) {
    if (this.y - height < this.g.margin.bottom) {
      this.newPage();
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

  width(s: string, style: Style, size: number) {
    return this.fonts[style].widthOfTextAtSize(nfc(s), size);
  }

  /** The largest size up to `max` at which `text` fits in `width`. */
  fit(text: string, style: Style, max: number, width: number) {
    return Math.min(max, Math.floor((width / this.width(text, style, 1)) * 10) / 10);
  }

  /** Lays styled runs out in lines of at most `width` points (`firstWidth` for the first line). */
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
          for (const piece of part.split(/[ \t]+/).filter(Boolean))
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

  /**
   * Writes a paragraph, a new page as needed; `indent` shifts every line, `firstLine` the first line only, `hanging`
   * the lines after the first. Returns the number of lines.
   */
  paragraph(
    runs: Run[],
    o: {
      size?: number;
      align?: Align;
      indent?: number;
      firstLine?: number;
      hanging?: number;
      x?: number;
      width?: number;
    } = {},
  ) {
    const size = o.size ?? this.g.body;
    const x0 = (o.x ?? this.g.margin.left) + (o.indent ?? 0);
    const width = (o.width ?? this.textWidth) - (o.indent ?? 0);
    const first = o.firstLine ?? 0;
    const rest = o.hanging ?? 0;
    const lines = this.layout(runs, size, width - rest, width - first);
    const lh = size * this.g.leading;
    lines.forEach((line, i) => {
      this.ensure(lh);
      const offset = i === 0 ? first : rest;
      const start = x0 + offset;
      const avail = width - offset;
      const natural = line.reduce((s, w) => s + gapOf(w) + w.width, 0);
      const gaps = line.filter((w, k) => k > 0 && gapOf(w) > 0).length;
      const isLast = i === lines.length - 1 || !!line[line.length - 1]!.br;
      const stretch = o.align === 'justify' && !isLast && gaps > 0 ? (avail - natural) / gaps : 0;
      // a line with a long unbreakable word would open gaping holes: leave it ragged instead
      const extra = stretch > size * this.g.maxStretch ? 0 : stretch;
      let x =
        o.align === 'center' ? start + (avail - natural) / 2 : o.align === 'right' ? start + avail - natural : start;
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

  /** A rule of `length` centred in the column at `x`, `width`, `dy` under the cursor. */
  centredRule(x: number, width: number, length: number, dy: number) {
    this.line(x + (width - length) / 2, this.y - dy, x + (width + length) / 2, this.y - dy);
  }

  /**
   * One table row from the top of the cursor: each cell's laid-out lines, aligned in its column, a border around
   * each cell; moves the cursor under the row.
   */
  tableRow(
    cells: Word[][][],
    o: {
      widths: number[];
      aligns: readonly ('left' | 'center' | 'right')[];
      size: number;
      lh: number;
      pad: number;
      height: number;
    },
  ) {
    const top = this.y;
    let x = this.g.margin.left;
    cells.forEach((cell, i) => {
      const cw = o.widths[i]!;
      const a = o.aligns[i];
      cell.forEach((line, k) => {
        const natural = line.reduce((s, word) => s + gapOf(word) + word.width, 0);
        let tx = a === 'center' ? x + (cw - natural) / 2 : a === 'right' ? x + cw - o.pad - natural : x + o.pad;
        for (const [j, word] of line.entries()) {
          if (j > 0) tx += gapOf(word);
          this.text(word.text, tx, top - o.pad - (k + 1) * o.lh + o.size * 0.25, word.style, o.size);
          tx += word.width;
        }
      });
      this.page.drawRectangle({
        x,
        y: top - o.height,
        width: cw,
        height: o.height,
        borderColor: BLACK,
        borderWidth: 0.5,
      });
      x += cw;
    });
    this.y -= o.height;
  }
}

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

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The national name and motto of Decree 30's heading (Form I.1 of its Appendix I), centred in the right column, bold,
 * each as large as fits up to its maximum, with a rule as long as the motto under it; leaves the cursor 8 points
 * under the rule, where the place and date follow.
 */
export function nationalHeading(
  w: PdfWriter,
  o: { x: number; width: number; nationMax: number; mottoMax: number; ruleGap: number },
) {
  const column = { x: o.x, width: o.width, align: 'center' as const };
  w.paragraph([{ text: NATION, style: 'bold' }], { ...column, size: w.fit(NATION, 'bold', o.nationMax, o.width) });
  const mottoSize = w.fit(MOTTO, 'bold', o.mottoMax, o.width);
  w.paragraph([{ text: MOTTO, style: 'bold' }], { ...column, size: mottoSize });
  w.centredRule(o.x, o.width, w.width(MOTTO, 'bold', mottoSize), o.ruleGap);
  w.y -= 8;
}
