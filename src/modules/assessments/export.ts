/** The unit's annual classification list: an Excel workbook and a report in the official format (Decree 30/2020). */
import ExcelJS from 'exceljs';
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
  type ITableCellOptions,
} from 'docx';
import { placeDateLine } from '../../core/calendar/dates.js';
import type { Band } from './domain/settings.js';
import type { unitAnnual } from './service.js';

type UnitAnnual = Awaited<ReturnType<typeof unitAnnual>>;

export const BAND_VI: Record<Band, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};
const NOT_RATED_VI: Record<string, string> = {
  under_min_months: 'Không xếp loại (công tác dưới 6 tháng)',
  no_scores: 'Chưa có điểm kỳ nào',
};
const CATEGORY_VI: Record<string, string> = {
  cadre: 'Cán bộ',
  civil_servant: 'Công chức',
  public_employee: 'Viên chức',
  contract: 'Hợp đồng lao động',
};
const CAP_VI: Record<string, string> = { absence: 'nghỉ từ 3 tháng', sanction: 'bị kỷ luật' };

const bandText = (r: UnitAnnual['items'][number]) =>
  r.band ? BAND_VI[r.band] : (NOT_RATED_VI[r.notRatedReason ?? ''] ?? 'Chưa xếp loại');
const note = (r: UnitAnnual['items'][number]) =>
  [
    r.caps.length ? `Giới hạn mức do ${r.caps.map((c) => CAP_VI[c] ?? c).join(', ')}` : '',
    r.loweredReason ? `Hạ mức: ${r.loweredReason}` : '',
    r.status === 'confirmed' ? '' : 'Đề xuất, chưa xác nhận',
  ]
    .filter(Boolean)
    .join('; ');

export async function annualWorkbook(data: UnitAnnual): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'haicap';
  const ws = wb.addWorksheet('Xếp loại năm', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.addRow([`KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM ${data.year} — ${data.unit.name.toUpperCase()}`]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([
    `Hạn hoàn thành: ${data.due.split('-').reverse().join('/')}. ` +
      `Tỷ lệ hoàn thành xuất sắc: ${data.quota.excellent}/${data.quota.quota} (tối đa theo tỷ lệ)` +
      `${data.quota.exceeded ? ' — VƯỢT TỶ LỆ' : ''}.`,
  ]);
  ws.addRow([]);
  const header = ws.addRow([
    'STT',
    'Họ và tên',
    'Đối tượng',
    'Số tháng công tác',
    'Số kỳ có điểm',
    'Điểm bình quân',
    'Mức theo điểm',
    'Mức xếp loại',
    'Trạng thái',
    'Ghi chú',
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  data.items.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.fullName ?? '',
      CATEGORY_VI[r.category ?? ''] ?? '',
      r.monthsWorked,
      r.periodsScored,
      r.average,
      r.scoredBand ? BAND_VI[r.scoredBand] : '',
      bandText(r),
      r.status === 'confirmed' ? 'Đã xác nhận' : 'Đề xuất',
      note(r),
    ]);
  });
  ws.addRow([]);
  for (const b of ['excellent', 'good', 'completed', 'not_completed'] as Band[])
    ws.addRow(['', BAND_VI[b], '', '', '', data.quota.counts[b]]);
  ws.addRow(['', 'Không xếp loại / chưa có điểm', '', '', '', data.notRated]);
  ws.columns = [
    { width: 6 },
    { width: 30 },
    { width: 14 },
    { width: 12 },
    { width: 10 },
    { width: 10 },
    { width: 28 },
    { width: 30 },
    { width: 14 },
    { width: 40 },
  ];
  ws.getColumn(6).numFmt = '0.00';
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------- the report, Decree 30/2020 ----------

const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (o.size ?? 14) * 2,
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
  });
const centre = (runs: TextRun[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children: runs });
const body = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: convertMillimetersToTwip(12.7) },
    spacing: { before: 120, after: 0, line: 312 },
    children: [run(text)],
  });
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const cell = (children: Paragraph[], o: Partial<ITableCellOptions> = {}) => new TableCell({ children, ...o });

/** The issuing body: a commune's People's Committee, or the province's Department of Home Affairs. */
function issuer(data: UnitAnnual): { parent: string | null; name: string[]; short: string; place: string } {
  if (data.unit.level === 'commune') {
    const place = data.unit.name.replace(/^(Xã|Phường|Đặc khu)\s+/u, '');
    return { parent: null, name: ['ỦY BAN NHÂN DÂN', data.unit.name.toUpperCase()], short: 'UBND', place };
  }
  const place = data.unit.name.replace(/^(Tỉnh|Thành phố)\s+/u, '');
  return { parent: `UBND ${data.unit.name.toUpperCase()}`, name: ['SỞ NỘI VỤ'], short: 'SNV', place };
}

export async function annualReportDocx(data: UnitAnnual, today: string): Promise<Buffer> {
  const who = issuer(data);
  const counts = data.quota.counts;
  const rated = counts.excellent + counts.good + counts.completed + counts.not_completed;
  const pct = (n: number) => (rated ? `${(Math.round((1000 * n) / rated) / 10).toLocaleString('vi-VN')}%` : '0%');
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(who.parent ? [centre([run(who.parent, { size: 13 })])] : []),
              ...who.name.map((line) => centre([run(line, { bold: true, size: 13 })])),
              centre([run('──────', { size: 13 })]),
              centre([run(`Số:      /BC-${who.short}`, { size: 13 })]),
            ],
            { width: { size: 40, type: WidthType.PERCENTAGE } },
          ),
          cell(
            [
              centre([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })]),
              centre([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14, underline: true })]),
              centre([run('')]),
              centre([run(placeDateLine(who.place, today), { italics: true, size: 14 })]),
            ],
            { width: { size: 60, type: WidthType.PERCENTAGE } },
          ),
        ],
      }),
    ],
  });
  const th = (t: string) => cell([centre([run(t, { bold: true, size: 12 })])]);
  const td = (t: string, align: 'left' | 'center' = 'left') =>
    cell([
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(t, { size: 12 })],
      }),
    ]);
  const list = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          th('STT'),
          th('Họ và tên'),
          th('Đối tượng'),
          th('Điểm bình quân'),
          th('Mức xếp loại'),
          th('Ghi chú'),
        ],
      }),
      ...data.items.map(
        (r, i) =>
          new TableRow({
            children: [
              td(String(i + 1), 'center'),
              td(r.fullName ?? ''),
              td(CATEGORY_VI[r.category ?? ''] ?? ''),
              td(
                r.average === null
                  ? ''
                  : r.average.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
                'center',
              ),
              td(bandText(r)),
              td(note(r)),
            ],
          }),
      ),
    ],
  });
  const signer = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
              ...(data.unit.level === 'commune'
                ? ['- Sở Nội vụ tỉnh;', '- Chủ tịch, các Phó Chủ tịch UBND;', '- Lưu: VT, VP.']
                : ['- Bộ Nội vụ;', '- UBND tỉnh;', '- Lưu: VT, TCCB.']
              ).map((l) => new Paragraph({ children: [run(l, { size: 11 })] })),
            ],
            { width: { size: 50, type: WidthType.PERCENTAGE } },
          ),
          cell(
            [
              centre([
                run(data.unit.level === 'commune' ? 'TM. ỦY BAN NHÂN DÂN' : 'GIÁM ĐỐC', { bold: true, size: 13 }),
              ]),
              ...(data.unit.level === 'commune' ? [centre([run('CHỦ TỊCH', { bold: true, size: 13 })])] : []),
              centre([run('')]),
              centre([run('')]),
              centre([run('')]),
            ],
            { width: { size: 50, type: WidthType.PERCENTAGE } },
          ),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: 'haicap',
    title: `Báo cáo kết quả xếp loại năm ${data.year}`,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
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
          titlePage: true,
        },
        children: [
          header,
          centre([run('')]),
          centre([run('BÁO CÁO', { bold: true, size: 14 })]),
          centre([
            run(`Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm ${data.year}`, {
              bold: true,
              size: 14,
            }),
          ]),
          centre([run('──────', { size: 13 })], 120),
          body(
            'Thực hiện Luật Cán bộ, công chức số 80/2025/QH15 và Nghị định số 335/2025/NĐ-CP của Chính phủ ' +
              'về đánh giá, xếp loại chất lượng cán bộ, công chức (đối với viên chức: Nghị định số 233/2026/NĐ-CP), ' +
              `${data.unit.name} báo cáo kết quả đánh giá, xếp loại chất lượng năm ${data.year} như sau:`,
          ),
          body(
            `1. Tổng số người thuộc đơn vị: ${data.staff}; số người được xếp loại: ${rated}; ` +
              `không xếp loại hoặc chưa có điểm: ${data.notRated}.`,
          ),
          body(
            `2. Kết quả: Hoàn thành xuất sắc nhiệm vụ ${counts.excellent} người (${pct(counts.excellent)}); ` +
              `Hoàn thành tốt nhiệm vụ ${counts.good} người (${pct(counts.good)}); ` +
              `Hoàn thành nhiệm vụ ${counts.completed} người (${pct(counts.completed)}); ` +
              `Không hoàn thành nhiệm vụ ${counts.not_completed} người (${pct(counts.not_completed)}).`,
          ),
          body(
            data.quota.exceeded
              ? `3. Số người xếp loại hoàn thành xuất sắc nhiệm vụ (${counts.excellent}) vượt tỷ lệ cho phép ` +
                  `(tối đa ${data.quota.quota} người); đơn vị rà soát lại trước khi công bố.`
              : `3. Số người xếp loại hoàn thành xuất sắc nhiệm vụ (${counts.excellent}) trong tỷ lệ cho phép ` +
                  `(tối đa ${data.quota.quota} người).`,
          ),
          body(`4. Danh sách chi tiết kèm theo (${data.items.length} người).`),
          centre([run('')]),
          list,
          centre([run('')]),
          signer,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
