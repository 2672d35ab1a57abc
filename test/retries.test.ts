import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from './helpers.js';
import { makeNationalId } from '../src/modules/workforce/index.js';

/**
 * A phone on a weak connection sends the same write again and again, at the same time: the platform must make one
 * record, give every attempt the first answer, and never answer 500 for a duplicate (issue #14).
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
const clock = testClock('2026-03-03T09:00:00+07:00');

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  commune = await signIn(ctx.app, 'commune-00004');
});
afterAll(() => ctx.close());

const post = (url: string, key: string | null, payload: unknown) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: commune.cookie, 'x-csrf-token': commune.csrfToken, ...(key ? { 'idempotency-key': key } : {}) },
    payload: payload as never,
  });

describe('retries of one write', () => {
  it('makes one dossier from 20 simultaneous submissions with one Idempotency-Key, and answers all 20 alike', async () => {
    const key = `burst-${Math.random().toString(36).slice(2)}`;
    const name = `Người Nộp ${Math.random().toString(36).slice(2, 8)}`;
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('/api/dossiers', key, { procedureCode: '1.001193', channel: 'in_person', applicantName: name }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    const ids = new Set(answers.map((a) => (a.json() as { id: string }).id));
    expect(ids.size).toBe(1);
    const found = (await commune.get(`/api/dossiers?q=${encodeURIComponent(name)}`)).json() as { total: number };
    expect(found.total).toBe(1);
    console.log(`20 simultaneous retries of one intake: ${ids.size} dossier, all answered in ${Date.now() - t0} ms`);
  });

  it('answers 409, never 500, when simultaneous requests without a key create the same person', async () => {
    const nationalId = makeNationalId('001', '1990-05-06', 'male', 100_000 + Math.floor(Math.random() * 800_000));
    const person = {
      unitCode: '00004',
      fullName: 'Phạm Văn Đức',
      birthDate: '1990-05-06',
      sex: 'male',
      nationalId,
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/api/people', null, person)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect((a.json() as { error: { code: string; message: string } }).error.message).not.toMatch(/duplicate key/);
  });
});

describe('retries of a recommendation and of a visit log', () => {
  let officer: Session;
  let phaseId: string;
  const unique = () => Math.random().toString(36).slice(2, 10);

  beforeAll(async () => {
    const ministry = await signIn(ctx.app, 'ministry');
    officer = await signIn(ctx.app, 'officer-01');
    const p = await ministry.send('POST', '/api/reinforcement/phases', {
      name: 'Đợt thử gửi lại',
      startsOn: '2026-03-02',
      endsOn: '2026-04-30',
    });
    expect(p.statusCode).toBe(201);
    phaseId = (p.json() as { id: string }).id;
    const put = await ministry.send('PUT', `/api/reinforcement/phases/${phaseId}/officers/officer-01`, {
      provinceCode: '01',
      position: 'Chuyên viên chính',
    });
    expect(put.statusCode).toBe(200);
  });

  const recommendation = (title: string, extra: Record<string, unknown> = {}) => ({
    field: 'personnel',
    title,
    content: 'Xã chưa có công chức chuyên môn đất đai; đề nghị hướng dẫn điều động.',
    ...extra,
  });
  const countRecommendations = async (title: string) =>
    ((await commune.get(`/api/recommendations?q=${encodeURIComponent(title)}`)).json() as { total: number }).total;

  it('makes one recommendation from 20 simultaneous submissions with one Idempotency-Key', async () => {
    const title = `Kiến nghị gửi lại ${unique()}`;
    const key = `rec-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/recommendations', key, recommendation(title))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => (a.json() as { id: string }).id)).size).toBe(1);
    expect(await countRecommendations(title)).toBe(1);
  });

  it('makes one recommendation from 20 simultaneous submissions without a key but with one clientRef', async () => {
    const title = `Kiến nghị nháp ${unique()}`;
    const clientRef = `draft-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/recommendations', null, recommendation(title, { clientRef }))),
    );
    expect(answers.map((a) => a.statusCode).every((c) => c === 201 || c === 200)).toBe(true);
    expect(new Set(answers.map((a) => (a.json() as { id: string }).id)).size).toBe(1);
    expect(await countRecommendations(title)).toBe(1);
    // the same draft sent again later, a new request: the same recommendation, not a second one
    const again = await post('/api/recommendations', null, recommendation(title, { clientRef }));
    expect((again.json() as { id: string }).id).toBe((answers[0]!.json() as { id: string }).id);
    expect(await countRecommendations(title)).toBe(1);
  });

  const visit = (findings: string, extra: Record<string, unknown> = {}) => ({
    phaseId,
    communeCode: '00004',
    visitedOn: '2026-03-03',
    metWith: 'Chủ tịch UBND phường',
    findings,
    items: [{ field: 'personnel', title: `Thiếu người ${findings}`, content: 'Đề nghị điều động công chức.' }],
    ...extra,
  });
  const sendVisit = (key: string | null, payload: unknown) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/reinforcement/visits',
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrfToken,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      payload: payload as never,
    });
  const visitsOf = async (findings: string) => {
    const list = (await officer.get(`/api/reinforcement/visits?phase=${phaseId}&pageSize=100`)).json() as {
      items: { findings: string }[];
    };
    return list.items.filter((v) => v.findings === findings).length;
  };

  it('makes one visit (and one raised item) from 20 simultaneous submissions with one Idempotency-Key', async () => {
    const findings = `Thiếu công chức ${unique()}`;
    const key = `visit-${unique()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => sendVisit(key, visit(findings))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => (a.json() as { id: string }).id)).size).toBe(1);
    expect(await visitsOf(findings)).toBe(1);
    expect(await countRecommendations(`Thiếu người ${findings}`)).toBe(1);
  });

  it('makes one visit from 20 simultaneous submissions without a key but with one clientRef', async () => {
    const findings = `Thiếu văn thư ${unique()}`;
    const clientRef = `draft-${unique()}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sendVisit(null, visit(findings, { clientRef }))),
    );
    expect(answers.map((a) => a.statusCode).every((c) => c === 201 || c === 200)).toBe(true);
    expect(new Set(answers.map((a) => (a.json() as { id: string }).id)).size).toBe(1);
    expect(await visitsOf(findings)).toBe(1);
    expect(await countRecommendations(`Thiếu người ${findings}`)).toBe(1);
  });

  it('never answers 500 to 20 simultaneous identical people with one Idempotency-Key', async () => {
    const nationalId = makeNationalId('001', '1991-07-08', 'female', 100_000 + Math.floor(Math.random() * 800_000));
    const person = {
      unitCode: '00004',
      fullName: 'Nguyễn Thị Hoa',
      birthDate: '1991-07-08',
      sex: 'female',
      nationalId,
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/people', `person-${unique()}-x`, person)),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
  });
});
