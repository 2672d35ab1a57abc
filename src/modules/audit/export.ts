// The audit log as an Excel workbook, in words: who by name and post, the action and the record by name, the unit's
// name, each change as "label: before → after" (audit/domain/words.ts).
import ExcelJS from 'exceljs';
import { auditActionWords, auditEntityWords, changeSummaryWords, type AuditLang } from './domain/words.js';

interface Entry {
  at: string;
  actor: { name: string; post: string | null } | null;
  ip: string | null;
  action: string;
  entity: string;
  unitName: string | null;
  before: unknown;
  after: unknown;
}

const COLUMNS: Record<AuditLang, { sheet: string; cols: string[]; system: string; more: string }> = {
  vi: {
    sheet: 'Nhật ký',
    cols: ['Thời gian', 'Người thực hiện', 'Chức vụ', 'Thao tác', 'Đối tượng', 'Đơn vị', 'Thay đổi', 'Từ địa chỉ'],
    system: 'Hệ thống',
    more: 'Còn nhiều mục hơn: hãy thu hẹp bộ lọc (mỗi tệp tối đa {n} mục, mới nhất trước).',
  },
  en: {
    sheet: 'Audit log',
    cols: ['Time', 'By', 'Post', 'Action', 'Record', 'Unit', 'Change', 'From address'],
    system: 'The platform',
    more: 'There are more entries: narrow the filter (at most {n} a file, newest first).',
  },
};

/** dd/mm/yyyy hh:mm in Vietnam's time. */
function vnTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export async function auditWorkbook(items: Entry[], lang: AuditLang, withIp: boolean, truncated: boolean) {
  const c = COLUMNS[lang];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(c.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = withIp ? c.cols : c.cols.slice(0, -1);
  const widths = [18, 26, 34, 28, 28, 30, 60, 16];
  ws.columns = cols.map((header, i) => ({ header, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  for (const e of items) {
    const row = [
      vnTime(e.at),
      e.actor?.name ?? c.system,
      e.actor?.post ?? '',
      auditActionWords(lang, e.entity, e.action),
      auditEntityWords(lang, e.entity),
      e.unitName ?? '',
      changeSummaryWords(lang, e.before, e.after).join('\n'),
    ];
    ws.addRow(withIp ? [...row, e.ip ?? ''] : row).alignment = { vertical: 'top', wrapText: true };
  }
  if (truncated) ws.addRow([c.more.replace('{n}', (20_000).toLocaleString('vi-VN'))]).font = { italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
