import { officialDateWords } from '../../../core/calendar/dates.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, signIn, testClock, type Session } from '../../../../test/helpers.js';
import {
  buildFormModel,
  formProblem,
  viDuration,
  type Block,
  type DossierView,
  type FormModel,
  type FormNo,
} from './model.js';

const clock = testClock();
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội

/** Set FORMS_PDF_DIR to keep the PDFs these tests print (to look at them: pdftoppm -png -r 80). */
const keep = (name: string, res: LightMyRequestResponse) => {
  const dir = process.env.FORMS_PDF_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), res.rawPayload);
};

const intake = (s: Session, body: Record<string, unknown> = {}) =>
  s.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Nguyễn Thị Lan',
    applicantIdNumber: '001190012345',
    applicantAddress: 'Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội',
    applicantPhone: '0912 345 678',
    ...body,
  });
const act = (s: Session, id: string, body: Record<string, unknown>) =>
  s.send('POST', `/api/dossiers/${id}/transitions`, body);
const form = (s: Session, id: string, no: string, query = '') => s.get(`/api/dossiers/${id}/forms/${no}${query}`);

/** All the text a model prints, in order. */
const textOf = (m: FormModel) =>
  [
    m.header.parent,
    m.header.issuer,
    m.header.placeDate,
    m.title,
    ...m.body.flatMap((b: Block) =>
      b.kind === 'para'
        ? [b.runs.map((r) => r.text).join('')]
        : b.kind === 'table'
          ? b.rows.flat()
          : b.kind === 'signatures'
            ? b.columns.map((c) => c.title)
            : [],
    ),
  ].join('\n');

const expectPdf = (res: LightMyRequestResponse, filename: string) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toBe(`inline; filename="${filename}"`);
  expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
};

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ngocHa] = await Promise.all([signIn(ctx.app, 'commune-00004'), signIn(ctx.app, 'commune-00008')]);
});
afterAll(() => ctx.close());

describe('printable forms', () => {
  it('prints the receipt and appointment slip (01) with the receipt code, the documents and the due date', async () => {
    clock.set('2027-06-07T09:15:00+07:00'); // Monday (after the demo data); 3 working days → Thursday 10/6
    const d = (await intake(baDinh)).json() as { id: string; receiptCode: string };
    const res = await form(baDinh, d.id, '01');
    expectPdf(res, `${d.receiptCode}-mau-01.pdf`);
    keep('mau-01.pdf', res);

    // the pure builder, fed the dossier as the API shows it
    const view = (await baDinh.get(`/api/dossiers/${d.id}`)).json() as DossierView;
    const procedure = {
      code: '1.004873',
      name: 'Cấp bản sao có chứng thực',
      documents: ['Bản chính giấy tờ', 'Bản sao cần chứng thực'],
    };
    const units = {
      '00004': { code: '00004', level: 'commune' as const, name: 'Ba Đình', fullName: 'Phường Ba Đình' },
    };
    const model = buildFormModel({ form: '01', dossier: view, procedure, units, printedAt: clock.now() });
    const text = textOf(model);
    expect(model.title).toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(model.header).toEqual({
      parent: 'UBND PHƯỜNG BA ĐÌNH',
      issuer: 'TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG',
      placeDate: 'Ba Đình, ngày 07 tháng 6 năm 2027',
    });
    expect(text).toContain(`Mã hồ sơ: ${d.receiptCode}`);
    expect(text).toContain('Ông/Bà: Nguyễn Thị Lan');
    expect(text).toContain('1) Bản chính giấy tờ');
    expect(text).toContain('09 giờ 15 phút, ngày 07/06/2027');
    expect(text).toContain('ngày 10/06/2027');
    expect(model.qr).toBe(`${d.receiptCode}|1.004873|2027-06-10`);
    expect(text).toContain('Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc');
    // a same-day procedure (a time limit of 0 working days) is printed in words, not as "0 ngày làm việc"
    const sameDay = textOf(
      buildFormModel({ form: '01', dossier: { ...view, workingDays: 0 }, procedure, units, printedAt: clock.now() }),
    );
    expect(sameDay).toContain('Thời gian giải quyết hồ sơ theo quy định: giải quyết trong ngày');
    expect(sameDay).not.toContain('0 ngày làm việc');
  });

  it('prints 02, 03, 04 and 05 once the dossier has reached them, and refuses them before (409)', async () => {
    clock.set('2027-06-14T10:00:00+07:00'); // Monday; due Thursday 17/6
    const d = (await intake(baDinh)).json() as { id: string; receiptCode: string };

    const noApology = await form(baDinh, d.id, '04');
    expect(noApology.statusCode).toBe(409);
    expect(noApology.json().error).toMatchObject({
      code: 'form_not_applicable',
      message: expect.stringContaining('Mẫu 04'),
    });
    expect((await form(baDinh, d.id, '04', '?lang=en')).json().error.message).toContain('No Form 04');
    expect((await form(baDinh, d.id, '03')).statusCode).toBe(409);
    expect((await form(baDinh, d.id, '02')).statusCode).toBe(409);

    await act(baDinh, d.id, { action: 'start_processing' });
    clock.set('2027-06-15T14:30:00+07:00');
    expect(
      (
        await baDinh.send('POST', `/api/dossiers/${d.id}/apology`, {
          newDueDate: '2027-06-22',
          reason: 'Chờ kết quả xác minh từ Ủy ban nhân dân xã Sóc Sơn',
        })
      ).statusCode,
    ).toBe(200);
    const apology = await form(baDinh, d.id, '04');
    expectPdf(apology, `${d.receiptCode}-mau-04.pdf`);
    keep('mau-04.pdf', apology);

    clock.set('2027-06-16T08:45:00+07:00');
    await act(baDinh, d.id, {
      action: 'request_supplement',
      note: 'Bổ sung bản sao Giấy khai sinh có chứng thực và ảnh 4x6 chụp trong vòng 6 tháng.',
    });
    const supplement = await form(baDinh, d.id, '02');
    expectPdf(supplement, `${d.receiptCode}-mau-02.pdf`);
    keep('mau-02.pdf', supplement);

    clock.set('2027-06-17T16:20:00+07:00');
    await act(baDinh, d.id, {
      action: 'refuse',
      note: 'Giấy tờ nộp bổ sung không đúng với yêu cầu; hồ sơ không đủ điều kiện giải quyết theo quy định.',
    });
    const refusal = await form(baDinh, d.id, '03');
    expectPdf(refusal, `${d.receiptCode}-mau-03.pdf`);
    keep('mau-03.pdf', refusal);

    const control = await form(baDinh, d.id, '05');
    expectPdf(control, `${d.receiptCode}-mau-05.pdf`);
    keep('mau-05.pdf', control);

    // 01 still prints: the dossier had an appointment, now moved by the apology
    expectPdf(await form(baDinh, d.id, '01'), `${d.receiptCode}-mau-01.pdf`);
  });

  it("keeps another commune's users out and refuses an unknown form", async () => {
    clock.set('2027-06-08T09:00:00+07:00');
    const d = (await intake(baDinh, { applicantName: 'Lê Văn Hùng' })).json() as { id: string };
    expect((await form(ngocHa, d.id, '01')).statusCode).toBe(403);
    expect((await form(ngocHa, d.id, '05')).statusCode).toBe(403);
    expect((await form(baDinh, d.id, '06')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/dossiers/${d.id}/forms/01` })).statusCode).toBe(401);
  });
});

describe('form rules and wording', () => {
  const view = (over: Partial<DossierView>) =>
    ({ originalDueDate: null, apologyIssuedAt: null, events: [], ...over }) as Pick<
      DossierView,
      'originalDueDate' | 'apologyIssuedAt' | 'events'
    >;
  const ev = (action: string, toStatus: string) => ({
    at: '2026-04-01T03:00:00.000Z',
    actorUsername: 'x',
    actor: null,
    action,
    fromStatus: null,
    toStatus,
    unitCode: '00004',
    toUnitCode: null,
    note: null,
    minutesUntilNext: 0,
  });

  it('fits each form to the state of the dossier', () => {
    const none = view({});
    expect((['01', '02', '03', '04', '05'] as FormNo[]).map((f) => formProblem(f, none))).toEqual([
      'form_no_receipt',
      'form_no_supplement',
      'form_no_refusal',
      'form_no_apology',
      null,
    ]);
    expect(formProblem('02', view({ events: [ev('receive', 'supplement_requested')] }))).toBeNull(); // incomplete at the counter
    expect(formProblem('02', view({ events: [ev('receive', 'received')] }))).toBe('form_no_supplement');
    expect(formProblem('03', view({ events: [ev('refuse', 'not_accepted')] }))).toBeNull();
  });

  it('writes dates as Decree 30/2020 does, and time slices in words', () => {
    expect(officialDateWords('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(officialDateWords('2026-11-20')).toBe('ngày 20 tháng 11 năm 2026');
    expect(officialDateWords('2026-07-05')).toBe('ngày 05 tháng 7 năm 2026');
    expect([viDuration(15), viDuration(90), viDuration(60 * 24 * 2 + 180)]).toEqual([
      '15 phút',
      '1 giờ 30 phút',
      '2 ngày 3 giờ',
    ]);
  });
});
