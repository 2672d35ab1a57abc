import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock('2026-11-20T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let staffer: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  staffer = await signIn(ctx.app, 'commune-00004');
});
afterAll(() => ctx.close());

const full = { qualities: 10, competence: 10, innovation: 10 };
const ok = (n: number, over: Partial<{ accepted: boolean; majorErrors: number; delays: number }> = {}) =>
  Array.from({ length: n }, () => ({ accepted: true, majorErrors: 0, delays: 0, ...over }));
const calc = (body: unknown) => staffer.send('POST', '/api/assessments/calculate', body);
const annual = (body: unknown) => staffer.send('POST', '/api/assessments/calculate-annual', body);

describe('POST /api/assessments/calculate: what will my score be (Decree 335/2025)', () => {
  it('four reports with one major error: 93.75 % on quality, 98.54 points, excellent', async () => {
    const r = await calc({
      general: full,
      tasks: [
        { productKind: 'report', quantity: 4, products: [...ok(3), { accepted: true, majorErrors: 1, delays: 0 }] },
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      total: 98.54,
      band: 'excellent',
      parts: { general: 30, quantity: 100, quality: 93.75, timeliness: 100, taskPercent: 97.92, taskPoints: 68.54 },
    });
  });

  it('a product not accepted and a late one: each costs its own share', async () => {
    const r = (
      await calc({
        general: full,
        tasks: [
          {
            productKind: 'report',
            quantity: 4,
            products: [
              ...ok(2),
              { accepted: true, majorErrors: 0, delays: 2 },
              { accepted: false, majorErrors: 0, delays: 0 },
            ],
          },
        ],
      })
    ).json();
    expect(r.parts).toMatchObject({ quantity: 75, quality: 75, timeliness: 62.5 });
  });

  it('89.995 is shown 90 but rated good: the band reads the exact score', async () => {
    const r = (
      await calc({
        general: { qualities: 9.995, competence: 10, innovation: 10 },
        tasks: [{ productKind: 'report', quantity: 7, products: ok(6) }],
      })
    ).json();
    expect([r.total, r.band]).toEqual([90, 'good']);
  });

  it('a leader: half the unit results and full organisation, no products of their own → 75 %, 82.5 points', async () => {
    const r = (await calc({ general: full, tasks: [], leader: { unitResults: 50, organisation: 100 } })).json();
    expect([r.parts.taskPercent, r.total, r.band]).toEqual([75, 82.5, 'good']);
  });

  it('refuses an unknown product kind, naming it', async () => {
    const r = await calc({ general: full, tasks: [{ productKind: 'banquet', quantity: 1, products: ok(1) }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('tasks.0.productKind');
  });
});

describe("POST /api/assessments/calculate-annual: what will my year's rating be", () => {
  it('1/1–30/6 is six months and is rated', async () => {
    const r = await annual({ year: 2026, periodScores: [92, 94], served: [{ from: '2026-01-01', to: '2026-06-30' }] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ average: 93, band: 'excellent', monthsWorked: 6, reason: 'rated' });
  });

  it('2/7–31/12 is not six months: not rated', async () => {
    const r = (await annual({ year: 2026, periodScores: [92, 94], served: [{ from: '2026-07-02', to: null }] })).json();
    expect([r.band, r.reason]).toEqual([null, 'under_min_months']);
  });

  it('an absence of three months caps at completed; maternity leave does not', async () => {
    const year = { year: 2026, periodScores: [95, 95, 95, 95], served: [{ from: '2020-01-01', to: null }] };
    expect((await annual({ ...year, monthsAbsent: 3 })).json()).toMatchObject({
      band: 'completed',
      reason: 'capped_absence',
    });
    expect((await annual({ ...year, maternityMonths: 6 })).json()).toMatchObject({
      band: 'excellent',
      reason: 'rated',
    });
    expect((await annual({ ...year, monthsAbsent: 7 })).json()).toMatchObject({
      band: null,
      reason: 'under_min_months',
    });
  });

  it('refuses a year before 2026 (Decree 90/2020 years), naming the year', async () => {
    const r = await annual({ year: 2025, periodScores: [92], served: [{ from: '2025-01-01', to: null }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('year');
    expect(r.json().error.message).toContain('2026');
    const unit = await staffer.get('/api/assessments/units/00004/annual/2025');
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.field).toBe('year');
  });
});
