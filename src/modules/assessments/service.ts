/**
 * Assessment service: periods, tasks, deliveries, reviews, corrections and annual ratings.
 * Who may do what:
 * - the unit's management accounts (commune, province, Ministry, in their scope) act as the head:
 *   they assign and review tasks, judge the general criteria, close periods and rate the year;
 * - an account linked to a staff record (users.person_id) reports its own deliveries and writes its
 *   own self-assessment; a viewer account linked to a person sees only that person's assessment;
 * - other read-only accounts see their subtree.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../core/errors.js';
import { canRead, canWrite, scopeOf, scopeWhere as coreScopeWhere, type Actor, type Place } from '../../core/scope.js';
import { recordAudit } from '../audit/index.js';
import { units, unitVersions } from '../units/index.js';
import { assignments, people, posts } from '../workforce/index.js';
import {
  annualRatings,
  assessmentCorrections,
  assessmentPeriods,
  assessmentReviews,
  assessmentSettings,
  assessmentTasks,
  assessmentUnitYears,
  type GeneralScores,
} from './schema.js';
import {
  BANDS,
  DEFAULT_SETTINGS,
  mergeSettings,
  settingsProblem,
  type AssessmentSettings,
  type Band,
} from './domain/settings.js';
import {
  annualRating,
  bandAtLeast,
  bandOf,
  defaultDelays,
  excellentQuota,
  monthsInYear,
  periodsOfYear,
  quotaCheck,
  round2,
} from './domain/scoring.js';
import { freezeScore, scoreUnitPeriod, type TaskRow } from './domain/period.js';

type PeriodRow = typeof assessmentPeriods.$inferSelect;
type TaskDbRow = typeof assessmentTasks.$inferSelect;

const placeOf = (p: { provinceCode: string; unitCode: string }): Place => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});
const periodLabel = (p: Pick<PeriodRow, 'kind' | 'seq' | 'year'>) =>
  `${p.kind === 'quarter' ? 'Q' : 'T'}${p.seq}/${p.year}`;
const conflict = () => new AppError(409, 'version_conflict', 'record_version_conflict');

/** Nobody judges their own work: a head's account linked to a staff record cannot review or assess that person. */
const notSelf = (actor: Actor, personId: string) => {
  if (actor.personId === personId) throw forbidden();
};

/** A viewer account linked to a staff record sees only its own assessment. */
const ownOnly = (actor: Actor) => actor.role === 'viewer' && !!actor.personId;

/** May the actor read the assessment of this person, held at this place? */
function canReadPerson(actor: Actor, personId: string, place: Place) {
  if (actor.personId === personId) return true;
  if (ownOnly(actor)) return false;
  return canRead(actor, place);
}

function scopeWhere(
  actor: Actor,
  cols: { provinceCode: AnyColumn; unitCode: AnyColumn; personId?: AnyColumn },
): SQL | undefined {
  if (ownOnly(actor) && cols.personId) return eq(cols.personId, actor.personId!);
  return coreScopeWhere(actor, cols);
}

// ---------- settings ----------

export async function settingsFor(db: Db, provinceCode: string | null): Promise<AssessmentSettings> {
  const rows = await db
    .select()
    .from(assessmentSettings)
    .where(inArray(assessmentSettings.provinceCode, provinceCode ? ['', provinceCode] : ['']));
  const national = rows.find((r) => r.provinceCode === '')?.overrides;
  const own = provinceCode ? rows.find((r) => r.provinceCode === provinceCode)?.overrides : undefined;
  return mergeSettings(DEFAULT_SETTINGS, national, own);
}

export async function getSettings(db: Db, actor: Actor, province?: string) {
  const provinceCode = province ?? actor.provinceCode ?? null;
  // Settings are no secret, but each province's own stay with it.
  if (provinceCode && actor.provinceCode && actor.provinceCode !== provinceCode) throw outOfScope(provinceCode);
  const [row] = provinceCode
    ? await db.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, provinceCode))
    : [];
  return {
    provinceCode,
    settings: await settingsFor(db, provinceCode),
    defaults: DEFAULT_SETTINGS,
    overrides: row?.overrides ?? {},
  };
}

/** The Ministry sets the national settings; a province its own, for its units. */
export async function putSettings(
  db: Db,
  actor: Actor,
  provinceCode: string | null,
  overrides: Partial<AssessmentSettings>,
) {
  if (provinceCode) {
    if (!canWrite(actor, { provinceCode, unitCode: provinceCode }) || actor.communeCode) throw forbidden();
  } else if (!(actor.role === 'ministry' || actor.role === 'admin')) throw forbidden();
  const key = provinceCode ?? '';
  const national = key
    ? (await db.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, ''))).at(0)?.overrides
    : undefined;
  const merged = mergeSettings(DEFAULT_SETTINGS, national, overrides);
  const problem = settingsProblem(merged);
  if (problem) throw invalid(problem[0], 'settings_invalid', { detail: problem[1] });
  const inScope = provinceCode ? eq(assessmentTasks.provinceCode, provinceCode) : undefined;
  // Kinds that tasks already use keep their conversion weight: removing one would leave those tasks unscorable.
  if (overrides.productKinds) {
    const used = await db.selectDistinct({ kind: assessmentTasks.productKind }).from(assessmentTasks).where(inScope);
    const missing = used.map((u) => u.kind).filter((k) => !merged.productKinds.some((p) => p.code === k));
    if (missing.length)
      throw invalid('productKinds', 'settings_invalid', { detail: `in use by tasks: ${missing.join(', ')}` });
  }
  // Periods of the other kind this year or later would overlap the new ones.
  if (overrides.periodKind) {
    const [other] = await db
      .select({ id: assessmentPeriods.id })
      .from(assessmentPeriods)
      .where(
        and(
          provinceCode ? eq(assessmentPeriods.provinceCode, provinceCode) : undefined,
          sql`${assessmentPeriods.kind} <> ${overrides.periodKind}`,
          sql`${assessmentPeriods.year} >= extract(year from now())`,
        ),
      )
      .limit(1);
    if (other)
      throw invalid('periodKind', 'settings_invalid', { detail: 'this year already has periods of the other kind' });
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, key));
    await tx
      .insert(assessmentSettings)
      .values({ provinceCode: key, overrides, updatedBy: actor.username })
      .onConflictDoUpdate({
        target: assessmentSettings.provinceCode,
        set: { overrides, updatedBy: actor.username, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'assessment_settings',
      entityId: key || 'national',
      provinceCode: provinceCode,
      unitCode: provinceCode,
      before: before?.overrides ?? null,
      after: overrides,
    });
    return { provinceCode, settings: merged };
  });
}

// ---------- periods ----------

async function loadPerson(db: Db, id: string) {
  const [p] = await db
    .select({ id: people.id, provinceCode: people.provinceCode, unitCode: people.unitCode, fullName: people.fullName })
    .from(people)
    .where(eq(people.id, id));
  if (!p) throw notFound('person', { code: id });
  return p;
}

/** The period of a unit that holds a date, opened on first use. */
async function ensurePeriod(tx: Db, place: Place, date: string, s: AssessmentSettings): Promise<PeriodRow> {
  const year = Number(date.slice(0, 4));
  const period = periodsOfYear(year, s.periodKind).find((p) => p.start <= date && date <= p.end)!;
  await tx
    .insert(assessmentPeriods)
    .values({
      provinceCode: place.provinceCode,
      unitCode: place.unitCode,
      year,
      kind: s.periodKind,
      seq: period.seq,
      startDate: period.start,
      endDate: period.end,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(assessmentPeriods)
    .where(
      and(
        eq(assessmentPeriods.provinceCode, place.provinceCode),
        eq(assessmentPeriods.unitCode, place.unitCode),
        eq(assessmentPeriods.year, year),
        eq(assessmentPeriods.kind, s.periodKind),
        eq(assessmentPeriods.seq, period.seq),
      ),
    );
  return row!;
}

/**
 * A period, locked as the caller needs: 'update' to close or correct it, 'share' for a change inside it (so a
 * change and the closing never cross: the change sees the period open and commits before the closing freezes it).
 */
async function loadPeriod(db: Db, id: string, lock?: 'update' | 'share'): Promise<PeriodRow> {
  const q = db.select().from(assessmentPeriods).where(eq(assessmentPeriods.id, id));
  const [p] = lock ? await q.for(lock) : await q;
  if (!p) throw notFound('assessment_period', { code: id });
  return p;
}

const mustBeOpen = (p: PeriodRow) => {
  if (p.status === 'closed') throw new AppError(409, 'period_closed', 'period_closed', { period: periodLabel(p) });
};

export async function listPeriods(
  db: Db,
  actor: Actor,
  q: { unit?: string; year?: number; status?: 'open' | 'closed' },
) {
  if (ownOnly(actor)) {
    // A staff member sees the periods they have a review or a task in.
    const [fromTasks, fromReviews] = await Promise.all([
      db
        .selectDistinct({ id: assessmentTasks.periodId })
        .from(assessmentTasks)
        .where(eq(assessmentTasks.personId, actor.personId!)),
      db
        .selectDistinct({ id: assessmentReviews.periodId })
        .from(assessmentReviews)
        .where(eq(assessmentReviews.personId, actor.personId!)),
    ]);
    const ids = [...new Set([...fromTasks, ...fromReviews].map((r) => r.id))];
    const rows = ids.length
      ? await db
          .select()
          .from(assessmentPeriods)
          .where(and(inArray(assessmentPeriods.id, ids), q.year ? eq(assessmentPeriods.year, q.year) : undefined))
          .orderBy(desc(assessmentPeriods.startDate))
      : [];
    return { items: rows.map(presentPeriod) };
  }
  const conds: (SQL | undefined)[] = [scopeWhere(actor, assessmentPeriods)];
  if (q.unit) conds.push(eq(assessmentPeriods.unitCode, q.unit));
  if (q.year) conds.push(eq(assessmentPeriods.year, q.year));
  if (q.status) conds.push(eq(assessmentPeriods.status, q.status));
  const rows = await db
    .select()
    .from(assessmentPeriods)
    .where(and(...conds))
    .orderBy(desc(assessmentPeriods.startDate), asc(assessmentPeriods.unitCode))
    .limit(500);
  return { items: rows.map(presentPeriod) };
}

const presentPeriod = (p: PeriodRow) => ({ ...p, label: periodLabel(p) });

/** Leaders of a unit during a period: those holding a leadership post there. */
async function leadersOf(db: Db, place: Place, start: string, end: string): Promise<Set<string>> {
  const rows = await db
    .select({ personId: assignments.personId })
    .from(assignments)
    .innerJoin(posts, and(eq(posts.provinceCode, assignments.provinceCode), eq(posts.id, assignments.postId)))
    .where(
      and(
        eq(assignments.provinceCode, place.provinceCode),
        eq(assignments.unitCode, place.unitCode),
        eq(posts.kind, 'leadership'),
        lte(assignments.startDate, end),
        or(isNull(assignments.endDate), sql`${assignments.endDate} > ${start}`),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}

/** Live scores of everyone in a period (or the frozen ones once it is closed). */
async function periodScores(db: Db, period: PeriodRow) {
  const [tasks, reviews, s] = await Promise.all([
    db
      .select()
      .from(assessmentTasks)
      .where(and(eq(assessmentTasks.provinceCode, period.provinceCode), eq(assessmentTasks.periodId, period.id))),
    db
      .select()
      .from(assessmentReviews)
      .where(and(eq(assessmentReviews.provinceCode, period.provinceCode), eq(assessmentReviews.periodId, period.id))),
    settingsFor(db, period.provinceCode),
  ]);
  const leaders = await leadersOf(db, placeOf(period), period.startDate, period.endDate);
  const live = scoreUnitPeriod(
    s,
    tasks as TaskRow[],
    reviews.map((r) => ({
      personId: r.personId,
      headGeneral: r.headGeneral,
      organisationPercent: r.organisationPercent,
    })),
    leaders,
  );
  return { tasks, reviews, live, settings: s };
}

/** A period's people with their scores, for the head (and the bands against the quota). */
export async function getPeriod(db: Db, actor: Actor, id: string) {
  const period = await loadPeriod(db, id);
  if (!canRead(actor, placeOf(period)) && !ownOnly(actor)) throw outOfScope(period.unitCode);
  const { tasks, reviews, live } = await periodScores(db, period);
  const ids = [...new Set([...live.keys(), ...reviews.map((r) => r.personId)])].filter(
    (pid) => !ownOnly(actor) || pid === actor.personId,
  );
  if (ownOnly(actor) && ids.length === 0) throw outOfScope(period.unitCode);
  const names = ids.length
    ? await db.select({ id: people.id, fullName: people.fullName }).from(people).where(inArray(people.id, ids))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.fullName]));
  const reviewOf = new Map(reviews.map((r) => [r.personId, r]));
  const items = ids.map((pid) => {
    const r = reviewOf.get(pid);
    const score =
      period.status === 'closed' && r?.frozen ? r.frozen : live.has(pid) ? freezeScore(live.get(pid)!) : null;
    return {
      personId: pid,
      fullName: nameOf.get(pid) ?? '',
      reviewId: r?.id ?? null,
      tasks: tasks.filter((t) => t.personId === pid).length,
      tasksReviewed: tasks.filter((t) => t.personId === pid && t.status === 'reviewed').length,
      selfAssessed: !!r?.selfAt,
      headAssessed: !!r?.headAt,
      provisional: period.status === 'open' && (live.get(pid)?.provisional ?? true),
      score,
    };
  });
  items.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  return { period: presentPeriod(period), items };
}

/** Closing freezes every score of the period; afterwards only a recorded correction changes one. */
export async function closePeriod(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, id, 'update');
    if (!canWrite(actor, placeOf(period)) || ownOnly(actor)) throw outOfScope(period.unitCode);
    mustBeOpen(period);
    const { reviews, live } = await periodScores(tx, period);
    const reviewOf = new Map(reviews.map((r) => [r.personId, r]));
    let scored = 0;
    for (const [pid, score] of live) {
      const frozen = freezeScore(score);
      if (frozen.total !== null) scored++;
      if (reviewOf.has(pid)) {
        await tx
          .update(assessmentReviews)
          .set({ frozen, version: sql`${assessmentReviews.version} + 1` })
          .where(
            and(
              eq(assessmentReviews.provinceCode, period.provinceCode),
              eq(assessmentReviews.id, reviewOf.get(pid)!.id),
            ),
          );
      } else {
        await tx.insert(assessmentReviews).values({
          provinceCode: period.provinceCode,
          unitCode: period.unitCode,
          periodId: period.id,
          personId: pid,
          frozen,
        });
      }
    }
    const [closed] = await tx
      .update(assessmentPeriods)
      .set({ status: 'closed', closedAt: new Date(), closedBy: actor.username })
      .where(and(eq(assessmentPeriods.provinceCode, period.provinceCode), eq(assessmentPeriods.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'close',
      entity: 'assessment_period',
      entityId: id,
      provinceCode: period.provinceCode,
      unitCode: period.unitCode,
      after: { label: periodLabel(period), people: live.size, scored },
    });
    return { period: presentPeriod(closed!), people: live.size, scored };
  });
}

// ---------- tasks ----------

export interface AssignInput {
  personId: string;
  title: string;
  productKind: string;
  quantity: number;
  weight?: number;
  dueDate: string;
  clientRef?: string;
}

function presentTask(t: TaskDbRow) {
  return { ...t };
}

export async function assignTask(db: Db, actor: Actor, input: AssignInput, today: string) {
  // Tasks of last year (still being assessed in January), this year and the next.
  const thisYear = Number(today.slice(0, 4));
  const dueYear = Number(input.dueDate.slice(0, 4));
  if (dueYear < thisYear - 1 || dueYear > thisYear + 1)
    throw invalid('dueDate', 'due_outside_year', { year: `${thisYear - 1}–${thisYear + 1}` });
  const person = await loadPerson(db, input.personId);
  if (!canWrite(actor, placeOf(person)) || ownOnly(actor)) throw outOfScope(person.unitCode);
  const s = await settingsFor(db, person.provinceCode);
  if (!s.productKinds.some((k) => k.code === input.productKind))
    throw invalid('productKind', 'product_kind_unknown', {
      kind: input.productKind,
      kinds: s.productKinds.map((k) => k.code).join(', '),
    });
  return db.transaction(async (tx) => {
    if (input.clientRef) {
      const [dup] = await tx
        .select()
        .from(assessmentTasks)
        .where(
          and(
            eq(assessmentTasks.provinceCode, person.provinceCode),
            eq(assessmentTasks.personId, person.id),
            eq(assessmentTasks.clientRef, input.clientRef),
          ),
        );
      if (dup) return presentTask(dup);
    }
    const period = await ensurePeriod(tx, placeOf(person), input.dueDate, s);
    mustBeOpen(await loadPeriod(tx, period.id, 'share'));
    const [t] = await tx
      .insert(assessmentTasks)
      .values({
        provinceCode: person.provinceCode,
        unitCode: person.unitCode,
        periodId: period.id,
        personId: person.id,
        title: input.title.trim(),
        productKind: input.productKind,
        quantity: input.quantity,
        weight: input.weight ?? 1,
        dueDate: input.dueDate,
        assignedBy: actor.username,
        clientRef: input.clientRef ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'assign',
      entity: 'assessment_task',
      entityId: t!.id,
      provinceCode: t!.provinceCode,
      unitCode: t!.unitCode,
      after: {
        personId: person.id,
        title: t!.title,
        productKind: t!.productKind,
        quantity: t!.quantity,
        weight: t!.weight,
        dueDate: t!.dueDate,
      },
    });
    return presentTask(t!);
  });
}

export async function listTasks(
  db: Db,
  actor: Actor,
  q: { person?: string; unit?: string; period?: string; status?: TaskDbRow['status']; page: number; pageSize: number },
) {
  const conds: (SQL | undefined)[] = [scopeWhere(actor, assessmentTasks)];
  if (q.person) conds.push(eq(assessmentTasks.personId, q.person));
  if (q.unit) conds.push(eq(assessmentTasks.unitCode, q.unit));
  if (q.period) conds.push(eq(assessmentTasks.periodId, q.period));
  if (q.status) conds.push(eq(assessmentTasks.status, q.status));
  const where = and(...conds);
  const [items, [count]] = await Promise.all([
    db
      .select({ t: assessmentTasks, fullName: people.fullName })
      .from(assessmentTasks)
      .leftJoin(people, eq(people.id, assessmentTasks.personId))
      .where(where)
      .orderBy(desc(assessmentTasks.dueDate), asc(assessmentTasks.title))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(assessmentTasks)
      .where(where),
  ]);
  return {
    items: items.map((r) => ({ ...presentTask(r.t), fullName: r.fullName })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadTask(tx: Db, id: string): Promise<TaskDbRow> {
  const [t] = await tx.select().from(assessmentTasks).where(eq(assessmentTasks.id, id)).for('update');
  if (!t) throw notFound('assessment_task', { code: id });
  return t;
}

export async function getTask(db: Db, actor: Actor, id: string) {
  const [t] = await db.select().from(assessmentTasks).where(eq(assessmentTasks.id, id));
  if (!t) throw notFound('assessment_task', { code: id });
  if (!canReadPerson(actor, t.personId, placeOf(t))) throw outOfScope(t.unitCode);
  const period = await loadPeriod(db, t.periodId);
  return { ...presentTask(t), period: presentPeriod(period) };
}

/** The person reports what they delivered, with evidence. Repeating the same report changes nothing. */
export async function deliverTask(
  db: Db,
  actor: Actor,
  id: string,
  input: { deliveredQuantity: number; deliveredOn: string; evidence?: string | null; version?: number },
  today: string,
) {
  if (input.deliveredOn > today) throw invalid('deliveredOn', 'invalid_value', { detail: `≤ ${today}` });
  return db.transaction(async (tx) => {
    const t = await loadTask(tx, id);
    if (actor.personId !== t.personId) throw new AppError(403, 'not_own_record', 'not_own_record');
    mustBeOpen(await loadPeriod(tx, t.periodId, 'share'));
    if (t.status === 'reviewed')
      throw new AppError(409, 'illegal_transition', 'illegal_transition', {
        action: 'deliver',
        status: 'reviewed',
        allowed: '—',
      });
    if (input.version !== undefined && input.version !== t.version) {
      if (
        t.deliveredQuantity === input.deliveredQuantity &&
        t.deliveredOn === input.deliveredOn &&
        (t.evidence ?? null) === (input.evidence ?? null)
      )
        return presentTask(t);
      throw conflict();
    }
    const [u] = await tx
      .update(assessmentTasks)
      .set({
        status: 'delivered',
        deliveredQuantity: input.deliveredQuantity,
        deliveredOn: input.deliveredOn,
        evidence: input.evidence ?? null,
        version: t.version + 1,
      })
      .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'deliver',
      entity: 'assessment_task',
      entityId: id,
      provinceCode: t.provinceCode,
      unitCode: t.unitCode,
      before: { status: t.status, deliveredQuantity: t.deliveredQuantity, deliveredOn: t.deliveredOn },
      after: {
        status: 'delivered',
        deliveredQuantity: input.deliveredQuantity,
        deliveredOn: input.deliveredOn,
        evidence: input.evidence ?? null,
      },
    });
    return presentTask(u!);
  });
}

export interface TaskReviewInput {
  acceptedQuantity: number;
  majorErrors: number;
  delays?: number;
  exemption?: 'none' | 'task' | 'timeliness';
  exemptionReason?: string | null;
  note?: string | null;
  version?: number;
}

function reviewValues(t: TaskDbRow, input: TaskReviewInput) {
  const exemption = input.exemption ?? 'none';
  if (exemption !== 'none' && !input.exemptionReason?.trim())
    throw invalid('exemptionReason', 'exemption_reason_required', { field: 'exemptionReason' });
  const late = defaultDelays(t.dueDate, t.deliveredOn);
  return {
    acceptedQuantity: input.acceptedQuantity,
    majorErrors: input.majorErrors,
    delays: input.delays ?? late,
    exemption,
    exemptionReason: exemption === 'none' ? null : input.exemptionReason!.trim(),
    reviewNote: input.note ?? null,
  };
}

/** The head judges a task: accepted products, major errors, delays, an exemption for an objective cause. */
export async function reviewTask(db: Db, actor: Actor, id: string, input: TaskReviewInput) {
  return db.transaction(async (tx) => {
    const t = await loadTask(tx, id);
    if (!canWrite(actor, placeOf(t)) || ownOnly(actor)) throw outOfScope(t.unitCode);
    notSelf(actor, t.personId);
    mustBeOpen(await loadPeriod(tx, t.periodId, 'share'));
    if (input.version !== undefined && input.version !== t.version) throw conflict();
    const values = reviewValues(t, input);
    const [u] = await tx
      .update(assessmentTasks)
      .set({
        ...values,
        status: 'reviewed',
        reviewedBy: actor.username,
        reviewedAt: new Date(),
        version: t.version + 1,
      })
      .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'review',
      entity: 'assessment_task',
      entityId: id,
      provinceCode: t.provinceCode,
      unitCode: t.unitCode,
      before: {
        status: t.status,
        acceptedQuantity: t.acceptedQuantity,
        majorErrors: t.majorErrors,
        delays: t.delays,
        exemption: t.exemption,
      },
      after: values,
    });
    return presentTask(u!);
  });
}

// ---------- reviews: self, head, collective ----------

/** A person is assessed in a unit's period when they work there now or were given tasks in it. */
async function mustBelong(tx: Db, period: PeriodRow, personId: string) {
  const [p] = await tx
    .select({ provinceCode: people.provinceCode, unitCode: people.unitCode })
    .from(people)
    .where(eq(people.id, personId));
  if (!p) throw notFound('person', { code: personId });
  if (p.provinceCode === period.provinceCode && p.unitCode === period.unitCode) return;
  const [t] = await tx
    .select({ id: assessmentTasks.id })
    .from(assessmentTasks)
    .where(
      and(
        eq(assessmentTasks.provinceCode, period.provinceCode),
        eq(assessmentTasks.periodId, period.id),
        eq(assessmentTasks.personId, personId),
      ),
    )
    .limit(1);
  if (!t) throw outOfScope(period.unitCode);
}

async function reviewFor(tx: Db, period: PeriodRow, personId: string) {
  await mustBelong(tx, period, personId);
  await tx
    .insert(assessmentReviews)
    .values({ provinceCode: period.provinceCode, unitCode: period.unitCode, periodId: period.id, personId })
    .onConflictDoNothing();
  const [r] = await tx
    .select()
    .from(assessmentReviews)
    .where(
      and(
        eq(assessmentReviews.provinceCode, period.provinceCode),
        eq(assessmentReviews.periodId, period.id),
        eq(assessmentReviews.personId, personId),
      ),
    )
    .for('update');
  return r!;
}

function checkGeneral(s: AssessmentSettings, general: GeneralScores, prefix: string) {
  for (const c of s.generalCriteria) {
    const v = general[c.code];
    if (v === undefined) throw invalid(`${prefix}.${c.code}`, 'required', { field: `${prefix}.${c.code}` });
    if (v < 0 || v > c.max) throw invalid(`${prefix}.${c.code}`, 'general_over_max', { max: c.max });
  }
}

/** One person's assessment in a period: tasks, self-assessment, the head's, the collective's comments, the score. */
export async function getReview(db: Db, actor: Actor, periodId: string, personId: string) {
  const period = await loadPeriod(db, periodId);
  if (!canReadPerson(actor, personId, placeOf(period))) throw outOfScope(period.unitCode);
  const { tasks, reviews, live, settings } = await periodScores(db, period);
  const person = await loadPerson(db, personId);
  const r = reviews.find((x) => x.personId === personId) ?? null;
  const liveScore = live.get(personId);
  const corrections = r
    ? await db
        .select()
        .from(assessmentCorrections)
        .where(
          and(eq(assessmentCorrections.provinceCode, period.provinceCode), eq(assessmentCorrections.reviewId, r.id)),
        )
        .orderBy(asc(assessmentCorrections.at))
    : [];
  return {
    period: presentPeriod(period),
    person: { id: person.id, fullName: person.fullName, unitCode: person.unitCode, provinceCode: person.provinceCode },
    review: r,
    tasks: tasks.filter((t) => t.personId === personId).map(presentTask),
    score: period.status === 'closed' && r?.frozen ? r.frozen : liveScore ? freezeScore(liveScore) : null,
    provisional: period.status === 'open' && (liveScore?.provisional ?? true),
    criteria: settings.generalCriteria,
    corrections,
    canSelfAssess: actor.personId === personId && period.status === 'open',
    canHeadAssess: canWrite(actor, placeOf(period)) && !ownOnly(actor) && period.status === 'open',
  };
}

export async function selfAssess(
  db: Db,
  actor: Actor,
  periodId: string,
  personId: string,
  input: { general: GeneralScores; comment?: string | null },
) {
  if (actor.personId !== personId) throw new AppError(403, 'not_own_record', 'not_own_record');
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId, 'share');
    mustBeOpen(period);
    checkGeneral(await settingsFor(tx, period.provinceCode), input.general, 'general');
    const r = await reviewFor(tx, period, personId);
    const [u] = await tx
      .update(assessmentReviews)
      .set({
        selfGeneral: input.general,
        selfComment: input.comment ?? null,
        selfAt: new Date(),
        version: r.version + 1,
      })
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'self_assess',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: { general: r.selfGeneral, comment: r.selfComment },
      after: input,
    });
    return u!;
  });
}

export async function headAssess(
  db: Db,
  actor: Actor,
  periodId: string,
  personId: string,
  input: {
    general?: GeneralScores;
    comment?: string | null;
    organisationPercent?: number | null;
    collectiveComment?: string | null;
    version?: number;
  },
) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId, 'share');
    if (!canWrite(actor, placeOf(period)) || ownOnly(actor)) throw outOfScope(period.unitCode);
    notSelf(actor, personId);
    mustBeOpen(period);
    if (input.general) checkGeneral(await settingsFor(tx, period.provinceCode), input.general, 'general');
    const r = await reviewFor(tx, period, personId);
    if (input.version !== undefined && input.version !== r.version) throw conflict();
    const set: Partial<typeof assessmentReviews.$inferInsert> = { version: r.version + 1 };
    if (input.general) Object.assign(set, { headGeneral: input.general, headBy: actor.username, headAt: new Date() });
    if (input.comment !== undefined) set.headComment = input.comment;
    if (input.organisationPercent !== undefined) set.organisationPercent = input.organisationPercent;
    if (input.collectiveComment !== undefined)
      Object.assign(set, { collectiveComment: input.collectiveComment, collectiveAt: new Date() });
    const [u] = await tx
      .update(assessmentReviews)
      .set(set)
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'head_assess',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: {
        general: r.headGeneral,
        comment: r.headComment,
        organisationPercent: r.organisationPercent,
        collectiveComment: r.collectiveComment,
      },
      after: input,
    });
    return u!;
  });
}

/**
 * After closing, a change goes through a correction: the reason, the changed inputs (the head's
 * general criteria, a leader's organisation, task judgements), the frozen score before and after.
 */
export async function correctReview(
  db: Db,
  actor: Actor,
  reviewId: string,
  input: {
    reason: string;
    general?: GeneralScores;
    organisationPercent?: number;
    tasks?: ({ id: string } & TaskReviewInput)[];
  },
) {
  return db.transaction(async (tx) => {
    // The period first, then the review: the order closing takes them in.
    const [found] = await tx
      .select({ periodId: assessmentReviews.periodId })
      .from(assessmentReviews)
      .where(eq(assessmentReviews.id, reviewId));
    if (!found) throw notFound('assessment_review', { code: reviewId });
    const period = await loadPeriod(tx, found.periodId, 'update');
    const [r] = await tx.select().from(assessmentReviews).where(eq(assessmentReviews.id, reviewId)).for('update');
    if (!r) throw notFound('assessment_review', { code: reviewId });
    if (!canWrite(actor, placeOf(period)) || ownOnly(actor)) throw outOfScope(period.unitCode);
    notSelf(actor, r.personId);
    if (period.status !== 'closed')
      throw new AppError(409, 'period_not_closed', 'period_not_closed', { period: periodLabel(period) });
    if (!input.reason.trim()) throw invalid('reason', 'required', { field: 'reason' });
    const s = await settingsFor(tx, period.provinceCode);
    if (input.general) checkGeneral(s, input.general, 'general');
    for (const change of input.tasks ?? []) {
      const t = await loadTask(tx, change.id);
      if (t.periodId !== period.id || t.personId !== r.personId)
        throw invalid('tasks', 'invalid_value', { detail: change.id });
      await tx
        .update(assessmentTasks)
        .set({
          ...reviewValues(t, change),
          status: 'reviewed',
          reviewedBy: actor.username,
          reviewedAt: new Date(),
          version: t.version + 1,
        })
        .where(and(eq(assessmentTasks.provinceCode, t.provinceCode), eq(assessmentTasks.id, t.id)));
    }
    const set: Partial<typeof assessmentReviews.$inferInsert> = {};
    if (input.general) set.headGeneral = input.general;
    if (input.organisationPercent !== undefined) set.organisationPercent = input.organisationPercent;
    if (Object.keys(set).length)
      await tx
        .update(assessmentReviews)
        .set(set)
        .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)));
    const { live } = await periodScores(tx, period);
    const score = live.get(r.personId);
    const before = r.frozen ?? (score ? freezeScore({ ...score, total: null, band: null }) : null);
    if (!before) throw notFound('assessment_review', { code: reviewId });
    let after = score ? freezeScore(score) : before;
    // Scores carried in without their tasks (an earlier system): the task part stays, the general part is corrected.
    if ((!score || score.taskPercent === null) && before.taskPoints !== null) {
      const general = input.general
        ? Math.min(
            s.generalMax,
            s.generalCriteria.reduce((a, c) => a + (input.general![c.code] ?? 0), 0),
          )
        : before.general;
      const total = round2(Math.min(100, general + before.taskPoints));
      after = { ...before, general, total, band: bandOf(s, total) };
    }
    await tx
      .update(assessmentReviews)
      .set({ frozen: after, version: r.version + 1 })
      .where(and(eq(assessmentReviews.provinceCode, r.provinceCode), eq(assessmentReviews.id, r.id)));
    const [c] = await tx
      .insert(assessmentCorrections)
      .values({
        provinceCode: r.provinceCode,
        reviewId: r.id,
        reason: input.reason.trim(),
        before,
        after,
        by: actor.username,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'correct',
      entity: 'assessment_review',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before,
      after: { ...after, reason: input.reason.trim() },
    });
    return c!;
  });
}

// ---------- a person's record over time ----------

/** A person's scores over time, wherever they worked (the scores follow the person), and the annual ratings. */
export async function personAssessments(db: Db, actor: Actor, personId: string) {
  const person = await loadPerson(db, personId);
  const reviews = await db
    .select({ r: assessmentReviews, p: assessmentPeriods })
    .from(assessmentReviews)
    .innerJoin(
      assessmentPeriods,
      and(
        eq(assessmentPeriods.provinceCode, assessmentReviews.provinceCode),
        eq(assessmentPeriods.id, assessmentReviews.periodId),
      ),
    )
    .where(eq(assessmentReviews.personId, personId))
    .orderBy(asc(assessmentPeriods.startDate));
  const visible =
    canReadPerson(actor, personId, placeOf(person)) ||
    reviews.some((x) => canRead(actor, placeOf(x.r)) && !ownOnly(actor));
  if (!visible) throw outOfScope(person.unitCode);
  // Open periods with tasks but no review row yet still show, scored live.
  const taskPeriods = await db
    .selectDistinct({ id: assessmentTasks.periodId })
    .from(assessmentTasks)
    .where(eq(assessmentTasks.personId, personId));
  const known = new Set(reviews.map((x) => x.p.id));
  const extra = taskPeriods.filter((t) => !known.has(t.id));
  const extraPeriods = extra.length
    ? await db
        .select()
        .from(assessmentPeriods)
        .where(
          inArray(
            assessmentPeriods.id,
            extra.map((e) => e.id),
          ),
        )
    : [];
  const periods = [
    ...reviews.map((x) => ({ period: x.p, review: x.r as typeof x.r | null })),
    ...extraPeriods.map((p) => ({ period: p, review: null })),
  ].sort((a, b) => a.period.startDate.localeCompare(b.period.startDate));
  const items = [];
  for (const { period, review } of periods) {
    let score = period.status === 'closed' ? (review?.frozen ?? null) : null;
    if (period.status === 'open') {
      const { live } = await periodScores(db, period);
      const l = live.get(personId);
      score = l ? freezeScore(l) : null;
    }
    items.push({
      period: presentPeriod(period),
      reviewId: review?.id ?? null,
      score,
      published: period.status === 'closed',
    });
  }
  const ratings = await db
    .select()
    .from(annualRatings)
    .where(eq(annualRatings.personId, personId))
    .orderBy(desc(annualRatings.year));
  return { person, periods: items, annual: ratings };
}

// ---------- annual rating ----------

/** People whose record sits in the unit now: the unit rates them, with the scores they bring from elsewhere. */
async function unitPeople(db: Db, place: Place) {
  return db
    .select({ id: people.id, fullName: people.fullName, category: people.category })
    .from(people)
    .where(and(eq(people.provinceCode, place.provinceCode), eq(people.unitCode, place.unitCode)));
}

/** Full names of units as they stand now (the latest version in force). */
async function unitNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const today = new Date().toISOString().slice(0, 10);
  const rows = await db
    .select({ code: unitVersions.code, fullName: unitVersions.fullName, validFrom: unitVersions.validFrom })
    .from(unitVersions)
    .where(and(inArray(unitVersions.code, codes), lte(unitVersions.validFrom, today)))
    .orderBy(asc(unitVersions.validFrom));
  return new Map(rows.map((r) => [r.code, r.fullName]));
}

async function loadUnit(db: Db, code: string) {
  const [u] = await db
    .select({ code: units.code, provinceCode: units.provinceCode, level: units.level })
    .from(units)
    .where(eq(units.code, code));
  if (!u) throw notFound('unit', { code });
  const names = await unitNames(db, [...new Set([u.code, u.provinceCode])]);
  return {
    ...u,
    unitCode: u.code,
    name: names.get(u.code) ?? u.code,
    provinceName: names.get(u.provinceCode) ?? u.provinceCode,
  };
}

function computeRating(
  s: AssessmentSettings,
  scores: (number | null)[],
  monthsWorked: number,
  monthsAbsent: number,
  sanctioned: boolean,
) {
  const r = annualRating(s, { periodScores: scores, monthsWorked, monthsAbsent, sanctioned });
  return r.rated
    ? {
        average: r.average,
        scoredBand: r.scoredBand,
        band: r.band,
        caps: r.caps,
        notRatedReason: null,
        periodsScored: scores.filter((x) => x !== null).length,
      }
    : {
        average: r.average,
        scoredBand: null,
        band: null,
        caps: [],
        notRatedReason: r.reason,
        periodsScored: scores.filter((x) => x !== null).length,
      };
}

/**
 * Proposes the year's rating of everyone in the unit from their frozen period scores (wherever
 * they were earned), the months worked (from the assignment history), absences and sanctions
 * already recorded. Confirmed ratings are left as they are.
 */
export async function computeAnnual(db: Db, actor: Actor, unitCode: string, year: number) {
  const unit = await loadUnit(db, unitCode);
  if (!canWrite(actor, unit) || ownOnly(actor)) throw outOfScope(unitCode);
  const s = await settingsFor(db, unit.provinceCode);
  return db.transaction(async (tx) => {
    const staff = await unitPeople(tx, unit);
    if (staff.length === 0) return { proposed: 0, confirmed: 0, notRated: 0 };
    const ids = staff.map((p) => p.id);
    const [scoresOf, spans, existing] = await Promise.all([
      frozenTotals(tx, ids, year),
      tx
        .select({ personId: assignments.personId, start: assignments.startDate, end: assignments.endDate })
        .from(assignments)
        .where(inArray(assignments.personId, ids)),
      tx
        .select()
        .from(annualRatings)
        .where(
          and(
            eq(annualRatings.provinceCode, unit.provinceCode),
            inArray(annualRatings.personId, ids),
            eq(annualRatings.year, year),
          ),
        )
        .for('update'),
    ]);
    const spansOf = new Map<string, { start: string; end: string | null }[]>();
    for (const a of spans)
      spansOf.set(a.personId, [...(spansOf.get(a.personId) ?? []), { start: a.start, end: a.end }]);
    const existingOf = new Map(existing.map((e) => [e.personId, e]));
    let proposed = 0;
    let confirmed = 0;
    let notRated = 0;
    for (const p of staff) {
      const prior = existingOf.get(p.id);
      if (prior?.status === 'confirmed') {
        confirmed++;
        continue;
      }
      const monthsWorked = monthsInYear(year, spansOf.get(p.id) ?? []);
      // Someone who did not serve at all in the year (left before it began) is not on the year's list.
      if (monthsWorked === 0 && !prior) continue;
      const values = computeRating(
        s,
        scoresOf.get(p.id) ?? [],
        monthsWorked,
        prior?.monthsAbsent ?? 0,
        prior?.sanctioned ?? false,
      );
      // A lowered band stays lowered if still below the scored one.
      const band =
        prior?.loweredReason && prior.band && values.band && !bandAtLeast(prior.band, values.band)
          ? prior.band
          : values.band;
      const row = { ...values, band, monthsWorked, unitCode: unit.unitCode };
      if (values.band === null) notRated++;
      if (prior)
        await tx
          .update(annualRatings)
          .set({ ...row, loweredReason: band === prior.band ? prior.loweredReason : null, version: prior.version + 1 })
          .where(
            and(
              eq(annualRatings.provinceCode, unit.provinceCode),
              eq(annualRatings.id, prior.id),
              eq(annualRatings.status, 'proposed'),
            ),
          );
      // A rating another compute has just written stays as it is.
      else
        await tx
          .insert(annualRatings)
          .values({ ...row, provinceCode: unit.provinceCode, personId: p.id, year })
          .onConflictDoNothing();
      proposed++;
    }
    await recordAudit(tx, actor, {
      action: 'compute_annual',
      entity: 'unit',
      entityId: unitCode,
      provinceCode: unit.provinceCode,
      unitCode,
      after: { year, proposed, confirmed, notRated },
    });
    return { proposed, confirmed, notRated };
  });
}

async function loadRating(tx: Db, id: string) {
  const [r] = await tx.select().from(annualRatings).where(eq(annualRatings.id, id)).for('update');
  if (!r) throw notFound('annual_rating', { code: id });
  return r;
}

/** The frozen totals of the year's closed periods of these people, wherever they were earned (the scores follow the person). */
async function frozenTotals(tx: Db, personIds: string[], year: number): Promise<Map<string, (number | null)[]>> {
  const rows = await tx
    .select({
      personId: assessmentReviews.personId,
      total: sql<number | null>`(${assessmentReviews.frozen} ->> 'total')::float8`,
    })
    .from(assessmentReviews)
    .innerJoin(
      assessmentPeriods,
      and(
        eq(assessmentPeriods.provinceCode, assessmentReviews.provinceCode),
        eq(assessmentPeriods.id, assessmentReviews.periodId),
      ),
    )
    .where(
      and(
        inArray(assessmentReviews.personId, personIds),
        eq(assessmentPeriods.year, year),
        eq(assessmentPeriods.status, 'closed'),
      ),
    );
  const out = new Map<string, (number | null)[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.total]);
  return out;
}

/** Records absence and sanctions, or lowers the band with a reason; the rating is computed again. */
export async function updateRating(
  db: Db,
  actor: Actor,
  id: string,
  input: {
    monthsAbsent?: number;
    sanctioned?: boolean;
    sanctionNote?: string | null;
    band?: Band;
    loweredReason?: string | null;
    version?: number;
  },
) {
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, id);
    if (!canWrite(actor, placeOf(r)) || ownOnly(actor)) throw outOfScope(r.unitCode);
    if (r.status === 'confirmed') throw new AppError(409, 'rating_confirmed', 'rating_confirmed');
    if (input.version !== undefined && input.version !== r.version) throw conflict();
    const s = await settingsFor(tx, r.provinceCode);
    const totals = (await frozenTotals(tx, [r.personId], r.year)).get(r.personId) ?? [];
    const monthsAbsent = input.monthsAbsent ?? r.monthsAbsent;
    const sanctioned = input.sanctioned ?? r.sanctioned;
    const values = computeRating(s, totals, r.monthsWorked, monthsAbsent, sanctioned);
    let band = values.band;
    let loweredReason: string | null = null;
    // A band lowered before stays lowered while it is still below the computed one.
    if (!input.band && r.loweredReason && r.band && values.band && !bandAtLeast(r.band, values.band)) {
      band = r.band;
      loweredReason = r.loweredReason;
    }
    if (input.band && values.band) {
      if (!bandAtLeast(values.band, input.band)) throw invalid('band', 'band_raise_refused', { band: values.band });
      if (input.band !== values.band) {
        if (!input.loweredReason?.trim()) throw invalid('loweredReason', 'required', { field: 'loweredReason' });
        band = input.band;
        loweredReason = input.loweredReason.trim();
      }
    }
    const [u] = await tx
      .update(annualRatings)
      .set({
        ...values,
        band,
        loweredReason,
        monthsAbsent,
        sanctioned,
        sanctionNote: input.sanctionNote !== undefined ? input.sanctionNote : r.sanctionNote,
        version: r.version + 1,
      })
      .where(and(eq(annualRatings.provinceCode, r.provinceCode), eq(annualRatings.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'annual_rating',
      entityId: id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: { band: r.band, monthsAbsent: r.monthsAbsent, sanctioned: r.sanctioned },
      after: { band, monthsAbsent, sanctioned, loweredReason },
    });
    return u!;
  });
}

export async function confirmRating(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, id);
    if (!canWrite(actor, placeOf(r)) || ownOnly(actor)) throw outOfScope(r.unitCode);
    if (r.status === 'confirmed') return r;
    const [u] = await tx
      .update(annualRatings)
      .set({ status: 'confirmed', confirmedBy: actor.username, confirmedAt: new Date(), version: r.version + 1 })
      .where(and(eq(annualRatings.provinceCode, r.provinceCode), eq(annualRatings.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'confirm',
      entity: 'annual_rating',
      entityId: id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      after: { band: r.band, year: r.year },
    });
    return u!;
  });
}

/** The unit's annual classification list with the distribution of bands against the excellent quota. */
export async function unitAnnual(db: Db, actor: Actor, unitCode: string, year: number) {
  const unit = await loadUnit(db, unitCode);
  const own = ownOnly(actor);
  const [uy] = await db
    .select()
    .from(assessmentUnitYears)
    .where(
      and(
        eq(assessmentUnitYears.provinceCode, unit.provinceCode),
        eq(assessmentUnitYears.unitCode, unitCode),
        eq(assessmentUnitYears.year, year),
      ),
    );
  // Staff see their unit's list once it has been published inside the unit (Law 80/2025 Art. 26).
  if (own ? !(uy?.publishedAt && (await loadPerson(db, actor.personId!)).unitCode === unitCode) : !canRead(actor, unit))
    throw outOfScope(unitCode);
  const s = await settingsFor(db, unit.provinceCode);
  const rows = await db
    .select({ r: annualRatings, fullName: people.fullName, category: people.category })
    .from(annualRatings)
    .leftJoin(people, eq(people.id, annualRatings.personId))
    .where(
      and(
        eq(annualRatings.provinceCode, unit.provinceCode),
        eq(annualRatings.unitCode, unitCode),
        eq(annualRatings.year, year),
      ),
    );
  rows.sort(
    (a, b) =>
      BANDS.indexOf(a.r.band ?? 'not_completed') - BANDS.indexOf(b.r.band ?? 'not_completed') ||
      (a.fullName ?? '').localeCompare(b.fullName ?? '', 'vi'),
  );
  const bands = rows.map((x) => x.r.band).filter((b): b is Band => !!b);
  const quota = quotaCheck(s, bands, uy?.outstanding ?? false);
  const staff = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(and(eq(people.provinceCode, unit.provinceCode), eq(people.unitCode, unitCode)));
  return {
    unit: {
      code: unit.code,
      name: unit.name,
      provinceCode: unit.provinceCode,
      provinceName: unit.provinceName,
      level: unit.level,
    },
    year,
    due: dueDate(s, year),
    staff: staff[0]?.n ?? 0,
    outstanding: uy?.outstanding ?? false,
    publishedAt: uy?.publishedAt ?? null,
    quota,
    notRated: rows.filter((x) => !x.r.band).length,
    confirmed: rows.filter((x) => x.r.status === 'confirmed').length,
    items: rows.map((x) => ({ ...x.r, fullName: x.fullName, category: x.category })),
  };
}

export const dueDate = (s: AssessmentSettings, year: number) =>
  `${year}-${String(s.annualDue.month).padStart(2, '0')}-${String(s.annualDue.day).padStart(2, '0')}`;

/** Publishes the unit's results inside the unit (and marks whether it is recognised as outstanding). */
export async function publishUnitYear(
  db: Db,
  actor: Actor,
  unitCode: string,
  year: number,
  input: { outstanding?: boolean; publish?: boolean },
) {
  const unit = await loadUnit(db, unitCode);
  if (!canWrite(actor, unit) || ownOnly(actor)) throw outOfScope(unitCode);
  return db.transaction(async (tx) => {
    const set: Partial<typeof assessmentUnitYears.$inferInsert> = {};
    if (input.outstanding !== undefined) set.outstanding = input.outstanding;
    if (input.publish) Object.assign(set, { publishedAt: new Date(), publishedBy: actor.username });
    await tx
      .insert(assessmentUnitYears)
      .values({ provinceCode: unit.provinceCode, unitCode, year, ...set })
      .onConflictDoUpdate({
        target: [assessmentUnitYears.provinceCode, assessmentUnitYears.unitCode, assessmentUnitYears.year],
        set: Object.keys(set).length ? set : { year },
      });
    await recordAudit(tx, actor, {
      action: input.publish ? 'publish' : 'update',
      entity: 'assessment_unit_year',
      entityId: `${unitCode}/${year}`,
      provinceCode: unit.provinceCode,
      unitCode,
      after: input,
    });
    return { unitCode, year, ...input };
  });
}

/**
 * Units compared: the Ministry sees provinces, a province its communes (and its own departments):
 * staff, rated, confirmed, bands, the share rated excellent, units over the quota.
 */
export async function compareUnits(db: Db, actor: Actor, year: number, province?: string) {
  if (ownOnly(actor)) throw forbidden();
  const s = scopeOf(actor);
  const provinceCode = s.kind === 'country' ? province : s.provinceCode;
  if (s.kind === 'commune') throw forbidden();
  const group = provinceCode ? annualRatings.unitCode : annualRatings.provinceCode;
  const where = and(
    eq(annualRatings.year, year),
    provinceCode ? eq(annualRatings.provinceCode, provinceCode) : undefined,
  );
  const rows = await db
    .select({
      code: group,
      rated: sql<number>`count(${annualRatings.band})::int`,
      confirmed: sql<number>`count(*) filter (where ${annualRatings.status} = 'confirmed')::int`,
      excellent: sql<number>`count(*) filter (where ${annualRatings.band} = 'excellent')::int`,
      good: sql<number>`count(*) filter (where ${annualRatings.band} = 'good')::int`,
      completed: sql<number>`count(*) filter (where ${annualRatings.band} = 'completed')::int`,
      notCompleted: sql<number>`count(*) filter (where ${annualRatings.band} = 'not_completed')::int`,
      notRated: sql<number>`count(*) filter (where ${annualRatings.band} is null)::int`,
    })
    .from(annualRatings)
    .where(where)
    .groupBy(group);
  const staffGroup = provinceCode ? people.unitCode : people.provinceCode;
  const staff = await db
    .select({ code: staffGroup, n: sql<number>`count(*)::int` })
    .from(people)
    .where(provinceCode ? eq(people.provinceCode, provinceCode) : undefined)
    .groupBy(staffGroup);
  const staffOf = new Map(staff.map((x) => [x.code, x.n]));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  // Each province's own quota applies to its units.
  const overrides = new Map((await db.select().from(assessmentSettings)).map((r) => [r.provinceCode, r.overrides]));
  const settingsOf = (pc: string) => mergeSettings(DEFAULT_SETTINGS, overrides.get(''), overrides.get(pc));
  // Units over the quota: counted per unit even when the rows are provinces.
  const perUnit = await db
    .select({
      provinceCode: annualRatings.provinceCode,
      unitCode: annualRatings.unitCode,
      excellent: sql<number>`count(*) filter (where ${annualRatings.band} = 'excellent')::int`,
      good: sql<number>`count(*) filter (where ${annualRatings.band} = 'good')::int`,
      outstanding: sql<boolean>`coalesce(bool_or(${assessmentUnitYears.outstanding}), false)`,
    })
    .from(annualRatings)
    .leftJoin(
      assessmentUnitYears,
      and(
        eq(assessmentUnitYears.provinceCode, annualRatings.provinceCode),
        eq(assessmentUnitYears.unitCode, annualRatings.unitCode),
        eq(assessmentUnitYears.year, annualRatings.year),
      ),
    )
    .where(where)
    .groupBy(annualRatings.provinceCode, annualRatings.unitCode);
  const overQuota = new Map<string, number>();
  for (const u of perUnit) {
    if (u.excellent > excellentQuota(settingsOf(u.provinceCode), u.good, u.outstanding)) {
      const key = provinceCode ? u.unitCode : u.provinceCode;
      overQuota.set(key, (overQuota.get(key) ?? 0) + 1);
    }
  }
  const codes = [...new Set([...staffOf.keys(), ...byCode.keys()])];
  const nameOf = await unitNames(db, codes);
  const items = codes
    .map((code) => {
      const r = byCode.get(code);
      const rated = r?.rated ?? 0;
      return {
        code,
        name: nameOf.get(code) ?? code,
        staff: staffOf.get(code) ?? 0,
        rated,
        confirmed: r?.confirmed ?? 0,
        notRated: r?.notRated ?? 0,
        bands: {
          excellent: r?.excellent ?? 0,
          good: r?.good ?? 0,
          completed: r?.completed ?? 0,
          not_completed: r?.notCompleted ?? 0,
        },
        excellentShare: rated ? Math.round((1000 * (r?.excellent ?? 0)) / rated) / 10 : null,
        unitsOverQuota: overQuota.get(code) ?? 0,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    year,
    provinceCode: provinceCode ?? null,
    level: provinceCode ? ('commune' as const) : ('province' as const),
    items,
  };
}

/**
 * Units whose annual rating is not done before the due date (15 December): staff without a
 * confirmed rating, with the days left (negative once late).
 */
export async function overdueAssessments(
  db: Db,
  actor: Actor,
  year: number,
  today: string,
  page: number,
  pageSize: number,
) {
  if (ownOnly(actor)) throw forbidden();
  const s = scopeOf(actor);
  const settings = await settingsFor(db, s.kind === 'country' ? null : s.provinceCode);
  const due = dueDate(settings, year);
  const scope =
    s.kind === 'province'
      ? sql`AND p.province_code = ${s.provinceCode}`
      : s.kind === 'commune'
        ? sql`AND p.province_code = ${s.provinceCode} AND p.unit_code = ${s.communeCode}`
        : sql``;
  const rows = await db.execute(sql`
    SELECT p.province_code AS "provinceCode", p.unit_code AS "unitCode",
           count(*)::int AS staff,
           count(r.id) FILTER (WHERE r.status = 'confirmed')::int AS confirmed,
           count(r.id) FILTER (WHERE r.status = 'proposed')::int AS proposed,
           (count(*) OVER ())::int AS total
    FROM people p
    LEFT JOIN annual_ratings r ON r.province_code = p.province_code AND r.person_id = p.id AND r.year = ${year}
    WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id AND a.start_date <= ${`${year}-12-31`} AND (a.end_date IS NULL OR a.end_date >= ${`${year}-01-01`})) ${scope}
    GROUP BY p.province_code, p.unit_code
    HAVING count(r.id) FILTER (WHERE r.status = 'confirmed') < count(*)
    ORDER BY count(r.id) FILTER (WHERE r.status = 'confirmed')::float / count(*), p.province_code, p.unit_code
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
  `);
  const list = rowsOf<{
    provinceCode: string;
    unitCode: string;
    staff: number;
    confirmed: number;
    proposed: number;
    total: number;
  }>(rows);
  const daysLeft = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  const names = await unitNames(
    db,
    list.map((r) => r.unitCode),
  );
  return {
    year,
    due,
    daysLeft,
    total: list[0]?.total ?? 0,
    page,
    pageSize,
    items: list.map(({ total: _total, ...r }) => ({
      ...r,
      name: names.get(r.unitCode) ?? r.unitCode,
      pending: r.staff - r.confirmed,
    })),
  };
}
