/**
 * Excel import of an agency's case list: the columns its officers already use, with Vietnamese headers (found by
 * name, in any order), values as they are written (Nam/Nữ, Công chức, dd/mm/yyyy …); errors by row and column; all or
 * nothing (service.importCases).
 */
import ExcelJS from 'exceljs';
import { searchKey } from '../../core/text.js';
import type { CaseBody } from './contract.js';
import type { ImportRowError } from './service.js';

export const MAX_IMPORT_ROWS = 5_000;

const COLUMNS = [
  { key: 'fullName', header: 'Họ và tên', required: true },
  { key: 'birthDate', header: 'Ngày sinh', required: true },
  { key: 'sex', header: 'Giới tính', required: true },
  { key: 'category', header: 'Đối tượng', required: true },
  { key: 'regime', header: 'Chế độ', required: true },
  { key: 'coefficient', header: 'Hệ số lương', required: true },
  { key: 'leadershipCoefficient', header: 'Hệ số phụ cấp chức vụ', required: false },
  { key: 'otherCoefficient', header: 'Hệ số phụ cấp khác', required: false },
  { key: 'publicService', header: 'Phụ cấp công vụ', required: false },
  { key: 'siYears', header: 'Số năm đóng BHXH', required: true },
  { key: 'siMonths', header: 'Số tháng lẻ', required: false },
  { key: 'ratings', header: 'Xếp loại 3 năm gần nhất', required: true },
  { key: 'decisionNo', header: 'Số quyết định sắp xếp', required: true },
  { key: 'decisionDate', header: 'Ngày quyết định sắp xếp', required: true },
  { key: 'leaveDate', header: 'Ngày nghỉ việc', required: true },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

export const IMPORT_HEADERS = COLUMNS.map((c) => c.header);

/** Which column a field of the case answers to (for the errors). */
const FIELD_COLUMN: Record<string, Key> = {
  fullName: 'fullName',
  birthDate: 'birthDate',
  sex: 'sex',
  category: 'category',
  regime: 'regime',
  group: 'regime',
  monthlySalary: 'coefficient',
  salary: 'coefficient',
  socialInsurance: 'siYears',
  lastThreeYears: 'ratings',
  restructuringDecisionDate: 'decisionDate',
  leaveDate: 'leaveDate',
};

const norm = (s: string) =>
  searchKey(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const CATEGORY: Record<string, CaseBody['category']> = {
  'cong chuc': 'civil_servant',
  'vien chuc': 'public_employee',
  'can bo cong chuc cap xa': 'commune_cadre',
  'can bo cap xa': 'commune_cadre',
  'nguoi lao dong': 'contract_worker',
};
const REGIME: Record<string, CaseBody['regime']> = {
  'nghi huu truoc tuoi': 'early_retirement',
  'dieu 7': 'early_retirement',
  'dieu 7a': 'early_retirement_streamlining',
  'dieu 7b': 'early_retirement_not_reelected',
  'thoi viec': 'quit',
  'nghi thoi viec': 'quit',
};
const RATING: Record<string, 'excellent' | 'good' | 'completed' | 'not_completed'> = {
  'xuat sac': 'excellent',
  'hoan thanh xuat sac nhiem vu': 'excellent',
  tot: 'good',
  'hoan thanh tot nhiem vu': 'good',
  'hoan thanh': 'completed',
  'hoan thanh nhiem vu': 'completed',
  'khong hoan thanh': 'not_completed',
  'khong hoan thanh nhiem vu': 'not_completed',
};

function text(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}
function isoDate(v: ExcelJS.CellValue): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = text(v);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}
const number = (v: ExcelJS.CellValue) => {
  const s = text(v).replace(',', '.');
  return s === '' || !Number.isFinite(Number(s)) ? null : Number(s);
};

export interface ParsedImport {
  rows: { row: number; body: CaseBody; columnOf: (field: string) => string | null }[];
  errors: ImportRowError[];
}

export async function parseCaseList(file: Buffer, agency: string, lang: 'vi' | 'en'): Promise<ParsedImport> {
  const wb = new ExcelJS.Workbook();
  const errors: ImportRowError[] = [];
  const say = (vi: string, en: string) => (lang === 'en' ? en : vi);
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return {
      rows: [],
      errors: [{ row: 0, column: null, message: say('Tệp không phải Excel (.xlsx).', 'Not an Excel file (.xlsx).') }],
    };
  }
  const ws = wb.worksheets[0];
  if (!ws)
    return { rows: [], errors: [{ row: 0, column: null, message: say('Tệp không có trang tính.', 'No worksheet.') }] };
  const where = new Map<Key, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = norm(text(cell.value));
    const c = COLUMNS.find((x) => norm(x.header) === h);
    if (c) where.set(c.key, col);
  });
  for (const c of COLUMNS)
    if (c.required && !where.has(c.key))
      errors.push({ row: 1, column: c.header, message: say('Thiếu cột bắt buộc.', 'A required column is missing.') });
  if (errors.length) return { rows: [], errors };
  const header = (k: Key) => COLUMNS.find((c) => c.key === k)!.header;
  const columnOf = (field: string) => (FIELD_COLUMN[field] ? header(FIELD_COLUMN[field]!) : null);
  const rows: ParsedImport['rows'] = [];
  const last = ws.actualRowCount;
  if (last - 1 > MAX_IMPORT_ROWS)
    return {
      rows: [],
      errors: [
        { row: 0, column: null, message: say(`Tối đa ${MAX_IMPORT_ROWS} dòng.`, `At most ${MAX_IMPORT_ROWS} rows.`) },
      ],
    };
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (k: Key) => (where.has(k) ? row.getCell(where.get(k)!).value : null);
    if (COLUMNS.every((c) => text(get(c.key)) === '')) continue;
    const bad = (k: Key, vi: string, en: string) => errors.push({ row: r, column: header(k), message: say(vi, en) });
    const before = errors.length;
    for (const c of COLUMNS) if (c.required && text(get(c.key)) === '') bad(c.key, 'Thiếu giá trị.', 'Missing value.');
    const birthDate = isoDate(get('birthDate'));
    if (text(get('birthDate')) && !birthDate)
      bad('birthDate', 'Ngày không hợp lệ (dd/mm/yyyy).', 'Not a date (dd/mm/yyyy).');
    const decisionDate = isoDate(get('decisionDate'));
    if (text(get('decisionDate')) && !decisionDate)
      bad('decisionDate', 'Ngày không hợp lệ (dd/mm/yyyy).', 'Not a date (dd/mm/yyyy).');
    const leaveDate = isoDate(get('leaveDate'));
    if (text(get('leaveDate')) && !leaveDate)
      bad('leaveDate', 'Ngày không hợp lệ (dd/mm/yyyy).', 'Not a date (dd/mm/yyyy).');
    const sexText = norm(text(get('sex')));
    const sex = sexText === 'nam' ? 'male' : sexText === 'nu' ? 'female' : null;
    if (text(get('sex')) && !sex) bad('sex', 'Ghi «Nam» hoặc «Nữ».', 'Write «Nam» or «Nữ».');
    const category = CATEGORY[norm(text(get('category')))];
    if (text(get('category')) && !category)
      bad(
        'category',
        'Không rõ đối tượng (Công chức, Viên chức, Cán bộ, công chức cấp xã, Người lao động).',
        'Unknown category.',
      );
    const regime = REGIME[norm(text(get('regime')))];
    if (text(get('regime')) && !regime)
      bad('regime', 'Không rõ chế độ (Nghỉ hưu trước tuổi, Điều 7a, Điều 7b, Thôi việc).', 'Unknown regime.');
    const coefficient = number(get('coefficient'));
    if (text(get('coefficient')) && (coefficient === null || coefficient <= 0 || coefficient > 20))
      bad('coefficient', 'Hệ số không hợp lệ.', 'Not a valid coefficient.');
    const siYears = number(get('siYears'));
    const siMonths = number(get('siMonths')) ?? 0;
    if (text(get('siYears')) && (siYears === null || !Number.isInteger(siYears) || siYears < 0 || siYears > 50))
      bad('siYears', 'Số năm không hợp lệ.', 'Not a valid number of years.');
    if (!Number.isInteger(siMonths) || siMonths < 0 || siMonths > 11)
      bad('siMonths', 'Số tháng lẻ từ 0 đến 11.', '0 to 11 months.');
    const ratings = text(get('ratings'))
      .split(/[;,]/)
      .map((x) => RATING[norm(x)] ?? null);
    if (text(get('ratings')) && (ratings.length !== 3 || ratings.some((x) => !x)))
      bad(
        'ratings',
        'Ghi 3 kết quả, cách nhau bởi dấu phẩy (Tốt, Tốt, Hoàn thành).',
        'Write three ratings separated by commas.',
      );
    if (errors.length > before) continue;
    const leadership = number(get('leadershipCoefficient')) ?? undefined;
    const group =
      regime === 'early_retirement_streamlining'
        ? 'streamlining'
        : regime === 'early_retirement_not_reelected'
          ? 'not_reelected'
          : category === 'commune_cadre'
            ? 'commune_staff'
            : leadership
              ? 'leader_volunteer'
              : 'non_leader_staff';
    const ps = norm(text(get('publicService')));
    rows.push({
      row: r,
      columnOf,
      body: {
        agency,
        fullName: text(get('fullName')),
        birthDate: birthDate!,
        sex: sex!,
        category: category!,
        group,
        regime: regime!,
        salary: {
          coefficient: coefficient!,
          leadershipCoefficient: leadership,
          allowances: {
            coefficient: number(get('otherCoefficient')) ?? undefined,
            publicService: ps === '' ? category !== 'public_employee' : ps === 'co' || ps === 'x',
          },
        },
        socialInsurance: { years: siYears!, months: siMonths },
        lastThreeYears: ratings,
        restructuringDecisionNo: text(get('decisionNo')),
        restructuringDecisionDate: decisionDate!,
        leaveDate: leaveDate!,
      },
    });
  }
  return { rows, errors };
}

/** A blank list with the headers, for agencies to fill. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(IMPORT_HEADERS).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
