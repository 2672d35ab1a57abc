/** Formats shared by every page: Vietnamese numbers, dd/mm/yyyy dates, Vietnamese name order. */

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export const formatNumber = (n: number | null | undefined): string =>
  n == null || !Number.isFinite(n) ? '—' : numberFormat.format(n);
export const formatInteger = (n: number | null | undefined): string =>
  n == null || !Number.isFinite(n) ? '—' : integerFormat.format(n);

export const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
export const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

/** '2026-04-30' → '30/04/2026' (a calendar date: no time zone involved). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** '2026-04' (or a date of that month) → '04/2026'. */
export const formatMonth = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** '30/04/2026' (or 30/4/2026) → '2026-04-30', null when not a real date. */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const VN_TZ = 'Asia/Ho_Chi_Minh';

/** Today's date in Vietnam as YYYY-MM-DD (the registry's default date). */
export function todayInVietnam(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: VN_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Parses the server's timestamps: ISO 8601 or PostgreSQL text ('2026-11-25 15:34:57.495+00'). */
export function parseTimestamp(ts: string): Date | null {
  let s = ts.trim().replace(' ', 'T');
  s = s.replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as dd/mm/yyyy HH:mm, Vietnam time. */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = parseTimestamp(ts);
  if (!d) return ts;
  const parts = dateTimeFormat.formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Who acted, in one line: "Nguyễn Văn A, Chủ tịch UBND …" (never a login name); empty when no one is known. */
export const whoText = (a: { name: string; post: string | null } | null | undefined): string =>
  a ? [a.name, a.post].filter(Boolean).join(', ') : '';
