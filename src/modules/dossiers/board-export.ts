// The operations board as an Excel workbook: the place and period, the key figures, the figures by field, by unit
// (communes of a province, provinces of the country) with their names, and the trend by month. Read from the same
// summaries as the board (board.ts), so it costs what the board costs.
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../core/scope.js';
import type { Lang } from '../../core/i18n.js';
import type { DeadlineClock } from '../../core/clock.js';
import { unitNamesOn } from '../units/index.js';
import { dossierBoard, dossierTrend, type BoardQuery } from './board.js';
import { EXPORT_LABELS } from './export/labels.js';
import type { Field } from './domain/fields.js';

const WORDS = {
  vi: {
    summary: 'Tổng hợp',
    byField: 'Theo lĩnh vực',
    byUnit: 'Theo đơn vị',
    byMonth: 'Theo tháng',
    place: 'Địa bàn',
    country: 'Toàn quốc',
    period: 'Kỳ',
    asOf: 'Số liệu tồn đọng tại ngày',
    figure: 'Chỉ tiêu',
    value: 'Giá trị',
    field: 'Lĩnh vực',
    unit: 'Đơn vị',
    month: 'Tháng',
    allFields: 'Tất cả lĩnh vực',
    cols: [
      'Tiếp nhận',
      'Trực tuyến',
      'Đã giải quyết',
      'Đúng hạn',
      'Tỷ lệ đúng hạn (%)',
      'Tỷ lệ trực tuyến (%)',
      'Tỷ lệ số hóa (%)',
      'Tỷ lệ kết quả điện tử (%)',
      'Tỷ lệ hài lòng (%)',
    ],
    live: ['Đang giải quyết', 'Quá hạn', 'Đến hạn hôm nay', 'Chờ tiếp nhận'],
    index766: 'Chỉ số 766 (%)',
  },
  en: {
    summary: 'Summary',
    byField: 'By field',
    byUnit: 'By unit',
    byMonth: 'By month',
    place: 'Place',
    country: 'Whole country',
    period: 'Period',
    asOf: 'Backlog as of',
    figure: 'Figure',
    value: 'Value',
    field: 'Field',
    unit: 'Unit',
    month: 'Month',
    allFields: 'All fields',
    cols: [
      'Received',
      'Online',
      'Finished',
      'On time',
      'On-time rate (%)',
      'Online rate (%)',
      'Digitization rate (%)',
      'E-result rate (%)',
      'Satisfaction (%)',
    ],
    live: ['In progress', 'Overdue', 'Due today', 'In the queue'],
    index766: '766 index (%)',
  },
};

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

interface Row {
  received: number;
  receivedOnline: number;
  finished: number;
  finishedOnTime: number;
  onTimeRate: number | null;
  onlineRate: number | null;
  digitizationRate: number | null;
  eResultRate: number | null;
  satisfactionRate: number | null;
}
const cells = (r: Row) => [
  r.received,
  r.receivedOnline,
  r.finished,
  r.finishedOnTime,
  r.onTimeRate,
  r.onlineRate,
  r.digitizationRate,
  r.eResultRate,
  r.satisfactionRate,
];

export async function exportBoard(db: Db, actor: Actor, q: BoardQuery, clock: DeadlineClock, lang: Lang) {
  const w = WORDS[lang];
  const fields = EXPORT_LABELS[lang].field as Record<string, string>;
  const [board, trend] = await Promise.all([
    dossierBoard(db, actor, q, clock),
    dossierTrend(db, actor, { unit: q.unit, field: q.field }, clock),
  ]);
  const s = board.scope;
  const placeCode = s.kind === 'commune' ? s.communeCode : s.kind === 'province' ? s.provinceCode : null;
  const codes = [...new Set([...(placeCode ? [placeCode] : []), ...board.byUnit.map((u) => u.unitCode)])];
  const names = new Map(
    (codes.length ? await unitNamesOn(db, codes, board.today) : []).map((u) => [u.code, u.fullName ?? u.name]),
  );
  const place = placeCode ? (names.get(placeCode) ?? '') : w.country;

  const wb = new ExcelJS.Workbook();
  const head = (ws: ExcelJS.Worksheet, columns: string[], widths: number[]) => {
    ws.columns = columns.map((header, i) => ({ header, width: widths[i] ?? 14 }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const summary = wb.addWorksheet(w.summary);
  head(summary, [w.figure, w.value], [34, 40]);
  const t = board.totals;
  summary.addRows([
    [w.place, place],
    [w.period, `${dmy(board.period.from)} – ${dmy(board.period.to)}`],
    [w.field, q.field ? (fields[q.field as Field] ?? q.field) : w.allFields],
    ...w.cols.map((c, i) => [c, cells(t)[i]]),
    [w.index766, t.index766.percent],
    [`${w.asOf} ${dmy(board.today)}`, ''],
    ...w.live.map((c, i) => [c, [t.inProgress, t.overdue, t.dueToday, t.queue][i]]),
  ]);

  const byField = wb.addWorksheet(w.byField);
  head(byField, [w.field, ...w.cols], [34]);
  for (const r of [...board.byField].sort((a, b) => b.received - a.received))
    byField.addRow([fields[r.field as Field] ?? r.field, ...cells(r)]);

  if (board.byUnit.length) {
    const byUnit = wb.addWorksheet(w.byUnit);
    head(byUnit, [w.unit, ...w.cols, ...w.live, w.index766], [34]);
    for (const r of [...board.byUnit].sort((a, b) => b.received - a.received))
      byUnit.addRow([
        names.get(r.unitCode) ?? r.unitCode,
        ...cells(r),
        r.inProgress,
        r.overdue,
        r.dueToday,
        r.queue,
        r.index766.percent,
      ]);
  }

  const byMonth = wb.addWorksheet(w.byMonth);
  head(byMonth, [w.month, ...w.cols], [12]);
  for (const m of trend.months) byMonth.addRow([`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`, ...cells(m)]);

  return { file: Buffer.from(await wb.xlsx.writeBuffer()), place: placeCode ?? 'toan-quoc', today: board.today };
}
