import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from './helpers.js';
import { makeNationalId } from '../src/modules/workforce/index.js';

/**
 * Issue #14: a reinforcement officer is a Ministry user, and acted with the whole Ministry's reach (every citizen's
 * dossier, the national audit log, workforce imports, the national answer time limits). An officer sees what their
 * assignment needs, in their province, and does only the officer's work (visits, plans, reports, raising items).
 * Through the routes, with the demo's officer-01.
 */
const clock = testClock('2026-03-03T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;
let officer: Session;
const province = '01'; // officer-01 serves in Hà Nội in the phase the test opens

type Page<T> = { items: T[]; total: number };

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [ministry, officer] = await Promise.all([signIn(ctx.app, 'ministry'), signIn(ctx.app, 'officer-01')]);
  const phase = await ministry.send('POST', '/api/reinforcement/phases', {
    name: 'Đợt thử phạm vi',
    startsOn: '2026-03-02',
    endsOn: '2026-04-30',
  });
  expect(phase.statusCode).toBe(201);
  const put = await ministry.send(
    'PUT',
    `/api/reinforcement/phases/${(phase.json() as { id: string }).id}/officers/officer-01`,
    { provinceCode: province, position: 'Chuyên viên chính' },
  );
  expect(put.statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe("a reinforcement officer's reach", () => {
  it("sees the dossiers of their province only, and no citizen's dossier elsewhere", async () => {
    const mine = (await officer.get('/api/dossiers?pageSize=100')).json() as Page<{ id: string; provinceCode: string }>;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d) => d.provinceCode === province)).toBe(true);
    const all = (await ministry.get('/api/dossiers?pageSize=1')).json() as Page<{ id: string }>;
    expect(mine.total).toBeLessThan(all.total);
    const saigon = await signIn(ctx.app, 'commune-25747'); // Phường Thủ Dầu Một, Hồ Chí Minh City
    const made = await saigon.send('POST', '/api/dossiers', {
      procedureCode: '1.004873',
      channel: 'in_person',
      applicantName: 'Võ Thị Hạnh',
      applicantIdNumber: '079190011111',
    });
    expect(made.statusCode).toBe(201);
    const elsewhere = made.json() as { id: string };
    expect((await officer.get(`/api/dossiers/${elsewhere.id}`)).statusCode).toBe(403);
  });

  it("reads the audit log of their province only, never the nation's", async () => {
    const log = (await officer.get('/api/audit?pageSize=100')).json() as Page<{ provinceCode: string | null }>;
    expect(log.items.every((e) => e.provinceCode === province)).toBe(true);
  });

  it("sees their province's staff, and changes nobody's record", async () => {
    const people = (await officer.get('/api/people?pageSize=50')).json() as Page<{ provinceCode: string }>;
    expect(people.items.every((p) => p.provinceCode === province)).toBe(true);
    const made = await officer.send('POST', '/api/people', {
      unitCode: province,
      fullName: 'Phạm Thị Thu',
      birthDate: '1990-01-01',
      sex: 'female',
      nationalId: makeNationalId('001', '1990-01-01', 'female', 654_321),
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
    });
    expect(made.statusCode).toBe(403);
  });

  it('may not import the workforce', async () => {
    const res = await officer.send('POST', '/api/workforce/import', {});
    expect(res.statusCode).toBe(403);
  });

  it("may not set the nation's answer time limits, which the Ministry still may", async () => {
    const body = { answerWorkingDays: 12, warnWorkingDays: 3 };
    expect((await officer.send('PUT', '/api/recommendations/settings/policy_regimes', body)).statusCode).toBe(403);
    expect(
      (await officer.send('PUT', '/api/recommendations/settings/policy_regimes', { ...body, provinceCode: province }))
        .statusCode,
    ).toBe(403);
    // The Ministry still may; the national setting is put back after (on PostgreSQL the test files share a database).
    const before = (
      (await ministry.get('/api/recommendations/settings')).json() as {
        items: { field: string; national: { answerWorkingDays: number; warnWorkingDays: number } }[];
      }
    ).items.find((s) => s.field === 'policy_regimes')!.national;
    expect((await ministry.send('PUT', '/api/recommendations/settings/policy_regimes', body)).statusCode).toBe(200);
    const restore = { answerWorkingDays: before.answerWorkingDays, warnWorkingDays: before.warnWorkingDays };
    expect((await ministry.send('PUT', '/api/recommendations/settings/policy_regimes', restore)).statusCode).toBe(200);
  });
});
