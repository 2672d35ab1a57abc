// The officers' periodic reports: drafted from the week's visits, edited, sent, read.
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, notFound, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { recordAudit } from '../../audit/index.js';
import { addDays } from '../../../core/calendar/dates.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { unitShortNames } from '../../units/index.js';
import { itemsOfVisits } from '../../recommendations/index.js';
import { Notifier } from '../../recommendations/index.js';
import { channelCalendar } from '../../recommendations/index.js';
import { reinforcementReports, reinforcementSchedules, reinforcementVisits } from '../schema.js';
import { draftReportText, isMonday, phaseWeeks, reportDueOn } from '../domain/weeks.js';
import { provinceFilter, loadPhase, ownAssignment } from './common.js';

type ReportRow = typeof reinforcementReports.$inferSelect;
const presentReport = (r: ReportRow) => ({
  id: r.id,
  phaseId: r.phaseId,
  provinceCode: r.provinceCode,
  username: r.username,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  dueOn: r.dueOn,
  status: r.status,
  content: r.content,
  figures: r.figures,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  submittedOn: r.submittedOn,
  version: r.version,
});

const nameOf = unitShortNames;

/** Drafts (or re-drafts) the officer's report of a week from its visit logs and items. A sent report is not redrafted. */
export async function draftReport(
  db: Db,
  actor: Actor,
  input: { phaseId: string; weekStart: string },
  clock: DeadlineClock,
) {
  const phase = await loadPhase(db, input.phaseId);
  const a = await ownAssignment(db, actor, phase.id);
  if (!isMonday(input.weekStart))
    throw new AppError(400, 'week_start_not_monday', 'week_start_not_monday', {}, 'weekStart');
  if (!phaseWeeks(phase.startsOn, phase.endsOn).includes(input.weekStart))
    throw new AppError(
      400,
      'outside_phase',
      'outside_phase',
      { date: input.weekStart, from: phase.startsOn, to: phase.endsOn },
      'weekStart',
    );
  const weekEnd = addDays(input.weekStart, 6);
  const cal = channelCalendar();
  const visits = await db
    .select()
    .from(reinforcementVisits)
    .where(
      and(
        eq(reinforcementVisits.phaseId, phase.id),
        eq(reinforcementVisits.userId, actor.id),
        gte(reinforcementVisits.visitedOn, input.weekStart),
        lte(reinforcementVisits.visitedOn, weekEnd),
      ),
    )
    .orderBy(asc(reinforcementVisits.visitedOn));
  const items = visits.length
    ? await itemsOfVisits(
        db,
        a.provinceCode,
        visits.map((v) => v.id),
      )
    : [];
  const [next] = await db
    .select()
    .from(reinforcementSchedules)
    .where(
      and(
        eq(reinforcementSchedules.phaseId, phase.id),
        eq(reinforcementSchedules.userId, actor.id),
        eq(reinforcementSchedules.weekStart, addDays(input.weekStart, 7)),
      ),
    );
  const names = await nameOf(db, [
    a.provinceCode,
    ...visits.map((v) => v.communeCode),
    ...(next?.visits.map((p) => p.communeCode) ?? []),
  ]);
  const content = draftReportText({
    officerName: a.displayName,
    provinceName: names.get(a.provinceCode) ?? a.provinceCode,
    weekStart: input.weekStart,
    visits: visits.map((v) => ({
      visitedOn: v.visitedOn,
      communeName: names.get(v.communeCode) ?? v.communeCode,
      metWith: v.metWith,
      findings: v.findings,
      resolved: v.resolved,
    })),
    items,
    nextWeek: (next?.visits ?? []).map((p) => ({
      plannedOn: p.plannedOn,
      communeName: names.get(p.communeCode) ?? p.communeCode,
    })),
  });
  const answered = items.filter((i) => i.status === 'answered' || i.status === 'accepted').length;
  const figures = {
    visits: visits.length,
    communesVisited: new Set(visits.map((v) => v.communeCode)).size,
    itemsRaised: items.length,
    itemsAnswered: answered,
    itemsOpen: items.length - answered,
  };
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reinforcementReports)
      .where(
        and(
          eq(reinforcementReports.phaseId, phase.id),
          eq(reinforcementReports.userId, actor.id),
          eq(reinforcementReports.periodStart, input.weekStart),
        ),
      )
      .for('update');
    if (before?.status === 'submitted') throw new AppError(409, 'report_submitted', 'report_submitted');
    const values = { content, figures, version: (before?.version ?? 0) + 1, updatedAt: now };
    const [row] = before
      ? await tx
          .update(reinforcementReports)
          .set(values)
          .where(
            and(eq(reinforcementReports.provinceCode, before.provinceCode), eq(reinforcementReports.id, before.id)),
          )
          .returning()
      : await tx
          .insert(reinforcementReports)
          .values({
            ...values,
            provinceCode: a.provinceCode,
            phaseId: phase.id,
            userId: actor.id,
            username: actor.username,
            periodStart: input.weekStart,
            periodEnd: weekEnd,
            dueOn: reportDueOn(input.weekStart, cal),
            status: 'draft',
          })
          .returning();
    await recordAudit(tx, actor, {
      action: 'draft',
      entity: 'reinforcement_report',
      entityId: row!.id,
      provinceCode: a.provinceCode,
      unitCode: a.provinceCode,
      after: { periodStart: input.weekStart, figures },
    });
    return presentReport(row!);
  });
}

async function ownReport(tx: Db, actor: Actor, id: string) {
  const [r] = await tx.select().from(reinforcementReports).where(eq(reinforcementReports.id, id)).for('update');
  if (!r) throw notFound('report', { code: id });
  if (r.userId !== actor.id) throw forbidden();
  if (r.status === 'submitted') throw new AppError(409, 'report_submitted', 'report_submitted');
  return r;
}

export async function editReport(
  db: Db,
  actor: Actor,
  id: string,
  input: { content: string; version?: number },
  clock: DeadlineClock,
) {
  return db.transaction(async (tx) => {
    const r = await ownReport(tx, actor, id);
    if (input.version !== undefined && input.version !== r.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const [row] = await tx
      .update(reinforcementReports)
      .set({ content: input.content, version: r.version + 1, updatedAt: clock.now() })
      .where(and(eq(reinforcementReports.provinceCode, r.provinceCode), eq(reinforcementReports.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'reinforcement_report',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.provinceCode,
      after: { length: input.content.length },
    });
    return presentReport(row!);
  });
}

export async function submitReport(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const now = clock.now();
  const notifier = new Notifier(now);
  const out = await db.transaction(async (tx) => {
    const r = await ownReport(tx, actor, id);
    const today = clock.localDate(now);
    const [row] = await tx
      .update(reinforcementReports)
      .set({ status: 'submitted', submittedAt: now, submittedOn: today, version: r.version + 1, updatedAt: now })
      .where(and(eq(reinforcementReports.provinceCode, r.provinceCode), eq(reinforcementReports.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'submit',
      entity: 'reinforcement_report',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.provinceCode,
      after: { submittedOn: today, late: today > r.dueOn },
    });
    await notifier.notify(
      tx,
      { kind: 'ministry' },
      {
        kind: 'report_submitted',
        entity: 'reinforcement_report',
        entityId: r.id,
        provinceCode: r.provinceCode,
        title: `Báo cáo tuần ${r.periodStart} – ${r.username}`,
      },
    );
    return presentReport(row!);
  });
  await notifier.flush();
  return out;
}

export async function listReports(
  db: Db,
  actor: Actor,
  q: { phase?: string; officer?: string; province?: string; status?: 'draft' | 'submitted' },
) {
  const pf = provinceFilter(actor);
  if (pf === 'none') return { items: [] };
  // Drafts are the officer's own until sent.
  const rows = await db
    .select()
    .from(reinforcementReports)
    .where(
      and(
        pf ? eq(reinforcementReports.provinceCode, pf) : undefined,
        q.phase ? eq(reinforcementReports.phaseId, q.phase) : undefined,
        q.officer ? eq(reinforcementReports.username, q.officer) : undefined,
        q.province ? eq(reinforcementReports.provinceCode, q.province) : undefined,
        q.status ? eq(reinforcementReports.status, q.status) : undefined,
        sql`(${reinforcementReports.status} = 'submitted' OR ${reinforcementReports.userId} = ${actor.id})`,
      ),
    )
    .orderBy(desc(reinforcementReports.periodStart), asc(reinforcementReports.username))
    .limit(2000);
  return { items: rows.map(presentReport) };
}

export async function getReport(db: Db, actor: Actor, id: string) {
  const [r] = await db.select().from(reinforcementReports).where(eq(reinforcementReports.id, id));
  if (!r) throw notFound('report', { code: id });
  const pf = provinceFilter(actor);
  if (pf === 'none' || (pf && pf !== r.provinceCode)) throw outOfScope(r.provinceCode);
  if (r.status === 'draft' && r.userId !== actor.id) throw forbidden();
  return presentReport(r);
}
