import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { forbidden, outOfScope } from '../../core/errors.js';
import { scopeOf, type Actor } from '../../core/scope.js';
import { mayAt, mustRole } from './policy.js';
import { communeCodesOf, formerDistrictsOf, unitPlace } from '../units/index.js';
import {
  dossierBacklog,
  dossierDailyStats,
  dossierProvinceBacklog,
  dossierProvinceStats,
  dossierUnitStats,
  procedures,
} from './schema.js';
import {
  addSums,
  alternatives,
  congestion,
  index766,
  publicationOnTime,
  rates,
  ZERO_SUMS,
  type OpenAtEnd,
  type StatSums,
  type UnitLoad,
} from './domain/figures.js';
import type { DeadlineClock } from '../../core/clock.js';

/** Sums of the figure columns of a stats table (the unit table and the province roll-up share their names). */
const sumsOf = (t: typeof dossierDailyStats | typeof dossierUnitStats | typeof dossierProvinceStats) => ({
  received: sql<number>`coalesce(sum(${t.received}), 0)::int`,
  receivedOnline: sql<number>`coalesce(sum(${t.receivedOnline}), 0)::int`,
  receivedOfferedOnline: sql<number>`coalesce(sum(${t.receivedOfferedOnline}), 0)::int`,
  receivedDigitized: sql<number>`coalesce(sum(${t.receivedDigitized}), 0)::int`,
  finished: sql<number>`coalesce(sum(${t.finished}), 0)::int`,
  finishedOnTime: sql<number>`coalesce(sum(${t.finishedOnTime}), 0)::int`,
  finishedWithEResult: sql<number>`coalesce(sum(${t.finishedWithEResult}), 0)::int`,
  ratings: sql<number>`coalesce(sum(${t.ratings}), 0)::int`,
  ratingsSatisfied: sql<number>`coalesce(sum(${t.ratingsSatisfied}), 0)::int`,
  complainedOrDissatisfied: sql<number>`coalesce(sum(${t.complainedOrDissatisfied}), 0)::int`,
  waitMinutesTotal: sql<number>`coalesce(sum(${t.waitMinutesTotal}), 0)::bigint`,
});

export interface BoardQuery {
  /** a province or commune code; default: the actor's whole scope */
  unit?: string;
  from: string;
  to: string;
  field?: string;
}

/** Resolves the board's place: the whole country, one province, or one commune — never beyond the actor's scope. */
async function boardPlace(db: Db, actor: Actor, unit?: string) {
  mustRole('read_figures', actor);
  if (!unit) {
    const s = scopeOf(actor);
    if (s.kind === 'country') return { kind: 'country' as const };
    if (s.kind === 'province') return { kind: 'province' as const, provinceCode: s.provinceCode };
    return { kind: 'commune' as const, provinceCode: s.provinceCode, communeCode: s.communeCode };
  }
  const u = await unitPlace(db, unit);
  if (!u) throw outOfScope(unit);
  if (!mayAt('read_figures', actor, { provinceCode: u.provinceCode, unitCode: u.code })) throw outOfScope(unit);
  if (u.level === 'province') {
    const s = scopeOf(actor);
    if (s.kind === 'commune') throw outOfScope(unit);
    return { kind: 'province' as const, provinceCode: u.code };
  }
  return { kind: 'commune' as const, provinceCode: u.provinceCode, communeCode: u.code };
}

type Place = Awaited<ReturnType<typeof boardPlace>>;

/**
 * The stats tables a board reads. The field breakdown (and so the totals) comes from the province roll-up for the
 * country and a province (~34 or ~1 × days × fields rows), from the unit figures for a commune; the breakdown by
 * place from the province roll-up for the country, from the units' day totals for a province.
 */
function statsSource(p: Place, q: BoardQuery) {
  const period = (t: typeof dossierDailyStats | typeof dossierProvinceStats) => [
    gte(t.day, q.from),
    lte(t.day, q.to),
    q.field ? eq(t.field, q.field) : undefined,
  ];
  const province = dossierProvinceStats;
  const unit = dossierDailyStats;
  const unitDay = dossierUnitStats;
  if (p.kind === 'country') {
    const where = and(...period(province));
    return { byField: { table: province, where }, byPlace: { table: province, where, key: province.provinceCode } };
  }
  if (p.kind === 'province') {
    return {
      byField: { table: province, where: and(eq(province.provinceCode, p.provinceCode), ...period(province)) },
      // One field asked for: the unit figures per field; all fields: the unit's day totals (fewer rows).
      byPlace: q.field
        ? { table: unit, where: and(eq(unit.provinceCode, p.provinceCode), ...period(unit)), key: unit.unitCode }
        : {
            table: unitDay,
            where: and(eq(unitDay.provinceCode, p.provinceCode), gte(unitDay.day, q.from), lte(unitDay.day, q.to)),
            key: unitDay.unitCode,
          },
    };
  }
  return {
    byField: {
      table: unit,
      where: and(eq(unit.provinceCode, p.provinceCode), eq(unit.unitCode, p.communeCode), ...period(unit)),
    },
    byPlace: null,
  };
}

/** The backlog counts a board reads: the province roll-up for the country, the unit counts below it. */
function liveSource(p: Place, today: string) {
  const counts = (t: typeof dossierBacklog | typeof dossierProvinceBacklog) => ({
    inProgress: sql<number>`coalesce(sum(${t.open}), 0)::int`,
    overdue: sql<number>`coalesce(sum(${t.open}) filter (where ${t.dueDate} < ${today}), 0)::int`,
    dueToday: sql<number>`coalesce(sum(${t.open}) filter (where ${t.dueDate} = ${today}), 0)::int`,
    queue: sql<number>`coalesce(sum(${t.open}) filter (where ${t.queue}), 0)::int`,
  });
  if (p.kind === 'country') {
    const t = dossierProvinceBacklog;
    return { table: t, key: t.provinceCode, counts: counts(t), where: undefined };
  }
  const t = dossierBacklog;
  return {
    table: t,
    key: t.unitCode,
    counts: counts(t),
    where: and(eq(t.provinceCode, p.provinceCode), p.kind === 'commune' ? eq(t.unitCode, p.communeCode) : undefined),
  };
}

/** The operations board: period figures from the daily summaries, live backlog from the backlog counts. */
export async function dossierBoard(db: Db, actor: Actor, q: BoardQuery, clock: DeadlineClock) {
  const p = await boardPlace(db, actor, q.unit);
  const today = clock.localDate(clock.now());
  // Break down by province for the country, by commune (and the province's own center) for a province.
  const src = statsSource(p, q);
  // Live backlog per service center (per province for the country), from the backlog counts kept by every action.
  const live = liveSource(p, today);
  const [byField, byUnit, liveByUnit] = await Promise.all([
    db
      .select({ key: src.byField.table.field, ...sumsOf(src.byField.table) })
      .from(src.byField.table)
      .where(src.byField.where)
      .groupBy(src.byField.table.field),
    src.byPlace
      ? db
          .select({ key: src.byPlace.key, ...sumsOf(src.byPlace.table) })
          .from(src.byPlace.table)
          .where(src.byPlace.where)
          .groupBy(src.byPlace.key)
      : Promise.resolve([]),
    db
      .select({ key: live.key, ...live.counts })
      .from(live.table)
      .where(live.where)
      .groupBy(live.key),
  ]);
  const total = byField.reduce<StatSums>((a, { key: _field, ...f }) => addSums(a, f), ZERO_SUMS);
  const noBacklog = { inProgress: 0, overdue: 0, dueToday: 0, queue: 0 };
  const liveOf = new Map(liveByUnit.map(({ key, ...l }) => [key, l]));
  const backlog = liveByUnit.reduce(
    (a, l) => ({
      inProgress: a.inProgress + l.inProgress,
      overdue: a.overdue + l.overdue,
      dueToday: a.dueToday + l.dueToday,
      queue: a.queue + l.queue,
    }),
    noBacklog,
  );
  // The dossiers still open at the period's end are known when the period runs to today or later: the live backlog.
  // They count in the 766 on-time rate (open within their time = on time); the field breakdown has no backlog.
  const current = q.to >= today;
  const withRates = (s: StatSums, open: OpenAtEnd | null = null) => ({
    ...s,
    waitMinutesTotal: Number(s.waitMinutesTotal),
    ...rates({ ...s, waitMinutesTotal: Number(s.waitMinutesTotal) }, current ? open : null),
  });
  const totals = withRates(total, backlog);
  // Transparency: the procedure versions taking effect in the period, published on time (catalogue dates).
  const published = await publishedVersions(db, p, q);
  const between = (a: string, b: string) => clock.calendar.workingDaysBetween(a, b);
  const transparencyOf = (province?: string) => {
    const t = publicationOnTime(
      province === undefined ? published : published.filter((v) => v.provinceCode === province),
      between,
    );
    return { rate: t.rate, publication: t.dated > 0 ? { dated: t.dated, onTime: t.onTime } : null };
  };
  const indexOf = (r: Parameters<typeof index766>[0], t: ReturnType<typeof transparencyOf>) => ({
    ...index766(r, t.rate),
    publication: t.publication,
  });
  const placeTransparency = transparencyOf(p.kind === 'country' ? undefined : p.provinceCode);
  return {
    scope: p,
    period: { from: q.from, to: q.to },
    today,
    totals: { ...totals, ...backlog, index766: indexOf(totals, placeTransparency) },
    byField: byField.map(({ key, ...s }) => ({ field: key, ...withRates(s) })),
    byUnit: byUnit.map(({ key, ...s }) => {
      const live = liveOf.get(key) ?? noBacklog;
      const r = withRates(s, live);
      // a province's line: its own publications; a commune's: its province's (the province publishes)
      return {
        unitCode: key,
        ...r,
        ...live,
        index766: indexOf(r, p.kind === 'country' ? transparencyOf(key) : placeTransparency),
      };
    }),
  };
}

/**
 * The catalogue's procedure versions taking effect in the period with their publication and effective dates recorded:
 * for the country, the national ones (the ministries' publications) and every province's own; for a province or a
 * commune, the province's own versions (its publications).
 */
async function publishedVersions(db: Db, p: Place, q: BoardQuery) {
  return db
    .select({
      provinceCode: procedures.provinceCode,
      publishedOn: procedures.publishedOn,
      effectiveOn: procedures.effectiveOn,
    })
    .from(procedures)
    .where(
      and(
        sql`${procedures.publishedOn} IS NOT NULL`,
        gte(procedures.effectiveOn, q.from),
        lte(procedures.effectiveOn, q.to),
        q.field ? eq(procedures.field, q.field) : undefined,
        p.kind === 'country' ? undefined : eq(procedures.provinceCode, p.provinceCode),
      ),
    );
}

/** The first day of the month `n` months before the month of `day` (YYYY-MM-DD). */
function monthsBefore(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 - n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The trend by month: the last 12 calendar months (the current one up to today), read from the same daily summaries
 * as the board (the province roll-up for the country and a province, the unit figures for a commune), so it costs a
 * few thousand summary rows at most, never a scan of the dossiers.
 */
export async function dossierTrend(db: Db, actor: Actor, q: { unit?: string; field?: string }, clock: DeadlineClock) {
  const p = await boardPlace(db, actor, q.unit);
  const today = clock.localDate(clock.now());
  const from = monthsBefore(today, 11);
  const t = p.kind === 'commune' ? dossierDailyStats : dossierProvinceStats;
  const month = sql<string>`to_char(${t.day}, 'YYYY-MM')`;
  const where = and(
    gte(t.day, from),
    lte(t.day, today),
    q.field ? eq(t.field, q.field) : undefined,
    p.kind === 'country' ? undefined : eq(t.provinceCode, p.provinceCode),
    p.kind === 'commune' ? eq(dossierDailyStats.unitCode, p.communeCode) : undefined,
  );
  const rows = await db
    .select({ month, ...sumsOf(t) })
    .from(t)
    .where(where)
    .groupBy(month);
  const byMonth = new Map(rows.map(({ month: m, ...s }) => [m, s]));
  const months = Array.from({ length: 12 }, (_, i) => monthsBefore(today, 11 - i).slice(0, 7));
  return {
    scope: p,
    months: months.map((m) => {
      const s = byMonth.get(m) ?? ZERO_SUMS;
      const sums = { ...s, waitMinutesTotal: Number(s.waitMinutesTotal) };
      return { month: m, ...sums, ...rates(sums, null) };
    }),
  };
}

/** The communes of a province that are congested now, and where their dossiers could be received instead. */
export async function congestionReport(db: Db, actor: Actor, provinceCode: string, clock: DeadlineClock) {
  // A commune's scope sees its own board but not its province's congestion (a question of scope, not of role).
  mustRole('read_figures', actor);
  if (scopeOf(actor).kind === 'commune') throw forbidden();
  if (!mayAt('read_figures', actor, { provinceCode, unitCode: provinceCode })) throw outOfScope(provinceCode);
  const now = clock.now();
  const today = clock.localDate(now);
  const weekAgo = clock.localDate(new Date(now.getTime() - 6 * 86_400_000));
  const [open, flow, communes, districts] = await Promise.all([
    db
      .select({
        unitCode: dossierBacklog.unitCode,
        open: sql<number>`sum(${dossierBacklog.open})::int`,
        overdueOpen: sql<number>`coalesce(sum(${dossierBacklog.open}) filter (where ${dossierBacklog.dueDate} < ${today}), 0)::int`,
      })
      .from(dossierBacklog)
      .where(eq(dossierBacklog.provinceCode, provinceCode))
      .groupBy(dossierBacklog.unitCode),
    db
      .select({
        unitCode: dossierUnitStats.unitCode,
        received: sql<number>`sum(${dossierUnitStats.received})::int`,
        finished: sql<number>`sum(${dossierUnitStats.finished})::int`,
      })
      .from(dossierUnitStats)
      .where(
        and(
          eq(dossierUnitStats.provinceCode, provinceCode),
          gte(dossierUnitStats.day, weekAgo),
          lte(dossierUnitStats.day, today),
        ),
      )
      .groupBy(dossierUnitStats.unitCode),
    communeCodesOf(db, provinceCode),
    // Former districts each new commune was formed from: communes sharing one are neighbours.
    formerDistrictsOf(db, provinceCode),
  ]);
  const districtsOf = new Map<string, Set<string>>();
  for (const d of districts)
    if (d.district) districtsOf.set(d.code, (districtsOf.get(d.code) ?? new Set()).add(d.district));
  const neighboursOf = (code: string) => {
    const mine = districtsOf.get(code) ?? new Set<string>();
    return new Set(
      [...districtsOf].filter(([c, ds]) => c !== code && [...ds].some((x) => mine.has(x))).map(([c]) => c),
    );
  };
  const openBy = new Map(open.map((o) => [o.unitCode, o]));
  const flowBy = new Map(flow.map((f) => [f.unitCode, f]));
  const loads: UnitLoad[] = communes.map(({ code }) => ({
    unitCode: code,
    open: openBy.get(code)?.open ?? 0,
    overdueOpen: openBy.get(code)?.overdueOpen ?? 0,
    receivedLast7: flowBy.get(code)?.received ?? 0,
    finishedLast7: flowBy.get(code)?.finished ?? 0,
  }));
  const rows = loads.map((l) => ({ ...l, ...congestion(l) }));
  return {
    provinceCode,
    today,
    congested: rows
      .filter((r) => r.congested)
      .sort((a, b) => b.overdueShare - a.overdueShare || b.growth - a.growth)
      .map((r) => ({ ...r, receiveInstead: alternatives(loads, r.unitCode, neighboursOf(r.unitCode)) })),
    units: rows,
  };
}
