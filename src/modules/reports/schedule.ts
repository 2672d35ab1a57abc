/**
 * The reports' schedule (issue #20): at a period's end every unit gets its draft (the communes, the provinces, the
 * Ministry's national report), and after the due day the late ones are listed. The routes' plugin runs it hourly
 * while the server runs (as the channel runs its deadline warnings); both functions are idempotent, so a restart or a
 * second server repeats nothing. Reminders are this list: the page of the level above shows it (GET
 * /api/reports/:id/children, GET /api/reports?late=true); no e-mail is sent yet.
 */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { DeadlineClock } from '../../core/clock.js';
import { communesOf, provinceList } from '../units/index.js';
import { insertReports, type NewReport } from './bulk.js';
import { addDays, lastEndedPeriod, type ReportKind } from './domain/periods.js';
import type { ReportTarget } from './policy.js';
import { reports } from './schema.js';
import { loadOutline } from './service.js';

/** The kinds drafted by the schedule (the monthly brief is drafted on demand). */
export const SCHEDULED_KINDS: readonly ReportKind[] = ['semiannual', 'annual'];

/** Every unit that writes a report: the country, the 34 provinces, the communes. */
export async function reportingUnits(db: Db): Promise<ReportTarget[]> {
  const [provinces, communes] = await Promise.all([provinceList(db), communesOf(db)]);
  return [
    { level: 'country', provinceCode: '', unitCode: '' },
    ...provinces.map((p) => ({ level: 'province' as const, provinceCode: p.code, unitCode: p.code })),
    ...communes.map((c) => ({ level: 'commune' as const, provinceCode: c.provinceCode, unitCode: c.code })),
  ];
}

/** Drafts the reports of the period of `kind` that ended last, for every unit still without one. */
export async function draftEndedPeriod(db: Db, kind: ReportKind, clock: DeadlineClock) {
  const now = clock.now();
  const period = lastEndedPeriod(kind, clock.localDate(now));
  const [units, { outline, version }] = await Promise.all([reportingUnits(db), loadOutline(db, kind)]);
  const have = await db
    .select({ unitCode: reports.unitCode })
    .from(reports)
    .where(and(eq(reports.kind, kind), eq(reports.period, period.key)));
  const done = new Set(have.map((r) => r.unitCode));
  const list: NewReport[] = units
    .filter((u) => !done.has(u.unitCode))
    .map((target) => ({
      target,
      kind,
      period: period.key,
      status: 'draft',
      number: null,
      dueDate: addDays(period.to, outline.dueDays[target.level]),
      createdBy: 'system',
      createdAt: now,
      submittedAt: null,
      events: [{ action: 'schedule', fromStatus: null, toStatus: 'draft', by: 'system', at: now }],
    }));
  const made = list.length ? await insertReports(db, list, outline, version) : 0;
  return { period: period.key, drafted: made };
}

/** The reports of a kind and period not handed up after their due day, by province and unit. */
export async function lateReports(db: Db, kind: ReportKind, period: string, today: string) {
  return db
    .select({
      id: reports.id,
      provinceCode: reports.provinceCode,
      unitCode: reports.unitCode,
      level: reports.level,
      status: reports.status,
      dueDate: reports.dueDate,
    })
    .from(reports)
    .where(
      and(
        eq(reports.kind, kind),
        eq(reports.period, period),
        inArray(reports.status, ['draft', 'returned']),
        lt(reports.dueDate, today),
      ),
    )
    .orderBy(asc(reports.provinceCode), asc(reports.unitCode));
}

/** One pass of the schedule: drafts for the periods just ended, and the late of each. */
export async function runSchedule(db: Db, clock: DeadlineClock) {
  const today = clock.localDate(clock.now());
  const out = [];
  for (const kind of SCHEDULED_KINDS) {
    const { period, drafted } = await draftEndedPeriod(db, kind, clock);
    const late = await lateReports(db, kind, period, today);
    out.push({ kind, period, drafted, late: late.length });
  }
  return out;
}
