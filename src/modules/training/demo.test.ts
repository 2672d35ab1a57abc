import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';

/** The demo nation's conferences, as the Ministry and a commune see them. */
let app: FastifyInstance;
let close: () => Promise<void>;
let ministry: Session;

beforeAll(async () => {
  ({ app, close } = await createTestApp());
  ministry = await signIn(app, 'ministry');
}, 600_000);
afterAll(async () => close?.());

describe('the demo conferences', () => {
  it('a past national conference: most bridges connected, some communes never did, realistic attendance', async () => {
    const { items } = (await ministry.get('/api/trainings')).json();
    const now = Date.now();
    const past = items.find((e: { startsAt: string }) => Date.parse(e.startsAt) < now);
    const upcoming = items.find((e: { startsAt: string }) => Date.parse(e.startsAt) > now);
    expect(past.bridges.total).toBe(3356);
    expect(upcoming.bridges.total).toBe(3356);

    const report = (await ministry.get(`/api/trainings/${past.id}/report`)).json();
    const { bridges, connected, expected, attended } = report.totals;
    expect(bridges).toBe(3355);
    expect(connected / bridges).toBeGreaterThan(0.9);
    expect(connected).toBeLessThan(bridges);
    expect(expected).toBeGreaterThan(0);
    expect(attended / expected).toBeGreaterThan(0.6);
    expect(attended).toBeLessThan(expected);
    expect(report.absentees.some((a: { reason: string | null }) => a.reason)).toBe(true);

    const never = (await ministry.get(`/api/trainings/${past.id}/bridges?state=silent&kind=commune&pageSize=1`)).json();
    expect(never.total).toBeGreaterThan(0);
  });

  it('an upcoming conference: a few bridges have tested their connection, none connected yet', async () => {
    const { items } = (await ministry.get('/api/trainings')).json();
    const upcoming = items.find((e: { startsAt: string }) => Date.parse(e.startsAt) > Date.now());
    const detail = (await ministry.get(`/api/trainings/${upcoming.id}`)).json();
    expect(detail.bridges.byState.connected).toBe(0);
    expect(detail.bridges.byState.tested).toBeGreaterThan(0);
    expect(detail.bridges.byState.silent).toBeGreaterThan(detail.bridges.byState.tested);
  });
});
