/**
 * The training bridges' live stream across API processes (issues #14 and #17): two processes on one PostgreSQL
 * database behind a round-robin balancer; the Ministry's map is open on one, a commune checks in through the other.
 * The change must reach the map (src/db/bus.ts: LISTEN/NOTIFY), once. PostgreSQL only: an embedded database belongs to
 * one process. A private copy of the test database, since the event made here would move other files' counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers.js';
import { ready, signInHttp, start, stop, type Server } from './processes.js';
import { openEventStream } from './sse.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('the live map across two API processes', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    ctx = await createTestApp({ isolated: true });
    const env = { DATABASE_URL: ctx.url!, DATA_DIR: '/nonexistent', FILES_DIR: '/tmp/haicap-live-procs' };
    a = start(env, ['--no-demo']);
    b = start(env, ['--no-demo']);
    await Promise.all([ready(a), ready(b)]);
  }, 1_200_000);
  afterAll(async () => {
    await Promise.all([a && stop(a), b && stop(b)]);
    await ctx?.close();
  });

  it("a commune's check-in through one process reaches the Ministry's map open on the other, once", async () => {
    const ministry = await signInHttp(a.base, 'ministry');
    const made = await ministry.post('/api/trainings', {
      title: 'Tập huấn hai tiến trình',
      startsAt: '2026-12-20T08:00:00+07:00',
      endsAt: '2026-12-20T11:00:00+07:00',
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const map = await openEventStream(`${a.base}/api/trainings/${id}/live`, ministry.cookie);
    try {
      expect((await map.next(30_000))?.event).toBe('snapshot');
      const baDinh = await signInHttp(b.base, 'commune-00004');
      const checked = await baDinh.post(`/api/trainings/${id}/bridges/00004/check-in`, { state: 'tested' });
      expect(checked.status).toBe(200);
      // Within the 2 s on a quiet machine; the bound leaves room for a loaded one.
      const change = await map.next(10_000);
      expect(change).toMatchObject({ event: 'bridge', data: { unitCode: '00004', to: 'tested' } });
      // Once: the process that made the change does not send it back to itself, nor does anyone twice.
      const second = await baDinh.post(`/api/trainings/${id}/bridges/00008/check-in`, { state: 'tested' });
      expect(second.status).toBe(403); // a commune checks in only its own bridge
      const hanoi = await signInHttp(b.base, 'province-01');
      expect((await hanoi.post(`/api/trainings/${id}/bridges/00008/check-in`, { state: 'tested' })).status).toBe(200);
      expect(await map.next(10_000)).toMatchObject({ event: 'bridge', data: { unitCode: '00008', to: 'tested' } });
      expect(await map.next(1_500)).toBeNull();
    } finally {
      map.close();
    }
  });
});
