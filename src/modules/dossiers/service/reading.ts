/** Reading dossiers: one with its steps and documents, the list, and what each shows. */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, asc, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { rowsOf } from '../../../db/client.js';
import { notFound, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { dossierActions, mayOnDossier } from '../policy.js';
import { dossierDocuments, dossierEvents, dossiers } from '../schema.js';
import { allowedActions, isFinished, isOverdue, STATUS_CODE, type Rating, type Status } from '../domain/lifecycle.js';
import { parseReceiptCode } from '../domain/receipt-code.js';
import { type DossierRow, dossierShape, dossierScope } from './rows.js';

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
    supplementDueDate: d.supplementDueDate,
    lateSupplementCount: d.lateSupplementCount,
    returnedAt: d.returnedAt?.toISOString() ?? null,
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
  lateSupplementCount: dossiers.lateSupplementCount,
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
