import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk.js';
import type { DemoModule, DemoUnit } from '../../core/demo.js';
import { personName, type Rng } from '../../core/random.js';
import { addDays, dayNumber, vietnamLocal } from '../../core/calendar/dates.js';
import { tetDate } from '../../core/calendar/lunar.js';
import { sharedWorkingCalendar } from '../../core/calendar/official.js';
import { dueDate } from '../../core/calendar/deadline.js';
import { isOverdue, SUPPLEMENT_REQUEST_WORKING_DAYS } from './domain/lifecycle.js';
import { agencyCode, formatReceiptCode } from './domain/receipt-code.js';
import { procedureCatalogue } from './reference.js';
import { recountFigures } from './service.js';

/** Dossiers per year across the country at scale 1: enough for true-to-life boards, small enough to start in seconds. */
const DOSSIERS_PER_YEAR = 150_000;
/**
 * Where people look first, a one-stop shop as busy as a city ward's (issue #16: tens of dossiers a working day, not a
 * few a week): the showcase ward with personal accounts (Phường Ba Đình) and the most populous ward of Hà Nội and of
 * Hồ Chí Minh City. One dossier a working day per 6,000 residents, at least 20 (Ba Đình: 20; Hà Đông: 31; Dĩ An: 38);
 * the rest of the country keeps its share of DOSSIERS_PER_YEAR (`--scale` multiplies both).
 */
export const SHOWCASE_BUSY_WARD = '00004';
const BUSY_CITIES = ['01', '79'];
const busyPerDay = (population: number) => Math.max(20, Math.round(population / 6000));

export function busyWards(units: readonly DemoUnit[]): Map<string, number> {
  const busy = new Map<string, number>();
  const showcase = units.find((u) => u.code === SHOWCASE_BUSY_WARD);
  if (showcase) busy.set(showcase.code, busyPerDay(showcase.population ?? 0));
  for (const city of BUSY_CITIES) {
    const wards = units.filter((u) => u.level === 'commune' && u.provinceCode === city && u.type === 'phuong');
    const largest = wards.reduce<DemoUnit | null>((a, u) => ((u.population ?? 0) > (a?.population ?? 0) ? u : a), null);
    if (largest) busy.set(largest.code, busyPerDay(largest.population ?? 0));
  }
  return busy;
}

/** Older finished dossiers keep only their summary figures; the step log is generated for recent ones. */
const EVENT_DAYS = 45;

/** How often each procedure is asked for (civil status and certification dominate at the commune). */
const PROCEDURE_WEIGHTS: Record<string, number> = {
  '2.000815': 30,
  '1.001193': 14,
  '1.004873': 9,
  '1.000894': 5,
  '1.000656': 4,
  '2.000635': 5,
  '1.004884': 0.5,
  '2.000884': 6,
  '2.001035': 3,
  '1.004222': 5,
  '1.004194': 3,
  '1.001022': 1,
  '1.004859': 2,
  '1.001776': 2,
  '1.001731': 1,
  '1.001699': 1,
  '1.013978': 2,
  '1.012758': 3,
  '1.012812': 1,
  '2.000346': 1,
  '1.001028': 0.5,
  '1.010803': 0.5,
  '1.013225': 2,
  '1.001622': 1,
};

/** Demand by day of year: the rush in the weeks before Tết, the lull over Tết, a summer bump for school papers. */
export function seasonality(day: string): number {
  const year = Number(day.slice(0, 4));
  const n = dayNumber(day);
  for (const tet of [tetDate(year), tetDate(year + 1)]) {
    const d = n - dayNumber(tet);
    if (d >= -28 && d < -3) return 1.7;
    if (d >= -3 && d <= 7) return 0.6;
    if (d > 7 && d <= 21) return 1.2;
  }
  const month = Number(day.slice(5, 7));
  return month === 7 || month === 8 ? 1.15 : 1;
}

const pickWeighted = <T extends string>(rng: Rng, weights: [T, number][]): T => {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [k, w] of weights) if ((x -= w) <= 0) return k;
  return weights[weights.length - 1]![0];
};

/**
 * A year of dossier history up to yesterday: volumes in proportion to population, the Tết rush,
 * a share of late dossiers (higher in a few congested communes), digitization and ratings.
 * Written straight to the tables with their daily summaries; one audit entry covers the generation.
 */
export const dossierDemoModule: DemoModule = {
  name: 'dossier history',
  bulkTables: ['dossiers'],
  weight: 38,
  async generate({ database, units, rng: root, scale, progress }) {
    const rng = root.fork('dossiers');
    const cal = sharedWorkingCalendar();
    const cat = procedureCatalogue();
    const procs = new Map(cat.procedures.map((p) => [p.code, p]));
    // Procedures without a weight (the catalogue's later additions) take no demo dossiers: the demo nation stays the
    // one its figures and screenshots were made from.
    const procWeights = cat.procedures.map((p) => [p.code, PROCEDURE_WEIGHTS[p.code] ?? 0] as [string, number]);
    const popOf = new Map(
      units
        .filter((u) => u.level === 'commune')
        .map((u) => [u.code, u.population && !u.statsFlags.includes('population_below_1000') ? u.population : null]),
    );
    const known = [...popOf.values()].filter((p): p is number => p !== null).sort((a, b) => a - b);
    const median = known[Math.floor(known.length / 2)] ?? 30_000;
    const communes = units.filter((u) => u.level === 'commune');
    const busy = busyWards(units);
    const totalPop = communes.reduce((s, c) => s + (popOf.get(c.code) ?? median), 0);

    const now = new Date();
    const today = vietnamLocal(now).date;
    const eventsFrom = addDays(today, -EVENT_DAYS);
    const surgeFrom = addDays(today, -21);
    const days: string[] = [];
    for (let d = addDays(today, -365); d < today; d = addDays(d, 1)) if (cal.isWorkingDay(d)) days.push(d);
    const dayWeights = days.map((d) => [d, seasonality(d)] as [string, number]);

    let dossierRows: Record<string, unknown>[] = [];
    let eventRows: Record<string, unknown>[] = [];
    let stats = new Map<string, Record<string, number | string>>();
    // The last receipt number used per unit and day, so later intakes continue the sequence.
    let sequences: Record<string, unknown>[] = [];
    const made = { dossiers: 0, dossierEvents: 0, dossierDailyStats: 0 };
    const bump = (provinceCode: string, unitCode: string, day: string, field: string, inc: Record<string, number>) => {
      const k = `${provinceCode}|${unitCode}|${day}|${field}`;
      const row = stats.get(k) ?? {
        province_code: provinceCode,
        unit_code: unitCode,
        day,
        field,
        received: 0,
        received_online: 0,
        received_offered_online: 0,
        received_digitized: 0,
        finished: 0,
        finished_on_time: 0,
        finished_with_e_result: 0,
        ratings: 0,
        ratings_satisfied: 0,
        complained_or_dissatisfied: 0,
        wait_minutes_total: 0,
      };
      for (const [c, v] of Object.entries(inc)) row[c] = (row[c] as number) + v;
      stats.set(k, row);
    };

    // Rows are written one province at a time, so memory holds one province's rows, not the country's.
    const ordered = [...communes].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
    for (const [i, c] of ordered.entries()) {
      const r = rng.fork(c.code);
      const congested = r.next() < 0.03; // a few communes short of staff: slower, more late dossiers, a recent surge
      const perDayBusy = busy.get(c.code);
      const volume = perDayBusy
        ? Math.round(perDayBusy * scale * days.length)
        : Math.max(3, Math.round((DOSSIERS_PER_YEAR * scale * (popOf.get(c.code) ?? median)) / totalPop));
      const surge = congested ? Math.round(volume * 0.15) : 0;
      const lateShare = congested ? 0.3 : 0.02 + r.next() * 0.06;
      const onlineShare = 0.25 + r.next() * 0.45;
      const scanShare = 0.6 + r.next() * 0.38;
      // Sequence numbers per day, assigned in receipt order.
      const perDay = new Map<string, number>();
      const recentDays = dayWeights.filter(([d]) => d >= surgeFrom);
      const picks = [
        ...Array.from({ length: volume }, () => pickWeighted(r, dayWeights)),
        ...Array.from({ length: surge }, () => pickWeighted(r, recentDays)),
      ].sort();
      for (const day of picks) {
        const seq = (perDay.get(day) ?? 0) + 1;
        perDay.set(day, seq);
        if (seq > 9999) continue;
        const p = procs.get(pickWeighted(r, procWeights))!;
        const channel = p.online && r.next() < onlineShare ? 'online' : r.next() < 0.03 ? 'post' : 'in_person';
        const minutes = 7 * 60 + 30 + r.int(0, 8 * 60); // 7:30 – 15:30
        const receivedAt = new Date(
          `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`,
        );
        const handling = p.decisionLevel === 'province' ? c.provinceCode : c.code;
        const supplement = r.next() < 0.08;
        // A supplemented dossier comes back complete 1–4 working days later, in the morning; otherwise the time
        // limit runs from receipt (after 15:00 the next working day is day one; 0 days = the same day).
        const start = supplement ? cal.addWorkingDays(day, r.int(1, 4)) : day;
        const due = supplement ? cal.addWorkingDays(start, p.workingDays) : dueDate(receivedAt, p.workingDays, cal);
        const supplementDue = dueDate(receivedAt, SUPPLEMENT_REQUEST_WORKING_DAYS, cal);
        // In a congested commune the recent backlog is stuck: much of it still open and running late.
        const stuck = congested && day >= surgeFrom && r.next() < 0.6;
        const late = stuck || r.next() < lateShare;
        const takes = late
          ? p.workingDays + r.int(1, 6)
          : Math.max(0, p.workingDays - r.int(0, Math.max(0, p.workingDays - 1)));
        const finishedOn = cal.addWorkingDays(start, takes);
        const finished = finishedOn < today && !stuck;
        const scanned = channel === 'online' || r.next() < scanShare;
        const eResult = finished && r.next() < 0.55 + scanShare * 0.4;
        const returned = finished && r.next() < 0.95;
        const rating =
          returned && r.next() < 0.3
            ? pickWeighted(r, [
                ['very_satisfied', 45],
                ['satisfied', 45],
                ['not_satisfied', late ? 40 : 6],
              ])
            : null;
        const waiting = !finished && day >= addDays(today, -3) && r.next() < 0.5; // not yet picked up from the counter
        const status = !finished
          ? supplement && start >= today
            ? 'supplement_requested'
            : waiting
              ? 'received'
              : 'in_processing'
          : returned
            ? 'returned'
            : 'processed';
        const id = randomUUID();
        const finishedAt = finished ? new Date(`${finishedOn}T10:00:00+07:00`) : null;
        dossierRows.push({
          id,
          province_code: c.provinceCode,
          receipt_code: formatReceiptCode(agencyCode(c.provinceCode, c.code), day, seq),
          procedure_code: p.code,
          procedure_field: p.field,
          receiving_unit_code: c.code,
          handling_unit_code: handling,
          channel,
          status,
          applicant_name: personName(r).fullName,
          received_at: receivedAt.toISOString(),
          working_days: p.workingDays,
          clock_start_on: status === 'supplement_requested' ? null : start,
          due_date: status === 'supplement_requested' ? null : due,
          original_due_date: due,
          supplement_count: supplement ? 1 : 0,
          supplement_due_date: supplementDue,
          finished_at: finishedAt?.toISOString() ?? null,
          finished_on: finished ? finishedOn : null,
          returned_at: returned ? new Date(`${finishedOn}T14:00:00+07:00`).toISOString() : null,
          has_input_scan: scanned,
          has_e_result: eResult,
          rating,
        });
        if (day >= eventsFrom || !finished)
          eventRows.push({
            province_code: c.provinceCode,
            dossier_id: id,
            at: receivedAt.toISOString(),
            actor_username: `commune-${c.code}`,
            action: 'receive',
            from_status: null,
            to_status: 'received',
            unit_code: c.code,
            to_unit_code: handling !== c.code ? handling : null,
          });
        if (finished && day >= eventsFrom)
          eventRows.push({
            province_code: c.provinceCode,
            dossier_id: id,
            at: finishedAt!.toISOString(),
            actor_username: handling === c.code ? `commune-${c.code}` : `province-${c.provinceCode}`,
            action: 'complete',
            from_status: 'in_processing',
            to_status: 'processed',
            unit_code: handling,
            to_unit_code: null,
          });
        bump(c.provinceCode, c.code, day, p.field, {
          received: 1,
          received_online: channel === 'online' ? 1 : 0,
          received_offered_online: p.online ? 1 : 0,
          received_digitized: scanned ? 1 : 0,
          wait_minutes_total: channel === 'in_person' ? r.int(2, congested ? 70 : 25) : 0,
        });
        if (finished) {
          const onTime = !isOverdue({ dueDate: due, finishedOn, supplementCount: supplement ? 1 : 0 }, today);
          bump(c.provinceCode, handling, finishedOn, p.field, {
            finished: 1,
            finished_on_time: onTime ? 1 : 0,
            finished_with_e_result: eResult ? 1 : 0,
            ratings: rating ? 1 : 0,
            ratings_satisfied: rating && rating !== 'not_satisfied' ? 1 : 0,
            complained_or_dissatisfied: rating === 'not_satisfied' ? 1 : 0,
          });
        }
      }
      for (const [day, last] of perDay)
        sequences.push({ province_code: c.provinceCode, unit_code: c.code, day, last: Math.min(last, 9999) });
      if (ordered[i + 1]?.provinceCode !== c.provinceCode) {
        await flush();
        progress?.((i + 1) / ordered.length);
      }
    }
    // The boards' figures, once for the country: per province, each count read the whole table (its plain indexes
    // are away during the bulk step).
    await recountFigures(database.db);
    return made;

    async function flush() {
      const t = 'text';
      await bulkInsert(
        database.db,
        'dossiers',
        {
          id: 'uuid',
          province_code: t,
          receipt_code: t,
          procedure_code: t,
          procedure_field: t,
          receiving_unit_code: t,
          handling_unit_code: t,
          channel: t,
          status: t,
          applicant_name: t,
          received_at: 'timestamptz',
          working_days: 'int',
          clock_start_on: 'date',
          due_date: 'date',
          original_due_date: 'date',
          supplement_count: 'int',
          supplement_due_date: 'date',
          finished_at: 'timestamptz',
          finished_on: 'date',
          returned_at: 'timestamptz',
          has_input_scan: 'boolean',
          has_e_result: 'boolean',
          rating: t,
        },
        dossierRows,
      );
      await bulkInsert(
        database.db,
        'dossier_events',
        {
          province_code: t,
          dossier_id: 'uuid',
          at: 'timestamptz',
          actor_username: t,
          action: t,
          from_status: t,
          to_status: t,
          unit_code: t,
          to_unit_code: t,
        },
        eventRows,
      );
      await bulkInsert(
        database.db,
        'dossier_daily_stats',
        {
          province_code: t,
          unit_code: t,
          day: 'date',
          field: t,
          received: 'int',
          received_online: 'int',
          received_offered_online: 'int',
          received_digitized: 'int',
          finished: 'int',
          finished_on_time: 'int',
          finished_with_e_result: 'int',
          ratings: 'int',
          ratings_satisfied: 'int',
          complained_or_dissatisfied: 'int',
          wait_minutes_total: 'int',
        },
        [...stats.values()],
      );
      await bulkInsert(
        database.db,
        'receipt_sequences',
        { province_code: t, unit_code: t, day: 'date', last: 'int' },
        sequences,
      );
      made.dossiers += dossierRows.length;
      made.dossierEvents += eventRows.length;
      made.dossierDailyStats += stats.size;
      dossierRows = [];
      eventRows = [];
      stats = new Map();
      sequences = [];
    }
  },
};
