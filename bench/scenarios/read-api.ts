/** 4. Read API under load: requests/s and p99 at 50 connections (wrk), against an empty Fastify route. */
import { appServer, emptyServer } from '../app-server.js';
import { cpuMeter, readText, round, runWrk, signInHttp, type Scenario, type ScenarioResult } from '../lib.js';

export const readApi: Scenario = {
  name: 'read-api',
  async run(ctx) {
    const srv = await appServer(ctx);
    const ref = await emptyServer(ctx);
    const seconds = ctx.quick ? 10 : 30;
    const connections = 50;
    // the province with the most pool dossiers
    const provs = new Map<string, number>();
    for (const line of readText(srv.idsFile).split('\n')) {
      const p = line.split('\t')[1];
      if (p) provs.set(p, (provs.get(p) ?? 0) + 1);
    }
    const province = [...provs.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const ministry = await signInHttp(srv.url, 'ministry', 'haicap-demo');
    const provinceUser = await signInHttp(srv.url, `province-${province}`, 'haicap-demo');
    const field = String(srv.info.topField ?? '');

    const r0 = runWrk(`${ref.url}/bench/empty`, { connections, seconds });
    ctx.log(`  empty route: ${round(r0.rps, 0)} req/s, p99 ${round(r0.p99Ms)} ms`);
    // a staff member of that province, for the person page (record, assignment history, requirement check)
    const people = (await (
      await fetch(`${srv.url}/api/people?province=${province}&pageSize=1`, { headers: { cookie: provinceUser.cookie } })
    ).json()) as { items: { id: string }[] };
    const personId = people.items[0]?.id;
    const endpoints = [
      {
        name: 'read: unit list (communes of a province)',
        path: `/api/units?level=commune&province=${province}&pageSize=50`,
        session: ministry,
      },
      {
        name: 'read: unit search without diacritics',
        path: `/api/units?q=${encodeURIComponent('xuan')}&pageSize=20`,
        session: ministry,
      },
      {
        name: 'read: dossier list with filters',
        path: `/api/dossiers?status=received&field=${encodeURIComponent(field)}&pageSize=50`,
        session: provinceUser,
      },
      ...(personId ? [{ name: 'read: person page', path: `/api/people/${personId}`, session: provinceUser }] : []),
    ];
    const out: ScenarioResult[] = [];
    for (const e of endpoints) {
      const check = await fetch(srv.url + e.path, { headers: { cookie: e.session.cookie } });
      const body = await check.text();
      if (check.status !== 200) throw new Error(`${e.path}: ${check.status} ${body.slice(0, 300)}`);
      const meter = cpuMeter(srv.pid);
      const r = runWrk(srv.url + e.path, { connections, seconds, headers: { Cookie: e.session.cookie } });
      const cpu = meter(r.requests);
      ctx.log(
        `  ${e.name}: ${round(r.rps, 0)} req/s, p50 ${round(r.p50Ms)} ms, p99 ${round(r.p99Ms)} ms, non-2xx ${r.non2xx}, ` +
          `errors ${r.errors}; CPU per request: server ${cpu.serverMsPerRequest} ms, PostgreSQL ${cpu.postgresMsPerRequest} ms`,
      );
      out.push({
        name: e.name,
        figure: round(r.rps, 0),
        unit: 'req/s',
        reference: round(r0.rps, 0),
        referenceUnit: 'req/s empty Fastify route',
        ratio: round(r.rps / r0.rps, 3),
        target: 'p99 < 25 ms at 50 connections',
        met: r.p99Ms < 25 && r.non2xx === 0 && r.errors === 0,
        notes:
          `p50 ${round(r.p50Ms)} ms, p99 ${round(r.p99Ms)} ms (empty route p99 ${round(r0.p99Ms)} ms); ${e.path}; ` +
          `${r.non2xx} non-2xx, ${r.errors} socket errors; response ${body.length} B; ` +
          `CPU per request: server ${cpu.serverMsPerRequest} ms` +
          (ctx.kind === 'postgres' ? `, PostgreSQL ${cpu.postgresMsPerRequest} ms (all its processes)` : ''),
        details: { path: e.path, connections, seconds, ...pick(r), cpu, reference: pick(r0) },
      });
    }
    if (!personId) {
      out.push({
        name: 'read: person page',
        figure: null,
        unit: 'req/s',
        reference: round(r0.rps, 0),
        referenceUnit: 'req/s empty Fastify route',
        ratio: null,
        target: 'p99 < 25 ms at 50 connections',
        met: null,
        notes: 'not measured: no staff in the demo nation',
      });
    }
    return out;
  },
};

const pick = (r: ReturnType<typeof runWrk>) => ({
  requests: r.requests,
  rps: round(r.rps, 1),
  p50Ms: round(r.p50Ms, 2),
  p99Ms: round(r.p99Ms, 2),
  maxMs: round(r.maxMs, 1),
  non2xx: r.non2xx,
  errors: r.errors,
});
