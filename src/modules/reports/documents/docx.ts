/**
 * A report as a Word document in the administrative format of Decree 30/2020/NĐ-CP, Appendix I: A4, margins
 * 20/20/30/15 mm, Times New Roman 14 pt body; the header as a borderless two-column table (issuing body and number
 * on the left, national name and motto on the right, place and date under them); "BÁO CÁO" and the title centred;
 * numbered sections; tables whose header row repeats on every page; charts as SVG images (PNG fallback);
 * the signature block on the right and "Nơi nhận" on the left. Page numbers centred in the top margin, none on page 1.
 * Deterministic: the same model and `date` give the same bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { DocBlock, DocSection, ReportDocument } from '../domain/document-model.js';
import { chartPng, chartSvg } from './chart.js';
import { placeDateLine } from '../../../core/calendar/dates.js';
import { figureLine, formatCell, numberBlocks, numberLine, numberedTitle } from '../domain/format.js';
import { fixCoreDates, normalizeZip } from './zip.js';
import { columnWeights } from './layout.js';

const FONT = 'Times New Roman';
/** Millimetres to twips, rounded (docx's own helper truncates: A4 came out 1 twip short of 11906 × 16838). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const BODY = 14;
/** A4 text width: 210 − 30 − 15 mm. */
const TEXT_MM = 165;
const CHART = { width: 600, height: 300 } as const;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}
/** Characters XML 1.0 does not allow (C0 controls but tab and line breaks, U+FFFE, U+FFFF): Word refuses the file. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({
    text: text.normalize('NFC').replace(NOT_XML, ''),
    font: FONT,
    bold: o.bold,
    italics: o.italics,
    size: (o.size ?? BODY) * 2,
  });

const para = (
  children: ParagraphChild[],
  o: { align?: Align; before?: number; after?: number; firstLine?: boolean; keepNext?: boolean } = {},
) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: (o.before ?? 0) * 20, after: (o.after ?? 0) * 20, line: 276 },
    indent: o.firstLine ? { firstLine: mm(12.7) } : undefined,
    keepNext: o.keepNext,
    children,
  });
const centre = (children: ParagraphChild[], o: { before?: number; after?: number } = {}) =>
  para(children, { align: AlignmentType.CENTER, ...o });

/** A short horizontal rule: an empty paragraph with a bottom border, narrowed by indents to `widthMm` of `cellMm`. */
const rule = (cellMm: number, widthMm: number) =>
  new Paragraph({
    spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' },
    indent: { left: mm((cellMm - widthMm) / 2), right: mm((cellMm - widthMm) / 2) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const plainCell = (widthMm: number, children: Paragraph[]) =>
  new TableCell({ width: { size: mm(widthMm), type: WidthType.DXA }, borders: noBorders, children });
const twoColumns = (leftMm: number, left: Paragraph[], right: Paragraph[]) =>
  new Table({
    width: { size: mm(TEXT_MM), type: WidthType.DXA },
    columnWidths: [mm(leftMm), mm(TEXT_MM - leftMm)],
    borders: noBorders,
    rows: [new TableRow({ children: [plainCell(leftMm, left), plainCell(TEXT_MM - leftMm, right)] })],
  });

function headerTable(doc: ReportDocument) {
  const leftMm = 63;
  const rightMm = TEXT_MM - leftMm;
  const h = doc.header;
  return twoColumns(
    leftMm,
    [
      ...(h.parentBody ? [centre([run(h.parentBody.toUpperCase(), { size: 13 })])] : []),
      centre([run(h.issuingBody.toUpperCase(), { bold: true, size: 13 })]),
      rule(leftMm, 22),
      centre([run(numberLine(h), { size: 13 })], { before: 6 }),
    ],
    [
      centre([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12.5 })]),
      centre([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13 })]),
      rule(rightMm, 62),
      centre([run(placeDateLine(h.place, h.date), { italics: true, size: 14 })], { before: 6 }),
    ],
  );
}

/** "DỰ THẢO" in a box at the top right while the report is not approved. */
const draftMark = () =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: mm(TEXT_MM - 32) },
    spacing: { after: 120 },
    border: {
      top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
      bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
      left: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
      right: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 },
    },
    children: [run('DỰ THẢO', { bold: true, size: 13 })],
  });

const bodyParagraphs = (text: string, o: RunOpts = {}) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => para([run(t, o)], { firstLine: true, after: 6 }));

function tableOf(block: Extract<DocBlock, { kind: 'table' }>, n: number) {
  const weights = columnWeights(block);
  const widths = weights.map((w) => Math.round(mm(TEXT_MM) * w));
  const cell = (text: string, width: number, o: { bold?: boolean; align: Align }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: o.align,
          spacing: { before: 0, after: 0 },
          children: [run(text, { bold: o.bold, size: 12 })],
        }),
      ],
    });
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) => cell(c.label, widths[i]!, { bold: true, align: AlignmentType.CENTER })),
  });
  const rows = block.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: block.columns.map((c, i) =>
          cell(formatCell(r[i] ?? null, c.format), widths[i]!, {
            align: c.format === 'text' ? AlignmentType.LEFT : AlignmentType.RIGHT,
          }),
        ),
      }),
  );
  return [
    centre([run(numberedTitle('Bảng', n, block.title), { bold: true, size: 13 })], { before: 6, after: 3 }),
    new Table({ width: { size: mm(TEXT_MM), type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] }),
    ...(block.note
      ? [para([run(block.note, { italics: true, size: 12 })], { before: 3, after: 6 })]
      : [para([run('', { size: 6 })])]),
  ];
}

async function blockOf(block: DocBlock, numbers: ReturnType<typeof numberBlocks>): Promise<(Paragraph | Table)[]> {
  switch (block.kind) {
    case 'paragraph':
      return bodyParagraphs(block.text, { bold: block.style === 'bold', italics: block.style === 'italic' });
    case 'notice':
      return bodyParagraphs(block.text, { italics: true });
    case 'figures':
      return block.items.map((f) => {
        const l = figureLine(f);
        return para(
          [run(`- ${l.label}: `), run(l.value, { bold: true }), run(l.previous ? ` (${l.previous}).` : '.')],
          {
            firstLine: true,
            after: 3,
          },
        );
      });
    case 'table':
      return tableOf(block, numbers.tables.get(block)!);
    case 'chart': {
      const svg = await chartSvg(block, CHART.width, CHART.height);
      const png = chartPng(block, CHART.width, CHART.height);
      return [
        centre(
          [
            new ImageRun({
              type: 'svg',
              data: new TextEncoder().encode(svg),
              transformation: { width: CHART.width, height: CHART.height },
              fallback: { type: 'png', data: png },
              altText: { name: block.title, title: block.title, description: block.title },
            }),
          ],
          { before: 6 },
        ),
        centre([run(numberedTitle('Biểu đồ', numbers.charts.get(block)!, block.title), { bold: true, size: 13 })], {
          after: 6,
        }),
      ];
    }
  }
}

async function sectionOf(
  s: DocSection,
  depth: number,
  numbers: ReturnType<typeof numberBlocks>,
): Promise<(Paragraph | Table)[]> {
  const heading = para([run(`${s.number}. ${s.title}`, { bold: true, italics: depth >= 2 })], {
    firstLine: true,
    before: depth === 0 ? 6 : 3,
    after: 6,
    keepNext: true,
  });
  const out: (Paragraph | Table)[] = [heading];
  for (const b of s.blocks) out.push(...(await blockOf(b, numbers)));
  for (const sub of s.subsections ?? []) out.push(...(await sectionOf(sub, depth + 1, numbers)));
  return out;
}

function closing(doc: ReportDocument) {
  const leftMm = 75;
  const sig = doc.signature;
  return twoColumns(
    leftMm,
    [
      new Paragraph({
        spacing: { before: 0, after: 0 },
        children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })],
      }),
      ...doc.recipients.map(
        (r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(r, { size: 11 })] }),
      ),
    ],
    [
      ...(sig.authority ? [centre([run(sig.authority.toUpperCase(), { bold: true })])] : []),
      centre([run(sig.position.toUpperCase(), { bold: true })]),
      ...Array.from({ length: 4 }, () => centre([run('')])),
      centre([run(sig.signerName ?? '', { bold: true })]),
    ],
  );
}

export async function renderReportDocx(doc: ReportDocument, date: Date): Promise<Uint8Array> {
  const numbers = numberBlocks(doc);
  const body: (Paragraph | Table)[] = [];
  for (const s of doc.sections) body.push(...(await sectionOf(s, 0, numbers)));
  const file = new Document({
    creator: 'haicap',
    lastModifiedBy: 'haicap',
    title: `${doc.kindTitle} ${doc.title}`.normalize('NFC'),
    styles: { default: { document: { run: { font: FONT, size: BODY * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
              }),
            ],
          }),
        },
        children: [
          ...(doc.draft ? [draftMark()] : []),
          headerTable(doc),
          centre([run(doc.kindTitle.toUpperCase(), { bold: true })], { before: 18 }),
          centre([run(doc.title, { bold: true })]),
          rule(TEXT_MM, 30),
          ...(doc.preamble ? bodyParagraphs(doc.preamble) : []),
          ...body,
          centre([run('')]),
          closing(doc),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(file);
  let docPr = 0;
  return normalizeZip(bytes, date, (name, text) => {
    if (name === 'docProps/core.xml') return fixCoreDates(text, date);
    if (name === 'word/document.xml')
      return text.replace(/(<wp:docPr id=")\d+"/g, (_m, open: string) => `${open}${++docPr}"`);
    return text;
  });
}
