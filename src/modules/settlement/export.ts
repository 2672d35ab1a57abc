/** Excel exports of the settlement lists and the progress board (Vietnamese headers, as agencies' officers use). */
import ExcelJS from 'exceljs';
import type { Lang } from '../../core/i18n.js';
import type { Progress } from './contract.js';
import { CATEGORY_LABELS, REGIME_LABELS, STATUS_LABELS, label } from './labels.js';
import type { casesForExport } from './service.js';

type CaseRows = Awaited<ReturnType<typeof casesForExport>>;

const HEAD = {
  vi: {
    cases: 'Danh sách hồ sơ nghỉ việc',
    progress: 'Tiến độ giải quyết chính sách',
    caseCols: [
      'STT',
      'Mã hồ sơ',
      'Cơ quan, đơn vị',
      'Họ và tên',
      'Đối tượng',
      'Chế độ',
      'Ngày nghỉ việc',
      'Trạng thái',
      'Số tiền tính (đồng)',
      'Số tiền điều chỉnh (đồng)',
      'Đã chi trả (đồng)',
      'Ngày chi trả',
      'Số quyết định nghỉ việc',
      'Quá hạn',
    ],
    progCols: [
      'STT',
      'Cơ quan, đơn vị',
      'Tổng số hồ sơ',
      'Đề nghị',
      'Đã phê duyệt',
      'Đã có quyết định',
      'Đã chi trả',
      'Đã kết thúc',
      'Không chấp thuận',
      'Tổng kinh phí (đồng)',
      'Đã chi trả (đồng)',
      'Quá hạn',
      'Tỷ lệ hoàn thành',
      'Hoàn thành',
      'Số ngày chậm báo cáo',
    ],
    yes: 'Có',
    no: 'Không',
  },
  en: {
    cases: 'Leaving cases',
    progress: 'Settlement progress',
    caseCols: [
      'No.',
      'Case',
      'Agency',
      'Full name',
      'Category',
      'Regime',
      'Leaving date',
      'Status',
      'Computed (VND)',
      'Override (VND)',
      'Paid (VND)',
      'Paid on',
      'Leaving decision',
      'Late',
    ],
    progCols: [
      'No.',
      'Agency',
      'Cases',
      'Proposed',
      'Approved',
      'Decided',
      'Paid',
      'Closed',
      'Refused',
      'Total (VND)',
      'Paid (VND)',
      'Late',
      'Settled share',
      'Finished',
      'Days late (report)',
    ],
    yes: 'Yes',
    no: 'No',
  },
};

function sheet(wb: ExcelJS.Workbook, title: string, cols: string[]) {
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.addRow(cols).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 6 : i === 2 || i === 1 ? 32 : 16));
  return ws;
}

export async function casesWorkbook(rows: CaseRows, lang: Lang): Promise<Buffer> {
  const h = HEAD[lang];
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, h.cases, h.caseCols);
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.code,
      r.agencyName,
      r.fullName,
      label(CATEGORY_LABELS, r.category, lang),
      label(REGIME_LABELS, r.regime, lang),
      r.leaveDate,
      label(STATUS_LABELS, r.status, lang),
      r.benefitTotal,
      r.overrideAmount,
      r.paidAmount,
      r.paidOn,
      r.leavingDecisionNo,
      r.late ? h.yes : h.no,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function progressWorkbook(p: Progress, lang: Lang): Promise<Buffer> {
  const h = HEAD[lang];
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, h.progress, h.progCols);
  p.rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.name,
      r.cases,
      r.proposed,
      r.approved,
      r.decided,
      r.paid,
      r.closed,
      r.refused,
      r.totalAmount,
      r.paidAmount,
      r.late,
      Math.round(r.settledShare * 1000) / 10,
      r.finished ? h.yes : h.no,
      r.daysLate,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
