import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testClock } from '../../../test/helpers.js';
import { readerOf, type FigureScope } from '../../core/report-figures.js';
import { workforceChanged, workforceSummary } from './service/summary.js';
import { workforceSummaryCounts } from './service/summary-counts.js';
import { workforceFigures } from './for-reports.js';

/**
 * The periodic reports print the workforce summary's counts computed by a lighter query (issue #20): on every scope
 * and on days past, today and ahead, each count must be the summary's own, as the Ministry, a province or a commune
 * reads it on the workforce page.
 */
const TODAY = '2026-03-02';
const clock = testClock(`${TODAY}T10:00:00+07:00`);
let ctx: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  ctx = await createTestApp({ clock, isolated: true });
  // The demo's shortfalls are of education, field and political theory: a few holders in Hà Nội are given the
  // others (state management, IT certificate), a blank field of study and an education level off the ladder.
  const holders = (requirement: string) => sql`
    select a.person_id from assignments a
      join posts po on po.province_code = a.province_code and po.id = a.post_id
     where a.province_code = '01' and a.kind = 'regular' and a.end_date is null and ${sql.raw(requirement)}
     order by a.person_id limit 25`;
  const db = ctx.database.db;
  await db.execute(
    sql`update people set state_management = 'none' where id in (${holders("po.requirements ->> 'minStateManagement' is not null")})`,
  );
  await db.execute(
    sql`update people set it_certificate = null where id in (${holders("(po.requirements ->> 'itCertificate') = 'true'")})`,
  );
  await db.execute(
    sql`update people set education_field = '' where id in (${holders("jsonb_array_length(po.requirements -> 'educationFields') > 0")})`,
  );
  await db.execute(
    sql`update people set education_level = 'other' where id in (${holders("po.requirements ->> 'minEducation' is not null")})`,
  );
  // The demo's secondments began weeks before the real today, after this test's day: a few in Hà Nội began earlier.
  await db.execute(sql`update assignments set start_date = '2026-02-01' where id in (
    select id from assignments where province_code = '01' and kind = 'secondment' order by id limit 5)`);
  await workforceChanged(db);
}, 600_000);
afterAll(() => ctx?.close());

const scopes: [string, FigureScope][] = [
  ['the country', { kind: 'country', provinceCode: null, unitCode: null }],
  ['a province', { kind: 'province', provinceCode: '01', unitCode: '01' }],
  ['a commune', { kind: 'commune', provinceCode: '01', unitCode: '00008' }],
];
// The previous half-year's end, today, and a day on which today's secondments have ended.
const days = ['2025-12-31', TODAY, '2026-12-31'];

describe("the report's workforce counts are the summary's", () => {
  for (const [name, scope] of scopes)
    it(`${name}, on ${days.join(', ')}`, async () => {
      // All days counted in one pass, as a report asks for its period and the previous one.
      const counts = await workforceSummaryCounts(
        ctx.database.db,
        { provinceCode: scope.provinceCode, unitCode: scope.kind === 'commune' ? scope.unitCode : null },
        days,
      );
      for (const [i, day] of days.entries()) {
        const s = await workforceSummary(ctx.database.db, readerOf(scope), {}, day, { full: true });
        const c = counts[i]!;
        expect(c.staff, day).toBe(s.staff);
        expect(c.approvedHeadcount, day).toBe(s.approvedHeadcount);
        expect(c.leadershipVacancies, day).toBe(s.leadershipVacancies.total);
        expect(c.notMeetingRequirements, day).toBe(s.requirements.notMeeting);
        expect(c.secondments, day).toBe(s.secondmentsTotal);
        if (scope.kind === 'country') {
          expect(c.byProvince, day).toEqual(
            (s.byProvince ?? []).map((p) => ({
              provinceCode: p.provinceCode,
              staff: p.staff,
              approvedHeadcount: p.approvedHeadcount,
              leadershipVacancies: p.leadershipVacancies,
            })),
          );
          expect(c.byProvince.length, day).toBeGreaterThan(1);
        } else {
          const byCode = (a: { unitCode: string }, b: { unitCode: string }) => a.unitCode.localeCompare(b.unitCode);
          expect(c.byUnit, day).toEqual([...s.byUnit].sort(byCode));
          expect(c.byUnit.length, day).toBeGreaterThan(0);
        }
        expect(s.staff, day).toBeGreaterThan(0);
        if (day === TODAY && scope.kind !== 'commune') {
          // The comparison means something only if the data hold each kind of shortfall, and secondments.
          expect(s.requirements.notMeeting).toBeGreaterThan(0);
          for (const reason of [
            'education',
            'education_field',
            'political_theory',
            'state_management',
            'it_certificate',
          ])
            expect(s.requirements.shortfalls[reason] ?? 0, reason).toBeGreaterThan(0);
          expect(s.secondments.length).toBeGreaterThan(0);
        }
      }
    }, 300_000); // the country's full summary on three days: tens of seconds on a loaded PGlite

  it("the report's provider: the period and the previous one asked side by side, each on its own day", async () => {
    const scope: FigureScope = { kind: 'province', provinceCode: '01', unitCode: '01' };
    const windows = [
      { period: '2026-H2', from: '2026-07-01', to: '2026-12-31' },
      { period: '2026-H1', from: '2026-01-01', to: TODAY },
      { period: '2025-H2', from: '2025-07-01', to: '2025-12-31' },
    ];
    const answers = await Promise.all(windows.map((w) => workforceFigures(ctx.database.db, scope, w, clock)));
    for (const [i, w] of windows.entries()) {
      const s = await workforceSummary(ctx.database.db, readerOf(scope), {}, w.to, { full: true });
      const value = (key: string) => answers[i]!.figures.find((f) => f.key === key)!.value;
      expect(value('staff'), w.to).toBe(s.staff);
      expect(value('approvedHeadcount'), w.to).toBe(s.approvedHeadcount);
      expect(value('headcountGap'), w.to).toBe(Math.max(0, s.approvedHeadcount - s.staff));
      expect(value('leadershipVacancies'), w.to).toBe(s.leadershipVacancies.total);
      expect(value('notMeetingRequirements'), w.to).toBe(s.requirements.notMeeting);
      expect(value('secondments'), w.to).toBe(s.secondmentsTotal);
      expect(answers[i]!.figures.every((f) => f.query === 'workforceSummary' && f.link === '/workforce')).toBe(true);
    }
    // The days differ in what they count (today's secondments have ended by the end of 2026): not one day's answer thrice.
    expect(new Set(answers.map((a) => JSON.stringify(a.figures))).size).toBeGreaterThan(1);
  });
  it('a report recomputed after a change to the workforce counts again; without a change it reads what it counted', async () => {
    const db = ctx.database.db;
    const scope: FigureScope = { kind: 'province', provinceCode: '01', unitCode: '01' };
    const w = { period: '2026-H1', from: '2026-01-01', to: TODAY };
    const staff = async () =>
      (await workforceFigures(db, scope, w, clock)).figures.find((f) => f.key === 'staff')!.value;
    const before = await staff();
    // a holder leaves (ended before the day), written as a service writes it: the change recorded after the commit
    await db.execute(sql`update assignments set end_date = '2026-02-01' where id = (
      select id from assignments where province_code = '01' and kind = 'regular' and end_date is null order by id limit 1)`);
    await workforceChanged(db, ['01']);
    expect(await staff()).toBe(before! - 1);
    expect(await staff()).toBe((await workforceSummary(db, readerOf(scope), {}, TODAY, { full: true })).staff);
  });
  it('counts on a past day only the posts held that day: a holder who started later is not counted then', async () => {
    const db = ctx.database.db;
    const scope: FigureScope = { kind: 'province', provinceCode: '01', unitCode: '01' };
    const DAY = '2025-12-31';
    const onDay = async () => ({
      summary: (await workforceSummary(db, readerOf(scope), {}, DAY, { full: true })).staff,
      report: (
        await workforceFigures(db, scope, { period: '2025-H2', from: '2025-07-01', to: DAY }, clock)
      ).figures.find((f) => f.key === 'staff')!.value,
    });
    const before = await onDay();
    // a holder with one post, held on the day, now appointed on 15 February 2026 (after the day)
    await db.execute(sql`update assignments set start_date = '2026-02-15' where id = (
      select a.id from assignments a where a.province_code = '01' and a.kind = 'regular' and a.end_date is null
        and a.start_date <= ${DAY} and (select count(*) from assignments b where b.person_id = a.person_id) = 1
      order by a.id limit 1)`);
    await workforceChanged(db, ['01']);
    const after = await onDay();
    expect(after.summary).toBe(before.summary - 1);
    expect(after.report).toBe(after.summary);
  });
  it('the page counts every secondment, not only the 500 its list shows', async () => {
    const db = ctx.database.db;
    const country: FigureScope = { kind: 'country', provinceCode: null, unitCode: null };
    const [row] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from assignments a
      join people p on p.id = a.person_id
      where a.kind in ('secondment', 'reinforcement') and a.start_date <= ${TODAY}
        and (a.end_date is null or a.end_date > ${TODAY})`);
    const n = row!.n;
    const s = await workforceSummary(db, readerOf(country), {}, TODAY);
    expect(s.secondmentsTotal).toBe(n);
    expect(s.secondments.length).toBe(Math.min(n, 500));
  });
});
