import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

/**
 * The progress board reads counts kept by triggers (migration `settlement_board`): whatever the writes, they must
 * equal what grouping every case gives, and the board the Ministry reads must show them.
 */
const clock = testClock('2025-08-05T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let province: Session;
let ministry: Session;
// A commune of Hà Nội that no other test file writes cases for (PostgreSQL's files share one database).
const UNIT = '00025';

type Row = { province: string; unit: string; status: string; n: number; amount: string; paid: string };
const counted = () =>
  ctx.database.rows<Row>(sql`
    SELECT province_code AS province, unit_code AS unit, status, count(*)::int AS n,
           sum(coalesce(override_amount, benefit_total))::text AS amount, sum(coalesce(paid_amount, 0))::text AS paid
    FROM settlement_cases GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
const kept = () =>
  ctx.database.rows<Row>(sql`
    SELECT province_code AS province, unit_code AS unit, status, n, amount::text AS amount, paid::text AS paid
    FROM settlement_board ORDER BY 1, 2, 3`);

const proposal = (i: number) => ({
  agency: UNIT,
  fullName: `Trần Thị Bảng ${i}`,
  birthDate: '1972-03-10',
  sex: 'female',
  category: 'civil_servant',
  group: 'non_leader_staff',
  regime: 'early_retirement',
  salary: { coefficient: 3.66, allowances: { publicService: true } },
  socialInsurance: { years: 26, months: 2 },
  lastThreeYears: ['good', 'good', 'good'],
  restructuringDecisionNo: '1656/NQ-UBTVQH15',
  restructuringDecisionDate: '2025-07-01',
  leaveDate: '2025-08-01',
  clientRef: `board-${i}`,
});

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [commune, province, ministry] = await Promise.all([
    signIn(ctx.app, `commune-${UNIT}`),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'ministry'),
  ]);
});
afterAll(() => ctx.close());

describe('the progress board’s kept counts', () => {
  it('match the cases of the demo nation as loaded (bulk inserts)', async () => {
    const [cases, board] = await Promise.all([counted(), kept()]);
    expect(cases.length).toBeGreaterThan(10);
    expect(board).toEqual(cases);
  });

  it('follow proposals made at once, approvals, an override, a payment, and show on the board', async () => {
    type Unit = { code: string; cases: number; approved: number; proposed: number };
    const before = (await ministry.get('/api/settlement/progress')).json() as {
      totals: { cases: number; approved: number; totalAmount: number };
    };
    const unitRow = async () =>
      ((await province.get('/api/settlement/progress')).json() as { rows: Unit[] }).rows.find((r) => r.code === UNIT)!;
    const unitBefore = await unitRow();
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => commune.send('POST', '/api/settlement/cases', proposal(i))),
    );
    expect(
      made.map((r) => r.statusCode),
      made[0]!.body,
    ).toEqual(Array(8).fill(201));
    // sent again on a weak connection: nothing more
    const again = await commune.send('POST', '/api/settlement/cases', proposal(0));
    expect(again.statusCode).toBeLessThan(300);
    const cases = made.map((r) => r.json() as { id: string; version: number; benefitTotal: number });
    await Promise.all(
      cases
        .slice(0, 5)
        .map((c) =>
          province.send('POST', `/api/settlement/cases/${c.id}/steps`, { step: 'approve', version: c.version }),
        ),
    );
    const first = (await province.get(`/api/settlement/cases/${cases[0]!.id}`)).json() as {
      version: number;
      benefitTotal: number;
    };
    const over = await province.send('POST', `/api/settlement/cases/${cases[0]!.id}/override`, {
      version: first.version,
      amount: first.benefitTotal - 1_000_000,
      reason: 'Trừ khoản tạm ứng đã nhận',
    });
    expect(over.statusCode).toBe(200);
    expect(await kept()).toEqual(await counted());

    const after = (await ministry.get('/api/settlement/progress')).json() as {
      totals: { cases: number; approved: number; totalAmount: number };
    };
    expect(after.totals.cases - before.totals.cases).toBe(8);
    expect(after.totals.approved - before.totals.approved).toBe(5);
    const sum = cases.reduce((s, c) => s + c.benefitTotal, 0) - 1_000_000;
    expect(after.totals.totalAmount - before.totals.totalAmount).toBe(sum);
    const unitAfter = await unitRow();
    expect({
      cases: unitAfter.cases - unitBefore.cases,
      approved: unitAfter.approved - unitBefore.approved,
      proposed: unitAfter.proposed - unitBefore.proposed,
    }).toEqual({ cases: 8, approved: 5, proposed: 3 });
  });

  it('count the late cases of the day from the open cases', async () => {
    // Far past the payment deadline and the leaving date: every open case of the commune is late.
    clock.set('2026-06-01T10:00:00+07:00');
    const hanoi = (await province.get('/api/settlement/progress')).json() as {
      rows: { code: string; cases: number; late: number; paid: number; closed: number; refused: number }[];
    };
    const row = hanoi.rows.find((r) => r.code === UNIT)!;
    expect(row.late).toBe(row.cases - row.paid - row.closed - row.refused);
    clock.set('2025-08-05T10:00:00+07:00');
  });
});
