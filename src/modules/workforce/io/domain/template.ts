/**
 * The common personnel template (one row per person, Vietnamese headers): which header is which
 * field, how a cell is read and written, and the checks every row passes. Pure: no database, no I/O.
 */
import { searchKey } from '../../../../core/text.js';
import { nationalIdProblem } from '../../domain/national-id.js';
import { partyJoinDateProblem, yearsAfter } from '../../domain/party.js';
import type { Education, PoliticalTheory, StateManagement } from '../../domain/requirements.js';

export type Category = 'cadre' | 'civil_servant' | 'public_employee' | 'contract';
export type Sex = 'male' | 'female';

/** The person's fields the template carries (the unit is resolved to a province and unit code). */
export interface TemplatePerson {
  unitCode: string;
  provinceCode: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  nationalId: string;
  ethnicity: string;
  phone: string | null;
  email: string | null;
  category: Category;
  educationLevel: Education;
  educationField: string | null;
  politicalTheory: PoliticalTheory;
  stateManagement: StateManagement;
  itCertificate: string | null;
  foreignLanguage: string | null;
  rankCode: string | null;
  salaryStep: number | null;
  salaryCoefficient: number | null;
  partyJoinDate: string | null;
}

export type ColumnKey = 'stt' | Exclude<keyof TemplatePerson, 'provinceCode'>;

export interface Column {
  key: ColumnKey;
  /** the header as written in the template and in exports */
  header: string;
  /** other headers seen in the wild, matched the same way (no diacritics, case or spacing) */
  aliases?: string[];
  required?: boolean;
  /** Excel column width (characters) */
  width: number;
  /** written as text so Excel keeps leading zeros */
  text?: boolean;
}

export const COLUMNS: Column[] = [
  { key: 'stt', header: 'STT', aliases: ['So thu tu', 'TT'], width: 6 },
  { key: 'fullName', header: 'Họ và tên', aliases: ['Họ tên', 'Họ và tên khai sinh'], required: true, width: 28 },
  {
    key: 'birthDate',
    header: 'Ngày sinh',
    aliases: ['Ngày tháng năm sinh', 'Ngày, tháng, năm sinh'],
    required: true,
    width: 12,
    text: true,
  },
  { key: 'sex', header: 'Giới tính', aliases: ['Giới'], required: true, width: 9 },
  {
    key: 'nationalId',
    header: 'Số định danh cá nhân',
    aliases: ['Số CCCD', 'CCCD', 'Số căn cước', 'Số căn cước công dân', 'Số định danh', 'Mã định danh cá nhân'],
    required: true,
    width: 16,
    text: true,
  },
  { key: 'ethnicity', header: 'Dân tộc', width: 10 },
  { key: 'phone', header: 'Điện thoại', aliases: ['Số điện thoại', 'SĐT'], width: 13, text: true },
  { key: 'email', header: 'Email', aliases: ['Thư điện tử', 'E-mail'], width: 26 },
  {
    key: 'unitCode',
    header: 'Mã đơn vị',
    aliases: ['Mã ĐVHC', 'Mã đơn vị hành chính'],
    required: true,
    width: 10,
    text: true,
  },
  { key: 'category', header: 'Đối tượng', aliases: ['Loại', 'Phân loại'], required: true, width: 12 },
  {
    key: 'educationLevel',
    header: 'Trình độ chuyên môn',
    aliases: ['Trình độ chuyên môn nghiệp vụ', 'Trình độ đào tạo'],
    required: true,
    width: 14,
  },
  { key: 'educationField', header: 'Chuyên ngành', aliases: ['Chuyên ngành đào tạo', 'Ngành đào tạo'], width: 20 },
  { key: 'politicalTheory', header: 'Lý luận chính trị', aliases: ['Trình độ lý luận chính trị', 'LLCT'], width: 12 },
  { key: 'stateManagement', header: 'Quản lý nhà nước', aliases: ['Trình độ quản lý nhà nước', 'QLNN'], width: 18 },
  { key: 'itCertificate', header: 'Tin học', aliases: ['Trình độ tin học'], width: 20 },
  { key: 'foreignLanguage', header: 'Ngoại ngữ', aliases: ['Trình độ ngoại ngữ'], width: 14 },
  { key: 'rankCode', header: 'Mã ngạch', aliases: ['Mã ngạch, chức danh nghề nghiệp', 'Ngạch'], width: 11, text: true },
  { key: 'salaryStep', header: 'Bậc lương', aliases: ['Bậc'], width: 9 },
  { key: 'salaryCoefficient', header: 'Hệ số lương', aliases: ['Hệ số'], width: 10 },
  {
    key: 'partyJoinDate',
    header: 'Ngày vào Đảng',
    aliases: ['Ngày vào đảng cộng sản Việt Nam'],
    width: 13,
    text: true,
  },
];

export const columnOf = (key: ColumnKey) => COLUMN_BY_KEY.get(key)!;
const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));

/** Code → the label written in the template; extra spellings accepted on import. */
interface Vocabulary<T extends string> {
  labels: Record<T, string>;
  aliases?: Record<string, T>;
}

export const SEX: Vocabulary<Sex> = { labels: { male: 'Nam', female: 'Nữ' } };
export const CATEGORY: Vocabulary<Category> = {
  labels: { cadre: 'Cán bộ', civil_servant: 'Công chức', public_employee: 'Viên chức', contract: 'Hợp đồng' },
  aliases: { 'Hợp đồng lao động': 'contract', HĐLĐ: 'contract', 'Lao động hợp đồng': 'contract' },
};
export const EDUCATION_LEVEL: Vocabulary<Education> = {
  labels: {
    upper_secondary: 'Trung học phổ thông',
    intermediate: 'Trung cấp',
    college: 'Cao đẳng',
    bachelor: 'Đại học',
    master: 'Thạc sĩ',
    doctorate: 'Tiến sĩ',
  },
  aliases: {
    THPT: 'upper_secondary',
    'Cử nhân': 'bachelor',
    'Kỹ sư': 'bachelor',
    'Thạc sỹ': 'master',
    'Tiến sỹ': 'doctorate',
  },
};
/** Blank = not trained (none). "Cử nhân" (a political science degree) counts as advanced. */
export const POLITICAL_THEORY_LEVEL: Vocabulary<PoliticalTheory> = {
  labels: { none: '', elementary: 'Sơ cấp', intermediate: 'Trung cấp', advanced: 'Cao cấp' },
  aliases: { 'Cử nhân': 'advanced', 'Cử nhân chính trị': 'advanced', Không: 'none', 'Chưa qua đào tạo': 'none' },
};
export const STATE_MANAGEMENT_LEVEL: Vocabulary<StateManagement> = {
  labels: {
    none: '',
    specialist: 'Chuyên viên',
    principal_specialist: 'Chuyên viên chính',
    senior_specialist: 'Chuyên viên cao cấp',
  },
  aliases: { Không: 'none', 'Chưa qua đào tạo': 'none' },
};
/**
 * Fields of study: the codes that job-position requirements use. A field that is not in this list is
 * kept as written (free text).
 */
export const EDUCATION_FIELD: Vocabulary<string> = {
  labels: {
    law: 'Luật',
    public_administration: 'Hành chính công',
    economics: 'Kinh tế',
    finance: 'Tài chính',
    accounting: 'Kế toán',
    land_management: 'Quản lý đất đai',
    construction: 'Xây dựng',
    agriculture: 'Nông nghiệp',
    environment: 'Môi trường',
    social_work: 'Công tác xã hội',
    archives: 'Lưu trữ học',
    it: 'Công nghệ thông tin',
    education: 'Sư phạm',
    history: 'Lịch sử',
  },
  aliases: {
    'Luật học': 'law',
    'Hành chính học': 'public_administration',
    'Quản lý công': 'public_administration',
    'Lưu trữ': 'archives',
    'Văn thư lưu trữ': 'archives',
    CNTT: 'it',
    'Giáo dục': 'education',
  },
};

function lookup<T extends string>(v: Vocabulary<T>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [code, label] of Object.entries(v.labels) as [T, string][]) {
    m.set(searchKey(code), code);
    if (label) m.set(searchKey(label), code);
  }
  for (const [alias, code] of Object.entries(v.aliases ?? {}) as [string, T][]) m.set(searchKey(alias), code);
  return m;
}
const lookups = new Map<Vocabulary<string>, Map<string, string>>();
/** The search key of cell texts already seen: a file repeats the same few labels on every row. */
const keyCache = new Map<string, string>();
const KEY_CACHE_MAX = 10_000;
function cachedKey(text: string): string {
  let k = keyCache.get(text);
  if (k === undefined) {
    k = searchKey(text);
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(text, k);
  }
  return k;
}
function decode<T extends string>(v: Vocabulary<T>, text: string): T | undefined {
  let m = lookups.get(v as Vocabulary<string>);
  if (!m) lookups.set(v as Vocabulary<string>, (m = lookup(v as Vocabulary<string>)));
  return m.get(cachedKey(text)) as T | undefined;
}
const allowed = (v: Vocabulary<string>) => Object.values(v.labels).filter(Boolean).join(' | ');

const headerIndex = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const h of [c.header, ...(c.aliases ?? [])]) headerIndex.set(searchKey(h), c.key);

/** The column a header names, ignoring diacritics, case and spacing ("HO VA TEN" = "Họ và tên"). */
export const columnForHeader = (header: string): ColumnKey | undefined => headerIndex.get(searchKey(header));

/** A cell as read from the workbook, reduced to a plain value. */
export type Cell = string | number | boolean | Date | null;

/** A problem with one cell: the message key and its parameters (the caller words it in the request's language). */
export interface CellProblem {
  column: ColumnKey;
  key: TemplateMessage;
  params?: Record<string, string | number>;
}

export type TemplateMessage =
  | 'import_required'
  | 'import_date'
  | 'import_date_range'
  | 'import_enum'
  | 'import_too_long'
  | 'import_format'
  | 'import_number'
  | 'import_id_format'
  | 'import_id_province'
  | 'import_id_birth'
  | 'import_id_sex'
  | 'import_unit_unknown'
  | 'import_unit_ambiguous'
  | 'import_party_date'
  | 'out_of_scope';

export interface UnitRef {
  code: string;
  provinceCode: string;
}

export interface RowContext {
  /** today's date (YYYY-MM-DD) */
  today: string;
  unit(code: string): UnitRef | undefined;
  /** may the importer manage people of this place? */
  canWrite(unit: UnitRef): boolean;
}

/** Collapses spacing, normalises to NFC; a blank cell is null. */
export function cellText(c: Cell): string | null {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : isoDate(c);
  const raw = String(c);
  // Most cells are already NFC with single spaces: skip the normalising passes for those.
  const s = SIMPLE_TEXT.test(raw) ? raw : raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}
/** Printable ASCII (and precomposed Latin letters) with single inner spaces, no space at either end. */
const SIMPLE_TEXT = /^(?:[!-~\u00C0-\u024F\u1E00-\u1EFF]+(?: [!-~\u00C0-\u024F\u1E00-\u1EFF]+)*)?$/;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return isoDate(dt);
}

/**
 * A date as dd/mm/yyyy text (also d/m/yyyy, with - or .), an ISO date, an Excel date cell (read as UTC
 * midnight) or an Excel date serial number. Null when it is not a real date.
 */
export function parseDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : isoDate(c);
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || c < 1 || c > 80_000) return null;
    return isoDate(new Date(Math.round((c - 25_569) * 86_400_000)));
  }
  const s = cellText(c);
  if (!s) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

export const formatDate = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null;

/** What a row carries: the fields of the columns present in the file (absent columns stay undefined). */
export type RowValue = Partial<TemplatePerson>;

/**
 * Reads and checks one row. `cells` holds only the columns present in the file; a required column's
 * cell must not be blank. Returns the values read and every problem found (all of them, not the first).
 */
export function readRow(
  cells: Partial<Record<ColumnKey, Cell>>,
  ctx: RowContext,
): { value: RowValue; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const value: RowValue = {};
  const has = (k: ColumnKey) => k in cells;
  const problem = (column: ColumnKey, key: TemplateMessage, params?: Record<string, string | number>) =>
    problems.push({ column, key, params });
  const text = (k: ColumnKey, max: number): string | null | undefined => {
    if (!has(k)) return undefined;
    const s = cellText(cells[k] ?? null);
    if (s === null) {
      if (columnOf(k).required) problem(k, 'import_required');
      return null;
    }
    if (s.length > max) {
      problem(k, 'import_too_long', { max });
      return undefined;
    }
    return s;
  };
  const vocabulary = <T extends string>(k: ColumnKey, v: Vocabulary<T>, blank?: T): T | undefined => {
    const s = text(k, 60);
    if (s === null) return blank;
    if (s === undefined) return undefined;
    const code = decode(v, s);
    if (code === undefined) problem(k, 'import_enum', { value: s, allowed: allowed(v as Vocabulary<string>) });
    return code;
  };
  const date = (k: ColumnKey): string | null | undefined => {
    if (!has(k)) return undefined;
    const c = cells[k] ?? null;
    if (cellText(c) === null) {
      if (columnOf(k).required) problem(k, 'import_required');
      return null;
    }
    const d = parseDate(c);
    if (!d) problem(k, 'import_date', { value: String(cellText(c)) });
    return d ?? undefined;
  };
  const number = (k: ColumnKey, min: number, max: number, integer: boolean): number | null | undefined => {
    if (!has(k)) return undefined;
    const c = cells[k] ?? null;
    const s = cellText(c);
    if (s === null) return null;
    const n = typeof c === 'number' ? c : /^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : NaN;
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      problem(k, 'import_number', { min, max });
      return undefined;
    }
    return integer ? n : Math.round(n * 1000) / 1000;
  };

  // Name, birth, sex.
  const fullName = text('fullName', 120);
  if (fullName && fullName.length < 2) problem('fullName', 'import_too_long', { max: 120 });
  else if (fullName) value.fullName = fullName;
  const birthDate = date('birthDate');
  if (birthDate) {
    if (birthDate < '1900-01-01' || birthDate > yearsAfter(ctx.today, -15)) problem('birthDate', 'import_date_range');
    else value.birthDate = birthDate;
  }
  const sex = vocabulary('sex', SEX);
  if (sex) value.sex = sex;

  // The citizen ID: 12 digits (a number cell lost its leading zeros: put them back), consistent with birth and sex.
  if (has('nationalId')) {
    const c = cells.nationalId ?? null;
    const s =
      typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < 1e12
        ? String(c).padStart(12, '0')
        : (cellText(c)?.replace(/[\s.]/g, '') ?? null);
    if (s === null) problem('nationalId', 'import_required');
    else if (!/^\d{12}$/.test(s)) problem('nationalId', 'import_id_format');
    else {
      // Without a valid birth date and sex, only the province prefix can be checked: compare the number with itself.
      const own = {
        birthDate: `${1900 + Math.floor(Number(s[3]) / 2) * 100 + Number(s.slice(4, 6))}-01-01`,
        sex: (Number(s[3]) % 2 ? 'female' : 'male') as Sex,
      };
      const p = nationalIdProblem(s, value.birthDate ?? own.birthDate, value.sex ?? own.sex);
      if (p === 'format') problem('nationalId', 'import_id_format');
      else if (p === 'province') problem('nationalId', 'import_id_province', { prefix: s.slice(0, 3) });
      else if (p === 'birth') problem('nationalId', 'import_id_birth');
      else if (p === 'sex') problem('nationalId', 'import_id_sex');
      else value.nationalId = s;
    }
  }

  const ethnicity = text('ethnicity', 40);
  if (ethnicity) value.ethnicity = ethnicity;
  if (has('phone')) {
    const c = cells.phone ?? null;
    // A number cell lost the leading 0 of a Vietnamese number (09x…, 03x…).
    const s = typeof c === 'number' && Number.isInteger(c) && String(c).length === 9 ? `0${c}` : cellText(c);
    if (s === null) value.phone = null;
    else if (s.length > 20 || !/^[0-9 +().-]+$/.test(s)) problem('phone', 'import_format');
    else value.phone = s;
  }
  if (has('email')) {
    const s = cellText(cells.email ?? null)?.replace(/^mailto:/i, '') ?? null;
    if (s === null) value.email = null;
    else if (s.length > 200 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) problem('email', 'import_format');
    else value.email = s;
  }

  // The unit: a 5-digit commune or 2-digit province code, inside the importer's scope.
  if (has('unitCode')) {
    const c = cells.unitCode ?? null;
    let unit: UnitRef | undefined;
    const s = cellText(c);
    if (s === null) problem('unitCode', 'import_required');
    else if (typeof c === 'number') {
      // Excel dropped the leading zeros: 4 may be province 04 or commune 00004.
      const candidates = [c < 100 ? String(c).padStart(2, '0') : null, String(c).padStart(5, '0')].flatMap((k) =>
        k && ctx.unit(k) ? [ctx.unit(k)!] : [],
      );
      const inScope = candidates.filter((u) => ctx.canWrite(u));
      if (candidates.length === 0) problem('unitCode', 'import_unit_unknown', { code: s });
      else if (inScope.length === 1) unit = inScope[0];
      else if (candidates.length === 1) problem('unitCode', 'out_of_scope', { code: candidates[0]!.code });
      else problem('unitCode', 'import_unit_ambiguous', { value: s });
    } else if (!/^(\d{2}|\d{5})$/.test(s) || !ctx.unit(s)) problem('unitCode', 'import_unit_unknown', { code: s });
    else if (!ctx.canWrite(ctx.unit(s)!)) problem('unitCode', 'out_of_scope', { code: s });
    else unit = ctx.unit(s);
    if (unit) {
      value.unitCode = unit.code;
      value.provinceCode = unit.provinceCode;
    }
  }

  const category = vocabulary('category', CATEGORY);
  if (category) value.category = category;
  const educationLevel = vocabulary('educationLevel', EDUCATION_LEVEL);
  if (educationLevel) value.educationLevel = educationLevel;
  if (has('educationField')) {
    const s = text('educationField', 60);
    if (s !== undefined) value.educationField = s === null ? null : (decode(EDUCATION_FIELD, s) ?? s);
  }
  const politicalTheory = vocabulary('politicalTheory', POLITICAL_THEORY_LEVEL, 'none');
  if (politicalTheory) value.politicalTheory = politicalTheory;
  const stateManagement = vocabulary('stateManagement', STATE_MANAGEMENT_LEVEL, 'none');
  if (stateManagement) value.stateManagement = stateManagement;
  for (const k of ['itCertificate', 'foreignLanguage'] as const) {
    const s = text(k, 60);
    if (s !== undefined) value[k] = s;
  }
  if (has('rankCode')) {
    const c = cells.rankCode ?? null;
    // "01.003" typed into a number cell reads 1.003: put the zero back.
    const s = typeof c === 'number' ? (c < 100 ? c.toFixed(3).padStart(6, '0') : String(c)) : text('rankCode', 20);
    if (s !== undefined) {
      if (s !== null && s.length > 20) problem('rankCode', 'import_too_long', { max: 20 });
      else value.rankCode = s;
    }
  }
  const salaryStep = number('salaryStep', 1, 20, true);
  if (salaryStep !== undefined) value.salaryStep = salaryStep;
  const salaryCoefficient = number('salaryCoefficient', 1, 12, false);
  if (salaryCoefficient !== undefined) value.salaryCoefficient = salaryCoefficient;
  const partyJoinDate = date('partyJoinDate');
  if (partyJoinDate !== undefined) {
    // from the 18th birthday (domain/party.ts), never after today
    const wrong = (day: string) =>
      value.birthDate ? partyJoinDateProblem(value.birthDate, day, ctx.today) : day > ctx.today;
    if (partyJoinDate && wrong(partyJoinDate)) problem('partyJoinDate', 'import_party_date');
    else value.partyJoinDate = partyJoinDate;
  }
  return { value, problems };
}

/** The row a person is written as (export): same headers, same vocabulary, so it re-imports unchanged. */
export function writeRow(
  p: {
    [K in Exclude<keyof TemplatePerson, 'provinceCode'>]: TemplatePerson[K] extends string ? string : TemplatePerson[K];
  },
  stt: number,
): Record<ColumnKey, string | number | null> {
  const label = <T extends string>(v: Vocabulary<T>, code: string | null) =>
    code === null ? null : ((v.labels as Record<string, string>)[code] ?? code) || null;
  return {
    stt,
    fullName: p.fullName,
    birthDate: formatDate(p.birthDate),
    sex: label(SEX, p.sex),
    nationalId: p.nationalId,
    ethnicity: p.ethnicity,
    phone: p.phone,
    email: p.email,
    unitCode: p.unitCode,
    category: label(CATEGORY, p.category),
    educationLevel: label(EDUCATION_LEVEL, p.educationLevel),
    educationField: label(EDUCATION_FIELD, p.educationField),
    politicalTheory: label(POLITICAL_THEORY_LEVEL, p.politicalTheory),
    stateManagement: label(STATE_MANAGEMENT_LEVEL, p.stateManagement),
    itCertificate: p.itCertificate,
    foreignLanguage: p.foreignLanguage,
    rankCode: p.rankCode,
    salaryStep: p.salaryStep,
    salaryCoefficient: p.salaryCoefficient,
    partyJoinDate: formatDate(p.partyJoinDate),
  };
}

/** The fields a row sets that differ from the stored person (only the columns present in the file). */
export function changedFields(stored: TemplatePerson, row: RowValue): (keyof TemplatePerson)[] {
  const out: (keyof TemplatePerson)[] = [];
  for (const [k, v] of Object.entries(row) as [keyof TemplatePerson, unknown][]) {
    if (v === undefined || k === 'provinceCode' || k === 'unitCode') continue;
    const s = stored[k];
    if (typeof v === 'number' && typeof s === 'number' ? Math.abs(v - s) > 1e-9 : (s ?? null) !== (v ?? null))
      out.push(k);
  }
  return out;
}

/** Vocabulary lists for the guide sheet of an export. */
export const GUIDE: [string, string][] = [
  ['Ngày sinh, Ngày vào Đảng', 'dd/mm/yyyy (ví dụ 14/03/1988)'],
  ['Giới tính', allowed(SEX)],
  ['Số định danh cá nhân', '12 chữ số, khớp năm sinh và giới tính'],
  ['Mã đơn vị', 'mã xã 5 chữ số hoặc mã tỉnh 2 chữ số (nhập dạng văn bản)'],
  ['Đối tượng', allowed(CATEGORY)],
  ['Trình độ chuyên môn', allowed(EDUCATION_LEVEL)],
  ['Chuyên ngành', `${allowed(EDUCATION_FIELD)} (ngành khác: ghi nguyên văn)`],
  ['Lý luận chính trị', `${allowed(POLITICAL_THEORY_LEVEL)} (để trống: chưa qua đào tạo)`],
  ['Quản lý nhà nước', `${allowed(STATE_MANAGEMENT_LEVEL)} (để trống: chưa qua đào tạo)`],
  ['Bậc lương', '1–20'],
  ['Hệ số lương', '1–12'],
];
