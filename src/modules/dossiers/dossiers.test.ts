import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock();
let ctx: Awaited<ReturnType<typeof createTestApp>>;
// Giảng Võ works without personal accounts (the old way: its account takes every step); Ba Đình works in steps
// (src/modules/dossiers/steps.test.ts).
let baDinh: Session; // commune 00025 (Giảng Võ), Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội
let hanoi: Session; // province 01
let hcm: Session; // province 79
let ministry: Session;

type Dossier = {
  id: string;
  receiptCode: string;
  status: string;
  dueDate: string | null;
  handlingUnitCode: string;
  overdue: boolean;
  version: number;
  allowedActions: string[];
  receivedAt: string;
};

const intake = (s: Session, body: Record<string, unknown> = {}) =>
  s.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Nguyễn Thị Lan',
    applicantIdNumber: '001190012345',
    ...body,
  });
const act = (s: Session, id: string, body: Record<string, unknown>) =>
  s.send('POST', `/api/dossiers/${id}/transitions`, body);

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ngocHa, hanoi, hcm, ministry] = await Promise.all([
    signIn(ctx.app, 'commune-00025'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'ministry'),
  ]);
});
afterAll(() => ctx.close());

describe('intake', () => {
  it('gives an official receipt code and a due date in working days', async () => {
    clock.set('2026-03-02T10:00:00+07:00'); // Monday
    const r = await intake(baDinh);
    expect(r.statusCode).toBe(201);
    const d = r.json() as Dossier;
    expect(d.receiptCode).toMatch(/^T01\.X00025-260302-\d{4}$/);
    expect(d.status).toBe('received');
    expect(d.dueDate).toBe('2026-03-05'); // 3 working days: Tue, Wed, Thu
  });

  it('keeps receipt codes unique when many are received at once', async () => {
    clock.set('2026-03-03T09:00:00+07:00');
    const results = await Promise.all(Array.from({ length: 12 }, () => intake(baDinh)));
    const codes = results.map((r) => (r.json() as Dossier).receiptCode);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(codes).size).toBe(12);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    expect(seqs[seqs.length - 1]! - seqs[0]!).toBe(11); // consecutive: no gaps, no repeats
  });

  it('makes one dossier when a bad connection repeats the submission', async () => {
    clock.set('2026-03-04T09:00:00+07:00');
    const key = `intake-${Math.random().toString(36).slice(2)}`;
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { cookie: baDinh.cookie, 'x-csrf-token': baDinh.csrfToken, 'idempotency-key': key },
        payload: { procedureCode: '1.001193', channel: 'in_person', applicantName: 'Trần Văn Bình' },
      });
    const a = (await send()).json() as Dossier;
    const b = (await send()).json() as Dossier;
    expect(b.id).toBe(a.id);
    const found = (await baDinh.get(`/api/dossiers?q=${a.receiptCode}`)).json() as { total: number };
    expect(found.total).toBe(1);
  });

  it("lists what the table shows, and keeps the applicant's papers and phone on the dossier's own page", async () => {
    clock.set('2026-03-04T09:30:00+07:00');
    const d = (
      await intake(baDinh, {
        applicantName: 'Lê Thị Hoa',
        applicantPhone: '0912345678',
        applicantAddress: 'Số 1 Đội Cấn',
      })
    ).json() as Dossier;
    const page = (await baDinh.get(`/api/dossiers?q=${d.receiptCode}`)).json() as { items: Record<string, unknown>[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: d.id,
      receiptCode: d.receiptCode,
      applicantName: 'Lê Thị Hoa',
      status: 'received',
      dueDate: d.dueDate,
      overdue: false,
      receivedAt: d.receivedAt,
    });
    for (const hidden of ['applicantIdNumber', 'applicantPhone', 'applicantAddress', 'allowedActions'])
      expect(page.items[0]).not.toHaveProperty(hidden);
    const full = (await baDinh.get(`/api/dossiers/${d.id}`)).json() as Dossier;
    expect(full).toMatchObject({
      applicantIdNumber: '001190012345',
      applicantPhone: '0912345678',
      applicantAddress: 'Số 1 Đội Cấn',
    });
  });

  it('receives for another commune of the province only for boundary-free procedures', async () => {
    clock.set('2026-03-04T10:00:00+07:00');
    const ok = await intake(baDinh, { handlingUnitCode: '00008' });
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as Dossier).handlingUnitCode).toBe('00008');
    const residence = await intake(baDinh, { procedureCode: '1.004194', handlingUnitCode: '00008' });
    expect(residence.statusCode).toBe(400);
    expect(residence.json().error).toMatchObject({ code: 'not_boundary_free', field: 'receivingUnitCode' });
    const otherProvince = await intake(baDinh, { handlingUnitCode: '25747' });
    expect(otherProvince.statusCode).toBe(400);
    expect(otherProvince.json().error.field).toBe('handlingUnitCode');
    const noName = await baDinh.send('POST', '/api/dossiers', { procedureCode: '1.004873', channel: 'in_person' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.field).toBe('applicantName');
  });
});

describe('the procedure catalogue', () => {
  it('lets a province shorten a time limit from a date, for its own communes only', async () => {
    // A procedure no other test uses: on a shared server database the change is seen by every test file.
    const adjust = (s: Session) =>
      s.send('POST', '/api/procedures', {
        code: '1.004859',
        validFrom: '2026-07-01',
        name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
        field: 'ho_tich',
        decisionLevel: 'commune',
        workingDays: 2,
        feeVnd: 0,
        online: true,
        boundaryFree: true,
        documents: ['Tờ khai'],
      });
    expect((await adjust(baDinh)).statusCode).toBe(403);
    const r = await adjust(hanoi);
    expect([201, 400]).toContain(r.statusCode); // 400 when a shared server database already holds this version
    clock.set('2026-07-06T09:00:00+07:00'); // Monday
    expect(((await intake(baDinh, { procedureCode: '1.004859' })).json() as Dossier).dueDate).toBe('2026-07-08');
    clock.set('2026-06-01T09:00:00+07:00'); // before the change: the national 3 days
    expect(((await intake(baDinh, { procedureCode: '1.004859' })).json() as Dossier).dueDate).toBe('2026-06-04');
    const hcmList = (await hcm.get('/api/procedures')).json() as { items: { code: string; workingDays: number }[] };
    expect(hcmList.items.find((p) => p.code === '1.004859')?.workingDays).toBe(3);
  });
});

describe('same-day procedures (0 working days, ruling H)', () => {
  type Procedure = { code: string; workingDays: number };
  it('lists birth and death registration, extracts and certification of copies and signatures as same-day', async () => {
    const list = (await baDinh.get('/api/procedures')).json() as { items: Procedure[] };
    const days = (code: string) => list.items.find((p) => p.code === code)?.workingDays;
    for (const code of ['1.001193', '1.000656', '2.000635', '2.000815', '2.000884']) expect(days(code)).toBe(0);
    expect(days('2.001035')).toBe(2); // contracts: up to 2 working days
  });

  it('is due the day of receipt, or the next working day when received after 15:00', async () => {
    clock.set('2026-03-09T10:00:00+07:00'); // Monday
    expect(((await intake(baDinh, { procedureCode: '2.000815' })).json() as Dossier).dueDate).toBe('2026-03-09');
    clock.set('2026-03-09T15:30:00+07:00');
    expect(((await intake(baDinh, { procedureCode: '2.000815' })).json() as Dossier).dueDate).toBe('2026-03-10');
    clock.set('2026-03-13T16:00:00+07:00'); // Friday after 15:00 → Monday
    expect(((await intake(baDinh, { procedureCode: '1.001193' })).json() as Dossier).dueDate).toBe('2026-03-16');
  });

  it('accepts a time limit of 0 in a province version, and refuses a negative one naming the field', async () => {
    const version = (workingDays: number) =>
      hcm.send('POST', '/api/procedures', {
        code: '2.000884',
        validFrom: '2031-01-01',
        name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
        field: 'chung_thuc',
        decisionLevel: 'commune',
        workingDays,
        feeVnd: 10000,
        online: false,
        boundaryFree: true,
        documents: ['Giấy tờ cần chứng thực chữ ký'],
      });
    const bad = await version(-1);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('workingDays');
    const ok = await version(0);
    if (ok.statusCode === 400)
      expect(ok.json().error.field).not.toBe('workingDays'); // already held (shared server)
    else expect(ok.statusCode).toBe(201);
  });

  it('counts after 15:00 from the next working day as day one: Friday 15:30 with 3 days is due Wednesday', async () => {
    clock.set('2026-03-13T15:30:00+07:00');
    expect(((await intake(baDinh)).json() as Dossier).dueDate).toBe('2026-03-18');
    clock.set('2026-03-14T09:00:00+07:00'); // Saturday: Monday 16/3 is day one
    expect(((await intake(baDinh)).json() as Dossier).dueDate).toBe('2026-03-18');
  });
});

describe('supplement requests (Decree 61/2018 Art. 19: within 3 working days of receipt)', () => {
  type Supplemented = Dossier & {
    supplementCount: number;
    supplementDueDate: string | null;
    lateSupplementCount: number;
  };
  it('records a request after the third working day as late; on time is still the 766 rule (brief §B)', async () => {
    clock.set('2026-03-16T10:00:00+07:00'); // Monday: the last day to ask is Thursday 19/3
    const onTime = (await intake(baDinh)).json() as Supplemented;
    const late = (await intake(baDinh)).json() as Supplemented;
    expect(onTime.supplementDueDate).toBe('2026-03-19');
    clock.set('2026-03-19T14:00:00+07:00');
    let r = (await act(baDinh, onTime.id, { action: 'request_supplement' })).json() as Supplemented;
    expect([r.supplementCount, r.lateSupplementCount]).toEqual([1, 0]);
    clock.set('2026-03-20T09:00:00+07:00'); // Friday: a day too late, still allowed
    r = (await act(baDinh, late.id, { action: 'request_supplement' })).json() as Supplemented;
    expect([r.status, r.supplementCount, r.lateSupplementCount]).toEqual(['supplement_requested', 1, 1]);
    clock.set('2026-03-23T09:00:00+07:00');
    for (const d of [onTime, late]) await act(baDinh, d.id, { action: 'supplement_received' });
    clock.set('2026-03-24T09:00:00+07:00'); // well within the restarted time limit
    expect(((await act(baDinh, onTime.id, { action: 'complete' })).json() as Dossier).overdue).toBe(false);
    // on time if it ends by its (restarted) due date and had no more than one request: the brief names no other
    // cause, so the late request is recorded and shown, not counted as overdue (the review of 2026-12-07)
    expect(((await act(baDinh, late.id, { action: 'complete' })).json() as Dossier).overdue).toBe(false);
  });

  it('does not count guidance at the counter before receipt (Form 02) as a supplement round', async () => {
    clock.set('2026-03-16T09:00:00+07:00');
    const d = (await intake(baDinh, { complete: false })).json() as Supplemented;
    expect([d.status, d.supplementCount]).toEqual(['supplement_requested', 0]);
    clock.set('2026-03-17T09:00:00+07:00'); // the complete dossier is received: the clock starts
    let r = (await act(baDinh, d.id, { action: 'supplement_received' })).json() as Supplemented;
    expect([r.dueDate, r.supplementDueDate]).toEqual(['2026-03-20', '2026-03-20']);
    r = (await act(baDinh, d.id, { action: 'request_supplement' })).json() as Supplemented;
    expect(r.supplementCount).toBe(1);
    clock.set('2026-03-18T09:00:00+07:00');
    await act(baDinh, d.id, { action: 'supplement_received' });
    r = (await act(baDinh, d.id, { action: 'complete' })).json() as Supplemented;
    expect(r.overdue).toBe(false); // one round after receipt: not "more than one request"
  });

  it('does not count the check of an online registration before it is received', async () => {
    clock.set('2026-03-16T09:30:00+07:00');
    const d = (await intake(baDinh, { channel: 'online' })).json() as Supplemented;
    const r = (await act(baDinh, d.id, { action: 'request_supplement' })).json() as Supplemented;
    expect([r.status, r.supplementCount]).toEqual(['supplement_requested', 0]);
  });
});

describe('lifecycle', () => {
  it('walks from receipt to returned result with a supplement round, restarting the clock', async () => {
    clock.set('2026-03-02T10:00:00+07:00');
    const d = (await intake(baDinh)).json() as Dossier;
    let r = (await act(baDinh, d.id, { action: 'start_processing' })).json() as Dossier;
    expect(r.status).toBe('in_processing');
    r = (await act(baDinh, d.id, { action: 'request_supplement', note: 'Thiếu bản sao CCCD' })).json() as Dossier;
    expect([r.status, r.dueDate]).toEqual(['supplement_requested', null]);
    clock.set('2026-03-10T16:00:00+07:00'); // after 15:00: Wednesday 11/3 is day one of 3
    r = (await act(baDinh, d.id, { action: 'supplement_received' })).json() as Dossier;
    expect([r.status, r.dueDate]).toEqual(['in_processing', '2026-03-13']);
    clock.set('2026-03-13T09:00:00+07:00');
    r = (await act(baDinh, d.id, { action: 'complete' })).json() as Dossier;
    expect(r.status).toBe('processed');
    r = (await act(baDinh, d.id, { action: 'return_result' })).json() as Dossier;
    expect(r.status).toBe('returned');
    expect(r.overdue).toBe(false);

    const pub = await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${d.receiptCode}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      receiptCode: d.receiptCode,
      status: 'returned',
      dueDate: '2026-03-13',
      canRate: true,
    });
    expect(pub.body).not.toContain('Nguyễn Thị Lan');
    expect(pub.body).not.toContain('001190012345');
    const rate = () =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/dossiers/${d.receiptCode}/rating`,
        payload: { rating: 'very_satisfied', comment: 'Nhanh, chu đáo', idDigits: '2345' },
      });
    expect((await rate()).statusCode).toBe(200);
    expect((await rate()).statusCode).toBe(409);

    const full = (await baDinh.get(`/api/dossiers/${d.id}`)).json() as { events: { action: string }[] };
    expect(full.events.map((e) => e.action)).toEqual([
      'receive',
      'start_processing',
      'request_supplement',
      'supplement_received',
      'complete',
      'return_result',
      'rate',
    ]);
  });

  it('refuses an illegal step, saying which steps are allowed', async () => {
    clock.set('2026-03-05T09:00:00+07:00');
    const d = (await intake(baDinh)).json() as Dossier;
    const r = await act(baDinh, d.id, { action: 'return_result' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('illegal_transition');
    // the steps in words, as the page's buttons and the log say them, never the program's codes
    expect(r.json().error.message).toBe(
      'Không thể «Trả kết quả» khi hồ sơ đang ở trạng thái «Đã tiếp nhận». Thao tác được phép: ' +
        r.json().error.message.split('Thao tác được phép: ')[1],
    );
    expect(r.json().error.message).toContain('Bắt đầu xử lý');
    expect(r.json().error.message).not.toMatch(/start_processing|return_result|received/);
    const unknown = await act(baDinh, d.id, { action: 'teleport' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('action');
  });

  it('refuses a step based on a stale copy (someone else acted first)', async () => {
    clock.set('2026-03-05T09:30:00+07:00');
    const d = (await intake(baDinh)).json() as Dossier;
    expect((await act(baDinh, d.id, { action: 'start_processing', version: d.version })).statusCode).toBe(200);
    const stale = await act(baDinh, d.id, { action: 'request_supplement', version: d.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('transfers to the competent commune and logs the hand-over', async () => {
    clock.set('2026-03-05T10:00:00+07:00');
    const d = (await intake(baDinh)).json() as Dossier;
    clock.set('2026-03-05T11:30:00+07:00');
    const t = (
      await act(baDinh, d.id, { action: 'transfer', toUnitCode: '00008', note: 'Chuyển đơn vị có thẩm quyền' })
    ).json() as Dossier;
    expect(t.handlingUnitCode).toBe('00008');
    expect((await act(ngocHa, d.id, { action: 'start_processing' })).statusCode).toBe(200);
    const full = (await ngocHa.get(`/api/dossiers/${d.id}`)).json() as {
      events: { action: string; unitCode: string; toUnitCode: string | null; minutesUntilNext: number }[];
    };
    const handOver = full.events.find((e) => e.action === 'transfer')!;
    expect([handOver.unitCode, handOver.toUnitCode]).toEqual(['00025', '00008']);
    expect(full.events[0]!.minutesUntilNext).toBe(90); // Ba Đình held it 1 h 30
    expect((await act(hcm, d.id, { action: 'complete' })).statusCode).toBe(403);
    expect((await act(baDinh, d.id, { action: 'transfer', toUnitCode: '25747' })).statusCode).toBe(403);
  });
});

describe('late dossiers', () => {
  it('takes one apology with a new date, at least one day before the deadline, and counts the end against it', async () => {
    clock.set('2026-03-09T09:00:00+07:00'); // Monday; due Thursday 12/3
    const d = (await intake(baDinh)).json() as Dossier;
    expect(d.dueDate).toBe('2026-03-12');
    const warned = async () =>
      ((await baDinh.get('/api/dossiers/apology-warnings')).json() as { items: { id: string }[] }).items.map(
        (x) => x.id,
      );
    clock.set('2026-03-09T14:00:00+07:00'); // Monday: two working days before the last chance, no warning yet
    expect(await warned()).not.toContain(d.id);
    clock.set('2026-03-10T09:00:00+07:00'); // Tuesday: the day before the last chance, warned in time
    expect(await warned()).toContain(d.id);
    clock.set('2026-03-11T09:00:00+07:00'); // Wednesday: the last day to apologise
    expect(await warned()).toContain(d.id);
    const earlier = await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, {
      newDueDate: '2026-03-10',
      reason: 'x',
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().error.field).toBe('newDueDate');
    // a Saturday is not a working day: the office would not be open to return the result
    const saturday = await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, {
      newDueDate: '2026-03-14',
      reason: 'Chờ xác minh từ địa phương khác',
    });
    expect(saturday.statusCode).toBe(400);
    expect(saturday.json().error).toMatchObject({ code: 'apology_date_not_working_day', field: 'newDueDate' });
    expect(saturday.json().error.message).toContain('ngày làm việc');
    const ok = await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, {
      newDueDate: '2026-03-17',
      reason: 'Chờ xác minh từ địa phương khác',
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as Dossier).dueDate).toBe('2026-03-17');
    const again = await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, { newDueDate: '2026-03-20', reason: 'x' });
    expect(again.json().error.code).toBe('apology_already_issued');
    clock.set('2026-03-18T09:00:00+07:00');
    const done = (await act(baDinh, d.id, { action: 'complete' })).json() as Dossier;
    expect(done.overdue).toBe(true);
  });

  it('refuses an apology on the deadline day itself', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    const d = (await intake(baDinh)).json() as Dossier;
    clock.set('2026-03-12T08:00:00+07:00');
    const warned = (
      (await baDinh.get('/api/dossiers/apology-warnings')).json() as { items: { id: string }[] }
    ).items.map((x) => x.id);
    expect(warned).not.toContain(d.id); // too late to apologise: no longer listed as one to do
    const r = await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, { newDueDate: '2026-03-19', reason: 'x' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('apology_too_late');
  });
});

describe('scope', () => {
  it("keeps another commune's and another province's users out", async () => {
    clock.set('2026-03-06T09:00:00+07:00');
    const d = (await intake(baDinh, { applicantName: 'Phạm Minh Tâm' })).json() as Dossier;
    expect((await ngocHa.get(`/api/dossiers/${d.id}`)).statusCode).toBe(403);
    expect((await hcm.get(`/api/dossiers/${d.id}`)).statusCode).toBe(403);
    expect(
      (await ngocHa.send('POST', `/api/dossiers/${d.id}/transitions`, { action: 'start_processing' })).statusCode,
    ).toBe(403);
    const search = (await ngocHa.get(`/api/dossiers?q=${encodeURIComponent('Phạm Minh Tâm')}`)).json() as {
      total: number;
    };
    expect(search.total).toBe(0);
    const byCode = (await hcm.get(`/api/dossiers?q=${d.receiptCode}`)).json() as { total: number };
    expect(byCode.total).toBe(0);
    expect(((await hanoi.get(`/api/dossiers?q=${d.receiptCode}`)).json() as { total: number }).total).toBe(1);
    expect((await ngocHa.get('/api/dashboards/dossiers?unit=00025')).statusCode).toBe(403);
    expect((await hcm.get('/api/dashboards/dossiers/congestion?province=01')).statusCode).toBe(403);
  });
});

describe('digitization and the board', () => {
  it('keeps the checksum of a scan and counts digitization, online and on-time rates', async () => {
    clock.set('2027-05-03T09:00:00+07:00'); // a period no other test touches
    const a = (await intake(ngocHa)).json() as Dossier;
    const b = (await intake(ngocHa, { channel: 'online' })).json() as Dossier;
    const content = Buffer.from('%PDF-1.4 scanned page');
    // text that is not base64 is refused, not stored as the bytes Node's decoder makes of it (a probe, 2026-12-08)
    const garbage = await ngocHa.send('POST', `/api/dossiers/${a.id}/documents`, {
      kind: 'input',
      name: 'a.pdf',
      contentType: 'application/pdf',
      contentBase64: '!!!notbase64***',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error).toMatchObject({ field: 'contentBase64' });
    expect(garbage.json().error.message).toContain('base64');
    const doc = await ngocHa.send('POST', `/api/dossiers/${a.id}/documents`, {
      kind: 'input',
      name: 'to-khai.pdf',
      contentType: 'application/pdf',
      contentBase64: content.toString('base64'),
    });
    expect(doc.statusCode).toBe(201);
    expect(doc.json().sha256).toBe(createHash('sha256').update(content).digest('hex'));
    const full = (await ngocHa.get(`/api/dossiers/${a.id}`)).json() as {
      hasInputScan: boolean;
      documents: { name: string; sizeBytes: number }[];
    };
    expect(full.hasInputScan).toBe(true);
    expect(full.documents).toMatchObject([{ name: 'to-khai.pdf', sizeBytes: content.length }]);
    await act(ngocHa, b.id, { action: 'accept' });
    clock.set('2027-05-04T09:00:00+07:00');
    await act(ngocHa, a.id, { action: 'complete' });
    const board = (await ngocHa.get('/api/dashboards/dossiers?from=2027-05-01&to=2027-05-31')).json() as {
      totals: Record<string, number | null>;
    };
    expect(board.totals).toMatchObject({
      received: 2,
      receivedOnline: 1,
      receivedOfferedOnline: 2,
      onlineRate: 50,
      receivedDigitized: 2, // the online dossier is digital input (766)
      inputDigitizationRate: 100,
      digitizationRate: 66.7, // input and result: (2 + 0) ÷ (2 + 1)
      finished: 1,
      onTimeIncludesOpen: true,
    });
    // 766: over all the dossiers of the period, those still open within their time counting as on time (the
    // commune's backlog also holds what other tests left open, some of it overdue by now)
    const t = board.totals as Record<string, number>;
    expect(board.totals.onTimeRate).toBe(
      Math.round((1000 * (t.finishedOnTime! + t.inProgress! - t.overdue!)) / (t.finished! + t.inProgress!)) / 10,
    );
    const index = (board.totals as unknown as { index766: { notMeasured: string[]; caveats: string[] } }).index766;
    expect(index.notMeasured).toEqual(['transparency']);
    expect(index.caveats).toEqual(['satisfaction_handling_only']);
    // the index of each commune of the province, on its line of the province's board
    const lines = (await hanoi.get('/api/dashboards/dossiers?from=2027-05-01&to=2027-05-31')).json() as {
      byUnit: { unitCode: string; index766: { outOf: number; percent: number | null } }[];
    };
    expect(lines.byUnit.find((u) => u.unitCode === '00008')?.index766.outOf).toBe(82);
    expect(board.totals.inProgress).toBeGreaterThanOrEqual(1);
    // The country board reads the province roll-up; it must agree with the province's own board.
    const country = (await ministry.get('/api/dashboards/dossiers?from=2027-05-01&to=2027-05-31')).json() as {
      byUnit: { unitCode: string; received: number; finished: number }[];
    };
    const hanoiBoard = (await hanoi.get('/api/dashboards/dossiers?from=2027-05-01&to=2027-05-31')).json() as {
      totals: { received: number; finished: number };
      byUnit: { unitCode: string; received: number; finished: number; inProgress: number }[];
    };
    const fromRollUp = country.byUnit.find((u) => u.unitCode === '01')!;
    expect([fromRollUp.received, fromRollUp.finished]).toEqual([
      hanoiBoard.totals.received,
      hanoiBoard.totals.finished,
    ]);
    // The province board's line for a commune (the units' day totals) agrees with the commune's own board.
    const ngocHaLine = hanoiBoard.byUnit.find((u) => u.unitCode === '00008')!;
    expect([ngocHaLine.received, ngocHaLine.finished, ngocHaLine.inProgress]).toEqual([
      board.totals.received,
      board.totals.finished,
      board.totals.inProgress,
    ]);
    expect(fromRollUp.received).toBeGreaterThanOrEqual(2);
  });

  it('counts the 766 online rate over the dossiers of procedures offered online, on every board', async () => {
    clock.set('2027-08-03T09:00:00+07:00'); // a period no other test touches
    // certification of a signature is done at the counter only (not offered online): it does not lower the rate
    await intake(ngocHa, { procedureCode: '2.000884' });
    await intake(ngocHa, { channel: 'online' });
    await intake(ngocHa);
    const q = '?from=2027-08-01&to=2027-08-31';
    const mine = (await ngocHa.get(`/api/dashboards/dossiers${q}`)).json() as { totals: Record<string, unknown> };
    expect(mine.totals).toMatchObject({ received: 3, receivedOnline: 1, receivedOfferedOnline: 2, onlineRate: 50 });
    // the province's line for the commune and the country's line for the province read the roll-ups
    const province = (await hanoi.get(`/api/dashboards/dossiers${q}`)).json() as {
      byUnit: { unitCode: string; onlineRate: number | null }[];
    };
    expect(province.byUnit.find((u) => u.unitCode === '00008')?.onlineRate).toBe(50);
    const country = (await ministry.get(`/api/dashboards/dossiers${q}`)).json() as {
      byUnit: { unitCode: string; receivedOfferedOnline: number; receivedOnline: number }[];
    };
    const hn = country.byUnit.find((u) => u.unitCode === '01')!;
    expect(hn.receivedOfferedOnline).toBeGreaterThanOrEqual(2);
    expect(hn.receivedOfferedOnline).toBeLessThan(
      (province as unknown as { totals: { received: number } }).totals.received,
    );
  });
});

describe('the live backlog', () => {
  // What the boards count, recomputed from the dossiers in the same statement (one snapshot), compared with the
  // counts every action keeps: rows missing or extra on either side are listed.
  const backlogDrift = () =>
    ctx.database.rows<Record<string, unknown>>(sql`
      WITH recount AS (
        SELECT province_code, handling_unit_code AS unit_code, coalesce(due_date, 'infinity') AS due_date,
               status IN ('registered', 'received') AS queue, count(*)::int AS open
        FROM dossiers WHERE finished_at IS NULL GROUP BY 1, 2, 3, 4),
      kept AS (SELECT province_code, unit_code, due_date, queue, open FROM dossier_backlog),
      province AS (SELECT province_code, due_date, queue, sum(open)::int AS open FROM recount GROUP BY 1, 2, 3),
      kept_province AS (SELECT province_code, due_date, queue, open FROM dossier_province_backlog)
      SELECT 'unit, not kept' AS side, * FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) a
      UNION ALL SELECT 'unit, kept wrongly', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) b
      UNION ALL SELECT 'province, not kept', province_code, NULL, due_date, queue, open
        FROM (SELECT * FROM province EXCEPT SELECT * FROM kept_province) c
      UNION ALL SELECT 'province, kept wrongly', province_code, NULL, due_date, queue, open
        FROM (SELECT * FROM kept_province EXCEPT SELECT * FROM province) d`);

  it('counts every open dossier where it stands after intake, supplements, transfer, apology and the end, also concurrently', async () => {
    clock.set('2027-06-01T09:00:00+07:00'); // Tuesday, a period no other test touches
    const inPerson = (await intake(baDinh)).json() as Dossier;
    const online = (await intake(baDinh, { channel: 'online' })).json() as Dossier;
    const incomplete = (await intake(baDinh, { complete: false })).json() as Dossier;
    expect([inPerson.status, online.status, incomplete.status]).toEqual([
      'received',
      'registered',
      'supplement_requested',
    ]);
    expect((await act(baDinh, online.id, { action: 'accept' })).statusCode).toBe(200);
    expect((await act(baDinh, inPerson.id, { action: 'request_supplement' })).statusCode).toBe(200);
    expect((await act(baDinh, incomplete.id, { action: 'supplement_received' })).statusCode).toBe(200);
    expect((await act(baDinh, incomplete.id, { action: 'transfer', toUnitCode: '00008' })).statusCode).toBe(200);
    expect((await act(ngocHa, incomplete.id, { action: 'request_payment' })).statusCode).toBe(200);
    expect((await act(ngocHa, incomplete.id, { action: 'payment_received' })).statusCode).toBe(200);
    clock.set('2027-06-02T09:00:00+07:00');
    expect(
      (
        await baDinh.send('POST', `/api/dossiers/${online.id}/apology`, {
          newDueDate: '2027-06-15',
          reason: 'Cần xác minh thêm',
        })
      ).statusCode,
    ).toBe(200);
    expect((await act(ngocHa, incomplete.id, { action: 'complete' })).statusCode).toBe(200);
    // Ten intakes and then ten steps at once, all on the same counts (same unit, same due date).
    const many = await Promise.all(Array.from({ length: 10 }, () => intake(baDinh)));
    expect(many.every((r) => r.statusCode === 201)).toBe(true);
    const steps = await Promise.all(
      many.map((r, i) => act(baDinh, (r.json() as Dossier).id, { action: i % 2 ? 'start_processing' : 'complete' })),
    );
    expect(steps.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(await backlogDrift()).toEqual([]);
    // What the commune's board shows comes from those counts.
    const board = (await baDinh.get('/api/dashboards/dossiers?from=2027-06-01&to=2027-06-30')).json() as {
      today: string;
      totals: { inProgress: number; queue: number };
    };
    const [open] = await ctx.database.rows<{ n: number; queue: number }>(
      sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE status IN ('registered', 'received')))::int AS queue
          FROM dossiers WHERE handling_unit_code = '00025' AND finished_at IS NULL`,
    );
    expect([board.totals.inProgress, board.totals.queue]).toEqual([open!.n, open!.queue]);
  });
});

describe('public look-up', () => {
  it('answers an unknown code with 404 and slows down a scraper', async () => {
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/dossiers/T01.X00025-260302-9999',
      remoteAddress: '10.0.0.9',
    });
    expect(unknown.statusCode).toBe(404);
    let last = 0;
    for (let i = 0; i < 40; i++)
      last = (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/public/dossiers/T01.X00025-260302-9998',
          remoteAddress: '10.0.0.10',
        })
      ).statusCode;
    expect(last).toBe(429);
    const other = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/dossiers/T01.X00025-260302-9998',
      remoteAddress: '10.0.0.11',
    });
    expect(other.statusCode).toBe(404);
  });
});
