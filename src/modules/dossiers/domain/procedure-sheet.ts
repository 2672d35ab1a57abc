/**
 * Reading a row of the national procedure database's Excel export (Cơ sở dữ liệu quốc gia về thủ tục hành chính,
 * Cổng Dịch vụ công quốc gia: "Danh sách thủ tục hành chính"): which headers name which column, and how each cell's
 * text becomes a catalogue value. Pure: the service reads the workbook and writes the versions.
 *
 * Headers are matched without regard to case, diacritics or punctuation (searchKey), by the names the export and
 * the provinces' published lists use; docs/procedure-catalogue.md lists them.
 */
import { searchKey } from '../../../core/text.js';

export type SheetColumn =
  | 'code'
  | 'name'
  | 'field'
  | 'level'
  | 'workingDays'
  | 'fee'
  | 'documents'
  | 'legalBasis'
  | 'online'
  | 'boundaryFree'
  | 'publishedOn'
  | 'effectiveOn';

/** The Vietnamese header each column is reported under (a refusal names the row and this column). */
export const COLUMN_TITLES: Record<SheetColumn, string> = {
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  level: 'Cấp thực hiện',
  workingDays: 'Thời hạn giải quyết',
  fee: 'Phí, lệ phí',
  documents: 'Thành phần hồ sơ',
  legalBasis: 'Căn cứ pháp lý',
  online: 'Dịch vụ công trực tuyến',
  boundaryFree: 'Không phụ thuộc địa giới hành chính',
  publishedOn: 'Ngày công bố',
  effectiveOn: 'Ngày có hiệu lực',
};

/** The headers accepted for each column, as search keys (the first match of a header wins, in this order). */
const HEADERS: [SheetColumn, string[]][] = [
  ['code', ['ma thu tuc', 'ma tthc', 'ma thu tuc hanh chinh', 'ma so thu tuc', 'ma so', 'ma']],
  ['name', ['ten thu tuc', 'ten tthc', 'ten thu tuc hanh chinh', 'thu tuc hanh chinh', 'ten']],
  ['field', ['linh vuc', 'ten linh vuc', 'linh vuc thuc hien']],
  ['level', ['cap thuc hien', 'cap giai quyet', 'cap co tham quyen', 'cap']],
  ['workingDays', ['thoi han giai quyet', 'thoi gian giai quyet', 'thoi han']],
  ['fee', ['phi le phi', 'le phi phi', 'phi', 'le phi', 'muc phi le phi']],
  ['documents', ['thanh phan ho so', 'ho so', 'thanh phan so luong ho so']],
  ['legalBasis', ['can cu phap ly', 'can cu phap ly cua thu tuc hanh chinh', 'van ban quy dinh']],
  [
    'online',
    ['dich vu cong truc tuyen', 'muc do dich vu cong truc tuyen', 'muc do dvc', 'dvc truc tuyen', 'muc do', 'dvctt'],
  ],
  [
    'boundaryFree',
    ['khong phu thuoc dia gioi hanh chinh', 'phi dia gioi', 'thuc hien phi dia gioi', 'phi dia gioi hanh chinh'],
  ],
  // the 766 transparency group: the publication decision's date and the legal text's effective date
  ['publishedOn', ['ngay cong bo', 'ngay quyet dinh cong bo', 'ngay ban hanh quyet dinh cong bo']],
  ['effectiveOn', ['ngay co hieu luc', 'ngay hieu luc', 'ngay van ban co hieu luc', 'hieu luc tu ngay']],
];

/** The column a header names, or null. */
export function columnForHeader(header: string): SheetColumn | null {
  const key = searchKey(header);
  if (!key) return null;
  for (const [column, names] of HEADERS) if (names.includes(key)) return column;
  return null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ParseError };
export type ParseError =
  'required' | 'bad_code' | 'bad_level' | 'bad_time_limit' | 'bad_fee' | 'too_many_documents' | 'too_long' | 'bad_date';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: ParseError): Parsed<never> => ({ ok: false, code });

/** A cell's text: numbers as written, dates left out (no column of the export is a date), trimmed. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  return '';
}

/**
 * The national procedure code: "1.001193", "2.000815" (a digit, a dot, six digits); a province's own procedures
 * in the database carry a suffix ("1.012753.000.00.00.H19"), kept as written. Excel may have turned a code into a
 * number ("1.0012" for 1.001200): such a number is refused, the row names the column to format as text.
 */
export function parseCode(raw: string): Parsed<string> {
  const s = raw.replace(/\s+/g, '');
  if (!s) return fail('required');
  if (!/^\d\.\d{6}(\.[0-9A-Za-z]{1,6}){0,5}$/.test(s) || s.length > 30) return fail('bad_code');
  return ok(s);
}

export function parseName(raw: string): Parsed<string> {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return fail('required');
  if (s.length > 500) return fail('too_long');
  return ok(s);
}

/**
 * The level that decides: "Cấp Xã", "UBND cấp xã" → commune; "Cấp Tỉnh", "Sở …" → province. Several levels
 * ("Cấp Tỉnh, Cấp Xã") → commune: the commune's one-stop handles it. Former district-level procedures went to the
 * communes on 1 July 2025 (two-level local government): "Cấp Huyện" → commune. Empty → commune (the list is the
 * commune level's).
 */
export function parseLevel(raw: string): Parsed<'commune' | 'province'> {
  const k = searchKey(raw);
  if (!k) return ok('commune');
  if (/\b(xa|phuong|dac khu|huyen)\b/.test(k)) return ok('commune');
  if (/\b(tinh|thanh pho|so|trung uong|bo)\b/.test(k)) return ok('province');
  return fail('bad_level');
}

/**
 * The time limit in working days, from the export's text: "05 ngày làm việc", "03 ngày làm việc kể từ …" (the first
 * limit given; a longer one "trường hợp cần xác minh …" is an exception), "Trong ngày", "Ngay trong ngày làm việc"
 * (the same day → SAME_DAY_DAYS), "08 giờ làm việc" (→ 1), "30 ngày" (days as written). A bare number is working days.
 */
/** A same-day procedure's time limit: 0 working days (the same day; the next one after 15:00, docs/deadlines.md). */
export const SAME_DAY_DAYS = 0;
export function parseWorkingDays(raw: string): Parsed<number> {
  const k = searchKey(raw);
  if (!k) return fail('required');
  if (/^\d+$/.test(k)) return inRange(Number(k));
  const days = /(\d+)\s*(ngay|ngay lam viec)\b/.exec(k);
  const hours = /(\d+)\s*gio\b/.exec(k);
  const sameDay = /\b(trong ngay|ngay trong ngay|trong ngay lam viec|ngay khi nhan|ngay sau khi nhan)\b/.test(k);
  // The first limit written wins: "Trong ngày …; trường hợp … 03 ngày làm việc" is a same-day procedure.
  const firstDays = days ? days.index : Infinity;
  const firstHours = hours ? hours.index : Infinity;
  const firstSame = sameDay ? k.search(/\b(trong ngay|ngay trong ngay|ngay khi nhan|ngay sau khi nhan)\b/) : Infinity;
  const first = Math.min(firstDays, firstHours, firstSame);
  if (first === Infinity) return fail('bad_time_limit');
  if (first === firstSame) return ok(SAME_DAY_DAYS);
  if (first === firstHours) return ok(Math.max(1, Math.ceil(Number(hours![1]) / 8)));
  return inRange(Number(days![1]));
}
const inRange = (n: number): Parsed<number> => (n >= 0 && n <= 365 ? ok(n) : fail('bad_time_limit'));

/**
 * The fee in đồng: a number cell, or the first amount written ("8.000 đồng/bản", "Lệ phí: 50.000đ", "10,000 VNĐ").
 * "Không", "Miễn phí", "Miễn lệ phí", "Không quy định", empty → 0. Text with no amount and none of these words
 * ("Theo quy định của HĐND tỉnh") is refused: the province writes the amount it set.
 */
export function parseFee(raw: string): Parsed<number> {
  const k = searchKey(raw);
  if (!k) return ok(0);
  if (/^\d+$/.test(k)) return feeInRange(Number(k));
  const plain = raw.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const amount = /(\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?:d|dong|vnd)\b/.exec(plain);
  if (amount) return feeInRange(Number(amount[1]!.replace(/[.,\s]/g, '')));
  if (/\b(khong|mien|mien phi|mien le phi|khong thu|khong quy dinh)\b/.test(k)) return ok(0);
  return fail('bad_fee');
}

const feeInRange = (n: number): Parsed<number> =>
  Number.isSafeInteger(n) && n >= 0 && n <= 100_000_000 ? ok(n) : fail('bad_fee');

/** At most this many papers (the API's limit) and characters per paper. */
export const MAX_DOCUMENTS = 50;
export const MAX_DOCUMENT_CHARS = 1000;
/**
 * The required papers: one per line (the export writes each on its own line, often "- ", "+ ", "a) " or "1. "
 * before it); a single line is split at ";". Headings such as "Thành phần hồ sơ gồm:" and "Số lượng hồ sơ: 01 bộ"
 * are left out.
 */
export function parseDocuments(raw: string): Parsed<string[]> {
  const lines = raw.includes('\n') ? raw.split(/\r?\n/) : raw.split(';');
  const out: string[] = [];
  for (const line of lines) {
    const s = line
      .replace(/^\s*(?:[-+•*–]|\(?[a-zđ]\)|\(?\d{1,2}[.)])\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[;.]$/, '')
      .trim();
    if (!s) continue;
    const k = searchKey(s);
    if (/^(thanh phan ho so|ho so gom|so luong ho so|so luong)\b/.test(k)) continue;
    if (s.length > MAX_DOCUMENT_CHARS) return fail('too_long');
    out.push(s);
  }
  if (out.length > MAX_DOCUMENTS) return fail('too_many_documents');
  return ok(out);
}

export function parseLegalBasis(raw: string): Parsed<string | null> {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s.length > 2000) return fail('too_long');
  return ok(s || null);
}

/**
 * A date: "02/03/2026" (day first, "/", "-" or "." between), "2026-03-02", or a date cell (Excel's day number, 1 =
 * 1/1/1900, counted with Excel's leap day of 1900); empty → null (not recorded).
 */
export function parseDay(raw: string): Parsed<string | null> {
  const s = raw.trim();
  if (!s) return ok(null);
  const iso = (y: number, m: number, d: number) => {
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1990 || y > 2100)
      return fail('bad_date');
    return ok(t.toISOString().slice(0, 10));
  };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}$/.test(s)) {
    const t = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000);
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  return fail('bad_date');
}

/**
 * Online: "Toàn trình", "Một phần", "Mức độ 3/4", "Có", "x" → true; "Không", "Mức độ 2", "Cung cấp thông tin",
 * empty → the default (true: the Law on e-transactions and Decree 45/2020 make online filing the rule).
 */
export function parseYesNo(raw: string, fallback: boolean): boolean {
  const k = searchKey(raw);
  if (!k) return fallback;
  if (/^(khong|no|0|false)$/.test(k) || /\b(muc do 2|muc do 1|cung cap thong tin|khong)\b/.test(k)) return false;
  return true;
}

/** The catalogue's field for the export's field name (matched by its label without diacritics), or `khac`. */
export function fieldFor(raw: string, labels: ReadonlyMap<string, string>): string {
  const k = searchKey(raw);
  return (k && labels.get(k)) || 'khac';
}
