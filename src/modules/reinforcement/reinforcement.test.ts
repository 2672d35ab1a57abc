import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock('2026-03-02T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;
let officer: Session; // officer-01, assigned to Hà Nội for the test phase
let otherOfficer: Session; // officer-02, not in the test phase
let hanoi: Session;
let hcm: Session;
let ngocHa: Session;
let phaseId: string;

type Visit = {
  id: string;
  duplicate: boolean;
  communeCode: string;
  items: { id: string; code: string; status: string }[];
};

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [ministry, officer, otherOfficer, hanoi, hcm, ngocHa] = await Promise.all([
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'officer-01'),
    signIn(ctx.app, 'officer-02'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'commune-00008'),
  ]);
  const p = await ministry.send('POST', '/api/reinforcement/phases', {
    name: 'Đợt thử nghiệm',
    startsOn: '2026-03-02',
    endsOn: '2026-04-30',
  });
  expect(p.statusCode).toBe(201);
  phaseId = (p.json() as { id: string }).id;
  expect(
    (
      await ministry.send('PUT', `/api/reinforcement/phases/${phaseId}/officers/officer-01`, {
        provinceCode: '01',
        position: 'Chuyên viên chính',
      })
    ).statusCode,
  ).toBe(200);
});
afterAll(() => ctx.close());

describe('phases', () => {
  it('has the demo’s first phase: 34 officers in 33 provinces until 3 November 2025', async () => {
    const phases = (await ministry.get('/api/reinforcement/phases')).json() as {
      items: { name: string; endsOn: string; officers: number; provinces: number }[];
    };
    expect(phases.items.find((p) => p.endsOn === '2025-11-03')).toMatchObject({ officers: 34, provinces: 33 });
  });

  it('is planned by the Ministry only; a later phase copies the officers, then changes them', async () => {
    expect(
      (
        await hanoi.send('POST', '/api/reinforcement/phases', {
          name: 'x',
          startsOn: '2026-05-04',
          endsOn: '2026-06-30',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await officer.send('POST', '/api/reinforcement/phases', {
          name: 'x',
          startsOn: '2026-05-04',
          endsOn: '2026-06-30',
        })
      ).statusCode,
    ).toBe(403);
    const next = (
      await ministry.send('POST', '/api/reinforcement/phases', {
        name: 'Đợt tiếp theo',
        startsOn: '2026-05-04',
        endsOn: '2026-06-30',
        copyFrom: phaseId,
      })
    ).json() as { id: string; officersCopied: number };
    expect(next.officersCopied).toBe(1);
    await ministry.send('PUT', `/api/reinforcement/phases/${next.id}/officers/officer-01`, { provinceCode: '79' });
    const copy = (await ministry.get(`/api/reinforcement/phases/${next.id}`)).json() as {
      officers: { username: string; provinceCode: string }[];
    };
    expect(copy.officers).toEqual([expect.objectContaining({ username: 'officer-01', provinceCode: '79' })]);
    expect(
      (
        await ministry.send('PUT', `/api/reinforcement/phases/${next.id}/officers/commune-00004`, {
          provinceCode: '01',
        })
      ).json().error.code,
    ).toBe('officer_not_ministry');
    // A province sees only its own officers.
    expect(
      ((await hcm.get(`/api/reinforcement/phases/${phaseId}`)).json() as { officers: unknown[] }).officers,
    ).toEqual([]);
  });
});

describe('an officer’s week', () => {
  it('plans the week’s commune visits in the assigned province', async () => {
    const plan = {
      phaseId,
      weekStart: '2026-03-02',
      visits: [
        { communeCode: '00004', plannedOn: '2026-03-03', purpose: 'Nắm tình hình' },
        { communeCode: '00008', plannedOn: '2026-03-05' },
      ],
    };
    expect(
      (await officer.send('PUT', '/api/reinforcement/schedules', { ...plan, weekStart: '2026-03-03' })).json().error
        .code,
    ).toBe('week_start_not_monday');
    const far = await officer.send('PUT', '/api/reinforcement/schedules', {
      ...plan,
      visits: [{ communeCode: '25747', plannedOn: '2026-03-03' }],
    });
    expect(far.json().error).toMatchObject({ code: 'commune_not_in_province', field: 'visits.0.communeCode' });
    expect((await otherOfficer.send('PUT', '/api/reinforcement/schedules', plan)).statusCode).toBe(403);
    const ok = await officer.send('PUT', '/api/reinforcement/schedules', plan);
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { visits: unknown[] }).visits).toHaveLength(2);
    expect(
      ((await hanoi.get(`/api/reinforcement/schedules?phase=${phaseId}`)).json() as { items: unknown[] }).items,
    ).toHaveLength(1);
    expect(
      ((await hcm.get(`/api/reinforcement/schedules?phase=${phaseId}`)).json() as { items: unknown[] }).items,
    ).toHaveLength(0);
  });

  it('logs a visit sent twice from a poor connection as one visit, raising its items to the Ministry', async () => {
    clock.set('2026-03-03T17:00:00+07:00');
    const body = {
      phaseId,
      communeCode: '00004',
      visitedOn: '2026-03-03',
      metWith: 'Chủ tịch UBND phường',
      findings: 'Thiếu công chức địa chính.',
      resolved: 'Hướng dẫn quy trình một cửa.',
      clientRef: 'draft-7f3a9c21',
      items: [
        {
          field: 'personnel',
          title: 'Thiếu công chức địa chính tại phường Ba Đình',
          content: 'Đề nghị điều động công chức có chuyên môn đất đai.',
        },
      ],
    };
    const send = (key: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/reinforcement/visits',
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'idempotency-key': key },
        payload: body,
      });
    const a = await send('visit-sync-0001');
    expect(a.statusCode).toBe(201);
    const b = await send('visit-sync-0001'); // the same request again: replayed
    expect(b.headers['idempotent-replay']).toBe('true');
    const c = await send('visit-sync-0002'); // the draft sent again days later, a new key: the clientRef still matches
    const [va, vb, vc] = [a.json() as Visit, b.json() as Visit, c.json() as Visit];
    expect(vb.id).toBe(va.id);
    expect([vc.id, vc.duplicate]).toEqual([va.id, true]);
    expect(va.items).toHaveLength(1);
    const visits = (await ministry.get(`/api/reinforcement/visits?phase=${phaseId}`)).json() as { total: number };
    expect(visits.total).toBe(1);
    const items = (await ministry.get(`/api/recommendations?visit=${va.id}`)).json() as {
      total: number;
      items: { level: string; askerKind: string; unitCode: string }[];
    };
    expect(items.total).toBe(1);
    expect(items.items[0]).toMatchObject({ level: 'ministry', askerKind: 'officer', unitCode: '00004' });
    // The officer cannot answer for the Ministry.
    expect(
      (
        await officer.send('POST', `/api/recommendations/${va.items[0]!.id}/actions`, {
          action: 'answer',
          answer: 'x',
          legalBasis: 'y',
        })
      ).statusCode,
    ).toBe(403);

    // Scope: the commune visited and its province see it; another commune and another province do not.
    expect((await hanoi.get(`/api/reinforcement/visits/${va.id}`)).statusCode).toBe(200);
    expect((await (await signIn(ctx.app, 'commune-00004')).get(`/api/reinforcement/visits/${va.id}`)).statusCode).toBe(
      200,
    );
    expect((await ngocHa.get(`/api/reinforcement/visits/${va.id}`)).statusCode).toBe(403);
    expect((await hcm.get(`/api/reinforcement/visits/${va.id}`)).statusCode).toBe(403);
    expect(((await hcm.get(`/api/reinforcement/visits?phase=${phaseId}`)).json() as { total: number }).total).toBe(0);
    // Not in the phase's province, not in the phase, not in the future.
    expect(
      (await otherOfficer.send('POST', '/api/reinforcement/visits', { ...body, clientRef: undefined })).statusCode,
    ).toBe(403);
    expect(
      (
        await officer.send('POST', '/api/reinforcement/visits', {
          ...body,
          clientRef: undefined,
          visitedOn: '2026-03-10',
        })
      ).json().error.field,
    ).toBe('visitedOn');
  });

  it('drafts the week’s report from the logs and items, sends it once, and the support group sees what is due and late', async () => {
    clock.set('2026-03-06T15:00:00+07:00');
    const draft = await officer.send('POST', '/api/reinforcement/reports/draft', { phaseId, weekStart: '2026-03-02' });
    expect(draft.statusCode).toBe(200);
    const report = draft.json() as {
      id: string;
      content: string;
      figures: { visits: number; itemsRaised: number };
      dueOn: string;
      status: string;
    };
    expect(report.content).toContain('Ba Đình');
    expect(report.content).toMatch(/KN01-2603-\d{4}/);
    expect(report.figures).toMatchObject({ visits: 1, itemsRaised: 1 });
    expect(report.dueOn).toBe('2026-03-09');
    expect((await hanoi.get(`/api/reinforcement/reports/${report.id}`)).statusCode).toBe(403); // a draft is the officer's own
    expect(
      (
        await officer.send('PATCH', `/api/reinforcement/reports/${report.id}`, {
          content: `${report.content}\nGhi chú thêm.`,
        })
      ).statusCode,
    ).toBe(200);
    clock.set('2026-03-10T09:00:00+07:00');
    expect((await officer.send('POST', `/api/reinforcement/reports/${report.id}/submit`)).statusCode).toBe(200);
    expect((await officer.send('POST', `/api/reinforcement/reports/${report.id}/submit`)).json().error.code).toBe(
      'report_submitted',
    );
    expect((await hanoi.get(`/api/reinforcement/reports/${report.id}`)).statusCode).toBe(200);
    expect((await hcm.get(`/api/reinforcement/reports/${report.id}`)).statusCode).toBe(403);

    const status = (await ministry.get(`/api/reinforcement/phases/${phaseId}/reports-status`)).json() as {
      officers: { username: string; weeks: { weekStart: string; state: string }[] }[];
    };
    const weeks = status.officers.find((o) => o.username === 'officer-01')!.weeks;
    expect(weeks.map((w) => [w.weekStart, w.state])).toEqual([
      ['2026-03-02', 'submitted_late'],
      ['2026-03-09', 'due'],
    ]);
    clock.set('2026-03-17T09:00:00+07:00');
    const later = (await ministry.get(`/api/reinforcement/phases/${phaseId}/reports-status`)).json() as {
      totals: { late: number };
    };
    expect(later.totals.late).toBe(1);

    const cov = (await ministry.get(`/api/reinforcement/phases/${phaseId}/coverage?province=01`)).json() as {
      provinces: {
        provinceCode: string;
        visited: number;
        notVisited: number;
        notVisitedCommunes: { code: string }[];
      }[];
    };
    const hn = cov.provinces[0]!;
    expect(hn.visited).toBe(1);
    expect(hn.notVisitedCommunes.map((c) => c.code)).toContain('00008');
    expect(hn.notVisitedCommunes.map((c) => c.code)).not.toContain('00004');
    expect((await hcm.get(`/api/reinforcement/phases/${phaseId}/coverage?province=01`)).statusCode).toBe(403);
    const overview = (await ministry.get(`/api/reinforcement/phases/${phaseId}/officers`)).json() as {
      officers: { username: string; visits: number; items: Record<string, number> }[];
    };
    expect(overview.officers.find((o) => o.username === 'officer-01')).toMatchObject({
      visits: 1,
      items: { pending: 1 },
    });
  });
});

describe('visit photos', () => {
  it('are downloaded within the visit’s scope and added later by the officer who logged it', async () => {
    clock.set('2026-03-20T15:00:00+07:00');
    const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
    const photo = { name: 'Họp với UBND xã.jpg', contentType: 'image/jpeg', contentBase64: jpg.toString('base64') };
    const v = await officer.send('POST', '/api/reinforcement/visits', {
      phaseId,
      communeCode: '00004',
      visitedOn: '2026-03-20',
      metWith: 'Chủ tịch UBND phường',
      findings: 'Ổn định',
      photos: [photo],
    });
    expect(v.statusCode).toBe(201);
    const id = (v.json() as Visit).id;
    const dl = await hanoi.get(`/api/reinforcement/visits/${id}/photos/0`);
    expect([dl.statusCode, dl.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect(dl.rawPayload.equals(jpg)).toBe(true);
    expect((await ministry.get(`/api/reinforcement/visits/${id}/photos/0`)).statusCode).toBe(200);
    expect((await hcm.get(`/api/reinforcement/visits/${id}/photos/0`)).statusCode).toBe(403);
    expect((await ngocHa.get(`/api/reinforcement/visits/${id}/photos/0`)).statusCode).toBe(403); // a visit to another commune
    expect((await hanoi.get(`/api/reinforcement/visits/${id}/photos/1`)).statusCode).toBe(404);

    expect(
      (await otherOfficer.send('POST', `/api/reinforcement/visits/${id}/photos`, { photos: [photo] })).statusCode,
    ).toBe(403);
    const added = await officer.send('POST', `/api/reinforcement/visits/${id}/photos`, {
      photos: [{ ...photo, name: 'bien-ban.jpg' }],
    });
    expect(added.statusCode).toBe(201);
    expect((added.json() as { photos: { name: string }[] }).photos.map((p) => p.name)).toEqual([
      'Họp với UBND xã.jpg',
      'bien-ban.jpg',
    ]);
    expect(
      (
        await officer.send('POST', `/api/reinforcement/visits/${id}/photos`, {
          photos: [{ ...photo, contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64') }],
        })
      ).statusCode,
    ).toBe(400);
  });
});
