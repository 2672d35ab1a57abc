import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, signIn, testClock, type Session } from './helpers.js';
import { makeNationalId } from '../src/modules/workforce/index.js';
import { fieldLabel } from '../src/core/field-labels.js';

/**
 * Ordinary bad input answers 400 naming the field, never 500: impossible or far-fetched dates, text PostgreSQL
 * cannot store (NUL, lone surrogates), a multipart body without its boundary. Then a property test: bodies of a
 * handful of write routes, mutated at random (fixed seed), never make the server fail and keep the error shape.
 */
const clock = testClock('2026-11-20T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  baDinh = await signIn(ctx.app, 'commune-00004');
});
afterAll(() => ctx.close());

let serial = 700_000 + Math.floor(Math.random() * 90_000);
const newPerson = (extra: Record<string, unknown> = {}) => ({
  unitCode: '00004',
  fullName: 'Trần Văn Bình',
  birthDate: '1990-05-17',
  sex: 'male',
  nationalId: makeNationalId('001', '1990-05-17', 'male', ++serial),
  category: 'civil_servant',
  educationLevel: 'bachelor',
  ...extra,
});
const SOME_ID = '00000000-0000-4000-8000-000000000000';

function expectRefused(res: { statusCode: number; body: string; json(): unknown }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json() as { error: { code: string; message: string; field?: string } };
  expect(error.field).toBe(field);
  // the message names the field as the form does, never by its key (issue #16: no code shown to a user)
  expect(error.message).toContain(`«${fieldLabel(field, 'vi')}»`);
  expect(error.message).not.toContain(`«${field}»`);
}

describe('ordinary bad input', () => {
  it.each(['2025-02-30', '2026-13-45', '2026-00-10', '2023-02-29', '1899-12-31', '2101-01-01', '9999-01-01'])(
    'refuses the date %s as no real date within 1900–2100, naming the field',
    async (date) => {
      expectRefused(await baDinh.send('POST', '/api/people', newPerson({ birthDate: date })), 'birthDate');
    },
  );

  it('refuses a Party membership date before the 18th birthday, and names the ID number mismatch in words', async () => {
    // a probe (2026-12-08): born 1990, joined the Party in 1950, saved
    const early = await baDinh.send('POST', '/api/people', newPerson({ partyJoinDate: '1950-01-01' }));
    expectRefused(early, 'partyJoinDate');
    expectRefused(
      await baDinh.send('POST', '/api/people', newPerson({ partyJoinDate: '2008-05-16' })),
      'partyJoinDate',
    );
    const person = await baDinh.send('POST', '/api/people', newPerson({ partyJoinDate: '2008-05-17' }));
    expect(person.statusCode, person.body).toBe(201);
    const patched = await baDinh.send('PATCH', `/api/people/${person.json().id}`, { partyJoinDate: '1999-01-01' });
    expectRefused(patched, 'partyJoinDate');
    // the ID number's year does not match the birth date: said in words, not the program's key
    const mismatch = await baDinh.send('POST', '/api/people', newPerson({ birthDate: '1991-05-17' }));
    expect(mismatch.json().error).toMatchObject({ field: 'nationalId' });
    expect(mismatch.json().error.message).toBe('Số định danh cá nhân không khớp với năm sinh.');
  });

  it('takes a real leap day, and refuses an apology dated in year 9999', async () => {
    const leap = await baDinh.send('POST', '/api/people', newPerson({ birthDate: '1992-02-29' }));
    expect(leap.statusCode, leap.body).toBe(400); // the ID number says 1990: the date itself was accepted
    expect(leap.json().error.field).toBe('nationalId');
    expectRefused(
      await baDinh.send('POST', `/api/dossiers/${SOME_ID}/apology`, { newDueDate: '9999-12-31', reason: 'Chờ' }),
      'newDueDate',
    );
    const query = await baDinh.get('/api/dossiers?from=2026-02-30');
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.field).toBe('from');
  });

  it.each([
    ['a NUL byte', 'Trần\u0000Văn Bình'],
    ['a lone high surrogate', 'Trần Văn \ud800Bình'],
    ['a lone low surrogate', '\udc00Trần Văn Bình'],
  ])('refuses text with %s, naming the field', async (_, text) => {
    expectRefused(await baDinh.send('POST', '/api/people', newPerson({ fullName: text })), 'fullName');
    expectRefused(
      await baDinh.send('POST', '/api/recommendations', { field: 'personnel', title: 'Thiếu', content: text }),
      'content',
    );
  });

  it('refuses a NUL byte in a query string, naming the parameter', async () => {
    const query = await baDinh.get('/api/people?q=Tr%E1%BA%A7n%00');
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.field).toBe('q');
  });

  it('keeps text PostgreSQL stores: emoji, Vietnamese, tabs and new lines pass', async () => {
    const res = await baDinh.send(
      'POST',
      '/api/people',
      newPerson({ fullName: 'Hoàng Thị Ngọc Ánh 🌸', ethnicity: 'Kinh\tmột\ndòng' }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('answers a multipart body without a boundary with 400 naming the file', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/workforce/import',
      payload: 'x',
      headers: { cookie: baDinh.cookie, 'x-csrf-token': baDinh.csrfToken, 'content-type': 'multipart/form-data' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe('file');
  });
});

describe('the probe of 2026-12-07', () => {
  const raw = (url: string, payload: string, contentType = 'application/json', lang = 'vi') =>
    ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        cookie: baDinh.cookie,
        'x-csrf-token': baDinh.csrfToken,
        'content-type': contentType,
        'accept-language': lang,
      },
    });

  it('a page past the last one a list may ask for is a 400 naming the page, not a 500', async () => {
    for (const url of ['/api/dossiers?page=99999999999999999999', '/api/people?unit=00004&page=200000000000000000'])
      expectRefused(await baDinh.get(url), 'page');
  });

  it('a number too large for any number (1e309, Infinity) in a query is a 400 naming it, not a 500', async () => {
    // the validator turned "1e309" into Infinity and let it past its maximum (it checks finite numbers only)
    for (const [url, field] of [
      ['/api/dossiers?page=1e309', 'page'],
      ['/api/dossiers?pageSize=-1e309', 'pageSize'],
      ['/api/people?unit=00004&page=Infinity', 'page'],
      ['/api/calendar/days-off?year=1e400', 'year'],
      ['/api/notifications?before=1e309', 'before'],
    ] as const)
      expectRefused(await baDinh.get(url), field);
  });

  it('a body nested 5,000 levels deep is a 400, also before signing in', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await raw('/api/dossiers', `{"procedureCode":"1.001","a":${deep}}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      field: 'a',
      message: 'Trường «trường được đánh dấu» lồng nhau quá sâu (tối đa 64 cấp).',
    });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: `{"username":"x","password":"y","a":${deep}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(login.statusCode, login.body).toBe(400);
  });

  it('the body refused before the route (bad JSON, empty, wrong type) is told in Vietnamese, or in English if asked', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['{"applicantName": ', 'application/json', 400, /JSON hợp lệ/],
      ['', 'application/json', 400, /thiếu nội dung/],
      ['applicantName=x', 'text/csv', 415, /không được hỗ trợ/],
    ];
    for (const [body, type, status, vi] of cases) {
      const res = await raw('/api/dossiers', body, type);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(vi);
      expect(res.body).not.toMatch(/FST_|fst_|Body is not valid|Unsupported Media Type/);
    }
    const en = await raw('/api/dossiers', '{"applicantName": ', 'application/json', 'en');
    expect(en.json().error.message).toBe('The body sent is not valid JSON.');
  });

  it('a list past its most items is told in words, not in the validator’s English', async () => {
    const res = await baDinh.send('POST', '/api/dossiers', {
      procedureCode: '1.001',
      channel: 'in_person',
      applicantName: 'Trần Văn Bình',
      papers: Array.from({ length: 101 }, (_, i) => `Giấy ${i}`),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('tối đa 100 mục');
    expect(res.body).not.toContain('must NOT');
  });
  it('a missing or wrong field is named as the form names it, in the asked language', async () => {
    const missing = await baDinh.send('POST', '/api/dossiers', { procedureCode: '1.004873', channel: 'in_person' });
    expect(missing.json().error).toMatchObject({
      field: 'applicantName',
      message: 'Thiếu trường bắt buộc «Họ và tên người nộp».',
    });
    const en = await baDinh.send('POST', '/api/dossiers?lang=en', { procedureCode: '1.004873', channel: 'in_person' });
    expect(en.json().error.message).toBe('Missing required field "Applicant\'s name".');
    // a refusal of the service (not of the schema) too: a settlement case missing its salary
    const calc = await baDinh.send('POST', '/api/settlement/calculate', {
      regime: 'quit',
      category: 'civil_servant',
      decisionDate: '2025-07-01',
      leaveDate: '2025-09-01',
      birthDate: '1980-02-02',
      sex: 'male',
      socialInsurance: { years: 12, months: 3 },
    });
    expect(calc.json().error.field).toBe('monthlySalary');
    expect(calc.json().error.message).toContain('«Tiền lương tháng»');
    expect(calc.json().error.message).not.toContain('monthlySalary');
  });
});

describe('mutated bodies of write routes (property test, fixed seed)', () => {
  const MUTATIONS: unknown[] = [
    null,
    0,
    -1,
    1e308,
    true,
    '',
    ' ',
    'x'.repeat(100_000),
    '\u0000',
    'a\ud800b',
    '2025-02-30',
    '9999-12-31',
    '0000-00-00',
    '1900-01-01',
    '<script>alert(1)</script>',
    "'; DROP TABLE people; --",
    '%00',
    [],
    [[[[[]]]]],
    {},
    { $ne: 1 },
    { a: { b: { c: { d: {} } } } },
    '00004',
    SOME_ID,
  ];
  const routes: { method: 'POST' | 'PATCH'; url: () => string; body: () => Record<string, unknown> }[] = [
    { method: 'POST', url: () => '/api/people', body: () => newPerson() },
    {
      method: 'POST',
      url: () => '/api/dossiers',
      body: () => ({
        procedureCode: '1.004873',
        channel: 'in_person',
        applicantName: 'Nguyễn Thị Lan',
        applicantIdNumber: '001190012345',
      }),
    },
    {
      method: 'POST',
      url: () => '/api/recommendations',
      body: () => ({ field: 'personnel', title: 'Thiếu công chức', content: 'Đề nghị hướng dẫn.' }),
    },
    {
      method: 'POST',
      url: () => '/api/assignments',
      body: () => ({ personId: SOME_ID, postId: SOME_ID, kind: 'secondment', startDate: '2026-11-02' }),
    },
    {
      method: 'POST',
      url: () => `/api/dossiers/${SOME_ID}/apology`,
      body: () => ({ newDueDate: '2026-12-01', reason: 'Chờ xác minh' }),
    },
    { method: 'PATCH', url: () => `/api/people/${SOME_ID}`, body: () => ({ fullName: 'Tên', version: 1 }) },
  ];

  it('never answers 5xx, and every refusal keeps the error shape', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(routes.length - 1),
        fc.array(fc.tuple(fc.nat(20), fc.nat(MUTATIONS.length - 1), fc.boolean()), { minLength: 1, maxLength: 3 }),
        async (r, changes) => {
          const route = routes[r]!;
          const body = route.body();
          const keys = Object.keys(body);
          for (const [k, m, extra] of changes) {
            const key = extra ? `extra${k}` : keys[k % keys.length]!;
            body[key] = MUTATIONS[m];
          }
          const res = await baDinh.send(route.method, route.url(), body);
          seen.add(res.statusCode);
          expect(res.statusCode, `${route.url()} ${JSON.stringify(body).slice(0, 300)} → ${res.body}`).toBeLessThan(
            500,
          );
          if (res.statusCode >= 400) {
            const { error } = res.json() as { error: { code: unknown; message: unknown } };
            expect(typeof error.code).toBe('string');
            expect(typeof error.message).toBe('string');
          }
        },
      ),
      { seed: 14, numRuns: Number(process.env.FUZZ_RUNS ?? 150), endOnFailure: true },
    );
    expect([...seen].some((s) => s === 400)).toBe(true);
  });
});
