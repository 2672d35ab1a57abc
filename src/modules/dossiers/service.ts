import type { DeadlineClock } from '../../core/clock.js';
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { insertInto, setList, tableShape } from '../../db/statements.js';
import { AppError, forbidden, invalid, notFound, outOfScope } from '../../core/errors.js';
import { sha256Hex, type FileStore } from '../../core/file-store.js';
import { scopeWhere, type Actor } from '../../core/scope.js';
import { dossierActions, mayAt, mayOnDossier } from './policy.js';
import { appendAudit, chainHead, recordAudit } from '../audit/index.js';
import { send } from '../../db/pipeline.js';
import { unitPlace } from '../units/index.js';
import {
  dossierDailyStats,
  dossierDocuments,
  dossierEvents,
  dossierProvinceStats,
  dossierUnitStats,
  dossiers,
  procedures,
  receiptSequences,
} from './schema.js';
import {
  allowedActions,
  apologyProblem,
  inQueue,
  isFinished,
  QUEUE_STATUSES,
  isOverdue,
  nextStatus,
  OPEN_STATUSES,
  STATUS_CODE,
  type Action,
  type Channel,
  type Rating,
  type Status,
} from './domain/lifecycle.js';
import { agencyCode, formatReceiptCode, parseReceiptCode } from './domain/receipt-code.js';

type DossierRow = typeof dossiers.$inferSelect;
// The action path's statements as templates (src/db/statements.ts): built in ~2 µs instead of ~80.
const dossierShape = tableShape(dossiers);
const eventShape = tableShape(dossierEvents);
type Tx = Db;

// ---------- procedures ----------

/** The procedures in force for a province on a date: its own versions override the national ones. */
export async function listProcedures(db: Db, provinceCode: string, at: string, q?: { field?: string }) {
  const rows = await db
    .select()
    .from(procedures)
    .where(
      and(
        or(eq(procedures.provinceCode, ''), eq(procedures.provinceCode, provinceCode)),
        lte(procedures.validFrom, at),
        or(isNull(procedures.validTo), sql`${procedures.validTo} > ${at}`),
        q?.field ? eq(procedures.field, q.field) : undefined,
      ),
    )
    .orderBy(asc(procedures.code));
  const byCode = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!byCode.has(r.code) || r.provinceCode !== '') byCode.set(r.code, r);
  return [...byCode.values()];
}

export interface ProvinceProcedureInput {
  code: string;
  validFrom: string;
  name: string;
  field: string;
  decisionLevel: 'commune' | 'province';
  workingDays: number;
  feeVnd: number;
  online: boolean;
  boundaryFree: boolean;
  documents: string[];
  legalBasis?: string;
}

/**
 * A province adds a procedure to its own list, or adjusts a national one (e.g. a shorter time limit),
 * from an effective date. Its earlier version of the same code ends that day; history is kept.
 */
export async function setProvinceProcedure(db: Db, actor: Actor, provinceCode: string, input: ProvinceProcedureInput) {
  if (!mayAt('adjust_procedure', actor, { provinceCode, unitCode: provinceCode })) throw forbidden();
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select()
      .from(procedures)
      .where(
        and(eq(procedures.provinceCode, provinceCode), eq(procedures.code, input.code), isNull(procedures.validTo)),
      )
      .for('update');
    if (open && open.validFrom >= input.validFrom)
      throw invalid('validFrom', 'invalid_value', { detail: `> ${open.validFrom}` });
    if (open)
      await tx
        .update(procedures)
        .set({ validTo: input.validFrom })
        .where(
          and(
            eq(procedures.provinceCode, provinceCode),
            eq(procedures.code, input.code),
            eq(procedures.validFrom, open.validFrom),
          ),
        );
    const [row] = await tx
      .insert(procedures)
      .values({ ...input, provinceCode, legalBasis: input.legalBasis ?? null })
      .returning();
    await recordAudit(tx, actor, {
      action: open ? 'update' : 'create',
      entity: 'procedure',
      entityId: input.code,
      provinceCode,
      unitCode: provinceCode,
      before: open ?? null,
      after: row,
    });
    return row!;
  });
}

async function procedureFor(db: Db, provinceCode: string, code: string, at: string) {
  const p = (await listProcedures(db, provinceCode, at)).find((x) => x.code === code);
  if (!p) throw invalid('procedureCode', 'invalid_value', { detail: code });
  return p;
}

// ---------- places ----------

const unitOf = (db: Db, code: string) => unitPlace(db, code);

function dossierScope(actor: Actor): SQL | undefined {
  return scopeWhere(actor, {
    provinceCode: dossiers.provinceCode,
    unitCode: [dossiers.handlingUnitCode, dossiers.receivingUnitCode],
  });
}

// ---------- statistics (incremental) ----------

type StatColumn =
  | 'received'
  | 'receivedOnline'
  | 'receivedDigitized'
  | 'finished'
  | 'finishedOnTime'
  | 'finishedWithEResult'
  | 'ratings'
  | 'ratingsSatisfied'
  | 'waitMinutesTotal';

/**
 * Adds to the figures of the day (the unit's per field, the unit's, the province's per field), in the caller's
 * transaction. The three upserts are sent at once, in that order (the same lock order everywhere), when the
 * function is called.
 */
async function bumpStats(
  tx: Tx,
  key: { provinceCode: string; unitCode: string; day: string; field: string },
  inc: Partial<Record<StatColumn, number>>,
) {
  const set = (t: typeof dossierDailyStats | typeof dossierUnitStats | typeof dossierProvinceStats) =>
    Object.fromEntries(Object.entries(inc).map(([k, v]) => [k, sql`${t[k as StatColumn]} + ${v}`]));
  const unit = send(
    tx
      .insert(dossierDailyStats)
      .values({ ...key, ...inc })
      .onConflictDoUpdate({
        target: [
          dossierDailyStats.provinceCode,
          dossierDailyStats.unitCode,
          dossierDailyStats.day,
          dossierDailyStats.field,
        ],
        set: set(dossierDailyStats),
      }),
  );
  const { field: _field, ...unitDayKey } = key;
  const unitDay = send(
    tx
      .insert(dossierUnitStats)
      .values({ ...unitDayKey, ...inc })
      .onConflictDoUpdate({
        target: [dossierUnitStats.provinceCode, dossierUnitStats.unitCode, dossierUnitStats.day],
        set: set(dossierUnitStats),
      }),
  );
  const { unitCode: _unit, ...provinceKey } = key;
  const province = send(
    tx
      .insert(dossierProvinceStats)
      .values({ ...provinceKey, ...inc })
      .onConflictDoUpdate({
        target: [dossierProvinceStats.provinceCode, dossierProvinceStats.day, dossierProvinceStats.field],
        set: set(dossierProvinceStats),
      }),
  );
  await Promise.all([unit, unitDay, province]);
}

/** Where an open dossier counts in the live backlog; null once it is finished. */
type BacklogKey = { unit: string; due: string | null; queue: boolean } | null;
const backlogKey = (d: Pick<DossierRow, 'handlingUnitCode' | 'dueDate' | 'status' | 'finishedAt'>): BacklogKey =>
  d.finishedAt ? null : { unit: d.handlingUnitCode, due: d.dueDate, queue: inQueue(d.status as Status) };

/**
 * Moves a dossier's count in the live backlog (dossier_backlog and its province roll-up) from one key to
 * another, in the caller's transaction and after its figures (the lock order everywhere); sent when called,
 * nothing when the key is unchanged.
 */
function moveBacklog(
  tx: Tx,
  provinceCode: string,
  before: BacklogKey,
  after: BacklogKey,
): Promise<unknown> | undefined {
  if (before?.unit === after?.unit && before?.due === after?.due && before?.queue === after?.queue) return undefined;
  return send(
    tx.execute(
      sql`SELECT dossier_backlog_move(${provinceCode}::text, ${before?.unit ?? null}::text, ${before?.due ?? null}::date, ${before?.queue ?? null}::boolean, ${after?.unit ?? null}::text, ${after?.due ?? null}::date, ${after?.queue ?? null}::boolean)`,
    ),
  );
}

/**
 * After a bulk load (the demo, an import, the benchmark): rebuilds the roll-ups of the unit figures (per unit and
 * day, per province) and recounts the live backlog from the open dossiers, for one province or all.
 */
export async function recountFigures(db: Db, provinceCode?: string) {
  const province = provinceCode ?? null;
  await db.execute(sql`SELECT dossier_stats_roll_up(${province}::text)`);
  await db.execute(
    sql`SELECT dossier_backlog_rebuild(${province}::text, ARRAY[${sql.join(
      QUEUE_STATUSES.map((q) => sql`${q}::text`),
      sql`, `,
    )}])`,
  );
}

// ---------- intake ----------

export interface IntakeInput {
  procedureCode: string;
  channel: Channel;
  /** where the dossier is received; default: the actor's own unit */
  receivingUnitCode?: string;
  /** the competent unit (boundary-free intake: another commune of the province, or the province) */
  handlingUnitCode?: string;
  applicantName: string;
  applicantIdNumber?: string;
  applicantPhone?: string;
  applicantAddress?: string;
  /** false: incomplete at the counter, Form 02 is issued and the clock does not start */
  complete?: boolean;
  /** minutes the applicant waited in the queue (from the ticket machine), in person only */
  waitMinutes?: number;
}

export async function receiveDossier(db: Db, actor: Actor, input: IntakeInput, clock: DeadlineClock) {
  const receivingCode = input.receivingUnitCode ?? actor.communeCode ?? actor.provinceCode;
  if (!receivingCode) throw invalid('receivingUnitCode', 'required', { field: 'receivingUnitCode' });
  const receiving = await unitOf(db, receivingCode);
  if (!receiving) throw invalid('receivingUnitCode', 'invalid_value', { detail: receivingCode });
  if (!mayAt('receive', actor, { provinceCode: receiving.provinceCode, unitCode: receiving.code }))
    throw outOfScope(receivingCode);

  const now = clock.now();
  const today = clock.localDate(now);
  const proc = await procedureFor(db, receiving.provinceCode, input.procedureCode, today);

  // The competent unit: the province for province-level decisions, else the named commune or the receiving one.
  const handlingCode =
    proc.decisionLevel === 'province' ? receiving.provinceCode : (input.handlingUnitCode ?? receiving.code);
  const handling = await unitOf(db, handlingCode);
  if (!handling) throw invalid('handlingUnitCode', 'invalid_value', { detail: handlingCode });
  if (handling.provinceCode !== receiving.provinceCode)
    throw new AppError(400, 'other_province', 'other_province', { code: handlingCode }, 'handlingUnitCode');
  if (handling.code !== receiving.code && !proc.boundaryFree && proc.decisionLevel !== 'province') {
    throw new AppError(
      400,
      'not_boundary_free',
      'not_boundary_free',
      { procedure: proc.code, unit: handling.code },
      'receivingUnitCode',
    );
  }

  const status: Status =
    input.channel === 'online' ? 'registered' : input.complete === false ? 'supplement_requested' : 'received';
  const clockStarts = status === 'received';
  return db.transaction(async (tx) => {
    const [seq] = await tx
      .insert(receiptSequences)
      .values({ provinceCode: receiving.provinceCode, unitCode: receiving.code, day: today, last: 1 })
      .onConflictDoUpdate({
        target: [receiptSequences.provinceCode, receiptSequences.unitCode, receiptSequences.day],
        set: { last: sql`${receiptSequences.last} + 1` },
      })
      .returning({ last: receiptSequences.last });
    const receiptCode = formatReceiptCode(agencyCode(receiving.provinceCode, receiving.code), today, seq!.last);
    const due = clockStarts ? clock.dueDate(now, proc.workingDays) : null;
    const [d] = await tx
      .insert(dossiers)
      .values({
        provinceCode: receiving.provinceCode,
        receiptCode,
        procedureCode: proc.code,
        procedureField: proc.field,
        receivingUnitCode: receiving.code,
        handlingUnitCode: handling.code,
        channel: input.channel,
        status,
        applicantName: input.applicantName,
        applicantIdNumber: input.applicantIdNumber ?? null,
        applicantPhone: input.applicantPhone ?? null,
        applicantAddress: input.applicantAddress ?? null,
        receivedAt: now,
        workingDays: proc.workingDays,
        clockStartOn: clockStarts ? today : null,
        dueDate: due,
        originalDueDate: due,
        supplementCount: status === 'supplement_requested' ? 1 : 0,
        createdBy: actor.id,
        updatedAt: now,
      })
      .returning();
    await tx.insert(dossierEvents).values({
      provinceCode: d!.provinceCode,
      dossierId: d!.id,
      at: now,
      actorUsername: actor.username,
      action: 'receive',
      fromStatus: null,
      toStatus: status,
      unitCode: receiving.code,
      toUnitCode: handling.code !== receiving.code ? handling.code : null,
    });
    await bumpStats(
      tx,
      { provinceCode: d!.provinceCode, unitCode: receiving.code, day: today, field: proc.field },
      {
        received: 1,
        receivedOnline: input.channel === 'online' ? 1 : 0,
        waitMinutesTotal: input.channel === 'in_person' ? Math.max(0, Math.round(input.waitMinutes ?? 0)) : 0,
      },
    );
    await moveBacklog(tx, d!.provinceCode, null, backlogKey(d!));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'dossier',
      entityId: d!.id,
      provinceCode: d!.provinceCode,
      unitCode: receiving.code,
      after: {
        receiptCode,
        procedureCode: proc.code,
        status,
        channel: input.channel,
        handlingUnitCode: handling.code,
        dueDate: due,
      },
    });
    return present(d!, clock.localDate(now), actor);
  });
}

// ---------- reading ----------

/** A dossier as its own page shows it: the list's line and the rest. */
export function present(d: DossierRow, today: string, actor: Actor) {
  return {
    ...presentListItem(d, today),
    allowedActions: allowedActions(d.status as Status),
    actions: dossierActions(actor, d),
    applicantIdNumber: d.applicantIdNumber,
    applicantPhone: d.applicantPhone,
    applicantAddress: d.applicantAddress,
    workingDays: d.workingDays,
    clockStartOn: d.clockStartOn,
    apologyIssuedAt: d.apologyIssuedAt?.toISOString() ?? null,
    apologyReason: d.apologyReason,
    supplementCount: d.supplementCount,
    returnedAt: d.returnedAt?.toISOString() ?? null,
  };
}

/**
 * Loads a dossier by id. The primary key is (province_code, id), so a lookup by id alone scans the whole
 * key index: the actor's province, when it has one, is tried first (an index probe; nearly always where
 * the dossier is), then the id alone, so a dossier elsewhere is still found (and refused as out of scope).
 */
async function loadDossier(db: Db, id: string, forUpdate = false, provinceHint?: string | null) {
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
  const [events, documents] = await Promise.all([
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
  ]);
  const now = clock.now();
  return {
    ...present(d, clock.localDate(now), actor),
    events: events.map((e, i) => ({
      at: e.at.toISOString(),
      actorUsername: e.actorUsername,
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

export interface DossierQuery {
  status?: Status;
  unit?: string;
  field?: string;
  overdue?: boolean;
  dueToday?: boolean;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listDossiers(db: Db, actor: Actor, query: DossierQuery, clock: DeadlineClock) {
  const today = clock.localDate(clock.now());
  const conds: (SQL | undefined)[] = [dossierScope(actor)];
  if (query.status) conds.push(eq(dossiers.status, query.status));
  if (query.unit) conds.push(or(eq(dossiers.handlingUnitCode, query.unit), eq(dossiers.receivingUnitCode, query.unit)));
  if (query.field) conds.push(eq(dossiers.procedureField, query.field));
  if (query.overdue) conds.push(isNull(dossiers.finishedAt), lt(dossiers.dueDate, today));
  if (query.dueToday) conds.push(isNull(dossiers.finishedAt), eq(dossiers.dueDate, today));
  if (query.from) conds.push(gte(dossiers.receivedAt, new Date(`${query.from}T00:00:00+07:00`)));
  if (query.to)
    conds.push(lt(dossiers.receivedAt, new Date(new Date(`${query.to}T00:00:00+07:00`).getTime() + 86_400_000)));
  if (query.q) {
    const code = parseReceiptCode(query.q);
    conds.push(
      code
        ? eq(dossiers.receiptCode, query.q.trim().toUpperCase())
        : ilike(dossiers.applicantName, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`),
    );
  }
  const where = and(...conds);
  const offset = (query.page - 1) * query.pageSize;
  const items = await db
    .select(listColumns)
    .from(dossiers)
    .where(where)
    .orderBy(desc(dossiers.receivedAt))
    .limit(query.pageSize)
    .offset(offset);
  // A page that is not full is the last one: the total follows from it. Only a full page (or one past
  // the end) needs the count, which reads every matching row and costs far more than the page itself.
  const total =
    pageTotal(items.length, offset, query.pageSize) ??
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(dossiers)
        .where(where)
    )[0]?.n ??
    0;
  return { items: items.map((d) => presentListItem(d, today)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * What a line of the list shows. The applicant's papers, phone and address, the steps allowed and the apology stay
 * on the dossier's own page: a page of 50 is 40 % smaller (24 instead of 40 KB) on a weak connection, and a list shares
 * less personal data.
 */
const listColumns = {
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
  finishedAt: dossiers.finishedAt,
  finishedOn: dossiers.finishedOn,
  hasInputScan: dossiers.hasInputScan,
  hasEResult: dossiers.hasEResult,
  rating: dossiers.rating,
  version: dossiers.version,
};

export function presentListItem(d: { [K in keyof typeof listColumns]: DossierRow[K] }, today: string) {
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

/** The total implied by a page that came back short (the last page), or null when it takes a count. */
export function pageTotal(rows: number, offset: number, pageSize: number): number | null {
  if (rows > 0 && rows < pageSize) return offset + rows;
  if (rows === 0 && offset === 0) return 0;
  return null;
}

// ---------- transitions ----------

export interface TransitionInput {
  action: Action;
  note?: string;
  /** transfer: the competent unit (a commune of the province, or the province) */
  toUnitCode?: string;
  /** optimistic concurrency: the version the officer saw */
  version?: number;
}

export async function transition(db: Db, actor: Actor, id: string, input: TransitionInput, clock: DeadlineClock) {
  return db.transaction(async (tx) => {
    const d = await loadDossier(tx, id, true, actor.provinceCode);
    if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
    // Decisions belong to the unit holding the dossier; the receiving center may return the result too.
    if (!mayOnDossier(input.action === 'return_result' ? 'return_result' : 'decide', actor, d)) throw forbidden();
    if (input.version !== undefined && input.version !== d.version)
      throw new AppError(409, 'version_conflict', 'version_conflict');
    const from = d.status as Status;
    const to = nextStatus(from, input.action);
    if (!to) {
      throw new AppError(
        409,
        'illegal_transition',
        'illegal_transition',
        { action: input.action, status: from, allowed: allowedActions(from).join(', ') || '—' },
        'action',
      );
    }
    const now = clock.now();
    const today = clock.localDate(now);
    const patch: Partial<DossierRow> = { status: to, version: d.version + 1, updatedAt: now };
    let toUnit: string | null = null;

    switch (input.action) {
      case 'accept':
      case 'supplement_received': {
        // The clock (re)starts from zero once the dossier is complete.
        const due = clock.dueDate(now, d.workingDays);
        Object.assign(patch, { clockStartOn: today, dueDate: due, originalDueDate: d.originalDueDate ?? due });
        break;
      }
      case 'request_supplement':
        Object.assign(patch, { supplementCount: d.supplementCount + 1, dueDate: null, clockStartOn: null });
        break;
      case 'transfer': {
        if (!input.toUnitCode) throw invalid('toUnitCode', 'required', { field: 'toUnitCode' });
        const target = await unitOf(tx, input.toUnitCode);
        if (!target) throw invalid('toUnitCode', 'invalid_value', { detail: input.toUnitCode });
        if (target.provinceCode !== d.provinceCode)
          throw new AppError(400, 'other_province', 'other_province', { code: target.code }, 'toUnitCode');
        if (target.code === d.handlingUnitCode) throw invalid('toUnitCode', 'invalid_value', { detail: target.code });
        toUnit = target.code;
        patch.handlingUnitCode = target.code;
        break;
      }
      default:
        break;
    }
    let stats: Promise<void> | undefined;
    if (isFinished(to) && !d.finishedAt) {
      Object.assign(patch, { finishedAt: now, finishedOn: today });
      const onTime = !isOverdue(
        {
          dueDate: patch.dueDate !== undefined ? patch.dueDate : d.dueDate,
          finishedOn: today,
          supplementCount: d.supplementCount,
        },
        today,
      );
      stats = bumpStats(
        tx,
        { provinceCode: d.provinceCode, unitCode: d.handlingUnitCode, day: today, field: d.procedureField },
        {
          finished: 1,
          finishedOnTime: onTime ? 1 : 0,
          finishedWithEResult: d.hasEResult ? 1 : 0,
        },
      );
    }
    if (input.action === 'return_result') patch.returnedAt = now;

    // The figures, the update, the event and the audit chain's lock and head go out together (one round
    // trip instead of six), in the order they always had; the chain lock is held from there to the commit.
    const update = send(
      tx.execute(
        sql`UPDATE dossiers SET ${setList(dossierShape, patch)} WHERE province_code = ${d.provinceCode} AND id = ${d.id} RETURNING ${dossierShape.selection}`,
      ),
    ).then((r) => rowsOf(r).map((row) => dossierShape.read(row)));
    const event = send(
      tx.execute(
        insertInto(eventShape, {
          provinceCode: d.provinceCode,
          dossierId: d.id,
          at: now,
          actorUsername: actor.username,
          action: input.action,
          fromStatus: from,
          toStatus: to,
          unitCode: d.handlingUnitCode,
          toUnitCode: toUnit,
          note: input.note ?? null,
        }),
      ),
    );
    const backlog = moveBacklog(tx, d.provinceCode, backlogKey(d), backlogKey({ ...d, ...patch }));
    const head = chainHead(tx, d.provinceCode);
    const [[updated]] = await Promise.all([update, event, stats, backlog, head]);
    await appendAudit(
      tx,
      actor,
      {
        action: input.action,
        entity: 'dossier',
        entityId: d.id,
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        before: { status: from, dueDate: d.dueDate, handlingUnitCode: d.handlingUnitCode },
        after: {
          status: to,
          dueDate: updated!.dueDate,
          handlingUnitCode: updated!.handlingUnitCode,
          note: input.note ?? null,
        },
      },
      head,
    );
    return present(updated!, today, actor);
  });
}

// ---------- apology and new date (Form 04) ----------

export async function issueApology(
  db: Db,
  actor: Actor,
  id: string,
  input: { newDueDate: string; reason: string },
  clock: DeadlineClock,
) {
  return db.transaction(async (tx) => {
    const d = await loadDossier(tx, id, true, actor.provinceCode);
    if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
    if (!mayOnDossier('apologize', actor, d)) throw forbidden();
    const now = clock.now();
    const today = clock.localDate(now);
    const latest = d.dueDate ? clock.latestApologyDay(d.dueDate) : today;
    const problem = apologyProblem(
      { status: d.status as Status, dueDate: d.dueDate, apologyIssued: !!d.apologyIssuedAt },
      today,
      latest,
      input.newDueDate,
    );
    if (problem) {
      const field = problem === 'date_not_later' ? 'newDueDate' : undefined;
      throw new AppError(
        problem === 'date_not_later' ? 400 : 409,
        `apology_${problem}`,
        `apology_${problem}`,
        { latest, due: d.dueDate ?? '' },
        field,
      );
    }
    const update = send(
      tx
        .update(dossiers)
        .set({
          dueDate: input.newDueDate,
          apologyIssuedAt: now,
          apologyReason: input.reason,
          version: d.version + 1,
          updatedAt: now,
        })
        .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)))
        .returning(),
    );
    const event = send(
      tx.insert(dossierEvents).values({
        provinceCode: d.provinceCode,
        dossierId: d.id,
        at: now,
        actorUsername: actor.username,
        action: 'apology',
        fromStatus: d.status,
        toStatus: d.status,
        unitCode: d.handlingUnitCode,
        note: input.reason,
      }),
    );
    const backlog = moveBacklog(tx, d.provinceCode, backlogKey(d), backlogKey({ ...d, dueDate: input.newDueDate }));
    const head = chainHead(tx, d.provinceCode);
    const [[updated]] = await Promise.all([update, event, backlog, head]);
    await appendAudit(
      tx,
      actor,
      {
        action: 'apology',
        entity: 'dossier',
        entityId: d.id,
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        before: { dueDate: d.dueDate },
        after: { dueDate: input.newDueDate, reason: input.reason },
      },
      head,
    );
    return present(updated!, today, actor);
  });
}

/** Open dossiers whose last day for an apology is today or the next working day. */
export async function apologyWarnings(db: Db, actor: Actor, clock: DeadlineClock) {
  const today = clock.localDate(clock.now());
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        dossierScope(actor),
        isNull(dossiers.finishedAt),
        isNull(dossiers.apologyIssuedAt),
        gte(dossiers.dueDate, today),
        inArray(dossiers.status, OPEN_STATUSES),
      ),
    )
    .orderBy(asc(dossiers.dueDate))
    .limit(500);
  // Warn from the working day before the last chance through the last chance itself; once that day has
  // passed an apology can no longer be issued, so the dossier is not listed as one still to apologise for.
  return rows
    .map((d) => ({ d, latest: clock.latestApologyDay(d.dueDate!) }))
    .filter(({ latest }) => latest >= today && clock.latestApologyDay(latest) <= today)
    .map(({ d, latest }) => ({ ...present(d, today, actor), latestApologyDay: latest }));
}

// ---------- digitization ----------

export async function addDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: { kind: 'input' | 'result'; name: string; contentType: string; bytes: Buffer },
  store: FileStore,
  clock: DeadlineClock,
) {
  const d = await loadDossier(db, id, false, actor.provinceCode);
  if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
  if (!mayOnDossier('attach', actor, d)) throw forbidden();
  const sha256 = sha256Hex(input.bytes);
  const storageKey = `${d.provinceCode}/${d.id}/${sha256}`;
  await store.put(storageKey, input.bytes);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(dossierDocuments)
      .where(
        and(
          eq(dossierDocuments.provinceCode, d.provinceCode),
          eq(dossierDocuments.dossierId, d.id),
          eq(dossierDocuments.sha256, sha256),
          eq(dossierDocuments.kind, input.kind),
        ),
      );
    if (existing) return { id: existing.id, sha256, sizeBytes: existing.sizeBytes, duplicate: true };
    const [doc] = await tx
      .insert(dossierDocuments)
      .values({
        provinceCode: d.provinceCode,
        dossierId: d.id,
        kind: input.kind,
        name: input.name,
        contentType: input.contentType,
        sizeBytes: input.bytes.length,
        sha256,
        storageKey,
      })
      .returning();
    const [current] = await tx
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)))
      .for('update');
    if (input.kind === 'input' && !current!.hasInputScan) {
      await tx
        .update(dossiers)
        .set({ hasInputScan: true })
        .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
      await bumpStats(
        tx,
        {
          provinceCode: d.provinceCode,
          unitCode: d.receivingUnitCode,
          day: clock.localDate(d.receivedAt),
          field: d.procedureField,
        },
        { receivedDigitized: 1 },
      );
    }
    if (input.kind === 'result' && !current!.hasEResult) {
      await tx
        .update(dossiers)
        .set({ hasEResult: true })
        .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
      if (current!.finishedOn)
        await bumpStats(
          tx,
          {
            provinceCode: d.provinceCode,
            unitCode: d.handlingUnitCode,
            day: current!.finishedOn,
            field: d.procedureField,
          },
          { finishedWithEResult: 1 },
        );
    }
    await recordAudit(tx, actor, {
      action: 'add_document',
      entity: 'dossier',
      entityId: d.id,
      provinceCode: d.provinceCode,
      unitCode: d.handlingUnitCode,
      after: { kind: input.kind, name: input.name, sha256, sizeBytes: input.bytes.length },
    });
    return { id: doc!.id, sha256, sizeBytes: input.bytes.length, duplicate: false };
  });
}

// ---------- citizens ----------

/** What the public may know from a receipt code: no name, no ID, no address. */
export async function publicLookup(db: Db, receiptCode: string, clock: DeadlineClock) {
  const code = receiptCode.trim().toUpperCase();
  const [d] = await db.select().from(dossiers).where(eq(dossiers.receiptCode, code));
  if (!d) throw notFound('dossier', { code });
  const [proc] = await db
    .select({ name: procedures.name })
    .from(procedures)
    .where(eq(procedures.code, d.procedureCode))
    .limit(1);
  const today = clock.localDate(clock.now());
  return {
    receiptCode: d.receiptCode,
    procedureName: proc?.name ?? d.procedureCode,
    status: d.status as Status,
    statusCode: STATUS_CODE[d.status as Status],
    receivedOn: clock.localDate(d.receivedAt),
    dueDate: d.dueDate,
    rescheduled: !!d.apologyIssuedAt,
    finishedOn: d.finishedOn,
    overdue: isOverdue(d, today),
    canRate: (d.status === 'processed' || d.status === 'returned') && !d.rating,
    rating: d.rating as Rating | null,
  };
}

export async function rateDossier(
  db: Db,
  receiptCode: string,
  input: { rating: Rating; comment?: string },
  clock: DeadlineClock,
) {
  const code = receiptCode.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(dossiers).where(eq(dossiers.receiptCode, code)).for('update');
    if (!d) throw notFound('dossier', { code });
    if (d.status !== 'processed' && d.status !== 'returned')
      throw new AppError(409, 'rating_not_yet', 'rating_not_yet');
    if (d.rating) throw new AppError(409, 'rating_done', 'rating_done');
    await tx
      .update(dossiers)
      .set({ rating: input.rating })
      .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
    await bumpStats(
      tx,
      {
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        day: d.finishedOn ?? clock.localDate(clock.now()),
        field: d.procedureField,
      },
      { ratings: 1, ratingsSatisfied: input.rating === 'not_satisfied' ? 0 : 1 },
    );
    await tx.insert(dossierEvents).values({
      provinceCode: d.provinceCode,
      dossierId: d.id,
      at: clock.now(),
      actorUsername: 'citizen',
      action: 'rate',
      fromStatus: d.status,
      toStatus: d.status,
      unitCode: d.handlingUnitCode,
      note: [input.rating, input.comment].filter(Boolean).join(': '),
    });
    await recordAudit(tx, null, {
      action: 'rate',
      entity: 'dossier',
      entityId: d.id,
      provinceCode: d.provinceCode,
      unitCode: d.handlingUnitCode,
      after: { rating: input.rating, comment: input.comment ?? null },
    });
    return { ok: true };
  });
}
