/**
 * Report periods (issue #20): "2026-H1" (a half year: the 6-month review), "2026" (a year: the annual report),
 * "2026-05" (a month: the monthly brief). Dates are ISO calendar days, both ends included.
 */
export const REPORT_KINDS = ['semiannual', 'annual', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Period {
  key: string;
  kind: ReportKind;
  year: number;
  /** 1 or 2 for a half year, 1–12 for a month, null for a year */
  part: number | null;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const MIN_YEAR = 2020;
const MAX_YEAR = 2100;

/** The period a key names, or null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})-H([12])$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const half = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return half === 1
      ? { key, kind: 'semiannual', year, part: 1, from: `${year}-01-01`, to: `${year}-06-30` }
      : { key, kind: 'semiannual', year, part: 2, from: `${year}-07-01`, to: `${year}-12-31` };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return { key, kind: 'annual', year, part: null, from: `${year}-01-01`, to: `${year}-12-31` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
    return {
      key,
      kind: 'monthly',
      year,
      part: month,
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
    };
  }
  return null;
}

/** Why a (kind, period) pair is refused, or null: the period's form must be the kind's. */
export function periodProblem(kind: ReportKind, key: string): 'invalid_period' | 'period_kind_mismatch' | null {
  const p = parsePeriod(key);
  if (!p) return 'invalid_period';
  return p.kind === kind ? null : 'period_kind_mismatch';
}

/** The period before (the comparison column): 2026-H1 → 2025-H2, 2026 → 2025, 2026-01 → 2025-12. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'annual') return parsePeriod(String(p.year - 1))!;
  if (p.kind === 'semiannual') return parsePeriod(p.part === 1 ? `${p.year - 1}-H2` : `${p.year}-H1`)!;
  return parsePeriod(p.part === 1 ? `${p.year - 1}-12` : `${p.year}-${pad(p.part! - 1)}`)!;
}

/** The period of a kind that ended last on or before `today` (what the schedule drafts). */
export function lastEndedPeriod(kind: ReportKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'annual') return parsePeriod(String(year - 1))!;
  if (kind === 'semiannual') return parsePeriod(month >= 7 ? `${year}-H1` : `${year - 1}-H2`)!;
  return parsePeriod(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`)!;
}

/** ISO day + n calendar days. */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The figures are counted up to the period's end, or to today while the period runs. */
export const countedTo = (p: Period, today: string) => (today < p.to ? today : p.to);

/** The period in words for a title: "6 tháng đầu năm 2026", "năm 2026", "tháng 5 năm 2026". */
export function periodTitle(p: Period): string {
  if (p.kind === 'semiannual') return p.part === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
  if (p.kind === 'annual') return `năm ${p.year}`;
  return `tháng ${p.part} năm ${p.year}`;
}

/**
 * The periods a user may pick for a kind, newest first, from the one `today` (YYYY-MM-DD) falls in: the current half
 * year and the 5 before, the current year and the 4 before, the current month and the 12 before (none before 2020).
 */
export function recentPeriods(kind: ReportKind, today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const keys: string[] = [];
  if (kind === 'annual') for (let y = year; y > year - 5; y--) keys.push(String(y));
  else if (kind === 'semiannual')
    for (let i = 0, y = year, h = month <= 6 ? 1 : 2; i < 6; i++, h === 1 ? ((h = 2), y--) : (h = 1))
      keys.push(`${y}-H${h}`);
  else for (let i = 0, y = year, m = month; i < 13; i++, m === 1 ? ((m = 12), y--) : m--) keys.push(`${y}-${pad(m)}`);
  return keys.filter((k) => parsePeriod(k) !== null);
}
