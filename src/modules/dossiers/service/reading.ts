/** Reading dossiers: one with its steps and documents, the list, and what each shows. */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, asc, desc, eq, gt, gte, ilike, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { rowsOf } from '../../../db/client.js';
import { notFound, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { appendAudit } from '../../audit/index.js';
import { dossierActions, mayOnDossier } from '../policy.js';
import { dossierDocuments, dossierEvents, dossiers } from '../schema.js';
import { allowedActions, isFinished, isOverdue, STATUS_CODE, type Rating, type Status } from '../domain/lifecycle.js';
import { parseReceiptCode } from '../domain/receipt-code.js';
import type { DossierFigure } from '../domain/figures.js';
import { type DossierRow, dossierShape, dossierScope } from './rows.js';
import { unitNamesOn } from '../../units/index.js';
import { stepLate, type Step } from '../domain/internal-process.js';
import { assignableSpecialists, presentTimeline, stepActions, stepDue, timelineActors, timelineRows } from './steps.js';

/**
 * Who handles citizens' dossiers in person: the commune and province offices. They see the applicant whole and get the
 * rating code to hand over on the receipt (Form 01; whoever holds it may rate the dossier). The Ministry, viewers,
 * officers and administrators follow the work as figures: the applicant's ID number, phone and address are masked
 * (data minimisation: Law on Personal Data Protection 2025, in force 1/1/2026; Decree 13/2023/NĐ-CP Art. 3), and a
 * dossier read whole is logged (an audit entry of kind 'read').
 */
export const handlesApplicants = (actor: Actor) =>
  (actor.role === 'commune' || actor.role === 'province') && !actor.officer;

/** All but the last `keep` characters hidden: enough to tell two dossiers apart, not to identify a person. */
const maskTail = (v: string | null, keep = 3) =>
  v === null ? null : '*'.repeat(Math.max(0, v.length - keep)) + v.slice(-keep);
/** The address down to its last part (the province or commune), the street hidden. */
const maskAddress = (v: string | null) => {
  if (v === null) return null;
  const parts = v.split(',');
  return parts.length > 1 ? `***,${parts[parts.length - 1]}` : '***';
};
import { actorNames } from '../../../core/actor-names.js';

/** A dossier as its own page shows it: the list's line and the rest. */
export function present(d: DossierRow, today: string, actor: Actor) {
  return {
    ...presentListItem(d, today),
    allowedActions: allowedActions(d.status as Status),
    actions: dossierActions(actor, d),
    ...(handlesApplicants(actor)
      ? {
          applicantIdNumber: d.applicantIdNumber,
          applicantPhone: d.applicantPhone,
          applicantAddress: d.applicantAddress,
          ratingToken: d.ratingToken,
        }
      : {
          applicantIdNumber: maskTail(d.applicantIdNumber),
          applicantPhone: maskTail(d.applicantPhone),
          applicantAddress: maskAddress(d.applicantAddress),
          ratingToken: null,
        }),
    workingDays: d.workingDays,
    clockStartOn: d.clockStartOn,
    apologyIssuedAt: d.apologyIssuedAt?.toISOString() ?? null,
    apologyReason: d.apologyReason,
    supplementCount: d.supplementCount,
    supplementDueDate: d.supplementDueDate,
    lateSupplementCount: d.lateSupplementCount,
    returnedAt: d.returnedAt?.toISOString() ?? null,
    step: (d.step as Step | null) ?? null,
    stepActions: stepActions(actor, d),
    missingPapers: d.missingPapers ?? [],
    resultNumber: d.resultNumber,
    resultDate: d.resultDate,
    resultSigner: d.resultSigner,
  };
}

/**
 * Loads a dossier by id. The primary key is (province_code, id), so a lookup by id alone scans the whole
 * key index: the actor's province, when it has one, is tried first (an index probe; nearly always where
 * the dossier is), then the id alone, so a dossier elsewhere is still found (and refused as out of scope).
 */
export async function loadDossier(db: Db, id: string, forUpdate = false, provinceHint?: string | null) {
  const load = async (where: SQL) => {
    const [row] = rowsOf(
      await db.execute(
        sql`SELECT ${dossierShape.selection} FROM dossiers WHERE ${where}${forUpdate ? sql` FOR UPDATE` : sql``}`,
      ),
    );
    return row ? dossierShape.read(row) : undefined;
  };
  const d =
    (provinceHint ? await load(sql`province_code = ${provinceHint} AND id = ${id}`) : undefined) ??
    (await load(sql`id = ${id}`));
  if (!d) throw notFound('dossier', { code: id });
  return d;
}

export async function getDossier(db: Db, actor: Actor, id: string, clock: DeadlineClock) {
  const d = await loadDossier(db, id, false, actor.provinceCode);
  if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
  // The reading is recorded (one statement, its own transaction, on another connection) while the page is read.
  const [events, documents, stepRows] = await Promise.all([
    handlesApplicants(actor)
      ? appendAudit(db, actor, {
          action: 'read',
          entity: 'dossier',
          entityId: d.id,
          provinceCode: d.provinceCode,
          unitCode: d.handlingUnitCode,
        })
      : undefined,
    db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.provinceCode, d.provinceCode), eq(dossierEvents.dossierId, d.id)))
      .orderBy(asc(dossierEvents.id)),
    db
      .select()
      .from(dossierDocuments)
      .where(and(eq(dossierDocuments.provinceCode, d.provinceCode), eq(dossierDocuments.dossierId, d.id)))
      .orderBy(asc(dossierDocuments.createdAt)),
    timelineRows(db, d),
  ]).then(([, ...parts]) => parts);
  const now = clock.now();
  // Everyone the page names (history, steps, assignee) in one look-up.
  const names = await actorNames(db, [
    ...events.map((e) => e.actorUsername),
    ...timelineActors(stepRows),
    ...(d.assigneeUsername ? [d.assigneeUsername] : []),
  ]);
  const steps = presentTimeline(stepRows, names, now);
  const presented = present(d, clock.localDate(now), actor);
  const stepDueAt = d.step ? stepDue(d, d.step as Step, clock) : null;
  return {
    ...presented,
    steps,
    assignee: d.assigneeUsername ? (names.get(d.assigneeUsername) ?? null) : null,
    stepDueAt: stepDueAt?.toISOString() ?? null,
    stepLate: stepLate(stepDueAt, null, now),
    assignable: presented.stepActions.includes('assign') ? await assignableSpecialists(db, d, now) : [],
    events: events.map((e, i) => ({
      at: e.at.toISOString(),
      actorUsername: e.actorUsername,
      actor: names.get(e.actorUsername) ?? null,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      unitCode: e.unitCode,
      toUnitCode: e.toUnitCode,
      note: e.note,
      /** time until the next step: the time slice of this step's holder */
      minutesUntilNext: Math.round(
        ((events[i + 1]?.at ?? (isFinished(d.status as Status) ? e.at : now)).getTime() - e.at.getTime()) / 60_000,
      ),
    })),
    documents: documents.map((x) => ({
      id: x.id,
      kind: x.kind,
      name: x.name,
      contentType: x.contentType,
      sizeBytes: x.sizeBytes,
      sha256: x.sha256,
      createdAt: x.createdAt.toISOString(),
    })),
  };
}

export interface DossierFilter {
  status?: Status;
  /** a 2-digit province: its dossiers; a commune: the ones it handles or received */
  province?: string;
  unit?: string;
  field?: string;
  overdue?: boolean;
  dueToday?: boolean;
  q?: string;
  from?: string;
  to?: string;
  /** the dossiers behind a figure of the board, with the figure's own unit and day (`figureFilter`) */
  figure?: DossierFigure;
}
export interface DossierQuery extends DossierFilter {
  page: number;
  pageSize: number;
}

/** The list's filters as one SQL condition, inside the actor's scope (the list and its Excel export share it). */
export function dossierFilter(actor: Actor, query: DossierFilter, today: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [dossierScope(actor)];
  if (query.province) conds.push(eq(dossiers.provinceCode, query.province));
  if (query.status) conds.push(eq(dossiers.status, query.status));
  if (query.unit && !query.figure)
    conds.push(or(eq(dossiers.handlingUnitCode, query.unit), eq(dossiers.receivingUnitCode, query.unit)));
  if (query.field) conds.push(eq(dossiers.procedureField, query.field));
  if (query.overdue) conds.push(isNull(dossiers.finishedAt), lt(dossiers.dueDate, today));
  if (query.dueToday) conds.push(isNull(dossiers.finishedAt), eq(dossiers.dueDate, today));
  if (query.figure) conds.push(figureFilter(query.figure, query, today));
  else {
    if (query.from) conds.push(gte(dossiers.receivedAt, startOfDay(query.from)));
    if (query.to) conds.push(lt(dossiers.receivedAt, startOfDay(query.to, 1)));
  }
  if (query.q) {
    const code = parseReceiptCode(query.q);
    conds.push(
      code
        ? eq(dossiers.receiptCode, query.q.trim().toUpperCase())
        : ilike(dossiers.applicantName, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`),
    );
  }
  return and(...conds);
}

/** The start of a local day (Vietnam, UTC+7), `plus` days later. */
const startOfDay = (day: string, plus = 0) => new Date(new Date(`${day}T00:00:00+07:00`).getTime() + plus * 86_400_000);
/** A timestamp's local day (Vietnam, UTC+7), as `clock.localDate` gives it. */
const localDay = (at: SQL | typeof dossiers.receivedAt) => sql`((${at} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const dayIn = (day: SQL, from?: string, to?: string) =>
  and(from ? sql`${day} >= ${from}::date` : undefined, to ? sql`${day} <= ${to}::date` : undefined) ?? sql`true`;

/**
 * The dossiers behind a figure of the board (`DOSSIER_FIGURES`), each with the unit and the day the board counts it
 * on, so the list's count equals the figure (`figures-drill.test.ts`). The rules are those of the counts kept by every
 * action (`bumpStats` in intake, actions, documents, complaints and the rating; the live backlog for the open ones):
 * - by receipt: the receiving unit, the day of receipt (`received`; `receivedDigitized`: the input digitized, an online
 *   submission or a scan, counted on the day of receipt whenever scanned; `receivedOfferedOnline`: the catalogue's
 *   `online` flag of the version in force on the day of receipt, the province's own version before the national one);
 * - by end: the handling unit, the day finished (`finished`, `finishedWithEResult`);
 * - the period's dossiers (the 766 on-time and satisfaction denominators): finished in the period by the handling
 *   unit, plus, when the period runs to today or later, those it holds open now (the live backlog counts them by the
 *   handling unit). Not on time: finished after the due date (the new date after an apology), or with more than one
 *   supplement round after receipt, or a late supplement request (`isOverdue`, the test applied when it finished:
 *   the citizen's supplement time is left out because the clock restarts when the dossier is complete again); open
 *   now and past the due date (the backlog's test: the clock stopped while awaiting a supplement is never late);
 * - with a complaint or a "not satisfied" rating, once: the handling unit, on the day the board counted it: the finished
 *   day, or the day of the first complaint when it came while the dossier was open (the earlier of the two).
 */
export function figureFilter(figure: DossierFigure, q: { unit?: string; from?: string; to?: string }, today: string) {
  const receivedDay = localDay(dossiers.receivedAt);
  const byReceipt = (c?: SQL) =>
    and(q.unit ? eq(dossiers.receivingUnitCode, q.unit) : undefined, dayIn(receivedDay, q.from, q.to), c)!;
  const byHandling = q.unit ? eq(dossiers.handlingUnitCode, q.unit) : undefined;
  const finishedIn = and(isNotNull(dossiers.finishedOn), dayIn(sql`${dossiers.finishedOn}`, q.from, q.to))!;
  // the period's dossiers: finished in it, and the open ones when the period runs to today (the live backlog)
  const current = !q.to || q.to >= today;
  const ofPeriod = and(byHandling, current ? or(finishedIn, isNull(dossiers.finishedAt)) : finishedIn)!;
  const offeredOnline = sql`coalesce((SELECT p.online FROM procedures p
      WHERE p.code = ${dossiers.procedureCode} AND p.province_code IN ('', ${dossiers.provinceCode})
        AND p.valid_from <= ${receivedDay} AND (p.valid_to IS NULL OR p.valid_to > ${receivedDay})
      ORDER BY (p.province_code = '') LIMIT 1), false)`;
  switch (figure) {
    case 'received':
      return byReceipt();
    case 'not_digitized':
      return byReceipt(eq(dossiers.hasInputScan, false));
    case 'offered_online':
      return byReceipt(offeredOnline);
    case 'online':
      return byReceipt(eq(dossiers.channel, 'online'));
    case 'offered_online_not_online':
      return byReceipt(and(offeredOnline, ne(dossiers.channel, 'online')));
    case 'finished':
      return and(byHandling, finishedIn)!;
    case 'no_e_result':
      return and(byHandling, finishedIn, eq(dossiers.hasEResult, false))!;
    case 'of_period':
      return ofPeriod;
    case 'not_on_time':
      return and(
        ofPeriod,
        or(
          and(
            isNotNull(dossiers.finishedAt),
            or(gt(dossiers.supplementCount, 1), sql`${dossiers.finishedOn} > ${dossiers.dueDate}`),
          ),
          and(isNull(dossiers.finishedAt), lt(dossiers.dueDate, today)),
        ),
      )!;
    case 'complained_or_dissatisfied': {
      const firstComplaint = sql`(SELECT min(c.at) FROM dossier_complaints c
          WHERE c.province_code = ${dossiers.provinceCode} AND c.dossier_id = ${dossiers.id})`;
      const countedOn = sql`least(${dossiers.finishedOn}, ${localDay(firstComplaint)})`;
      return and(
        byHandling,
        or(eq(dossiers.rating, 'not_satisfied'), sql`${firstComplaint} IS NOT NULL`),
        sql`${countedOn} IS NOT NULL`,
        dayIn(countedOn, q.from, q.to),
      )!;
    }
  }
}

export async function listDossiers(
  db: Db,
  actor: Actor,
  query: DossierQuery,
  clock: DeadlineClock,
  countCap = COUNT_CAP,
) {
  const today = clock.localDate(clock.now());
  const where = dossierFilter(actor, query, today);
  const offset = (query.page - 1) * query.pageSize;
  const items = await db
    .select(listColumns)
    .from(dossiers)
    .where(where)
    .orderBy(desc(dossiers.receivedAt))
    .limit(query.pageSize)
    .offset(offset);
  // A page that is not full is the last one: the total follows from it. Only a full page (or one past
  // the end) needs the count, which reads the matching rows and costs far more than the page itself; it stops
  // past `countCap` rows (the Ministry's unfiltered list counted all the country's dossiers, 34 ms a page) or
  // past the page asked for, whichever is further, and the list then says "more than".
  const known = pageTotal(items.length, offset, query.pageSize);
  const cap = Math.max(countCap, offset + query.pageSize);
  const counted =
    known ??
    (
      await db.select({ n: sql<number>`count(*)::int` }).from(
        db
          .select({ one: sql`1` })
          .from(dossiers)
          .where(where)
          .limit(cap + 1)
          .as('m'),
      )
    )[0]?.n ??
    0;
  const total = Math.min(counted, cap);
  const names = await unitNames(
    db,
    items.map((d) => d.handlingUnitCode),
    today,
  );
  return {
    items: items.map((d) => ({
      ...presentListItem(d, today),
      handlingUnitName: names.get(d.handlingUnitCode) ?? null,
    })),
    total,
    totalCapped: counted > cap,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Units' official names for lists (public knowledge, 3,355 at most), kept per database for the day: a list page
 * costs no extra query once its units have been named.
 */
const unitNameCache = new WeakMap<Db, { day: string; names: Map<string, string> }>();
export async function unitNames(db: Db, codes: string[], day: string): Promise<Map<string, string>> {
  let cache = unitNameCache.get(db);
  if (!cache || cache.day !== day) unitNameCache.set(db, (cache = { day, names: new Map() }));
  const missing = [...new Set(codes)].filter((c) => !cache.names.has(c));
  if (missing.length)
    for (const r of await unitNamesOn(db, missing, day)) cache.names.set(r.code, r.fullName ?? r.name);
  return cache.names;
}

/**
 * What a line of the list shows. The applicant's papers, phone and address, the steps allowed and the apology stay
 * on the dossier's own page: a page of 50 is 40 % smaller (24 instead of 40 KB) on a weak connection, and a list shares
 * less personal data.
 */
export const listColumns = {
  id: dossiers.id,
  receiptCode: dossiers.receiptCode,
  provinceCode: dossiers.provinceCode,
  procedureCode: dossiers.procedureCode,
  procedureField: dossiers.procedureField,
  receivingUnitCode: dossiers.receivingUnitCode,
  handlingUnitCode: dossiers.handlingUnitCode,
  channel: dossiers.channel,
  status: dossiers.status,
  applicantName: dossiers.applicantName,
  receivedAt: dossiers.receivedAt,
  dueDate: dossiers.dueDate,
  originalDueDate: dossiers.originalDueDate,
  supplementCount: dossiers.supplementCount,
  lateSupplementCount: dossiers.lateSupplementCount,
  finishedAt: dossiers.finishedAt,
  finishedOn: dossiers.finishedOn,
  hasInputScan: dossiers.hasInputScan,
  hasEResult: dossiers.hasEResult,
  rating: dossiers.rating,
  version: dossiers.version,
};

export type ListRow = { [K in keyof typeof listColumns]: DossierRow[K] };
export function presentListItem(d: ListRow, today: string) {
  return {
    id: d.id,
    receiptCode: d.receiptCode,
    provinceCode: d.provinceCode,
    procedureCode: d.procedureCode,
    procedureField: d.procedureField,
    receivingUnitCode: d.receivingUnitCode,
    handlingUnitCode: d.handlingUnitCode,
    channel: d.channel,
    status: d.status as Status,
    statusCode: STATUS_CODE[d.status as Status],
    applicantName: d.applicantName,
    receivedAt: d.receivedAt.toISOString(),
    dueDate: d.dueDate,
    originalDueDate: d.originalDueDate,
    finishedAt: d.finishedAt?.toISOString() ?? null,
    overdue: isOverdue(d, today),
    hasInputScan: d.hasInputScan,
    hasEResult: d.hasEResult,
    rating: d.rating as Rating | null,
    version: d.version,
  };
}

/** A list stops counting past this many matches and says "more than" (the page asked for always counts). */
export const COUNT_CAP = 10_000;

/** The total implied by a page that came back short (the last page), or null when it takes a count. */
export function pageTotal(rows: number, offset: number, pageSize: number): number | null {
  if (rows > 0 && rows < pageSize) return offset + rows;
  if (rows === 0 && offset === 0) return 0;
  return null;
}
