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
