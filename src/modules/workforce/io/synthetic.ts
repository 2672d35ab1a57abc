/**
 * Synthetic staff files in the personnel template (.xlsx, the export's own headers and cell writer): realistic
 * rows for tests of the workbook reader and for the workforce-file benchmark (bench/scenarios/workforce-file.ts).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { personName, Rng } from '../../../core/random.js';
import { makeNationalId } from '../domain/national-id.js';
import { EDUCATION_FIELD, COLUMNS, writeRow, type Category, type TemplatePerson } from './domain/template.js';

const FIELDS = Object.keys(EDUCATION_FIELD.labels);
const ETHNIC = ['Tày', 'Thái', 'Mường', 'Khmer', "H'Mông", 'Nùng', 'Dao', 'Ê Đê'];
const LANGUAGES = ['Tiếng Anh B1', 'Tiếng Anh B2', 'Tiếng Anh A2', 'Tiếng Pháp B1', 'Tiếng Trung B1'];

/** ASCII of a Vietnamese name, for e-mail addresses. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export interface FileUnit {
  code: string;
  provinceCode: string;
}

/**
 * N staff rows as the template's row objects: Vietnamese names, national ID numbers consistent with
 * birth date and sex (most registered in the province they serve), units drawn over `units`.
 */
export function* workforceRows(
  n: number,
  units: FileUnit[],
  today: string,
  seed = 7,
): Generator<ReturnType<typeof writeRow>> {
  const r = new Rng(seed);
  const thisYear = Number(today.slice(0, 4));
  for (let i = 1; i <= n; i++) {
    const u = units[Math.floor(r.next() * units.length)]!;
    const { fullName, gender } = personName(r);
    const birthYear = r.int(thisYear - 60, thisYear - 23);
    const birthDate = `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const prefix = r.next() < 0.8 ? `0${u.provinceCode}` : r.pick(['001', '038', '040', '079', '092']);
    const c = r.next();
    const category: Category =
      c < 0.12 ? 'cadre' : c < 0.62 ? 'civil_servant' : c < 0.92 ? 'public_employee' : 'contract';
    const e = r.next();
    const educationLevel =
      e < 0.05
        ? 'upper_secondary'
        : e < 0.12
          ? 'intermediate'
          : e < 0.2
            ? 'college'
            : e < 0.85
              ? 'bachelor'
              : e < 0.98
                ? 'master'
                : 'doctorate';
    const party =
      birthYear + 22 < thisYear && r.next() < 0.6 ? `${Math.min(birthYear + r.int(22, 35), thisYear - 1)}-05-19` : null;
    const p: Omit<TemplatePerson, 'provinceCode'> = {
      unitCode: u.code,
      fullName,
      birthDate,
      sex: gender,
      nationalId: makeNationalId(prefix, birthDate, gender, i),
      ethnicity: r.next() < 0.85 ? 'Kinh' : r.pick(ETHNIC),
      phone: r.next() < 0.9 ? `09${String(r.int(0, 99_999_999)).padStart(8, '0')}` : null,
      email:
        r.next() < 0.7
          ? `${ascii(fullName)}${i}@${u.provinceCode === '01' ? 'hanoi' : `p${u.provinceCode}`}.gov.vn`
          : null,
      category,
      educationLevel,
      educationField: r.next() < 0.95 ? r.pick(FIELDS) : 'Quản trị kinh doanh',
      politicalTheory: r.pick(['none', 'elementary', 'intermediate', 'intermediate', 'advanced'] as const),
      stateManagement: r.pick([
        'none',
        'specialist',
        'specialist',
        'principal_specialist',
        'senior_specialist',
      ] as const),
      itCertificate: r.next() < 0.7 ? 'Ứng dụng CNTT cơ bản' : null,
      foreignLanguage: r.next() < 0.6 ? r.pick(LANGUAGES) : null,
      rankCode: category === 'civil_servant' ? r.pick(['01.003', '01.002', '01.001']) : null,
      salaryStep: r.int(1, 8),
      salaryCoefficient: Math.round((2.34 + r.int(0, 7) * 0.33) * 100) / 100,
      partyJoinDate: party,
    };
    yield writeRow(p, i);
  }
}

/**
 * The rows as an .xlsx in the template's layout (header row, then one row per person, text columns
 * formatted as text), with shared strings as Excel itself saves them.
 */
export async function workforceXlsx(rows: Iterable<ReturnType<typeof writeRow>>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).commit();
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
