/**
 * Attendance per person. Pure: intervals in, minutes and the verdict out.
 *
 * A person attended when present for at least a set share of the session (default 80 %, a setting of the event):
 * the share of the session's minutes, not of the person's own. Presence is the union of their join–leave intervals
 * (a person who joined twice at two bridges is not counted twice) clipped to the session; a join without a leave counts
 * until the session's end. Whole minutes: seconds are dropped after the union, so 191 min 59 s is 191 minutes.
 */

export const DEFAULT_ATTEND_SHARE = 80;

export interface Interval {
  joinedAt: Date;
  leftAt: Date | null;
}

export interface Session {
  startsAt: Date;
  endsAt: Date;
}

export const sessionMinutes = (s: Session) => Math.floor((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);

/** The minutes needed: the share of the session, rounded up (80 % of 235 minutes = 188 minutes). */
export const requiredMinutes = (s: Session, sharePercent: number) =>
  Math.ceil((sessionMinutes(s) * sharePercent) / 100);

/** Whole minutes present within the session: the union of the intervals, clipped. */
export function presentMinutes(intervals: readonly Interval[], s: Session): number {
  const start = s.startsAt.getTime();
  const end = s.endsAt.getTime();
  const spans = intervals
    .map((i) => [Math.max(i.joinedAt.getTime(), start), Math.min((i.leftAt ?? s.endsAt).getTime(), end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const [a, b] of spans) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  if (curB > curA) total += curB - curA;
  return Math.floor(total / 60_000);
}

export interface Verdict {
  minutes: number;
  required: number;
  session: number;
  attended: boolean;
}

export function attendanceVerdict(intervals: readonly Interval[], s: Session, sharePercent: number): Verdict {
  const minutes = presentMinutes(intervals, s);
  const required = requiredMinutes(s, sharePercent);
  return { minutes, required, session: sessionMinutes(s), attended: minutes >= required };
}
