import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../core/errors.js';
import type { FileStore } from '../../core/file-store.js';
import { scopeOf, type Actor } from '../../core/scope.js';
import { may, mustReadVisit, REINFORCEMENT_POLICY } from './policy.js';
import { accountByUsername, userNamesJoin } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { addDays } from '../../core/calendar/dates.js';
import type { DeadlineClock } from '../../core/clock.js';
import { communesOf, isProvince, unitNamedPlace, unitShortNames } from '../units/index.js';
import { itemsOfVisit, itemsOfVisits, visitItemsJoin } from '../recommendations/index.js';
import { Notifier } from '../recommendations/index.js';
import { actsAsOfficer, channelCalendar, raiseInTx, type RaiseInput } from '../recommendations/index.js';
import { storeAttachments, withStagedFiles, type AttachmentInput } from '../../core/attachments.js';
import { MAX_VISIT_PHOTOS } from './contract.js';
import {
  reinforcementOfficers,
  reinforcementPhases,
  reinforcementReports,
  reinforcementSchedules,
  reinforcementVisits,
  type PlannedVisit,
} from './schema.js';
import { draftReportText, isMonday, phaseWeeks, reportDueOn, reportState } from './domain/weeks.js';

type Phase = typeof reinforcementPhases.$inferSelect;

// ---------- who may ----------

/** The Ministry's support group: Ministry users not serving in the field, and administrators. */
async function isSupportGroup(db: Db, actor: Actor) {
  return may('manage_phases', actor, { officer: await actsAsOfficer(db, actor) });
}

/** Reading officers' work: the country sees all, a province its own; a commune only visits to it. */
function provinceFilter(actor: Actor): string | null | 'none' {
  // A staff account reads no officer's work (the policy's read_visit does not hold it).
  if (!REINFORCEMENT_POLICY.read_visit.roles.includes(actor.role)) return 'none';
  const s = scopeOf(actor);
  if (s.kind === 'country') return null;
  if (s.kind === 'province') return s.provinceCode;
  return 'none';
}

async function loadPhase(db: Db, id: string): Promise<Phase> {
  const [p] = await db.select().from(reinforcementPhases).where(eq(reinforcementPhases.id, id));
  if (!p) throw notFound('phase', { code: id });
  return p;
}

/** The actor's own assignment in a phase: officers write only their own schedules, visits and reports. */
async function ownAssignment(db: Db, actor: Actor, phaseId: string) {
  const [a] = await db
    .select()
    .from(reinforcementOfficers)
    .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.userId, actor.id)));
  if (!a || !may('field_work', actor))
    throw new AppError(403, 'officer_not_assigned', 'officer_not_assigned', { province: '—' });
  return a;
}

async function communeIn(db: Db, code: string, provinceCode: string, field: string) {
  const u = await unitNamedPlace(db, code);
  if (!u || u.level !== 'commune') throw invalid(field, 'invalid_value', { detail: code });
  if (u.provinceCode !== provinceCode)
    throw new AppError(
      400,
      'commune_not_in_province',
      'commune_not_in_province',
      { code, province: provinceCode },
      field,
    );
  return u;
}

// ---------- phases and officers ----------

const presentPhase = (p: Phase) => ({
  id: p.id,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  copiedFrom: p.copiedFrom,
  note: p.note,
});

export async function listPhases(db: Db) {
  const rows = await db
    .select({
      phase: reinforcementPhases,
      officers: sql<number>`(SELECT count(*)::int FROM reinforcement_officers o WHERE o.phase_id = ${reinforcementPhases.id})`,
      provinces: sql<number>`(SELECT count(DISTINCT o.province_code)::int FROM reinforcement_officers o
        WHERE o.phase_id = ${reinforcementPhases.id})`,
    })
    .from(reinforcementPhases)
    .orderBy(desc(reinforcementPhases.startsOn));
  return { items: rows.map((r) => ({ ...presentPhase(r.phase), officers: r.officers, provinces: r.provinces })) };
}

export async function getPhase(db: Db, actor: Actor, id: string) {
  const p = await loadPhase(db, id);
  const pf = provinceFilter(actor);
  const officers = await db
    .select()
    .from(reinforcementOfficers)
    .where(
      and(
        eq(reinforcementOfficers.phaseId, id),
        pf === null
          ? undefined
          : eq(reinforcementOfficers.provinceCode, pf === 'none' ? (actor.provinceCode ?? '') : pf),
      ),
    )
    .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username));
  return {
    ...presentPhase(p),
    officers: officers.map((o) => ({
      userId: o.userId,
      username: o.username,
      displayName: o.displayName,
      provinceCode: o.provinceCode,
      position: o.position,
      phone: o.phone,
    })),
  };
}

/** A new phase; `copyFrom` carries over the officers and their provinces, to be changed afterwards. */
export async function createPhase(
  db: Db,
  actor: Actor,
  input: { name: string; startsOn: string; endsOn: string; note?: string; copyFrom?: string },
  clock: DeadlineClock,
) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  if (input.endsOn <= input.startsOn) throw new AppError(400, 'phase_dates', 'phase_dates', {}, 'endsOn');
  if (input.copyFrom) await loadPhase(db, input.copyFrom);
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(reinforcementPhases)
      .values({
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        note: input.note ?? null,
        copiedFrom: input.copyFrom ?? null,
        createdAt: clock.now(),
      })
      .returning();
    let copied = 0;
    if (input.copyFrom) {
      const prev = await tx
        .select()
        .from(reinforcementOfficers)
        .where(eq(reinforcementOfficers.phaseId, input.copyFrom));
      if (prev.length) await tx.insert(reinforcementOfficers).values(prev.map((o) => ({ ...o, phaseId: p!.id })));
      copied = prev.length;
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'reinforcement_phase',
      entityId: p!.id,
      provinceCode: null,
      unitCode: null,
      after: { ...presentPhase(p!), officersCopied: copied },
    });
    return { ...presentPhase(p!), officersCopied: copied };
  });
}

/** Assigns (or moves) a Ministry user to a province for a phase. */
export async function assignOfficer(
  db: Db,
  actor: Actor,
  phaseId: string,
  username: string,
  input: { provinceCode: string; position?: string; phone?: string },
) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  await loadPhase(db, phaseId);
  const u = await accountByUsername(db, username);
  if (!u) throw notFound('user');
  if (u.role !== 'ministry') throw new AppError(400, 'officer_not_ministry', 'officer_not_ministry', {}, 'username');
  if (!(await isProvince(db, input.provinceCode)))
    throw invalid('provinceCode', 'invalid_value', { detail: input.provinceCode });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reinforcementOfficers)
      .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.userId, u.id)));
    if (before)
      await tx
        .delete(reinforcementOfficers)
        .where(
          and(
            eq(reinforcementOfficers.provinceCode, before.provinceCode),
            eq(reinforcementOfficers.phaseId, phaseId),
            eq(reinforcementOfficers.userId, u.id),
          ),
        );
    const row = {
      provinceCode: input.provinceCode,
      phaseId,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      position: input.position ?? before?.position ?? null,
      phone: input.phone ?? before?.phone ?? null,
    };
    await tx.insert(reinforcementOfficers).values(row);
    await recordAudit(tx, actor, {
      action: before ? 'reassign' : 'assign',
      entity: 'reinforcement_officer',
      entityId: `${phaseId}:${u.username}`,
      provinceCode: input.provinceCode,
      unitCode: input.provinceCode,
      before: before ? { provinceCode: before.provinceCode } : null,
      after: { provinceCode: input.provinceCode },
    });
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      provinceCode: input.provinceCode,
      position: row.position,
      phone: row.phone,
    };
  });
}

export async function removeOfficer(db: Db, actor: Actor, phaseId: string, username: string) {
  if (!(await isSupportGroup(db, actor))) throw forbidden();
  return db.transaction(async (tx) => {
    const [o] = await tx
      .select()
      .from(reinforcementOfficers)
      .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.username, username)));
    if (!o) throw notFound('user');
    await tx
      .delete(reinforcementOfficers)
      .where(
        and(
          eq(reinforcementOfficers.provinceCode, o.provinceCode),
          eq(reinforcementOfficers.phaseId, phaseId),
          eq(reinforcementOfficers.userId, o.userId),
        ),
      );
    await recordAudit(tx, actor, {
      action: 'unassign',
      entity: 'reinforcement_officer',
      entityId: `${phaseId}:${username}`,
      provinceCode: o.provinceCode,
      unitCode: o.provinceCode,
      before: { provinceCode: o.provinceCode },
    });
    return { removed: true };
  });
}

// ---------- weekly schedules ----------

export async function putSchedule(
  db: Db,
  actor: Actor,
  input: {
    phaseId: string;
    weekStart: string;
    visits: { communeCode: string; plannedOn: string; purpose?: string }[];
    note?: string;
    version?: number;
  },
  clock: DeadlineClock,
) {
  const phase = await loadPhase(db, input.phaseId);
  const a = await ownAssignment(db, actor, phase.id);
  if (!isMonday(input.weekStart))
    throw new AppError(400, 'week_start_not_monday', 'week_start_not_monday', {}, 'weekStart');
  const weekEnd = addDays(input.weekStart, 6);
  if (weekEnd < phase.startsOn || input.weekStart > phase.endsOn)
    throw new AppError(
      400,
      'outside_phase',
      'outside_phase',
      { date: input.weekStart, from: phase.startsOn, to: phase.endsOn },
      'weekStart',
    );
  const visits: PlannedVisit[] = [];
  for (const [i, v] of input.visits.entries()) {
    if (v.plannedOn < input.weekStart || v.plannedOn > weekEnd)
      throw invalid(`visits.${i}.plannedOn`, 'invalid_value', { detail: `${input.weekStart} – ${weekEnd}` });
    await communeIn(db, v.communeCode, a.provinceCode, `visits.${i}.communeCode`);
    visits.push({ communeCode: v.communeCode, plannedOn: v.plannedOn, purpose: v.purpose?.trim() || null });
  }
  visits.sort((x, y) => x.plannedOn.localeCompare(y.plannedOn));
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(reinforcementSchedules)
      .where(
        and(
          eq(reinforcementSchedules.phaseId, phase.id),
          eq(reinforcementSchedules.userId, actor.id),
          eq(reinforcementSchedules.weekStart, input.weekStart),
        ),
      )
      .for('update');
    if (before && input.version !== undefined && input.version !== before.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const [row] = before
      ? await tx
          .update(reinforcementSchedules)
          .set({ visits, note: input.note ?? null, version: before.version + 1, updatedAt: now })
          .where(
            and(eq(reinforcementSchedules.provinceCode, before.provinceCode), eq(reinforcementSchedules.id, before.id)),
          )
          .returning()
      : await tx
          .insert(reinforcementSchedules)
          .values({
            provinceCode: a.provinceCode,
            phaseId: phase.id,
            userId: actor.id,
            weekStart: input.weekStart,
            visits,
            note: input.note ?? null,
            updatedAt: now,
          })
          .returning();
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'reinforcement_schedule',
      entityId: row!.id,
      provinceCode: a.provinceCode,
      unitCode: a.provinceCode,
      before: before ? { visits: before.visits } : null,
      after: { weekStart: input.weekStart, visits },
    });
    return presentSchedule(row!, actor.username);
  });
}

function presentSchedule(s: typeof reinforcementSchedules.$inferSelect, username: string) {
  return {
    id: s.id,
    phaseId: s.phaseId,
    provinceCode: s.provinceCode,
    username,
    weekStart: s.weekStart,
    visits: s.visits,
    note: s.note,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export async function listSchedules(
  db: Db,
  actor: Actor,
  q: { phase?: string; officer?: string; province?: string; week?: string },
) {
  const pf = provinceFilter(actor);
  if (pf === 'none') return { items: [] };
  const names = userNamesJoin(db);
  const rows = await db
    .select({ s: reinforcementSchedules, username: names.username })
    .from(reinforcementSchedules)
    .innerJoin(names, eq(names.id, reinforcementSchedules.userId))
    .where(
      and(
        pf ? eq(reinforcementSchedules.provinceCode, pf) : undefined,
        q.phase ? eq(reinforcementSchedules.phaseId, q.phase) : undefined,
        q.officer ? eq(names.username, q.officer) : undefined,
        q.province ? eq(reinforcementSchedules.provinceCode, q.province) : undefined,
        q.week ? eq(reinforcementSchedules.weekStart, q.week) : undefined,
      ),
    )
    .orderBy(desc(reinforcementSchedules.weekStart), asc(names.username))
    .limit(1000);
  return { items: rows.map((r) => presentSchedule(r.s, r.username)) };
}

// ---------- visit logs ----------

export interface VisitInput {
  phaseId: string;
  communeCode: string;
  visitedOn: string;
  metWith: string;
  findings: string;
  resolved?: string;
  photos?: AttachmentInput[];
  /** items raised at the visit: each becomes a recommendation linked to the visit */
  items?: Omit<RaiseInput, 'unitCode' | 'attachments'>[];
  /** the draft's id on the device */
  clientRef?: string;
}

type VisitRow = typeof reinforcementVisits.$inferSelect;

function presentVisit(
  v: VisitRow,
  items: { id: string; code: string; title: string; status: string; field: string }[] = [],
) {
  return {
    id: v.id,
    phaseId: v.phaseId,
    provinceCode: v.provinceCode,
    username: v.username,
    communeCode: v.communeCode,
    visitedOn: v.visitedOn,
    metWith: v.metWith,
    findings: v.findings,
    resolved: v.resolved,
    photos: v.photos.map((p) => ({
      name: p.name,
      contentType: p.contentType,
      sizeBytes: p.sizeBytes,
      sha256: p.sha256,
    })),
    clientRef: v.clientRef,
    createdAt: v.createdAt.toISOString(),
    items,
  };
}

async function visitItems(db: Db, v: Pick<VisitRow, 'provinceCode' | 'id'>) {
  return itemsOfVisit(db, v.provinceCode, v.id);
}

/**
 * Logs a visit with the items raised there, in one transaction. Sent again from the phone (same
 * Idempotency-Key within a day, or the same clientRef at any time), it makes one visit.
 */
export async function logVisit(db: Db, actor: Actor, input: VisitInput, clock: DeadlineClock, store: FileStore) {
  const phase = await loadPhase(db, input.phaseId);
  const a = await ownAssignment(db, actor, phase.id);
  if (input.clientRef) {
    const [dup] = await db
      .select()
      .from(reinforcementVisits)
      .where(and(eq(reinforcementVisits.userId, actor.id), eq(reinforcementVisits.clientRef, input.clientRef)));
    if (dup) return { ...presentVisit(dup, await visitItems(db, dup)), duplicate: true };
  }
  const now = clock.now();
  const today = clock.localDate(now);
  if (input.visitedOn < phase.startsOn || input.visitedOn > phase.endsOn)
    throw new AppError(
      400,
      'outside_phase',
      'outside_phase',
      { date: input.visitedOn, from: phase.startsOn, to: phase.endsOn },
      'visitedOn',
    );
  if (input.visitedOn > today) throw invalid('visitedOn', 'invalid_value', { detail: `≤ ${today}` });
  await communeIn(db, input.communeCode, a.provinceCode, 'communeCode');
  const cal = channelCalendar();
  const notifier = new Notifier(now);
  // Stored after the checks above; removed again if the transaction fails (or the same draft made it meanwhile).
  const result = await withStagedFiles(store, async (staged) => {
    const photos = await storeAttachments(staged, `reinforcement/${a.provinceCode}`, input.photos);
    const made = await db.transaction(async (tx) => {
      const [v] = await tx
        .insert(reinforcementVisits)
        .values({
          provinceCode: a.provinceCode,
          phaseId: phase.id,
          userId: actor.id,
          username: actor.username,
          communeCode: input.communeCode,
          visitedOn: input.visitedOn,
          metWith: input.metWith.trim(),
          findings: input.findings.trim(),
          resolved: input.resolved?.trim() || null,
          photos,
          clientRef: input.clientRef ?? null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!v) return null; // the same draft arrived twice at once: the other request made it
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'reinforcement_visit',
        entityId: v.id,
        provinceCode: v.provinceCode,
        unitCode: v.communeCode,
        after: { visitedOn: v.visitedOn, items: input.items?.length ?? 0 },
      });
      const items = [];
      for (const item of input.items ?? []) {
        const r = await raiseInTx(
          tx,
          actor,
          { ...item, unitCode: input.communeCode },
          { now, cal, notifier, attachments: [], officerProvince: a.provinceCode, visitId: v.id },
        );
        items.push({ id: r.id, code: r.code, title: r.title, status: r.status, field: r.field });
      }
      return presentVisit(v, items);
    });
    if (!made) await staged.discard();
    return made;
  });
  await notifier.flush();
  if (!result) {
    const [dup] = await db
      .select()
      .from(reinforcementVisits)
      .where(and(eq(reinforcementVisits.userId, actor.id), eq(reinforcementVisits.clientRef, input.clientRef ?? '')));
    return { ...presentVisit(dup!, await visitItems(db, dup!)), duplicate: true };
  }
  return { ...result, duplicate: false };
}

export async function listVisits(
  db: Db,
  actor: Actor,
  q: {
    phase?: string;
    officer?: string;
    province?: string;
    commune?: string;
    from?: string;
    to?: string;
    page: number;
    pageSize: number;
  },
) {
  if (!REINFORCEMENT_POLICY.read_visit.roles.includes(actor.role)) throw forbidden();
  const s = scopeOf(actor);
  const conds: (SQL | undefined)[] = [
    s.kind === 'province' ? eq(reinforcementVisits.provinceCode, s.provinceCode) : undefined,
    s.kind === 'commune'
      ? and(eq(reinforcementVisits.provinceCode, s.provinceCode), eq(reinforcementVisits.communeCode, s.communeCode))
      : undefined,
    q.phase ? eq(reinforcementVisits.phaseId, q.phase) : undefined,
    q.officer ? eq(reinforcementVisits.username, q.officer) : undefined,
    q.province ? eq(reinforcementVisits.provinceCode, q.province) : undefined,
    q.commune ? eq(reinforcementVisits.communeCode, q.commune) : undefined,
    q.from ? gte(reinforcementVisits.visitedOn, q.from) : undefined,
    q.to ? lte(reinforcementVisits.visitedOn, q.to) : undefined,
  ];
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(reinforcementVisits)
      .where(where)
      .orderBy(desc(reinforcementVisits.visitedOn), desc(reinforcementVisits.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reinforcementVisits)
      .where(where),
  ]);
  return { items: rows.map((v) => presentVisit(v)), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getVisit(db: Db, actor: Actor, id: string) {
  const [v] = await db.select().from(reinforcementVisits).where(eq(reinforcementVisits.id, id));
  if (!v) throw notFound('visit', { code: id });
  mustReadVisit(actor, v);
  return presentVisit(v, await visitItems(db, v));
}

// ---------- periodic reports ----------

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

// ---------- the support group's views ----------

/** Per province: communes visited and not yet visited in the phase; with `province`, the list of those not visited. */
export async function coverage(db: Db, actor: Actor, phaseId: string, q: { province?: string }) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  if (pf && q.province && q.province !== pf) throw outOfScope(q.province);
  const province = q.province ?? pf ?? undefined;
  const [communes, visited, officers] = await Promise.all([
    communesOf(db, province),
    db
      .select({
        communeCode: reinforcementVisits.communeCode,
        visits: sql<number>`count(*)::int`,
        lastOn: sql<string>`max(${reinforcementVisits.visitedOn})::text`,
      })
      .from(reinforcementVisits)
      .where(
        and(
          eq(reinforcementVisits.phaseId, phase.id),
          province ? eq(reinforcementVisits.provinceCode, province) : undefined,
        ),
      )
      .groupBy(reinforcementVisits.communeCode),
    db
      .select({
        provinceCode: reinforcementOfficers.provinceCode,
        username: reinforcementOfficers.username,
        displayName: reinforcementOfficers.displayName,
      })
      .from(reinforcementOfficers)
      .where(
        and(
          eq(reinforcementOfficers.phaseId, phase.id),
          province ? eq(reinforcementOfficers.provinceCode, province) : undefined,
        ),
      ),
  ]);
  const seen = new Map(visited.map((v) => [v.communeCode, v]));
  const byProvince = new Map<
    string,
    {
      provinceCode: string;
      communes: number;
      visited: number;
      notVisited: number;
      officers: { username: string; displayName: string }[];
      notVisitedCommunes?: { code: string; name: string }[];
    }
  >();
  for (const c of communes) {
    const p = byProvince.get(c.provinceCode) ?? {
      provinceCode: c.provinceCode,
      communes: 0,
      visited: 0,
      notVisited: 0,
      officers: [],
      ...(province ? { notVisitedCommunes: [] } : {}),
    };
    p.communes++;
    if (seen.has(c.code)) p.visited++;
    else {
      p.notVisited++;
      p.notVisitedCommunes?.push({ code: c.code, name: c.name });
    }
    byProvince.set(c.provinceCode, p);
  }
  for (const o of officers)
    byProvince.get(o.provinceCode)?.officers.push({ username: o.username, displayName: o.displayName });
  return {
    phase: presentPhase(phase),
    provinces: [...byProvince.values()],
    /** for the map: visits per commune */
    visitedCommunes: visited.map((v) => ({ communeCode: v.communeCode, visits: v.visits, lastVisitedOn: v.lastOn })),
  };
}

/** Every officer's weekly reports: sent, sent late, due, late. */
export async function reportsStatus(db: Db, actor: Actor, phaseId: string, clock: DeadlineClock) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  const today = clock.localDate(clock.now());
  const cal = channelCalendar();
  const [officers, reports] = await Promise.all([
    db
      .select()
      .from(reinforcementOfficers)
      .where(
        and(eq(reinforcementOfficers.phaseId, phase.id), pf ? eq(reinforcementOfficers.provinceCode, pf) : undefined),
      )
      .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username)),
    db
      .select({
        userId: reinforcementReports.userId,
        periodStart: reinforcementReports.periodStart,
        submittedOn: reinforcementReports.submittedOn,
        id: reinforcementReports.id,
      })
      .from(reinforcementReports)
      .where(
        and(eq(reinforcementReports.phaseId, phase.id), pf ? eq(reinforcementReports.provinceCode, pf) : undefined),
      ),
  ]);
  const sent = new Map(reports.map((r) => [`${r.userId}|${r.periodStart}`, r]));
  const weeks = phaseWeeks(phase.startsOn, phase.endsOn).filter((w) => w <= today);
  const totals = { submitted: 0, submitted_late: 0, due: 0, late: 0 };
  const rows = officers.map((o) => {
    const ws = weeks.map((weekStart) => {
      const dueOn = reportDueOn(weekStart, cal);
      const r = sent.get(`${o.userId}|${weekStart}`);
      const state = reportState(weekStart, dueOn, today, r?.submittedOn ?? null);
      if (state !== 'not_yet') totals[state]++;
      return { weekStart, dueOn, state, reportId: r?.id ?? null };
    });
    return {
      username: o.username,
      displayName: o.displayName,
      provinceCode: o.provinceCode,
      weeks: ws,
      late: ws.filter((w) => w.state === 'late').length,
      due: ws.filter((w) => w.state === 'due').length,
    };
  });
  return { today, phase: presentPhase(phase), totals, officers: rows };
}

/** Each officer's work in a phase: visits, communes, and the items raised with their status. */
export async function officersOverview(db: Db, actor: Actor, phaseId: string) {
  const phase = await loadPhase(db, phaseId);
  const pf = provinceFilter(actor);
  if (pf === 'none') throw forbidden();
  const raised = visitItemsJoin(db);
  const [officers, visits, items] = await Promise.all([
    db
      .select()
      .from(reinforcementOfficers)
      .where(
        and(eq(reinforcementOfficers.phaseId, phase.id), pf ? eq(reinforcementOfficers.provinceCode, pf) : undefined),
      )
      .orderBy(asc(reinforcementOfficers.provinceCode), asc(reinforcementOfficers.username)),
    db
      .select({
        userId: reinforcementVisits.userId,
        visits: sql<number>`count(*)::int`,
        communes: sql<number>`count(DISTINCT ${reinforcementVisits.communeCode})::int`,
        lastOn: sql<string | null>`max(${reinforcementVisits.visitedOn})::text`,
      })
      .from(reinforcementVisits)
      .where(eq(reinforcementVisits.phaseId, phase.id))
      .groupBy(reinforcementVisits.userId),
    db
      .select({ userId: reinforcementVisits.userId, status: raised.status, n: sql<number>`count(*)::int` })
      .from(raised)
      .innerJoin(
        reinforcementVisits,
        and(eq(reinforcementVisits.provinceCode, raised.provinceCode), eq(reinforcementVisits.id, raised.visitId)),
      )
      .where(eq(reinforcementVisits.phaseId, phase.id))
      .groupBy(reinforcementVisits.userId, raised.status),
  ]);
  const v = new Map(visits.map((x) => [x.userId, x]));
  return {
    phase: presentPhase(phase),
    officers: officers.map((o) => {
      const mine = items.filter((i) => i.userId === o.userId);
      return {
        username: o.username,
        displayName: o.displayName,
        provinceCode: o.provinceCode,
        visits: v.get(o.userId)?.visits ?? 0,
        communesVisited: v.get(o.userId)?.communes ?? 0,
        lastVisitOn: v.get(o.userId)?.lastOn ?? null,
        items: Object.fromEntries(
          ['pending', 'info_requested', 'answered', 'accepted'].map((s) => [
            s,
            mine.find((i) => i.status === s)?.n ?? 0,
          ]),
        ),
      };
    }),
  };
}

// ---------- visit photos ----------

async function readableVisit(db: Db, actor: Actor, id: string) {
  const [v] = await db.select().from(reinforcementVisits).where(eq(reinforcementVisits.id, id));
  if (!v) throw notFound('visit', { code: id });
  mustReadVisit(actor, v);
  return v;
}

/** A visit photo's bytes, for whoever may read the visit. n: its position in the visit's list. */
export async function getVisitPhoto(db: Db, actor: Actor, id: string, n: number, store: FileStore) {
  const v = await readableVisit(db, actor, id);
  const p = v.photos[n];
  if (!p) throw notFound('visit', { code: `${id} #${n}` });
  return { name: p.name, contentType: p.contentType, sha256: p.sha256, bytes: await store.get(p.storageKey) };
}

/** The officer who logged the visit adds photos to it later (e.g. sent when the connection allows). */
export async function addVisitPhotos(db: Db, actor: Actor, id: string, files: AttachmentInput[], store: FileStore) {
  const v0 = await readableVisit(db, actor, id);
  if (v0.userId !== actor.id) throw forbidden();
  if (v0.photos.length + files.length > MAX_VISIT_PHOTOS)
    throw invalid('photos', 'invalid_value', { detail: `≤ ${MAX_VISIT_PHOTOS}` });
  const row = await withStagedFiles(store, async (staged) => {
    const stored = await storeAttachments(staged, `reinforcement/${v0.provinceCode}`, files);
    return db.transaction(async (tx) => {
      const [v] = await tx
        .select()
        .from(reinforcementVisits)
        .where(and(eq(reinforcementVisits.provinceCode, v0.provinceCode), eq(reinforcementVisits.id, id)))
        .for('update');
      if (v!.photos.length + stored.length > MAX_VISIT_PHOTOS)
        throw invalid('photos', 'invalid_value', { detail: `≤ ${MAX_VISIT_PHOTOS}` });
      const [u] = await tx
        .update(reinforcementVisits)
        .set({ photos: [...v!.photos, ...stored] })
        .where(and(eq(reinforcementVisits.provinceCode, v!.provinceCode), eq(reinforcementVisits.id, id)))
        .returning();
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'reinforcement_visit',
        entityId: id,
        provinceCode: v!.provinceCode,
        unitCode: v!.communeCode,
        after: { photos: stored.map((p) => p.name) },
      });
      return u!;
    });
  });
  return presentVisit(row, await visitItems(db, row));
}
