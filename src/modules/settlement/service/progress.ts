// The national progress by province and agency, and the cases for the Excel export.
import { and, asc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { scopeOf, scopeWhere, type Actor } from '../../../core/scope.js';
import { communesOf, provinceList, unitShortNames } from '../../units/index.js';
import { CENTRAL_AGENCIES } from '../domain/central-agencies.js';
import { type Status } from '../domain/lifecycle.js';
import type { Progress, ProgressRow } from '../contract.js';
import { may } from '../policy.js';
import { settlementBoard, settlementCases } from '../schema.js';
import { scopeSql, agencyNames, isLate, summary, lateSql } from './reading.js';
import { loadSettings } from './settings.js';

const emptyCounts = () => ({
  cases: 0,
  proposed: 0,
  approved: 0,
  decided: 0,
  paid: 0,
  closed: 0,
  refused: 0,
  totalAmount: 0,
  paidAmount: 0,
  late: 0,
});
type Counts = ReturnType<typeof emptyCounts>;

/**
 * The Ministry's board: per province (x of 34 finished) and per ministry or central agency (y of 27), the cases by
 * status, the amounts (an override counts instead of the computed total), the late cases; an agency is finished when
 * it has cases and every one is settled (paid, closed or refused). A province sees its units, a commune its own.
 */
export async function progress(
  db: Db,
  actor: Actor,
  clock: DeadlineClock,
  lang: Lang,
  todayIn?: string,
): Promise<Progress> {
  if (!may('progress', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const today = todayIn ?? clock.localDate(clock.now());
  const s = scopeOf(actor);
  // Counts and amounts from the board kept by triggers; late cases (they depend on the day and the settings) from the
  // open cases only, through their partial index.
  const keyOf = (provinceCode: AnyColumn, unitCode: AnyColumn) =>
    s.kind === 'country'
      ? sql<string>`CASE WHEN ${provinceCode} = '' THEN ${unitCode} ELSE ${provinceCode} END`
      : sql<string>`${unitCode}`;
  const boardKey = keyOf(settlementBoard.provinceCode, settlementBoard.unitCode);
  const caseKey = keyOf(settlementCases.provinceCode, settlementCases.unitCode);
  const [rows, lateRows] = await Promise.all([
    db
      .select({
        key: boardKey,
        status: settlementBoard.status,
        n: sql<number>`sum(${settlementBoard.n})::int`,
        amount: sql<string>`sum(${settlementBoard.amount})::text`,
        paid: sql<string>`sum(${settlementBoard.paid})::text`,
      })
      .from(settlementBoard)
      .where(scopeWhere(actor, { provinceCode: settlementBoard.provinceCode, unitCode: settlementBoard.unitCode }))
      .groupBy(boardKey, settlementBoard.status),
    db
      .select({ key: caseKey, late: sql<number>`count(*)::int` })
      .from(settlementCases)
      .where(and(scopeSql(actor), lateSql(today, settings)))
      .groupBy(caseKey),
  ]);
  const byKey = new Map<string, Counts>();
  for (const r of rows) {
    const c = byKey.get(r.key) ?? emptyCounts();
    c.cases += r.n;
    (c as Record<string, number>)[r.status] = ((c as Record<string, number>)[r.status] ?? 0) + r.n;
    c.totalAmount += Number(r.amount);
    c.paidAmount += Number(r.paid);
    byKey.set(r.key, c);
  }
  for (const r of lateRows) {
    const c = byKey.get(r.key);
    if (c) c.late += r.late;
  }
  const reportLate = Math.max(
    0,
    Math.round((Date.parse(today) - Date.parse(settings.deadlines.reportsBy)) / 86_400_000),
  );
  const row = (code: string, name: string, kind: ProgressRow['kind']): ProgressRow => {
    const c = byKey.get(code) ?? emptyCounts();
    const settled = c.paid + c.closed + c.refused;
    const finished = c.cases > 0 && settled === c.cases;
    return {
      code,
      name,
      kind,
      ...c,
      settledShare: c.cases ? settled / c.cases : 0,
      finished,
      daysLate: finished ? 0 : reportLate,
    };
  };
  let out: ProgressRow[];
  if (s.kind === 'country') {
    const provinces = await provinceList(db);
    out = [
      ...provinces.map((p) => row(p.code, p.name, 'province')),
      ...CENTRAL_AGENCIES.map((a) => row(a.code, lang === 'en' ? a.nameEn : a.name, 'central')),
    ];
  } else if (s.kind === 'province') {
    const communes = await communesOf(db, s.provinceCode);
    const names = await unitShortNames(db, [s.provinceCode]);
    out = [
      row(s.provinceCode, names.get(s.provinceCode) ?? s.provinceCode, 'unit'),
      ...communes.map((c) => row(c.code, c.name, 'unit')),
    ];
  } else {
    const names = await unitShortNames(db, [s.communeCode]);
    out = [row(s.communeCode, names.get(s.communeCode) ?? s.communeCode, 'unit')];
  }
  const totals = emptyCounts();
  for (const c of byKey.values()) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += c[k];
  const settledAll = totals.paid + totals.closed + totals.refused;
  const provRows = out.filter((r) => r.kind === 'province');
  const centralRows = out.filter((r) => r.kind === 'central');
  return {
    today,
    scope: s.kind,
    provinces: { finished: provRows.filter((r) => r.finished).length, total: provRows.length },
    central: { finished: centralRows.filter((r) => r.finished).length, total: centralRows.length },
    totals: { ...totals, settledShare: totals.cases ? settledAll / totals.cases : 0 },
    rows: out,
    unfinished: out.filter((r) => !r.finished && r.cases > 0).sort((a, b) => b.cases - b.paid - (a.cases - a.paid)),
  };
}

export function agencyList(lang: Lang) {
  return {
    items: CENTRAL_AGENCIES.map((a) => ({ code: a.code, name: lang === 'en' ? a.nameEn : a.name, kind: a.kind })),
  };
}

/** All the cases of the caller's scope for an export (summary rows). */
export async function casesForExport(
  db: Db,
  actor: Actor,
  status: Status | undefined,
  clock: DeadlineClock,
  lang: Lang,
) {
  if (!may('progress', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const settings = await loadSettings(db);
  const today = clock.localDate(clock.now());
  const rows = await db
    .select()
    .from(settlementCases)
    .where(and(scopeSql(actor), status ? eq(settlementCases.status, status) : undefined))
    .orderBy(asc(settlementCases.provinceCode), asc(settlementCases.unitCode), asc(settlementCases.code))
    .limit(200_000);
  const name = await agencyNames(db, rows, lang);
  return rows.map((r) => ({
    ...summary(r, name(r), isLate(r, today, settings)),
    paidOn: r.paidOn,
    leavingDecisionNo: r.leavingDecisionNo,
  }));
}
