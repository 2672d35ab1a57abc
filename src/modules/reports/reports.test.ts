import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { auditEntriesOf } from '../audit/index.js';
import type { Report } from './contract.js';
import { parsePeriod } from './domain/periods.js';
import { draftReport } from './service.js';
import { reinforcementFigures } from '../reinforcement/index.js';
import { trainingFigures } from '../training/index.js';

// Today is 2 March 2026: the annual report of 2026 counts from 1 January to today, as the modules' pages do.
const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội
let hanoi: Session; // province 01
let hcm: Session; // province 79
let ministry: Session;
let viewer: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock, isolated: true });
  [baDinh, ngocHa, hanoi, hcm, ministry, viewer] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'viewer'),
  ]);
});
afterAll(() => ctx.close());

const create = async (s: Session, body: Record<string, unknown>) => {
  const res = await s.send('POST', '/api/reports', body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Report;
};
const figure = (r: Report, section: string, key: string) =>
  r.sections.find((s) => s.key === section)!.figures!.figures.find((f) => f.key === key)!.value;

describe("the report's figures are the modules' own (same scope, same period)", () => {
  const cases: [string, () => Session, Record<string, unknown>][] = [
    ['a commune', () => baDinh, {}],
    ['a province', () => hanoi, {}],
    ['the country', () => ministry, {}],
  ];
  for (const [name, who, extra] of cases)
    it(`${name}: dossiers (766), workforce, settlement`, async () => {
      const s = who();
      const r = await create(s, { kind: 'annual', period: '2026', ...extra });
      expect(r.status).toBe('draft');
      const board = (await s.get('/api/dashboards/dossiers?from=2026-01-01&to=2026-03-02')).json();
      for (const key of ['received', 'receivedOnline', 'finished', 'finishedOnTime', 'onTimeRate', 'overdue'])
        expect(figure(r, 'dossiers', key), key).toBe(board.totals[key]);
      expect(figure(r, 'dossiers', 'index766')).toBe(board.totals.index766.percent);
      if (name !== 'a commune') expect(figure(r, 'dossiers', 'received')).toBeGreaterThan(0);
      const wf = (await s.get('/api/workforce/summary')).json();
      expect(figure(r, 'workforce', 'staff')).toBe(wf.staff);
      expect(figure(r, 'workforce', 'approvedHeadcount')).toBe(wf.approvedHeadcount);
      expect(figure(r, 'workforce', 'leadershipVacancies')).toBe(wf.leadershipVacancies.total);
      expect(figure(r, 'workforce', 'headcountGap')).toBe(Math.max(0, wf.approvedHeadcount - wf.staff));
      expect(figure(r, 'workforce', 'notMeetingRequirements')).toBe(wf.requirements.notMeeting);
      expect(figure(r, 'workforce', 'secondments')).toBe(wf.secondmentsTotal);
      // The tables by province (the Ministry) and by unit (a province): each row the page's.
      const wfTable = r.sections.find((x) => x.key === 'workforce')!.figures!.tables[0];
      if (name === 'the country')
        expect(wfTable!.rows).toEqual(
          (
            wf.byProvince as {
              provinceCode: string;
              staff: number;
              approvedHeadcount: number;
              leadershipVacancies: number;
            }[]
          ).map((p) => ({ unit: p.provinceCode, values: [p.staff, p.approvedHeadcount, p.leadershipVacancies] })),
        );
      if (name === 'a province') {
        const units = wf.byUnit as { unitCode: string; staff: number; approvedHeadcount: number }[];
        expect(wfTable!.rows).toHaveLength(units.length);
        for (const u of units)
          expect(wfTable!.rows.find((x) => x.unit === u.unitCode)?.values, u.unitCode).toEqual([
            u.staff,
            u.approvedHeadcount,
          ]);
      }
      expect(wf.staff).toBeGreaterThan(0);
      const st = (await s.get('/api/settlement/progress?today=2026-03-02')).json();
      expect(figure(r, 'settlement', 'cases')).toBe(st.totals.cases);
      expect(figure(r, 'settlement', 'paid')).toBe(st.totals.paid);
      expect(figure(r, 'settlement', 'settledShare')).toBe(Math.round(st.totals.settledShare * 1000) / 10);
      // Provenance: module, query, period, scope, time, and the page behind the figure.
      const f = r.sections.find((x) => x.key === 'dossiers')!.figures!.figures[0]!;
      expect(f.source).toMatchObject({ module: 'dossiers', query: 'dossierBoard', period: '2026' });
      expect(f.source.link).toContain('/board?from=2026-01-01&to=2026-03-02');
      expect(f.source.computedAt).toBe(clock.now().toISOString());
      // The rearrangement of public service units and enterprises: the progress board's plans, summed.
      const org = (await s.get('/api/organisations/progress')).json() as {
        rows: { plans: number; overdue: number; byState: Record<string, number> }[];
      };
      const total = (pick: (x: (typeof org.rows)[number]) => number) => org.rows.reduce((n, x) => n + pick(x), 0);
      expect(figure(r, 'organisations', 'plans')).toBe(total((x) => x.plans));
      expect(figure(r, 'organisations', 'done')).toBe(total((x) => x.byState.done ?? 0));
      expect(figure(r, 'organisations', 'overdue')).toBe(total((x) => x.overdue));
      if (name !== 'a commune') expect(figure(r, 'organisations', 'plans')).toBeGreaterThan(0);
      // Training: every conference begun in the period, each one's attendance report, summed.
      const events = (await s.get('/api/trainings')).json().items as { id: string; startsAt: string }[];
      let attended = 0;
      let heldIn = 0;
      for (const e of events.filter(
        (x) => x.startsAt >= '2025-12-31T17:00:00Z' && x.startsAt < '2026-03-02T17:00:00Z',
      )) {
        heldIn++;
        attended += (await s.get(`/api/trainings/${e.id}/report`)).json().totals.attended;
      }
      expect(figure(r, 'training', 'events')).toBe(heldIn);
      expect(figure(r, 'training', 'attended')).toBe(attended);
    });
});

describe('creation', () => {
  it('ten concurrent creations give one report (idempotent), created once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => baDinh.send('POST', '/api/reports', { kind: 'monthly', period: '2026-01' })),
    );
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(9);
    const list = (await baDinh.get('/api/reports?kind=monthly&period=2026-01')).json();
    expect(list.total).toBe(1);
  });

  it('races past the in-process guard end at the unique key (ON CONFLICT): one report', async () => {
    const actor = {
      id: '00000000-0000-0000-0000-000000000008',
      username: 'commune-00008',
      displayName: '',
      role: 'commune' as const,
      ip: null,
    };
    const place = { level: 'commune' as const, provinceCode: '01', unitCode: '00008' };
    const runs = await Promise.all(
      Array.from({ length: 5 }, () =>
        draftReport(
          ctx.database.db,
          { ...actor, provinceCode: '01', communeCode: '00008' },
          place,
          'monthly',
          parsePeriod('2025-12')!,
          clock,
          'create',
        ),
      ),
    );
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(runs.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses a bad period naming the field, in Vietnamese and English', async () => {
    const vi = await baDinh.send('POST', '/api/reports', { kind: 'semiannual', period: '2026-05' });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.field).toBe('period');
    expect(vi.json().error.message).toContain('2026-H1');
    const en = await baDinh.send('POST', '/api/reports?lang=en', { kind: 'monthly', period: '2026-13' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toMatchObject({ field: 'period' });
    expect(en.json().error.message).toContain('not valid');
  });

  it("a commune may not draft another commune's report; a viewer none", async () => {
    expect(
      (await baDinh.send('POST', '/api/reports', { kind: 'monthly', period: '2026-01', unit: '00008' })).statusCode,
    ).toBe(403);
    expect((await viewer.send('POST', '/api/reports', { kind: 'monthly', period: '2026-01' })).statusCode).toBe(403);
  });
});

describe('the flow: a commune writes and submits, its province returns and approves', () => {
  let id = '';
  it('drafts, writes with a version check, submits (locked)', async () => {
    const r = await create(ngocHa, { kind: 'monthly', period: '2026-02' });
    id = r.id;
    expect(r.actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    const section = r.sections.find((s) => s.key === 'proposals')!;
    const put = await ngocHa.send('PUT', `/api/reports/${id}/sections/proposals`, {
      text: 'Đề nghị bổ sung biên chế công chức văn hóa - xã hội.',
      version: section.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const stale = await ngocHa.send('PUT', `/api/reports/${id}/sections/proposals`, {
      text: 'Bản khác',
      version: section.version,
    });
    expect(stale.statusCode).toBe(409);
    // The province reads it but does not write the commune's text.
    expect((await hanoi.get(`/api/reports/${id}`)).statusCode).toBe(200);
    expect(
      (await hanoi.send('PUT', `/api/reports/${id}/sections/proposals`, { text: 'x', version: 2 })).statusCode,
    ).toBe(403);
    // The province may not approve a draft: the step does not apply yet.
    expect((await hanoi.send('POST', `/api/reports/${id}/approve`, {})).statusCode).toBe(409);
    const sub = await ngocHa.send('POST', `/api/reports/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted' });
    expect(sub.json().number).toBeGreaterThan(0);
    // What each side may do now: the author nothing more, the province return or approve (not publish yet).
    expect(sub.json().actions).toEqual([]);
    expect((await hanoi.get(`/api/reports/${id}`)).json().actions).toEqual(['return', 'approve']);
    // Sent again (a lost answer): the same report, no second step.
    expect((await ngocHa.send('POST', `/api/reports/${id}/submit`, {})).json().events).toHaveLength(2);
    const locked = await ngocHa.send('PUT', `/api/reports/${id}/sections/proposals`, { text: 'x', version: 2 });
    expect(locked.statusCode).toBe(409);
    expect((await ngocHa.send('POST', `/api/reports/${id}/recompute`, {})).statusCode).toBe(409);
  });

  it('only the level above returns, with a comment; the commune corrects and submits again', async () => {
    expect((await ngocHa.send('POST', `/api/reports/${id}/approve`, {})).statusCode).toBe(403);
    expect((await ministry.send('POST', `/api/reports/${id}/approve`, {})).statusCode).toBe(403);
    expect((await hcm.send('POST', `/api/reports/${id}/approve`, {})).statusCode).toBe(403);
    const bare = await hanoi.send('POST', `/api/reports/${id}/return`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toBe('comment');
    const ret = await hanoi.send('POST', `/api/reports/${id}/return`, { comment: 'Bổ sung số liệu mục III.' });
    expect(ret.json()).toMatchObject({ status: 'returned' });
    const r = ret.json() as Report;
    const s = r.sections.find((x) => x.key === 'proposals')!;
    expect(
      (await ngocHa.send('PUT', `/api/reports/${id}/sections/proposals`, { text: 'Đã bổ sung.', version: s.version }))
        .statusCode,
    ).toBe(200);
    expect((await ngocHa.send('POST', `/api/reports/${id}/submit`, {})).json().status).toBe('submitted');
  });

  it('the province approves and publishes; the history keeps the comment; every step audited', async () => {
    const approved = (await hanoi.send('POST', `/api/reports/${id}/approve`, {})).json() as Report;
    expect(approved.status).toBe('approved');
    expect(approved.actions).toEqual(['publish']); // not approved or returned again
    const pub = (await hanoi.send('POST', `/api/reports/${id}/publish`, {})).json() as Report;
    expect(pub.status).toBe('published');
    expect(pub.events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'publish']);
    expect(pub.events[2]!.comment).toBe('Bổ sung số liệu mục III.');
    // who acted, by name, never by login name
    for (const e of pub.events) expect(e.actor?.name, e.by).toBeTruthy();
    expect(pub.events.map((e) => e.actor?.name)).not.toContain(pub.events[0]!.by);
    const audit = await auditEntriesOf(ctx.database.db, 'report', id);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'submit', 'return', 'approve', 'publish']),
    );
    expect((await auditEntriesOf(ctx.database.db, 'report_section', `${id}/proposals`)).length).toBe(2);
  });

  it("the province's report shows its communes' state and checks its figures against theirs", async () => {
    const p = await create(hanoi, { kind: 'monthly', period: '2026-02' });
    const c = (await hanoi.get(`/api/reports/${p.id}/children`)).json();
    expect(c.level).toBe('commune');
    const ngocHaState = c.items.find((i: { unitCode: string }) => i.unitCode === '00008');
    expect(ngocHaState).toMatchObject({ state: 'submitted', status: 'published' });
    expect(c.counts.submitted + c.counts.late + c.counts.missing).toBe(c.items.length);
    expect(c.items.length).toBeGreaterThan(100); // Hà Nội's 126 communes and wards
    const received = c.check.find(
      (x: { key: string; section: string }) => x.section === 'dossiers' && x.key === 'received',
    );
    expect(received.reportsBelow).toBe(1);
    expect(received.sumBelow).toBe(figure(p, 'dossiers', 'received')! - received.difference);
    // A commune sees none of it; another province neither.
    expect((await baDinh.get(`/api/reports/${p.id}`)).statusCode).toBe(403);
    expect((await hcm.get(`/api/reports/${p.id}/children`)).statusCode).toBe(403);
  });
});

describe('scope', () => {
  it('a commune sees its own, a province its own and its communes, the Ministry all', async () => {
    const mine = (await baDinh.get('/api/reports?pageSize=500')).json();
    expect(mine.items.every((r: Report) => r.unitCode === '00004')).toBe(true);
    const hn = (await hanoi.get('/api/reports?pageSize=500')).json();
    expect(hn.items.every((r: Report) => r.provinceCode === '01')).toBe(true);
    expect(hn.items.some((r: Report) => r.unitCode === '00008')).toBe(true);
    const other = (await hcm.get('/api/reports?pageSize=500&period=2026-02')).json();
    expect(other.items.some((r: Report) => r.provinceCode === '01')).toBe(false);
    const all = (await ministry.get('/api/reports?unit=VN&kind=annual')).json();
    expect(all.items.map((r: Report) => r.level)).toEqual(['country']);
    const national = all.items[0].id;
    expect((await hanoi.get(`/api/reports/${national}`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/reports/${national}`)).statusCode).toBe(200); // a country-wide viewer reads it
    expect((await viewer.send('POST', `/api/reports/${national}/submit`, {})).statusCode).toBe(403);
  });
});

describe('recomputing', () => {
  it('answers the difference per figure and keeps the old figures until accepted', async () => {
    const r = await create(hanoi, { kind: 'monthly', period: '2026-03' });
    clock.set('2026-03-20T10:00:00+07:00'); // more days counted: the month's figures grow
    try {
      const rc = await hanoi.send('POST', `/api/reports/${r.id}/recompute`, {});
      expect(rc.statusCode, rc.body).toBe(200);
      const dossiers = rc.json().sections.find((s: { key: string }) => s.key === 'dossiers');
      const received = dossiers.changes.find((c: { key: string }) => c.key === 'received');
      expect(received.after - received.before).toBe(received.difference);
      expect(received.difference).toBeGreaterThan(0);
      const held = (await hanoi.get(`/api/reports/${r.id}`)).json() as Report;
      expect(figure(held, 'dossiers', 'received')).toBe(received.before);
      expect(held.sections.find((s) => s.key === 'dossiers')!.pendingChanges).not.toBeNull();
      const accepted = (await hanoi.send('POST', `/api/reports/${r.id}/accept`, {})).json() as Report;
      expect(figure(accepted, 'dossiers', 'received')).toBe(received.after);
      expect(accepted.sections.find((s) => s.key === 'dossiers')!.pendingChanges).toBeNull();
    } finally {
      clock.set('2026-03-02T10:00:00+07:00');
    }
  });
});

describe('outlines: a setting of the Ministry, versioned', () => {
  it('the Ministry changes an outline (stale version 409); a province may not', async () => {
    const before = (await ministry.get('/api/reports/outlines/annual')).json();
    const { kind: _k, version, ...body } = before;
    expect((await hanoi.send('PUT', '/api/reports/outlines/annual', { ...body, version })).statusCode).toBe(403);
    const changed = await ministry.send('PUT', '/api/reports/outlines/annual', {
      ...body,
      title: `${body.title} (sửa)`,
      version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().version).toBe(version + 1);
    expect((await ministry.send('PUT', '/api/reports/outlines/annual', { ...body, version })).statusCode).toBe(409);
    const dup = await ministry.send('PUT', '/api/reports/outlines/annual', {
      ...body,
      sections: [...body.sections, body.sections[0]],
      version: version + 1,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.field).toMatch(/^sections\[\d+\]\.key$/);
    // restore the title for whoever reads it next (a shared database)
    expect(
      (await ministry.send('PUT', '/api/reports/outlines/annual', { ...body, version: version + 1 })).statusCode,
    ).toBe(200);
  });
});

describe('the demo nation: the 6-month reviews of 2025-H2 and 2026-H1 at every level', () => {
  it('2025-H2 mostly approved, the national review published; 2026-H1 a mix with late drafts', async () => {
    const count = async (q: string) =>
      (await ministry.get(`/api/reports?kind=semiannual&pageSize=1&${q}`)).json().total;
    const all = await count('period=2025-H2');
    expect(all).toBeGreaterThan(3300); // 3,321 communes, 34 provinces, the country
    expect(await count('period=2025-H2&status=approved')).toBeGreaterThan(all * 0.8);
    expect((await ministry.get('/api/reports?period=2025-H2&unit=VN')).json().items[0].status).toBe('published');
    for (const status of ['draft', 'submitted', 'returned', 'approved'])
      expect(await count(`period=2026-H1&status=${status}`), status).toBeGreaterThan(50);
    // On 2 March 2026 the 2025-H2 reports not handed up are late (communes were due on 5 January).
    expect(await count('period=2025-H2&late=true')).toBeGreaterThan(50);
    expect(await count('period=2026-H1&late=true')).toBe(0); // not due yet
    // A province sees its own communes' state for the period; a demo report's figures come when first opened.
    const hn = (await hanoi.get('/api/reports?period=2026-H1&unit=01')).json().items[0];
    const c = (await hanoi.get(`/api/reports/${hn.id}/children`)).json();
    expect(c.counts.submitted + c.counts.late + c.counts.missing).toBe(c.items.length);
    const opened = (await hanoi.get(`/api/reports/${hn.id}`)).json() as Report;
    expect(opened.sections.find((s) => s.key === 'dossiers')!.figures!.available).toBe(true);
  });
});

describe('the schedule', () => {
  it("drafts every unit's report when a period ends (once), and lists the late after the due day", async () => {
    const { draftEndedPeriod, lateReports } = await import('./schedule.js');
    const later = testClock('2027-01-02T08:00:00+07:00');
    const first = await draftEndedPeriod(ctx.database.db, 'semiannual', later);
    expect(first.period).toBe('2026-H2');
    expect(first.drafted).toBeGreaterThan(3300);
    expect((await draftEndedPeriod(ctx.database.db, 'semiannual', later)).drafted).toBe(0);
    expect(await lateReports(ctx.database.db, 'semiannual', '2026-H2', '2027-01-05')).toHaveLength(0);
    const late = await lateReports(ctx.database.db, 'semiannual', '2026-H2', '2027-01-06');
    expect(late.every((r) => r.level === 'commune')).toBe(true); // communes are due on the 5th, provinces the 10th
    expect(late.length).toBeGreaterThan(3300);
  });
});

describe('the training and reinforcement sections count what their pages show', () => {
  it('sums the attendance reports of the conferences held in the period, by province for the Ministry', async () => {
    const events = (await ministry.get('/api/trainings')).json().items as { id: string; startsAt: string }[];
    const held = events.filter((e) => Date.parse(e.startsAt) < Date.now());
    expect(held.length).toBeGreaterThan(0);
    const day = new Date(Date.parse(held[0]!.startsAt) + 7 * 3600_000).toISOString().slice(0, 10);
    const sameDay = held.filter((e) => new Date(Date.parse(e.startsAt) + 7 * 3600_000).toISOString().startsWith(day));
    const reports = await Promise.all(
      sameDay.map(async (e) => (await ministry.get(`/api/trainings/${e.id}/report`)).json()),
    );
    const got = await trainingFigures(
      ctx.database.db,
      { kind: 'country', provinceCode: null, unitCode: null },
      { period: day, from: day, to: day },
      testClock(`${day}T23:00:00+07:00`),
    );
    const value = (key: string) => got.figures.find((f) => f.key === key)!.value;
    expect(value('events')).toBe(sameDay.length);
    expect(value('attended')).toBe(reports.reduce((n, r) => n + r.totals.attended, 0));
    expect(value('bridges')).toBe(reports.reduce((n, r) => n + r.totals.bridges, 0));
    expect(value('attended')).toBeGreaterThan(0);
    expect(got.tables[0]!.rows.length).toBeGreaterThan(1);
  });

  it('counts the communes visited in the phases that ran during the period, as the coverage board does', async () => {
    const phases = (await ministry.get('/api/reinforcement/phases')).json().items as {
      id: string;
      startsOn: string;
      endsOn: string;
    }[];
    expect(phases.length).toBeGreaterThan(0);
    const p = phases[0]!;
    const board = (await hanoi.get(`/api/reinforcement/phases/${p.id}/coverage`)).json() as {
      provinces: { visited: number; communes: number }[];
    };
    const overlapping = phases.filter((x) => x.startsOn <= p.endsOn && x.endsOn >= p.endsOn);
    const got = await reinforcementFigures(
      ctx.database.db,
      { kind: 'province', provinceCode: '01', unitCode: '01' },
      { period: p.endsOn, from: p.endsOn, to: p.endsOn },
      clock,
    );
    const value = (key: string) => got.figures.find((f) => f.key === key)!.value;
    expect(value('phases')).toBe(overlapping.length);
    if (overlapping.length === 1) expect(value('visited')).toBe(board.provinces[0]!.visited);
  });
});
