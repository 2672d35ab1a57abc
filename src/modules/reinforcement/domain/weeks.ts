/**
 * Weeks, report deadlines and report drafts of a reinforcement phase. Pure.
 *
 * Rules chosen:
 * 1. A work schedule and a periodic report cover a week, Monday to Sunday.
 * 2. Every officer owes one report per week of the phase that has begun (the first week is the one
 *    holding the phase's first day; the last the one holding its last day).
 * 3. A week's report is due on the first working day after the week (`REPORT_DUE_WORKING_DAYS` after
 *    its Sunday): usually the Monday. Not sent by then: late; sent after it: sent late.
 */
import { addDays, weekday, viDate, type IsoDate } from '../../../core/calendar/dates.js';
import type { WorkingCalendar } from '../../../core/calendar/deadline.js';

export const REPORT_DUE_WORKING_DAYS = 1;

/** The Monday of the week holding `date`. */
export const mondayOf = (date: IsoDate): IsoDate => addDays(date, -((weekday(date) + 6) % 7));
export const isMonday = (date: IsoDate) => weekday(date) === 1;

/** The Mondays of the weeks of a phase. */
export function phaseWeeks(startsOn: IsoDate, endsOn: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let w = mondayOf(startsOn); w <= endsOn; w = addDays(w, 7)) out.push(w);
  return out;
}

export const reportDueOn = (weekStart: IsoDate, cal: WorkingCalendar): IsoDate =>
  cal.addWorkingDays(addDays(weekStart, 6), REPORT_DUE_WORKING_DAYS);

export type ReportState = 'submitted' | 'submitted_late' | 'due' | 'late' | 'not_yet';

export function reportState(
  weekStart: IsoDate,
  dueOn: IsoDate,
  today: IsoDate,
  submittedOn: IsoDate | null,
): ReportState {
  if (submittedOn) return submittedOn > dueOn ? 'submitted_late' : 'submitted';
  if (weekStart > today) return 'not_yet';
  return today > dueOn ? 'late' : 'due';
}

export interface DraftInput {
  officerName: string;
  provinceName: string;
  weekStart: IsoDate;
  visits: { visitedOn: IsoDate; communeName: string; metWith: string; findings: string; resolved: string | null }[];
  items: { code: string; field: string; title: string; status: string }[];
  nextWeek: { plannedOn: IsoDate; communeName: string }[];
}

const STATUS_VI: Record<string, string> = {
  pending: 'đang chờ trả lời',
  info_requested: 'được đề nghị bổ sung thông tin',
  answered: 'đã được trả lời',
  accepted: 'đã trả lời, địa phương thống nhất',
};

/** The draft of a week's report, in Vietnamese, from the week's visit logs and items; the officer edits it before sending. */
export function draftReportText(d: DraftInput): string {
  const end = addDays(d.weekStart, 6);
  const communes = [...new Set(d.visits.map((v) => v.communeName))];
  const answered = d.items.filter((i) => i.status === 'answered' || i.status === 'accepted').length;
  const lines = [
    `BÁO CÁO KẾT QUẢ CÔNG TÁC TUẦN ${viDate(d.weekStart)} – ${viDate(end)}`,
    `Cán bộ tăng cường: ${d.officerName} — ${d.provinceName}`,
    '',
    `1. Kết quả làm việc: ${d.visits.length} lượt làm việc tại ${communes.length} xã, phường, đặc khu` +
      `${communes.length ? ` (${communes.join(', ')})` : ''}.`,
    ...d.visits.map(
      (v) =>
        `   - ${viDate(v.visitedOn)}, ${v.communeName}: làm việc với ${v.metWith}. ${v.findings}` +
        `${v.resolved ? ` Đã hướng dẫn, giải quyết tại chỗ: ${v.resolved}` : ''}`,
    ),
    '',
    `2. Khó khăn, vướng mắc, kiến nghị: ${d.items.length} kiến nghị mới; ` +
      `${answered} đã được trả lời, ${d.items.length - answered} đang xử lý.`,
    ...d.items.map((i) => `   - ${i.code} [${i.field}] ${i.title} — ${STATUS_VI[i.status] ?? i.status}`),
    '',
    '3. Kế hoạch tuần tới: ' +
      `${d.nextWeek.length ? d.nextWeek.map((p) => `${viDate(p.plannedOn)} ${p.communeName}`).join('; ') : 'chưa lập lịch'}.`,
  ];
  return lines.join('\n');
}
