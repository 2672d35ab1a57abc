/**
 * The deadlines of Official Letter 6383/BNV-TCBC (13/8/2025) applied to a case, as warnings: "at risk" within the
 * warning days before a deadline not yet met, "late" after it. Pure: no I/O, `today` is passed in.
 * - the leaving decision by 31/8/2025;
 * - the leaving date at the latest 1/9/2025, or 31/12/2025 when the decision was issued before 1/8/2025;
 * - payment by 31/8/2025, also for a case leaving on 1/9/2025; for a phased case (decision issued before 1/8/2025,
 *   leaving later, up to 31/12/2025) payment is due on its leaving date (choice: the letter is silent on phased cases;
 *   docs/settlement.md);
 * - the agency's report by 8/9/2025 (on the progress board).
 */
import { addDays, dayNumber, type IsoDate } from '../../../core/calendar/dates.js';
import type { Status } from './lifecycle.js';
import type { SettlementSettings } from './settings.js';

export type DeadlineKind = 'decision' | 'leave' | 'payment';
export interface DeadlineWarning {
  kind: DeadlineKind;
  due: IsoDate;
  level: 'at_risk' | 'late';
  /** days past the due date (late) or left (at risk) */
  days: number;
}

export interface CaseDates {
  status: Status;
  leaveDate: IsoDate;
  decisionIssuedOn: IsoDate | null;
  paidOn: IsoDate | null;
}

/** The latest leaving date allowed for a case (6383/BNV-TCBC). */
export function latestLeaveDate(d: SettlementSettings['deadlines'], decisionIssuedOn: IsoDate | null): IsoDate {
  return isPhased(d, decisionIssuedOn) ? d.phasedLeaveBy : d.leaveBy;
}

/** Whether a case may leave after the general dates: its decision was issued before 1/8/2025 (6383/BNV-TCBC). */
export function isPhased(d: SettlementSettings['deadlines'], decisionIssuedOn: IsoDate | null): boolean {
  return decisionIssuedOn !== null && decisionIssuedOn < d.phasedDecisionBefore;
}

export function paymentDue(
  d: SettlementSettings['deadlines'],
  leaveDate: IsoDate,
  decisionIssuedOn: IsoDate | null,
): IsoDate {
  return isPhased(d, decisionIssuedOn) && leaveDate > d.paymentBy ? leaveDate : d.paymentBy;
}

export function caseWarnings(c: CaseDates, today: IsoDate, s: SettlementSettings): DeadlineWarning[] {
  const out: DeadlineWarning[] = [];
  if (c.status === 'refused' || c.status === 'closed') return out;
  const check = (kind: DeadlineKind, due: IsoDate, doneOn: IsoDate | null) => {
    const done = doneOn ?? null;
    if (done) {
      if (done > due) out.push({ kind, due, level: 'late', days: dayNumber(done) - dayNumber(due) });
      return;
    }
    if (today > due) out.push({ kind, due, level: 'late', days: dayNumber(today) - dayNumber(due) });
    else if (addDays(today, s.warnDays) >= due)
      out.push({ kind, due, level: 'at_risk', days: dayNumber(due) - dayNumber(today) });
  };
  const d = s.deadlines;
  check('decision', d.decisionsBy, c.decisionIssuedOn);
  // The leaving date itself must fall within what the letter allows.
  const latest = latestLeaveDate(d, c.decisionIssuedOn);
  if (c.leaveDate > latest)
    out.push({ kind: 'leave', due: latest, level: 'late', days: dayNumber(c.leaveDate) - dayNumber(latest) });
  const payBy = paymentDue(d, c.leaveDate, c.decisionIssuedOn);
  if (c.status !== 'paid' || (c.paidOn && c.paidOn > payBy)) check('payment', payBy, c.paidOn);
  return out;
}
