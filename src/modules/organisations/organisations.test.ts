import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { OrgPlan, OrgUnit, Progress } from './contract.js';

const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;
let hanoi: Session;
let hcm: Session;
let baDinh: Session;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [ministry, hanoi, hcm, baDinh] = await Promise.all([
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'commune-00004'),
  ]);
});
afterAll(() => ctx.close());

const units = (s: Session, q = '') =>
  s.get(`/api/organisations/units?pageSize=500&${q}`).then((r) => r.json() as { items: OrgUnit[]; total: number });
const plans = (s: Session, q = '') =>
  s.get(`/api/organisations/plans?pageSize=500&${q}`).then((r) => r.json() as { items: OrgPlan[]; total: number });

describe('the registry of public service units and enterprises', () => {
  it("shows a province its own units, a commune those under it, the Ministry everyone's and the ministries'", async () => {
    const hn = await units(hanoi);
    expect(hn.total).toBeGreaterThan(5);
    expect(hn.items.every((u) => u.provinceCode === '01')).toBe(true);
    const all = await units(ministry);
    expect(all.items.some((u) => u.ministry === 'Bộ Y tế')).toBe(true);
    expect(all.total).toBeGreaterThan(hn.total);
    const mine = await units(baDinh);
    expect(mine.items.every((u) => u.unitCode === '00004')).toBe(true);
  });

  it('is written by the province in its scope, not by another province or a commune', async () => {
    const body = {
      kind: 'public_service_unit',
      unitCode: '00004',
      name: 'Trường Mầm non Ba Đình',
      field: 'education',
      autonomy: 4,
      staff: 25,
      validFrom: '2025-07-01',
    };
    expect((await hcm.send('POST', '/api/organisations/units', body)).statusCode).toBe(403);
    expect((await baDinh.send('POST', '/api/organisations/units', body)).statusCode).toBe(403);
    const made = await hanoi.send('POST', '/api/organisations/units', body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ provinceCode: '01', unitCode: '00004', actions: ['edit', 'plan'] });
    const soe = await hanoi.send('POST', '/api/organisations/units', { ...body, ministry: 'Bộ Y tế' });
    expect(soe.statusCode).toBe(400);
  });
});

describe('a rearrangement plan', () => {
  let schools: OrgUnit[];
  beforeAll(async () => {
    const body = (name: string) => ({
      kind: 'public_service_unit',
      unitCode: '00004',
      name,
      field: 'education',
      autonomy: 4,
      staff: 20,
      validFrom: '2025-07-01',
    });
    schools = await Promise.all(
      ['Trường Tiểu học Phúc Xá', 'Trường Tiểu học Quán Thánh'].map((n) =>
        hanoi.send('POST', '/api/organisations/units', body(n)).then((r) => r.json() as OrgUnit),
      ),
    );
  });

  it('has the shape of its kind: a merger takes two or more into one', async () => {
    const bad = await hanoi.send('POST', '/api/organisations/plans', {
      kind: 'merge',
      title: 'Hợp nhất',
      provinceCode: '01',
      targetDate: '2026-02-28',
      before: [schools[0]!.id],
      after: [{ name: 'Trường Tiểu học Ba Đình' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('before');
  });

  it('is approved with its decision, completed, and leaves the lineage: units before closed, the new one made', async () => {
    const made = await hanoi.send('POST', '/api/organisations/plans', {
      kind: 'merge',
      title: 'Hợp nhất hai trường tiểu học',
      provinceCode: '01',
      targetDate: '2026-02-28',
      before: schools.map((s) => s.id),
      after: [{ name: 'Trường Tiểu học Ba Đình' }],
      staffMoved: 40,
      clientRef: 'plan-merge-badinh-1',
    });
    expect(made.statusCode, made.body).toBe(201);
    const plan = made.json() as OrgPlan;
    expect(plan).toMatchObject({ state: 'draft', overdue: true });
    const again = await hanoi.send('POST', '/api/organisations/plans', {
      kind: 'merge',
      title: 'Hợp nhất hai trường tiểu học',
      provinceCode: '01',
      targetDate: '2026-02-28',
      before: schools.map((s) => s.id),
      after: [{ name: 'Trường Tiểu học Ba Đình' }],
      clientRef: 'plan-merge-badinh-1',
    });
    expect(again.json().id).toBe(plan.id);

    const act = (s: Session, body: Record<string, unknown>) =>
      s.send('POST', `/api/organisations/plans/${plan.id}/actions`, body);
    expect((await act(hanoi, { action: 'approve' })).json().error.field).toBe('decisionNumber');
    expect((await act(hcm, { action: 'approve', decisionNumber: '1/QĐ', decisionDate: '2026-01-10' })).statusCode).toBe(
      403,
    );
    expect(
      (await act(ministry, { action: 'approve', decisionNumber: '1/QĐ', decisionDate: '2026-01-10' })).statusCode,
    ).toBe(403);
    const approved = await act(hanoi, { action: 'approve', decisionNumber: '125/QĐ-UBND', decisionDate: '2026-01-10' });
    expect(approved.json().state).toBe('approved');
    expect((await plans(hanoi, 'overdue=true')).items.some((p) => p.id === plan.id)).toBe(true);
    const done = await act(hanoi, { action: 'complete', doneOn: '2026-03-01' });
    expect(done.statusCode, done.body).toBe(200);
    const after = done.json() as OrgPlan;
    expect(after).toMatchObject({ state: 'done', doneOn: '2026-03-01', overdue: false });
    const newId = after.after[0]!.id!;
    const now = await units(hanoi, 'q=truong tieu hoc');
    expect(now.items.find((u) => u.id === newId)).toMatchObject({ madeByPlan: plan.id, staff: 40, validTo: null });
    for (const s of schools) expect(now.items.find((u) => u.id === s.id)!.validTo).toBe('2026-03-01');
    expect((await act(hanoi, { action: 'cancel' })).statusCode).toBe(409);
  });

  it('is followed by the Ministry per province and per ministry; a province sees its own row', async () => {
    const p = (await ministry.get('/api/organisations/progress')).json() as Progress;
    expect(p.rows.some((r) => r.owner === 'ministry' && r.code === 'Bộ Y tế')).toBe(true);
    const hn = p.rows.find((r) => r.code === '01')!;
    expect(hn.byKind.merge).toBeGreaterThanOrEqual(2);
    expect(hn.unitsBefore).toBeGreaterThanOrEqual(4);
    expect(hn.overdue).toBeGreaterThanOrEqual(1);
    const own = (await hanoi.get('/api/organisations/progress')).json() as Progress;
    expect(own.rows.map((r) => r.code)).toEqual(['01']);
    const other = (await plans(hcm)).items;
    expect(other.every((x) => x.provinceCode === '79')).toBe(true);
  });
});
