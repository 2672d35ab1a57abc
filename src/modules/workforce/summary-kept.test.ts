import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { rowsOf } from '../../db/client.js';
import { makeNationalId } from './domain/national-id.js';

/**
 * The Ministry's workforce summary reads figures kept per province and day (issue #16: it took 1.6–5.7 s): they
 * must equal a direct count of the workforce, before and after a change, and a change must be seen at once.
 */
const TODAY = '2026-11-20';
const clock = testClock(`${TODAY}T09:00:00+07:00`);
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;
let ngocHa: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [ministry, ngocHa] = await Promise.all([signIn(ctx.app, 'ministry'), signIn(ctx.app, 'commune-00008')]);
}, 600_000);
afterAll(() => ctx?.close());

type Summary = {
  staff: number;
  approvedHeadcount: number;
  requirements: { assessed: number };
  byProvince: { provinceCode: string; staff: number; approvedHeadcount: number }[];
  byUnit: { unitCode: string; staff: number }[];
};

/** Counted straight from the tables, as the summary defines them: a post is held from its start date (inclusive)
 * to its end date (exclusive); an appointment made by another test for a later day does not count yet. */
async function direct() {
  const [row] = rowsOf<{ staff: number; hanoi: number; ngocha: number; approved: number }>(
    await ctx.database.db.execute(sql`
      select
        (select count(*)::int from assignments a join people p on p.id = a.person_id
          where a.kind = 'regular'
            and a.start_date <= ${TODAY}::date and (a.end_date is null or a.end_date > ${TODAY}::date)) as staff,
        (select count(*)::int from assignments a join people p on p.id = a.person_id
          where a.province_code = '01' and a.kind = 'regular'
            and a.start_date <= ${TODAY}::date and (a.end_date is null or a.end_date > ${TODAY}::date)) as hanoi,
        (select count(distinct a.person_id)::int from assignments a
          where a.unit_code = '00008' and a.kind = 'regular'
            and a.start_date <= ${TODAY}::date and (a.end_date is null or a.end_date > ${TODAY}::date)) as ngocha,
        (select coalesce(sum(approved_headcount), 0)::int from agencies) as approved`),
  );
  return row!;
}

const summary = async (s: Session, unit = '') =>
  (await s.get(`/api/workforce/summary${unit ? `?unit=${unit}` : ''}`)).json() as Summary;

describe("the Ministry's workforce summary from kept figures", () => {
  it('equals a direct count, and a second reading uses the kept figures', async () => {
    const first = await summary(ministry);
    const d = await direct();
    expect(first.staff).toBe(d.staff);
    expect(first.approvedHeadcount).toBe(d.approved);
    expect(first.byProvince.find((p) => p.provinceCode === '01')!.staff).toBe(d.hanoi);
    const kept = rowsOf<{ n: number }>(
      await ctx.database.db.execute(
        sql`select count(*)::int as n from workforce_province_figures where day = ${TODAY}`,
      ),
    )[0]!.n;
    expect(kept).toBeGreaterThanOrEqual(34);
    // the province's summary reads the same kept row
    const hanoi = await summary(ministry, '01');
    expect(hanoi.staff).toBe(d.hanoi);
    expect(hanoi.byUnit.find((u) => u.unitCode === '00008')!.staff).toBe(d.ngocha);
  });

  it('shows a change at once: a new person on a post of Ngọc Hà counts in the country and the province', async () => {
    const before = await summary(ministry);
    const p = await ngocHa.send('POST', '/api/people', {
      unitCode: '00008',
      fullName: 'Lê Văn Kiểm',
      birthDate: '1990-05-02',
      sex: 'male',
      nationalId: makeNationalId('001', '1990-05-02', 'male', 100_000 + Math.floor(Math.random() * 800_000)),
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
    });
    expect(p.statusCode, p.body).toBe(201);
    const agencies = (await ngocHa.get('/api/agencies?unit=00008')).json() as {
      items: { posts: { id: string; kind: string; vacant: number }[] }[];
    };
    const post = agencies.items.flatMap((a) => a.posts).find((x) => x.kind !== 'leadership' && x.vacant > 0)!;
    const a = await ngocHa.send('POST', '/api/assignments', {
      personId: p.json().id,
      postId: post.id,
      kind: 'regular',
      startDate: '2026-11-01',
    });
    expect(a.statusCode, a.body).toBe(201);
    const after = await summary(ministry);
    const d = await direct();
    expect(after.staff).toBe(d.staff);
    expect(after.staff).toBeGreaterThan(before.staff);
    expect(after.byProvince.find((x) => x.provinceCode === '01')!.staff).toBe(d.hanoi);
    expect((await summary(ministry, '01')).byUnit.find((u) => u.unitCode === '00008')!.staff).toBe(d.ngocha);
  });
});

describe('the background job that keeps the day’s figures computed', () => {
  it('computes every province once, then none until a province changes, then that one', async () => {
    const { keepWorkforceFiguresWarm, workforceChanged } = await import('./service/summary.js');
    const day = '2026-11-21'; // a day nobody has read yet
    const provinces = rowsOf<{ n: number }>(
      await ctx.database.db.execute(sql`select count(distinct province_code)::int as n from agencies`),
    )[0]!.n;
    expect(await keepWorkforceFiguresWarm(ctx.database.db, day)).toBe(provinces);
    expect(await keepWorkforceFiguresWarm(ctx.database.db, day)).toBe(0);
    await workforceChanged(ctx.database.db, ['01']);
    expect(await keepWorkforceFiguresWarm(ctx.database.db, day)).toBe(1);
  });
});
