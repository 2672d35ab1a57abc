import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { Board } from './contract.js';
import { rates } from './domain/figures.js';

/**
 * Issue #15, the last point of the 766 index: each figure drills down to the dossiers behind it. For a commune and a
 * province, over a past month and over the current one (where the open dossiers count), the board's numerator and
 * denominator of each 766 group equal the count of the dossier list filtered by `figure=` for the same place and
 * period (docs/dossier-figures.md). The demo nation holds a year of dossiers up to yesterday, so the clock is today.
 */
const now = new Date();
const clock = testClock(now.toISOString());
const today = clock.localDate(now);
const monthStart = `${today.slice(0, 8)}01`;
const lastMonth = (() => {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: d.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
})();

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let baDinh: Session; // 00025, works without steps
let province: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [commune, baDinh, province] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00025'),
    signIn(ctx.app, 'province-01'),
  ]);
}, 600_000);
afterAll(() => ctx?.close());

type Totals = Board['totals'];

async function boardOf(s: Session, unit: string, from: string, to: string): Promise<Totals> {
  const res = await s.get(`/api/dashboards/dossiers?unit=${unit}&from=${from}&to=${to}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as Board).totals;
}

async function count(s: Session, place: string, from: string, to: string, figure: string) {
  const res = await s.get(`/api/dossiers?${place}&from=${from}&to=${to}&figure=${figure}&pageSize=1`);
  expect(res.statusCode, figure).toBe(200);
  return (res.json() as { total: number }).total;
}

/** Every figure of the board against the list behind it; `current`: the period runs to today (open ones count). */
async function expectDrillDown(s: Session, place: string, t: Totals, from: string, to: string, current: boolean) {
  const n = (figure: string) => count(s, place, from, to, figure);
  const figures = [
    'received',
    'not_digitized',
    'offered_online',
    'online',
    'offered_online_not_online',
    'finished',
    'no_e_result',
    'of_period',
    'not_on_time',
    'complained_or_dissatisfied',
  ] as const;
  const got = Object.fromEntries(await Promise.all(figures.map(async (f) => [f, await n(f)] as const))) as Record<
    (typeof figures)[number],
    number
  >;
  const { received, online, finished, complained_or_dissatisfied: complained } = got;
  const notDigitized = got.not_digitized;
  const offered = got.offered_online;
  const offeredNotOnline = got.offered_online_not_online;
  const noEResult = got.no_e_result;
  const ofPeriod = got.of_period;
  const late = got.not_on_time;
  // digitization (input and result): (received − not digitized + finished − no e-result) ÷ (received + finished)
  expect(received, 'received').toBe(t.received);
  expect(notDigitized, 'not_digitized').toBe(t.received - t.receivedDigitized);
  expect(finished, 'finished').toBe(t.finished);
  expect(noEResult, 'no_e_result').toBe(t.finished - t.finishedWithEResult);
  // online: online ÷ offered online (every online dossier is of a procedure offered online)
  expect(offered, 'offered_online').toBe(t.receivedOfferedOnline);
  expect(online, 'online').toBe(t.receivedOnline);
  expect(offeredNotOnline, 'offered_online_not_online').toBe(t.receivedOfferedOnline - t.receivedOnline);
  // progress: the period's dossiers and those not on time (the open ones only when the period runs to today)
  expect(ofPeriod, 'of_period').toBe(t.finished + (current ? t.inProgress : 0));
  expect(late, 'not_on_time').toBe(t.finished - t.finishedOnTime + (current ? t.overdue : 0));
  // satisfaction in handling: complaints or dissatisfied ratings, once per dossier
  expect(complained, 'complained_or_dissatisfied').toBe(t.complainedOrDissatisfied);
  // and the board's rates follow from the lists' counts
  const fromLists = rates(
    {
      received,
      receivedOnline: online,
      receivedOfferedOnline: offered,
      receivedDigitized: received - notDigitized,
      finished,
      finishedOnTime: finished - (late - (current ? t.overdue : 0)),
      finishedWithEResult: finished - noEResult,
      ratings: t.ratings,
      ratingsSatisfied: t.ratingsSatisfied,
      complainedOrDissatisfied: complained,
      waitMinutesTotal: t.waitMinutesTotal,
    },
    current ? { inProgress: ofPeriod - finished, overdue: t.overdue } : null,
  );
  expect(fromLists.onTimeRate).toBe(t.onTimeRate);
  expect(fromLists.digitizationRate).toBe(t.digitizationRate);
  expect(fromLists.onlineRate).toBe(t.onlineRate);
  expect(fromLists.handlingSatisfactionRate).toBe(t.handlingSatisfactionRate);
  return { received, notDigitized, online, offeredNotOnline, finished, ofPeriod, late, complained };
}

describe('each 766 figure drills down to the dossiers behind it', () => {
  it("a commune's past month: the board's counts are the lists' counts", async () => {
    const t = await boardOf(commune, '00004', lastMonth.from, lastMonth.to);
    const c = await expectDrillDown(commune, 'unit=00004', t, lastMonth.from, lastMonth.to, false);
    // the demo month is not empty: the checks compare real counts
    expect(c.received).toBeGreaterThan(0);
    expect(c.notDigitized).toBeGreaterThan(0);
    expect(c.offeredNotOnline).toBeGreaterThan(0);
    expect(c.finished).toBeGreaterThan(0);
    // (a small commune's month may have none late or complained: the province's month checks those with real counts)
  });

  it("a province's past month, its dossiers by the province filter", async () => {
    const t = await boardOf(province, '01', lastMonth.from, lastMonth.to);
    const c = await expectDrillDown(province, 'province=01', t, lastMonth.from, lastMonth.to, false);
    expect(c.online).toBeGreaterThan(0);
    expect(c.late).toBeGreaterThan(0);
    expect(c.complained).toBeGreaterThan(0);
  });

  it('the current month, with the open dossiers and a complaint about an open one', async () => {
    const receive = async (applicantName: string) => {
      const res = await baDinh.send('POST', '/api/dossiers', {
        procedureCode: '1.004873',
        channel: 'in_person',
        applicantName,
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string };
    };
    const before = await boardOf(baDinh, '00025', monthStart, today);
    const open = await receive('Nguyễn Thị Mơ');
    const done = await receive('Trần Văn Tới');
    for (const action of ['start_processing', 'complete'])
      expect((await baDinh.send('POST', `/api/dossiers/${done.id}/transitions`, { action })).statusCode).toBe(200);
    const complaint = await baDinh.send('POST', `/api/dossiers/${open.id}/complaints`, {
      text: 'Chờ lâu mà chưa có kết quả',
    });
    expect(complaint.statusCode).toBe(201);
    const t = await boardOf(baDinh, '00025', monthStart, today);
    expect(t.received).toBe(before.received + 2);
    expect(t.complainedOrDissatisfied).toBe(before.complainedOrDissatisfied + 1);
    const c = await expectDrillDown(baDinh, 'unit=00025', t, monthStart, today, true);
    expect(c.ofPeriod).toBeGreaterThan(c.finished);
    // the dossier complained about while open is listed under the figure
    const listed = (
      await baDinh.get(
        `/api/dossiers?unit=00025&from=${monthStart}&to=${today}&figure=complained_or_dissatisfied&pageSize=100`,
      )
    ).json() as { items: { id: string }[] };
    expect(listed.items.map((d) => d.id)).toContain(open.id);
  });

  it("the list's Excel export takes the same figure: one row per dossier behind it", async () => {
    const q = `province=01&from=${lastMonth.from}&to=${lastMonth.to}&figure=not_on_time`;
    const t = await boardOf(province, '01', lastMonth.from, lastMonth.to);
    const res = await province.get(`/api/dossiers/export?${q}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount - 1).toBe(t.finished - t.finishedOnTime);
  });

  it('an unknown figure is refused', async () => {
    const res = await commune.get('/api/dossiers?figure=everything');
    expect(res.statusCode).toBe(400);
  });
});
