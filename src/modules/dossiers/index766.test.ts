import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { Board, DossierDetail } from './contract.js';

/**
 * Issue #15, the 766 index. Transparency: measured from the catalogue's publication and effective dates where
 * recorded, otherwise not measured and left out of the total. Satisfaction: the 766 satisfaction in handling
 * procedures is 100 % − (overdue rate + rate of dossiers with a complaint
 * or a dissatisfied rating). A complaint is recorded against a dossier by the citizen (receipt code and the receipt's
 * proof) or by the staff; a dossier with a complaint and a dissatisfied rating, or two complaints, counts once.
 */
const clock = testClock('2026-03-03T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session;
let ministry: Session;
let hanoi: Session;

type Dossier = DossierDetail & { ratingToken: string | null };

beforeAll(async () => {
  ctx = await createTestApp({ clock, isolated: true });
  [baDinh, ministry, hanoi] = await Promise.all([
    signIn(ctx.app, 'commune-00025'),
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'province-01'),
  ]);
});
afterAll(() => ctx.close());

async function finished() {
  const res = await baDinh.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Lê Thị Hoa',
  });
  expect(res.statusCode).toBe(201);
  const d = res.json() as Dossier;
  for (const action of ['start_processing', 'complete'])
    expect((await baDinh.send('POST', `/api/dossiers/${d.id}/transitions`, { action })).statusCode).toBe(200);
  return d;
}

const publicPost = (url: string, payload: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url,
    payload,
    remoteAddress: `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
const complain = (d: Dossier, body: Record<string, unknown>) =>
  publicPost(`/api/public/dossiers/${d.receiptCode}/complaints`, body);
const rate = (d: Dossier, rating: string) =>
  publicPost(`/api/public/dossiers/${d.receiptCode}/rating`, { rating, token: d.ratingToken });

async function board() {
  const res = await baDinh.get('/api/dashboards/dossiers?unit=00025&from=2026-03-01&to=2026-03-03');
  expect(res.statusCode).toBe(200);
  return (res.json() as Board).totals;
}

describe('complaints about a dossier, in the 766 satisfaction', () => {
  it('counts each dossier once with a complaint or a dissatisfied rating', async () => {
    const before = await board();
    const [a, b, c, d] = [await finished(), await finished(), await finished(), await finished()];

    // A: the citizen complains (with the receipt's code), then rates "not satisfied": one dossier
    expect((await complain(a, { text: 'Phải đi lại ba lần mới nhận được kết quả' })).statusCode).toBe(400);
    const guess = await complain(a, { text: 'Phải đi lại ba lần', token: '0123456789' });
    expect(guess.statusCode).toBe(403);
    const byCitizen = await complain(a, { text: 'Phải đi lại ba lần mới nhận được kết quả', token: a.ratingToken });
    expect(byCitizen.statusCode).toBe(201);
    expect(byCitizen.json()).toMatchObject({ source: 'citizen', text: 'Phải đi lại ba lần mới nhận được kết quả' });
    expect((await rate(a, 'not_satisfied')).statusCode).toBe(200);
    // B: rated "not satisfied" only
    expect((await rate(b, 'not_satisfied')).statusCode).toBe(200);
    // C: two complaints the staff recorded (brought to the counter): one dossier
    for (const text of ['Công dân phản ánh cán bộ hẹn sai ngày', 'Công dân gọi điện phản ánh lần hai']) {
      const r = await baDinh.send('POST', `/api/dossiers/${c.id}/complaints`, { text });
      expect(r.statusCode).toBe(201);
    }
    // the Ministry reads but records no complaint on a commune's dossier
    expect((await ministry.send('POST', `/api/dossiers/${c.id}/complaints`, { text: 'x' })).statusCode).toBe(403);
    // D: rated "very satisfied", no complaint
    expect((await rate(d, 'very_satisfied')).statusCode).toBe(200);

    const after = await board();
    expect(after.complainedOrDissatisfied - before.complainedOrDissatisfied).toBe(3); // A, B, C: not 5
    expect(after.ratings - before.ratings).toBe(3);
    expect(after.ratingsSatisfied - before.ratingsSatisfied).toBe(1);
    // the 766 figure: 100 % − (overdue rate + rate of dossiers with a complaint or a dislike)
    const dossiersOfPeriod = after.finished + after.inProgress;
    const late = after.finished - after.finishedOnTime + after.overdue;
    expect(after.handlingSatisfactionRate).toBe(
      Math.max(
        0,
        Math.round((1000 * (dossiersOfPeriod - late - after.complainedOrDissatisfied)) / dossiersOfPeriod) / 10,
      ),
    );
    expect(after.index766.caveats).toContain('satisfaction_handling_only');

    // the staff see the complaints of the dossier, oldest first; the timeline names them
    const list = await baDinh.get(`/api/dossiers/${c.id}/complaints`);
    expect(list.json()).toMatchObject({
      items: [
        { source: 'staff', text: 'Công dân phản ánh cán bộ hẹn sai ngày' },
        { source: 'staff', text: 'Công dân gọi điện phản ánh lần hai' },
      ],
    });
    const detail = (await baDinh.get(`/api/dossiers/${a.id}`)).json() as {
      events: { action: string; note: string | null }[];
    };
    expect(detail.events.map((e) => e.action)).toContain('complaint');
  });

  it('counts a complaint on a dossier still open, and not again when it is later rated "not satisfied"', async () => {
    const res = await baDinh.send('POST', '/api/dossiers', {
      procedureCode: '1.004873',
      channel: 'in_person',
      applicantName: 'Phạm Văn Nam',
    });
    const e = res.json() as Dossier;
    const before = await board();
    expect((await complain(e, { text: 'Chưa được hướng dẫn rõ', token: e.ratingToken })).statusCode).toBe(201);
    for (const action of ['start_processing', 'complete'])
      expect((await baDinh.send('POST', `/api/dossiers/${e.id}/transitions`, { action })).statusCode).toBe(200);
    expect((await rate(e, 'not_satisfied')).statusCode).toBe(200);
    const after = await board();
    expect(after.complainedOrDissatisfied - before.complainedOrDissatisfied).toBe(1);
  });
});

describe('the 766 transparency group, from the catalogue dates', () => {
  const index = async (s: Session, q: string) => {
    const res = await s.get(`/api/dashboards/dossiers?from=2026-03-01&to=2026-03-31${q}`);
    expect(res.statusCode).toBe(200);
    return res.json() as Board;
  };

  it('is not measured while no procedure of the period has its dates, then scores the share published on time', async () => {
    const before = (await index(hanoi, '')).totals.index766;
    expect(before.notMeasured).toContain('transparency');
    expect(before.publication).toBeNull();

    // Hà Nội publishes its versions of two procedures taking effect on Monday 9/3/2026: one on Monday 2/3 (5 working
    // days before: on time), one on Wednesday 4/3 (3 working days: late)
    const adjust = async (code: string, name: string, publishedOn: string) => {
      const res = await hanoi.send('POST', '/api/procedures?province=01', {
        code,
        validFrom: '2026-03-09',
        name,
        field: 'ho_tich',
        decisionLevel: 'commune',
        workingDays: 0,
        feeVnd: 0,
        online: true,
        boundaryFree: true,
        documents: ['Tờ khai'],
        publishedOn,
        effectiveOn: '2026-03-09',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ publishedOn, effectiveOn: '2026-03-09' });
    };
    await adjust('1.001193', 'Đăng ký khai sinh', '2026-03-02');
    await adjust('1.000656', 'Đăng ký khai tử', '2026-03-04');

    const province = await index(hanoi, '');
    const i = province.totals.index766;
    expect(i.publication).toEqual({ dated: 2, onTime: 1 });
    expect(i.groups.transparency).toBe(9); // 50 % of 18
    expect(i.notMeasured).not.toContain('transparency');
    expect(i.caveats).toContain('transparency_publication_only');
    expect(i.outOf).toBe(
      100 -
        i.notMeasured.reduce(
          (a, g) => a + { progress: 20, digitization: 22, online: 22, satisfaction: 18, transparency: 18 }[g],
          0,
        ),
    );
    // a commune of the province carries its province's publications
    expect(province.byUnit.find((u) => u.unitCode === '00025')?.index766.groups.transparency).toBe(9);
    const commune = (await index(baDinh, '&unit=00025')).totals.index766;
    expect(commune.groups.transparency).toBe(9);
    // another province published nothing dated: not measured there; the country counts Hà Nội's two
    const country = await index(ministry, '');
    expect(country.totals.index766.publication).toEqual({ dated: 2, onTime: 1 });
    expect(country.byUnit.find((u) => u.unitCode === '79')?.index766.notMeasured).toContain('transparency');
    expect(country.byUnit.find((u) => u.unitCode === '01')?.index766.groups.transparency).toBe(9);
    // a period in which none takes effect: not measured
    const february = (await hanoi.get('/api/dashboards/dossiers?from=2026-02-01&to=2026-02-28')).json() as Board;
    expect(february.totals.index766.notMeasured).toContain('transparency');
  });
});
