/**
 * The periodic reports (issue #20): drafted from the modules' figures for a unit and a period, written around by their
 * author, sent up, returned or approved by the level above, published. Every change is audited and leaves a line in
 * the report's history; a repeated creation answers the same report (one per unit, kind and period).
 */
import { and, asc, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actorNames } from '../../core/actor-names.js';
import type { DeadlineClock } from '../../core/clock.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { FigureProvider, FigureScope, ProvidedFigures } from '../../core/report-figures.js';
import { scopeOf, scopeWhere, type Actor } from '../../core/scope.js';
import { recordAudit } from '../audit/index.js';
import { archiveFigures } from '../archives/index.js';
import { assessmentFigures } from '../assessments/index.js';
import { organisationFigures } from '../organisations/index.js';
import { reinforcementFigures } from '../reinforcement/index.js';
import { trainingFigures } from '../training/index.js';
import { dossierFigures } from '../dossiers/index.js';
import { recommendationFigures } from '../recommendations/index.js';
import { settlementFigures } from '../settlement/index.js';
import { communesOf, provinceList, unitFigures, unitFullNames, unitPlace } from '../units/index.js';
import { workforceFigures } from '../workforce/index.js';
import { buildReportDocument } from './domain/build-document.js';
import { figureChanges, sumOf, type FigureChange, type StoredFigures } from './domain/figures.js';
import {
  childState,
  isEditable,
  needsComment,
  nextStatus,
  type FlowStep,
  type ReportStatus,
} from './domain/lifecycle.js';
import {
  DEFAULT_OUTLINES,
  outlineProblem,
  type Outline,
  type ProviderName,
  type ReportLevel,
} from './domain/outline.js';
import {
  addDays,
  countedTo,
  parsePeriod,
  periodProblem,
  periodTitle,
  previousPeriod,
  type Period,
  type ReportKind,
} from './domain/periods.js';
import { mayReport, mustReport, reportActions, type ReportTarget } from './policy.js';
import { reportEvents, reportOutlines, reportSections, reports } from './schema.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type ReportRow = typeof reports.$inferSelect;
type SectionRow = typeof reportSections.$inferSelect;

/** The modules that give figures today; a section of any other provider says so instead of inventing figures. */
export const FIGURE_PROVIDERS: Partial<Record<ProviderName, FigureProvider>> = {
  units: unitFigures,
  workforce: workforceFigures,
  dossiers: dossierFigures,
  recommendations: recommendationFigures,
  settlement: settlementFigures,
  archives: archiveFigures,
  assessments: assessmentFigures,
  reinforcement: reinforcementFigures,
  training: trainingFigures,
  organisations: organisationFigures,
};

// ---------- outlines (a setting of the Ministry) ----------

export async function loadOutline(db: Db, kind: ReportKind): Promise<{ outline: Outline; version: number }> {
  const [row] = await db.select().from(reportOutlines).where(eq(reportOutlines.kind, kind));
  return row ? { outline: row.value, version: row.version } : { outline: DEFAULT_OUTLINES[kind], version: 0 };
}

export async function getOutline(db: Db, actor: Actor, kind: ReportKind) {
  mustReport('outline.read', actor);
  const { outline, version } = await loadOutline(db, kind);
  return { ...outline, version };
}

export async function putOutline(
  db: Db,
  actor: Actor,
  kind: ReportKind,
  body: Omit<Outline, 'kind'> & { version: number },
  clock: DeadlineClock,
) {
  mustReport('outline.write', actor);
  const { version: expected, ...value } = body;
  const problem = outlineProblem(value);
  if (problem) throw invalid(problem.field, 'invalid_value', { detail: problem.detail });
  return db.transaction(async (tx) => {
    const before = await loadOutline(tx, kind);
    if (before.version !== expected) throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const outline: Outline = { ...value, kind };
    const row = {
      kind,
      version: before.version + 1,
      value: outline,
      updatedBy: actor.username,
      updatedAt: clock.now(),
    };
    await tx.insert(reportOutlines).values(row).onConflictDoUpdate({ target: reportOutlines.kind, set: row });
    await recordAudit(tx, actor, {
      action: 'set',
      entity: 'report_outline',
      entityId: kind,
      provinceCode: null,
      unitCode: null,
      before: before.outline,
      after: outline,
    });
    return { ...outline, version: row.version };
  });
}

// ---------- places and figures ----------

/** The unit a report is written for: the caller's own by default (the Ministry's covers the country). */
async function reportPlace(db: Db, actor: Actor, unit?: string): Promise<ReportTarget> {
  if (!unit) {
    const s = scopeOf(actor);
    if (s.kind === 'country') return { level: 'country', provinceCode: '', unitCode: '' };
    if (s.kind === 'province') return { level: 'province', provinceCode: s.provinceCode, unitCode: s.provinceCode };
    return { level: 'commune', provinceCode: s.provinceCode, unitCode: s.communeCode };
  }
  const u = await unitPlace(db, unit);
  if (!u) throw invalid('unit', 'invalid_value', { detail: unit });
  return u.level === 'province'
    ? { level: 'province', provinceCode: u.code, unitCode: u.code }
    : { level: 'commune', provinceCode: u.provinceCode, unitCode: u.code };
}

const figureScope = (r: ReportTarget): FigureScope =>
  r.level === 'country'
    ? { kind: 'country', provinceCode: null, unitCode: null }
    : { kind: r.level, provinceCode: r.provinceCode, unitCode: r.unitCode };

/** A section's figures for the period, with the previous period beside each and the provenance of every one. */
export async function computeFigures(
  db: Db,
  provider: ProviderName,
  scope: FigureScope,
  period: Period,
  clock: DeadlineClock,
): Promise<StoredFigures> {
  const fn = FIGURE_PROVIDERS[provider];
  if (!fn) return { available: false, module: provider, figures: [], tables: [] };
  const today = clock.localDate(clock.now());
  const prev = previousPeriod(period);
  const windowOf = (p: Period) => ({ period: p.key, from: p.from, to: countedTo(p, today) });
  const [now, before] = await Promise.all([
    fn(db, scope, windowOf(period), clock),
    // The previous period is a comparison: a module that cannot count that far back leaves it empty.
    fn(db, scope, windowOf(prev), clock).catch((): ProvidedFigures | null => null),
  ]);
  const computedAt = clock.now().toISOString();
  const source = (query: string, link: string) => ({
    module: now.module,
    query,
    period: period.key,
    scope,
    computedAt,
    link,
  });
  const previous = new Map((before?.figures ?? []).map((f) => [f.key, f.value]));
  return {
    available: true,
    module: now.module,
    figures: now.figures.map((f) => ({
      key: f.key,
      value: f.value,
      format: f.format,
      previous: previous.get(f.key) ?? null,
      source: source(f.query, f.link),
    })),
    tables: now.tables.map((t) => ({ key: t.key, columns: t.columns, rows: t.rows, source: source(t.query, t.link) })),
  };
}

/** Every section's figures of an outline, the providers run side by side. */
async function computeSections(db: Db, outline: Outline, target: ReportTarget, period: Period, clock: DeadlineClock) {
  const scope = figureScope(target);
  return Promise.all(
    outline.sections.map(async (s) => ({
      section: s,
      figures: s.provider ? await computeFigures(db, s.provider, scope, period, clock) : null,
    })),
  );
}

// ---------- reading ----------

async function loadReport(db: Db | Tx, id: string): Promise<ReportRow> {
  const [r] = await db.select().from(reports).where(eq(reports.id, id));
  if (!r) throw notFound('report', { code: id });
  return r;
}

const today = (clock: DeadlineClock) => clock.localDate(clock.now());
const isLate = (r: ReportRow, day: string) => isEditable(r.status) && day > r.dueDate;

async function unitName(db: Db, r: Pick<ReportRow, 'level' | 'provinceCode' | 'unitCode'>, on: string) {
  if (r.level === 'country') return 'Bộ Nội vụ';
  const names = await unitFullNames(db, r.provinceCode, on);
  return names.get(r.unitCode) ?? r.unitCode;
}

function reportTitle(outline: Outline | null, kind: ReportKind, period: string) {
  const p = parsePeriod(period)!;
  return `${(outline ?? DEFAULT_OUTLINES[kind]).title} ${periodTitle(p)}`;
}

function summary(r: ReportRow, actor: Actor, day: string, name: string) {
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    unitCode: r.unitCode,
    unitName: name,
    level: r.level,
    kind: r.kind,
    period: r.period,
    title: reportTitle(null, r.kind, r.period),
    status: r.status,
    number: r.number,
    dueDate: r.dueDate,
    late: isLate(r, day),
    version: r.version,
    createdBy: r.createdBy,
    updatedBy: r.updatedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    actions: reportActions(actor, r),
  };
}

function sectionOut(s: SectionRow) {
  return {
    key: s.key,
    position: s.position,
    title: s.title,
    provider: s.provider,
    text: s.text,
    version: s.version,
    figures: s.figures,
    computedAt: s.computedAt?.toISOString() ?? null,
    pendingChanges: s.pendingFigures ? figureChanges(s.figures, s.pendingFigures) : null,
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt.toISOString(),
  };
}

/**
 * Reports drafted in bulk (the schedule, the demo) get their figures when first opened: the sections whose provider
 * has never been asked are computed now and stored (only where still empty, so two readers write the same once).
 */
async function fillFigures(db: Db, r: ReportRow, sections: SectionRow[], clock: DeadlineClock) {
  const empty = sections.filter((s) => s.provider && s.computedAt === null);
  if (empty.length === 0) return sections;
  const period = parsePeriod(r.period)!;
  const scope = figureScope(r);
  const now = clock.now();
  const filled = new Map(
    await Promise.all(
      empty.map(async (s) => [s.key, await computeFigures(db, s.provider!, scope, period, clock)] as const),
    ),
  );
  for (const [key, figures] of filled)
    await db
      .update(reportSections)
      .set({ figures, computedAt: now })
      .where(and(eq(reportSections.reportId, r.id), eq(reportSections.key, key), isNull(reportSections.computedAt)));
  return sections.map((s) => (filled.has(s.key) ? { ...s, figures: filled.get(s.key)!, computedAt: now } : s));
}

async function sectionsOf(db: Db, r: ReportRow, clock: DeadlineClock) {
  const rows = await db
    .select()
    .from(reportSections)
    .where(eq(reportSections.reportId, r.id))
    .orderBy(asc(reportSections.position));
  return fillFigures(db, r, rows, clock);
}

async function detail(db: Db, actor: Actor, r: ReportRow, clock: DeadlineClock) {
  const day = today(clock);
  const [sections, events, name] = await Promise.all([
    sectionsOf(db, r, clock),
    db.select().from(reportEvents).where(eq(reportEvents.reportId, r.id)).orderBy(asc(reportEvents.id)),
    unitName(db, r, day),
  ]);
  const names = await actorNames(
    db,
    events.map((e) => e.actorUsername),
  );
  return {
    ...summary(r, actor, day, name),
    sections: sections.map(sectionOut),
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      comment: e.comment,
      by: e.actorUsername,
      actor: names.get(e.actorUsername) ?? null,
      at: e.at.toISOString(),
    })),
  };
}
export type ReportDetail = Awaited<ReturnType<typeof detail>>;

export async function getReport(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await loadReport(db, id);
  mustReport('read', actor, r);
  return detail(db, actor, r, clock);
}

/** The report and its sections as stored, for the document builder (scope checked). */
export async function reportForDocument(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await loadReport(db, id);
  mustReport('read', actor, r);
  return { report: r, sections: await sectionsOf(db, r, clock) };
}

export interface ListQuery {
  kind?: ReportKind;
  period?: string;
  status?: ReportStatus;
  unit?: string;
  late?: boolean;
  page?: number;
  pageSize?: number;
}

export async function listReports(db: Db, actor: Actor, q: ListQuery, clock: DeadlineClock) {
  mustReport('read', actor);
  const day = today(clock);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const where = and(
    scopeWhere(actor, { provinceCode: reports.provinceCode, unitCode: reports.unitCode }),
    q.kind ? eq(reports.kind, q.kind) : undefined,
    q.period ? eq(reports.period, q.period) : undefined,
    q.status ? eq(reports.status, q.status) : undefined,
    q.unit !== undefined ? eq(reports.unitCode, q.unit === 'VN' ? '' : q.unit) : undefined,
    q.late
      ? sql`${reports.status} IN ('draft', 'returned') AND ${reports.dueDate} < ${day}`
      : (undefined as SQL | undefined),
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(reports)
      .where(where)
      .orderBy(desc(reports.period), asc(reports.provinceCode), asc(reports.unitCode), asc(reports.kind))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reports)
      .where(where),
  ]);
  const provinces = [...new Set(rows.map((r) => r.provinceCode).filter(Boolean))];
  const names = new Map<string, string>();
  for (const p of provinces) for (const [k, v] of await unitFullNames(db, p, day)) names.set(k, v);
  return {
    items: rows.map((r) =>
      summary(r, actor, day, r.level === 'country' ? 'Bộ Nội vụ' : (names.get(r.unitCode) ?? r.unitCode)),
    ),
    total: count?.n ?? 0,
    page,
    pageSize,
  };
}

// ---------- creating (idempotent) ----------

/** Creations under way in this process, by (unit, kind, period): concurrent retries share one computation. */
const creating = new Map<string, Promise<{ id: string; created: boolean }>>();

export async function createReport(
  db: Db,
  actor: Actor,
  body: { kind: ReportKind; period: string; unit?: string },
  clock: DeadlineClock,
) {
  const problem = periodProblem(body.kind, body.period);
  if (problem)
    throw invalid('period', problem === 'invalid_period' ? 'reports_invalid_period' : 'reports_period_kind', {
      value: body.period,
    });
  const target = await reportPlace(db, actor, body.unit);
  mustReport('create', actor, target);
  const key = `${target.unitCode}|${body.kind}|${body.period}`;
  let run = creating.get(key);
  const owner = !run;
  if (!run) {
    run = draftReport(db, actor, target, body.kind, parsePeriod(body.period)!, clock, 'create');
    creating.set(key, run);
    void run.finally(() => creating.delete(key)).catch(() => {});
  }
  const { id, created } = await run;
  // Only the request that ran the creation answers 201; the others joined it and find the report.
  return { created: owner && created, detail: await detail(db, actor, await loadReport(db, id), clock) };
}

/**
 * Drafts the report of a unit for a period unless it exists: figures computed first (outside the transaction), then
 * one INSERT … ON CONFLICT DO NOTHING on (unit, kind, period); the loser of a race reads the winner's report.
 */
export async function draftReport(
  db: Db,
  actor: Actor,
  target: ReportTarget,
  kind: ReportKind,
  period: Period,
  clock: DeadlineClock,
  action: 'create' | 'schedule',
): Promise<{ id: string; created: boolean }> {
  const find = async () =>
    (
      await db
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.unitCode, target.unitCode), eq(reports.kind, kind), eq(reports.period, period.key)))
    )[0];
  const existing = await find();
  if (existing) return { id: existing.id, created: false };
  const { outline, version } = await loadOutline(db, kind);
  const sections = await computeSections(db, outline, target, period, clock);
  const now = clock.now();
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        provinceCode: target.provinceCode,
        unitCode: target.unitCode,
        level: target.level,
        kind,
        period: period.key,
        status: 'draft',
        dueDate: addDays(period.to, outline.dueDays[target.level]),
        outlineVersion: version,
        createdBy: actor.username,
        updatedBy: actor.username,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [reports.unitCode, reports.kind, reports.period] })
      .returning({ id: reports.id });
    if (!row) return null;
    await tx.insert(reportSections).values(
      sections.map(({ section, figures }, position) => ({
        reportId: row.id,
        provinceCode: target.provinceCode,
        key: section.key,
        position,
        title: section.title,
        provider: section.provider,
        figures,
        computedAt: figures ? now : null,
        updatedBy: actor.username,
        updatedAt: now,
      })),
    );
    await tx.insert(reportEvents).values({
      reportId: row.id,
      provinceCode: target.provinceCode,
      action,
      fromStatus: null,
      toStatus: 'draft',
      actorUsername: actor.username,
      at: now,
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'report',
      entityId: row.id,
      provinceCode: target.provinceCode || null,
      unitCode: target.unitCode || null,
      before: null,
      after: { kind, period: period.key, unit: target.unitCode, via: action },
    });
    return row.id;
  });
  if (id) return { id, created: true };
  const winner = await find();
  if (!winner) throw new AppError(409, 'version_conflict', 'record_version_conflict');
  return { id: winner.id, created: false };
}

// ---------- the author's work ----------

async function bump(tx: Tx, actor: Actor, r: ReportRow, set: Partial<typeof reports.$inferInsert>, now: Date) {
  const [u] = await tx
    .update(reports)
    .set({ ...set, version: r.version + 1, updatedBy: actor.username, updatedAt: now })
    .where(and(eq(reports.id, r.id), eq(reports.version, r.version)))
    .returning();
  if (!u) throw new AppError(409, 'version_conflict', 'record_version_conflict');
  return u;
}

function mustBeEditable(r: ReportRow) {
  if (!isEditable(r.status)) throw new AppError(409, 'report_locked', 'reports_locked');
}

export async function putSection(
  db: Db,
  actor: Actor,
  id: string,
  key: string,
  body: { text: string; version: number },
  clock: DeadlineClock,
) {
  const r = await loadReport(db, id);
  mustReport('edit', actor, r);
  mustBeEditable(r);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(reportSections)
      .where(and(eq(reportSections.reportId, id), eq(reportSections.key, key)));
    if (!s) throw notFound('report_section', { code: key });
    if (s.text === body.text && s.version === body.version + 1) return; // the same save repeated
    const [u] = await tx
      .update(reportSections)
      .set({ text: body.text, version: s.version + 1, updatedBy: actor.username, updatedAt: now })
      .where(
        and(eq(reportSections.reportId, id), eq(reportSections.key, key), eq(reportSections.version, body.version)),
      )
      .returning({ version: reportSections.version });
    if (!u) throw new AppError(409, 'version_conflict', 'record_version_conflict');
    await bump(tx, actor, r, {}, now);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'report_section',
      entityId: `${id}/${key}`,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode || null,
      before: { text: s.text },
      after: { text: body.text },
    });
  });
  return detail(db, actor, await loadReport(db, id), clock);
}

/** Recomputes every section's figures; the new ones wait beside the old until the author accepts them. */
export async function recompute(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await loadReport(db, id);
  mustReport('edit', actor, r);
  mustBeEditable(r);
  const period = parsePeriod(r.period)!;
  const sections = await db.select().from(reportSections).where(eq(reportSections.reportId, id));
  const scope = figureScope(r);
  const fresh = await Promise.all(
    sections.map(async (s) => ({
      s,
      figures: s.provider ? await computeFigures(db, s.provider as ProviderName, scope, period, clock) : null,
    })),
  );
  const changes: { key: string; changes: FigureChange[] }[] = [];
  await db.transaction(async (tx) => {
    for (const { s, figures } of fresh) {
      if (!figures) continue;
      const diff = figureChanges(s.figures, figures);
      changes.push({ key: s.key, changes: diff });
      await tx
        .update(reportSections)
        .set({ pendingFigures: figures })
        .where(and(eq(reportSections.reportId, id), eq(reportSections.key, s.key)));
    }
    await recordAudit(tx, actor, {
      action: 'recompute',
      entity: 'report',
      entityId: id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode || null,
      before: null,
      after: { changed: changes.filter((c) => c.changes.length).map((c) => c.key) },
    });
  });
  return { sections: changes.sort((a, b) => a.key.localeCompare(b.key)) };
}

/** Takes the recomputed figures into the report (nothing to take: the report as it is, so a retry is harmless). */
export async function acceptFigures(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await loadReport(db, id);
  mustReport('edit', actor, r);
  mustBeEditable(r);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const pending = await tx
      .select({ key: reportSections.key, figures: reportSections.figures, pending: reportSections.pendingFigures })
      .from(reportSections)
      .where(and(eq(reportSections.reportId, id), sql`${reportSections.pendingFigures} IS NOT NULL`));
    if (pending.length === 0) return;
    await tx
      .update(reportSections)
      .set({
        figures: sql`${reportSections.pendingFigures}`,
        pendingFigures: null,
        computedAt: now,
        updatedBy: actor.username,
        updatedAt: now,
      })
      .where(and(eq(reportSections.reportId, id), sql`${reportSections.pendingFigures} IS NOT NULL`));
    const u = await bump(tx, actor, r, {}, now);
    await tx.insert(reportEvents).values({
      reportId: id,
      provinceCode: r.provinceCode,
      action: 'accept_figures',
      fromStatus: r.status,
      toStatus: u.status,
      actorUsername: actor.username,
      at: now,
    });
    await recordAudit(tx, actor, {
      action: 'accept_figures',
      entity: 'report',
      entityId: id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode || null,
      before: Object.fromEntries(pending.map((p) => [p.key, p.figures?.figures.map((f) => [f.key, f.value]) ?? null])),
      after: Object.fromEntries(pending.map((p) => [p.key, p.pending?.figures.map((f) => [f.key, f.value]) ?? null])),
    });
  });
  return detail(db, actor, await loadReport(db, id), clock);
}

// ---------- the flow ----------

const TARGET_OF: Record<FlowStep, ReportStatus> = {
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  publish: 'published',
};

export async function step(
  db: Db,
  actor: Actor,
  id: string,
  flowStep: FlowStep,
  body: { comment?: string; version?: number },
  clock: DeadlineClock,
) {
  const r = await loadReport(db, id);
  mustReport(flowStep, actor, r);
  const comment = body.comment?.trim() || null;
  if (needsComment(flowStep) && !comment) throw invalid('comment', 'reports_comment_required');
  const to = nextStatus(r.status, flowStep);
  if (!to) {
    // The same step sent again (a retry after a lost answer): the report as it stands.
    if (r.status === TARGET_OF[flowStep] && body.version === undefined) return detail(db, actor, r, clock);
    throw new AppError(409, 'step_not_allowed', 'reports_step_not_allowed');
  }
  if (body.version !== undefined && body.version !== r.version)
    throw new AppError(409, 'version_conflict', 'record_version_conflict');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const set: Partial<typeof reports.$inferInsert> = { status: to };
    if (flowStep === 'submit') {
      set.submittedAt = now;
      if (r.number === null) {
        // The issuing body's next number in the period's year (Decree 30/2020: numbered per year).
        const [n] = await tx
          .select({ last: sql<number>`coalesce(max(${reports.number}), 0)::int` })
          .from(reports)
          .where(and(eq(reports.unitCode, r.unitCode), like(reports.period, `${r.period.slice(0, 4)}%`)));
        set.number = (n?.last ?? 0) + 1;
      }
    }
    await bump(tx, actor, r, set, now);
    await tx.insert(reportEvents).values({
      reportId: id,
      provinceCode: r.provinceCode,
      action: flowStep,
      fromStatus: r.status,
      toStatus: to,
      comment,
      actorUsername: actor.username,
      at: now,
    });
    await recordAudit(tx, actor, {
      action: flowStep,
      entity: 'report',
      entityId: id,
      provinceCode: r.provinceCode || null,
      unitCode: r.unitCode || null,
      before: { status: r.status },
      after: { status: to, comment },
    });
  });
  return detail(db, actor, await loadReport(db, id), clock);
}

// ---------- the level below ----------

/**
 * For a province's report, each of its communes' reports of the same kind and period (submitted, late or missing);
 * for the Ministry's, each province's. And the check of the figures: each count of the report beside the sum of the
 * lower level's reports (a province also counts its own departments, so its figure may exceed its communes' sum).
 */
export async function children(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const r = await loadReport(db, id);
  mustReport('read', actor, r);
  const day = today(clock);
  const empty = { level: null, dueDate: null, counts: { submitted: 0, late: 0, missing: 0 }, items: [], check: [] };
  if (r.level === 'commune') return empty;
  const childLevel: ReportLevel = r.level === 'country' ? 'province' : 'commune';
  const units =
    r.level === 'country'
      ? (await provinceList(db)).map((p) => ({ code: p.code, provinceCode: p.code }))
      : (await communesOf(db, r.provinceCode)).map((c) => ({ code: c.code, provinceCode: c.provinceCode }));
  const names = await unitFullNames(db, r.level === 'country' ? null : r.provinceCode, day);
  const period = parsePeriod(r.period)!;
  const { outline } = await loadOutline(db, r.kind);
  const due = addDays(period.to, outline.dueDays[childLevel]);
  const rows = units.length
    ? await db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.kind, r.kind),
            eq(reports.period, r.period),
            eq(reports.level, childLevel),
            r.level === 'province' ? eq(reports.provinceCode, r.provinceCode) : undefined,
          ),
        )
    : [];
  const byUnit = new Map(rows.map((c) => [c.unitCode, c]));
  const counts = { submitted: 0, late: 0, missing: 0 };
  const items = units.map((u) => {
    const c = byUnit.get(u.code);
    const state = childState(c?.status ?? null, due, day);
    counts[state] += 1;
    return {
      unitCode: u.code,
      unitName: names.get(u.code) ?? u.code,
      reportId: c?.id ?? null,
      status: c?.status ?? null,
      state,
      submittedAt: c?.submittedAt?.toISOString() ?? null,
    };
  });
  const ids = rows.map((c) => c.id);
  const [own, below] = await Promise.all([
    sectionsOf(db, r, clock),
    ids.length
      ? db
          .select({ key: reportSections.key, figures: reportSections.figures })
          .from(reportSections)
          .where(and(inArray(reportSections.reportId, ids), sql`${reportSections.provider} IS NOT NULL`))
      : Promise.resolve([]),
  ]);
  const belowBySection = new Map<string, (StoredFigures | null)[]>();
  // Reports below that were never opened have no figures yet: they are left out of the sums and the count.
  for (const s of below) if (s.figures) belowBySection.set(s.key, [...(belowBySection.get(s.key) ?? []), s.figures]);
  const check = [];
  for (const s of own) {
    if (!s.figures?.available) continue;
    const sets = belowBySection.get(s.key) ?? [];
    for (const f of s.figures.figures) {
      if (f.format !== 'int' && f.format !== 'vnd') continue;
      const sum = sumOf(sets, f.key);
      check.push({
        section: s.key,
        key: f.key,
        value: f.value,
        sumBelow: sum,
        reportsBelow: sets.length,
        difference: f.value !== null && sum !== null ? f.value - sum : null,
      });
    }
  }
  return { level: childLevel, dueDate: due, counts, items, check };
}

export const mayReadReports = (actor: Actor) => mayReport('read', actor);

// ---------- the document ----------

/**
 * The report's document model as the caller may see it (the same scope as GET /api/reports/:id), with what the
 * renderers' routes need beside it: a file name, the period in words and the time of its last change (same version,
 * same bytes).
 */
export async function loadReportDocument(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const { report: r, sections } = await reportForDocument(db, actor, id, clock);
  const day = today(clock);
  const on = r.submittedAt ? clock.localDate(r.submittedAt) : day;
  const names = await unitFullNames(db, r.level === 'country' ? null : r.provinceCode, on);
  const { outline } = await loadOutline(db, r.kind);
  const period = parsePeriod(r.period)!;
  const unit = r.level === 'country' ? 'Bộ Nội vụ' : (names.get(r.unitCode) ?? r.unitCode);
  const document = buildReportDocument(
    r,
    sections,
    {
      unit,
      province: r.level === 'country' ? null : (names.get(r.provinceCode) ?? r.provinceCode),
      units: Object.fromEntries(names),
    },
    { outlineTitle: outline.title, date: on },
  );
  return {
    document,
    fileBase: `bao-cao-${r.kind}-${r.period}-${unit}`,
    periodLabel: periodTitle(period),
    stampedAt: r.updatedAt,
  };
}
