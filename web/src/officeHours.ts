/** A unit's office hours in words, and as the profile form edits them (src/modules/units/domain/office-hours.ts). */
import type { MessageKey, Translate } from './i18n';

export interface OfficeHours {
  days: number[];
  periods: { from: string; to: string }[];
}

/** "Giờ làm việc: thứ Hai đến thứ Sáu, 8:00–12:00, 13:00–17:00": runs of days, then the periods. */
export function officeHoursText(t: Translate, h: OfficeHours): string {
  const day = (d: number) => t(`lookup.weekday.${d}` as MessageKey);
  const runs: [number, number][] = [];
  for (const d of h.days) {
    const last = runs[runs.length - 1];
    if (last && last[1] === d - 1) last[1] = d;
    else runs.push([d, d]);
  }
  const days = runs
    .map(([a, b]) => (a === b ? day(a) : t('lookup.weekdayRange', { from: day(a), to: day(b) })))
    .join(', ');
  const time = (x: string) => x.replace(/^0(\d)/, '$1');
  const periods = h.periods.map((p) => `${time(p.from)}–${time(p.to)}`).join(', ');
  return t('lookup.hoursOf', { days, periods });
}

/** "08:00-12:00, 13:00-17:00" as typed in the form → the periods (null: not readable). */
export function parsePeriods(text: string): OfficeHours['periods'] | null {
  const parts = text
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const out: OfficeHours['periods'] = [];
  for (const p of parts) {
    const m = /^(\d{1,2})[:h.](\d{2})\s*[-–]\s*(\d{1,2})[:h.](\d{2})$/.exec(p);
    if (!m) return null;
    const hhmm = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
    out.push({ from: hhmm(m[1]!, m[2]!), to: hhmm(m[3]!, m[4]!) });
  }
  return out.length ? out : null;
}

export const periodsText = (h: OfficeHours) => h.periods.map((p) => `${p.from}-${p.to}`).join(', ');
