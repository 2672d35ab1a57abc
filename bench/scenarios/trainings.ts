/**
 * The morning of a national training conference (issue #17): a national event is created (3,356 bridges laid out),
 * 200 live maps are opened (server-sent events), then every bridge checks in within 60 s (evenly paced, not waiting
 * for each other). Figures: the check-in route's p50/p99 (target p99 < 100 ms) and the delay from sending a check-in
 * until each open map receives it (target: every change on every map within 2 s).
 * The 34 provinces' accounts send their communes' check-ins and the Ministry its own and the provinces' (signing in
 * 3,321 commune accounts would measure argon2, not the check-in). The maps are read in a worker thread of their own.
 */
import { Worker } from 'node:worker_threads';
import { percentile, round, signInHttp, sleep, type Scenario, type ScenarioResult } from '../lib.js';
import { appServer } from '../app-server.js';

/** The maps' thread (plain JavaScript, run with `eval`): opens the streams, notes each change's arrival per bridge. */
const MAP_READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookie, streams } = workerData;
const now = () => performance.timeOrigin + performance.now();
const received = new Map();
let ready = 0;
let count = 0;
const aborts = [];
const readers = [];
for (let i = 0; i < streams; i++) {
  const ctrl = new AbortController();
  aborts.push(ctrl);
  readers.push((async () => {
    const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: ctrl.signal });
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = now();
        buf += dec.decode(value, { stream: true });
        let end;
        while ((end = buf.indexOf('\\n\\n')) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (block.startsWith('event: snapshot')) ready++;
          else if (block.startsWith('event: bridge')) {
            const unit = /"unitCode":"([^"]+)"/.exec(block)?.[1];
            if (unit) {
              let list = received.get(unit);
              if (!list) received.set(unit, (list = []));
              list.push(at);
            }
            count++;
          }
        }
      }
    } catch {
      /* aborted at the end */
    }
  })());
}
const tick = setInterval(() => parentPort.postMessage({ kind: 'progress', ready, count }), 50);
parentPort.on('message', async (m) => {
  if (m !== 'stop') return;
  clearInterval(tick);
  for (const a of aborts) a.abort();
  await Promise.allSettled(readers);
  parentPort.postMessage({ kind: 'done', received: [...received], count });
});
`;

interface Bridge {
  unitCode: string;
  provinceCode: string | null;
}

export const trainings: Scenario = {
  name: 'trainings',
  async run(ctx) {
    const srv = await appServer(ctx);
    const streams = ctx.quick ? 50 : 200;
    const seconds = ctx.quick ? 20 : 60;
    const ministry = await signInHttp(srv.url, 'ministry', 'haicap-demo');
    const post = (s: { cookie: string; csrfToken: string }, path: string, body: unknown) =>
      fetch(`${srv.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
        body: JSON.stringify(body),
      });
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const t0 = performance.now();
    const created = await post(ministry, '/api/trainings', {
      title: 'Bench: national conference',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    const createMs = performance.now() - t0;
    const event = (await created.json()) as { id: string; bridges: { total: number } };
    const bridges: Bridge[] = [];
    for (let page = 1; ; page++) {
      const res = await fetch(`${srv.url}/api/trainings/${event.id}/bridges?pageSize=500&page=${page}`, {
        headers: { cookie: ministry.cookie },
      });
      const p = (await res.json()) as { items: Bridge[]; total: number };
      bridges.push(...p.items);
      if (bridges.length >= p.total || p.items.length === 0) break;
    }
    const provinces = [...new Set(bridges.map((b) => b.provinceCode).filter((p): p is string => !!p))];
    const sessions = new Map<string, { cookie: string; csrfToken: string }>();
    for (const p of provinces) sessions.set(p, await signInHttp(srv.url, `province-${p}`, 'haicap-demo'));
    ctx.log(`  event with ${event.bridges.total} bridges created in ${round(createMs, 0)} ms; opening ${streams} maps`);

    // The open maps, read in a thread of their own (parsing 3,356 × 200 events in the thread that sends and times the
    // check-ins would hold its event loop, and the figures would measure the bench): each records when it received
    // each bridge's change, on the clock both threads share (timeOrigin + now).
    const maps = new Worker(MAP_READER, {
      eval: true,
      workerData: { url: `${srv.url}/api/trainings/${event.id}/live`, cookie: ministry.cookie, streams },
    });
    const sentAt = new Map<string, number>();
    let ready = 0;
    let received = 0;
    maps.on('message', (m: { kind: string; ready: number; count: number }) => {
      if (m.kind === 'progress') [ready, received] = [m.ready, m.count];
    });
    const mapsDone = new Promise<{ received: [string, number[]][]; count: number }>((resolve, reject) => {
      maps.on('message', (m: { kind: string; received: [string, number[]][]; count: number }) => {
        if (m.kind === 'done') resolve(m);
      });
      maps.on('error', reject);
    });
    while (ready < streams) await sleep(50);
    const clock = () => performance.timeOrigin + performance.now();

    // Every bridge checks in within `seconds`, evenly paced.
    const latencies: number[] = [];
    let errors = 0;
    const gap = (seconds * 1000) / bridges.length;
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < bridges.length; i++) {
      const b = bridges[i]!;
      const due = start + i * gap;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const s = b.provinceCode && b.unitCode !== b.provinceCode ? sessions.get(b.provinceCode)! : ministry;
      inflight.push(
        (async () => {
          const t = performance.now();
          sentAt.set(b.unitCode, clock());
          const res = await post(s, `/api/trainings/${event.id}/bridges/${b.unitCode}/check-in`, {
            state: 'connected',
            clientRef: `bench-${b.unitCode}`,
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (res.status !== 200) errors++;
        })(),
      );
    }
    await Promise.all(inflight);
    const spent = (performance.now() - start) / 1000;
    const expected = bridges.length * streams;
    const deadline = performance.now() + 10_000;
    while (received < expected && performance.now() < deadline) await sleep(50);
    maps.postMessage('stop');
    const heard = await mapsDone;
    await maps.terminate();
    received = heard.count;
    const delays: number[] = [];
    for (const [unit, times] of heard.received) {
      const sent = sentAt.get(unit);
      if (sent !== undefined) for (const t of times) delays.push(t - sent);
    }

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const d99 = percentile(delays, 99);
    // 3,356 × 200 delays: spreading them into Math.max overflows the stack
    const dMax = delays.length ? delays.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN;
    const missing = expected - received;
    const results: ScenarioResult[] = [
      {
        name: `training check-ins: ${bridges.length} in ${round(spent, 0)} s with ${streams} live maps, p99`,
        figure: round(p99, 1),
        unit: 'ms',
        reference: round(p50, 1),
        referenceUnit: 'ms p50',
        ratio: null,
        target: 'p99 < 100 ms',
        met: p99 < 100 && errors === 0,
        notes: `${errors} errors; event created with ${event.bridges.total} bridges in ${round(createMs, 0)} ms`,
        details: { p50, p99, errors, createMs, bridges: bridges.length, streams, seconds: spent },
      },
      {
        name: `training live map: delay until each of ${streams} maps shows a change, max`,
        figure: round(dMax, 0),
        unit: 'ms',
        reference: round(d99, 0),
        referenceUnit: 'ms p99',
        ratio: null,
        target: 'every change within 2 s',
        met: dMax <= 2000 && missing === 0,
        notes: `${received.toLocaleString('en')} changes received of ${expected.toLocaleString('en')} expected`,
        details: { p50: percentile(delays, 50), p99: d99, max: dMax, received, expected },
      },
    ];
    return results;
  },
};
