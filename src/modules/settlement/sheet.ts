/**
 * A person's settlement sheet (bảng tính chế độ) as a Word document in the administrative format of Decree 30/2020
 * (A4, Times New Roman, the national motto, the agency, the title, the signature block): the person, the dates, every
 * benefit line with its formula and legal basis, the total and any amount decided instead, for signing. The same
 * content (`sheetContent`) is printed as PDF by sheet-pdf.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { CaseDetail } from './contract.js';
import { ruleVersionWords } from './domain/citation.js';
import { CATEGORY_LABELS, REGIME_LABELS, label } from './labels.js';

const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, bold: o.bold, italics: o.italics, size: (o.size ?? 13) * 2 });
const centre = (children: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children });
const para = (text: string) => new Paragraph({ spacing: { before: 60 }, children: [run(text)] });
const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const viDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const cell = (
  text: string,
  bold = false,
  align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
) => new TableCell({ children: [new Paragraph({ alignment: align, children: [run(text, { bold, size: 12 })] })] });

/** What the sheet says, the same in Word and PDF: the heading lines, the person's paragraphs, the lines, the notes. */
export interface SheetContent {
  agency: string;
  title: string;
  basis: string;
  paragraphs: string[];
  head: string[];
  rows: string[][];
  total: string;
  notes: string[];
  signers: [string, string];
}

export function sheetContent(c: CaseDetail): SheetContent {
  const b = c.benefit;
  const parts = b.salary?.parts.map((p) => `${p.label} ${p.basis} = ${p.amount.toLocaleString('vi-VN')}`).join('; ');
  const salaryText = b.salary
    ? `Tiền lương tháng hiện hưởng (tháng ${b.salary.month.slice(5, 7)}/${b.salary.month.slice(0, 4)}, lương cơ sở ` +
      `${vnd(b.salary.baseSalary)}): ${parts}; cộng ${vnd(b.monthlySalary)}.`
    : `Tiền lương tháng hiện hưởng: ${vnd(b.monthlySalary)}.`;
  return {
    agency: c.agencyName.toUpperCase(),
    title: 'BẢNG TÍNH CHẾ ĐỘ, CHÍNH SÁCH NGHỈ VIỆC',
    basis: 'theo Nghị định số 178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP',
    paragraphs: [
      `Họ và tên: ${c.fullName}. Ngày sinh: ${viDate(c.birthDate)}. Đối tượng: ${label(CATEGORY_LABELS, c.category, 'vi')}.`,
      `Chế độ: ${label(REGIME_LABELS, c.regime, 'vi')}. Mã hồ sơ: ${c.code}.`,
      `Quyết định sắp xếp tổ chức bộ máy: ${c.restructuringDecisionNo} ngày ${viDate(c.restructuringDecisionDate)}. ` +
        `Thời điểm nghỉ việc: ${viDate(c.leaveDate)}. Thời điểm nghỉ hưu theo quy định: ${viDate(b.retirementDate)}` +
        `${b.retirementAge ? ` (${b.retirementAge.years} tuổi ${b.retirementAge.months} tháng)` : ''}. ` +
        `Số tháng nghỉ sớm: ${b.monthsEarly}. Số năm đóng BHXH bắt buộc được tính: ${b.insuranceYears.toLocaleString('vi-VN')}.`,
      salaryText,
    ],
    head: ['TT', 'Khoản trợ cấp', 'Cách tính', 'Số tháng lương', 'Số tiền', 'Căn cứ'],
    rows: b.lines.map((l, i) => [
      String(i + 1),
      l.label,
      l.formula,
      l.months.toLocaleString('vi-VN'),
      l.amount.toLocaleString('vi-VN'),
      l.clause,
    ]),
    total: b.total.toLocaleString('vi-VN'),
    notes: [
      ...(c.overrideAmount != null
        ? [`Số tiền được duyệt điều chỉnh: ${vnd(c.overrideAmount)} (lý do: ${c.overrideReason ?? ''}).`]
        : []),
      ...b.warnings.map((w) => `Ghi chú: ${w.message}.`),
      `Căn cứ tính: ${ruleVersionWords(c.ruleVersion, 'vi')}.`,
    ],
    signers: ['NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ'],
  };
}

export async function settlementSheet(c: CaseDetail): Promise<Buffer> {
  const k = sheetContent(c);
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            children: [centre([run(k.agency, { bold: true, size: 12 })]), centre([run('───────')])],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            children: [
              centre([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })]),
              centre([run('Độc lập - Tự do - Hạnh phúc', { bold: true })]),
              centre([run('───────────────')]),
            ],
          }),
        ],
      }),
    ],
  });
  const right = new Set([3, 4]);
  const lines = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: k.head.map((h) => cell(h, true, AlignmentType.CENTER)),
      }),
      ...k.rows.map(
        (r) =>
          new TableRow({
            children: r.map((t, i) =>
              cell(t, false, i === 0 ? AlignmentType.CENTER : right.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT),
            ),
          }),
      ),
      new TableRow({
        children: [
          cell(''),
          cell('Tổng cộng', true),
          cell(''),
          cell(''),
          cell(k.total, true, AlignmentType.RIGHT),
          cell(''),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'haicap',
    title: `Bảng tính chế độ ${c.code}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        children: [
          header,
          centre([run('')]),
          centre([run(k.title, { bold: true, size: 14 })]),
          centre([run(k.basis, { italics: true })]),
          ...k.paragraphs.map(para),
          lines,
          ...k.notes.map(para),
          centre([run('')]),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: noBorders,
            rows: [
              new TableRow({
                children: k.signers.map((t) => new TableCell({ children: [centre([run(t, { bold: true })])] })),
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
