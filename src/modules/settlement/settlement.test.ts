import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { auditEntriesOf } from '../audit/index.js';
import { pdfText } from '../../../test/pdf-text.js';

const clock = testClock('2025-08-05T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội
let hanoi: Session; // province 01
let hcm: Session; // province 79
let ministry: Session;

type Case = {
  id: string;
  code: string;
  status: string;
  version: number;
  benefitTotal: number;
  overrideAmount: number | null;
  actions: string[];
  steps: string[];
  benefit: { total: number; lines: { code: string; label: string; clause: string; months: number; amount: number }[] };
  corrections: { field: string; reason: string }[];
  events: { action: string }[];
};

// Worked by hand (see domain.test.ts): a man born 10/5/1966 (pension from 1/6/2028) leaving 1/8/2025, 34 months early,
// salary (4.98 + 0.3) × 2,340,000 + 25 % public service = 15,444,000, 30 years 4 months of social insurance:
// 525,096,000 + 154,440,000 + 181,467,000 = 861,003,000.
const proposal = (over: Record<string, unknown> = {}) => ({
  agency: '00004',
  fullName: 'Nguyễn Văn Bình',
  birthDate: '1966-05-10',
  sex: 'male',
  category: 'civil_servant',
  group: 'non_leader_staff',
  regime: 'early_retirement',
  salary: { coefficient: 4.98, leadershipCoefficient: 0.3, allowances: { publicService: true } },
  socialInsurance: { years: 30, months: 4 },
  lastThreeYears: ['good', 'good', 'completed'],
  restructuringDecisionNo: '1656/NQ-UBTVQH15',
  restructuringDecisionDate: '2025-07-01',
  leaveDate: '2025-08-01',
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ngocHa, hanoi, hcm, ministry] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'ministry'),
  ]);
});
afterAll(() => ctx.close());

describe('the calculator: what would I get', () => {
  it('answers every line with its clause, months and amount, storing nothing', async () => {
    const input = {
      regime: 'early_retirement',
      category: 'civil_servant',
      decisionDate: '2025-07-01',
      leaveDate: '2025-08-01',
      birthDate: '1966-05-10',
      sex: 'male',
      salary: { coefficient: 4.98, leadershipCoefficient: 0.3, allowances: { publicService: true } },
      socialInsurance: { years: 30, months: 4 },
    };
    const res = await baDinh.send('POST', '/api/settlement/calculate', input);
    expect(res.statusCode).toBe(200);
    const b = res.json() as Case['benefit'] & { monthlySalary: number; warnings: { message: string }[] };
    expect(b.monthlySalary).toBe(15_444_000);
    expect(b.total).toBe(861_003_000);
    expect(b.lines.map((l) => [l.months, l.amount])).toEqual([
      [34, 525_096_000],
      [10, 154_440_000],
      [11.75, 181_467_000],
    ]);
    expect(b.lines.every((l) => (l as unknown as { basis: number }).basis === 15_444_000)).toBe(true);
    expect(b.lines[0]!.label).toBe('Trợ cấp hưu trí một lần cho số tháng nghỉ sớm');
    // cited as a Vietnamese official writes it, the formula's numbers written the Vietnamese way
    expect(b.lines[0]!.clause).toBe('điểm a khoản 1 Điều 7 Nghị định số 178/2024/NĐ-CP');
    expect((b.lines[0] as unknown as { formula: string }).formula).toBe('1 × 15.444.000 × 34');
    expect(b.lines.map((l) => l.clause).join(' ')).not.toMatch(/Decree|Circular|Art\./);
    const parts = (b as unknown as { salary: { parts: { basis: string }[] } }).salary.parts;
    expect(parts[0]!.basis).toBe('4,98 × 2.340.000');
    // in English as English cites it
    const en = await baDinh.send('POST', '/api/settlement/calculate?lang=en', input);
    const enLine = (en.json() as { lines: { clause: string; formula: string }[] }).lines[0]!;
    expect(enLine.clause).toBe('Decree 178/2024/ND-CP Art. 7(1)(a)');
    expect(enLine.formula).toBe('1 × 15,444,000 × 34');
  });

  it('takes a monthly salary as it is, and a bare allowances coefficient', async () => {
    const res = await baDinh.send('POST', '/api/settlement/calculate?lang=en', {
      regime: 'quit',
      category: 'civil_servant',
      decisionDate: '2025-07-01',
      leaveDate: '2025-09-01',
      birthDate: '1980-02-02',
      sex: 'male',
      salary: { coefficient: 3, allowances: 0.5 },
      socialInsurance: { years: 12, months: 3 },
    });
    // (3 + 0.5) × 2,340,000 = 8,190,000; 0.8 × 60 + 1.5 × 12.5 + 3 = 69.75 months = 571,252,500
    expect(res.json()).toMatchObject({ monthlySalary: 8_190_000, total: 571_252_500 });
  });

  it('reads a bare allowances number above 20 as VND', async () => {
    const res = await baDinh.send('POST', '/api/settlement/calculate', {
      regime: 'quit',
      category: 'public_employee',
      decisionDate: '2025-07-01',
      leaveDate: '2025-09-01',
      retirementDate: '2045-01-01',
      salary: { coefficient: 3, allowances: 500_000 },
      socialInsurance: { years: 4, months: 0 },
    });
    // 3 × 2,340,000 + 500,000 = 7,520,000; 0.8 × 48 + 1.5 × 4 = 44.4 months = 333,888,000
    expect(res.json()).toMatchObject({ monthlySalary: 7_520_000, total: 333_888_000 });
  });

  it('answers 422 with the reason and the field when the regime does not allow the case', async () => {
    const res = await baDinh.send('POST', '/api/settlement/calculate?lang=en', {
      regime: 'quit',
      category: 'civil_servant',
      decisionDate: '2024-12-01',
      leaveDate: '2025-02-01',
      retirementDate: '2027-01-01',
      monthlySalary: 10_000_000,
      socialInsurance: { years: 20, months: 0 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'quit_under_two_years', field: 'leaveDate' } });
    expect(res.json().error.message).toMatch(/2 years or more.*23 months.*Art\. 9, 10/);
  });

  it('answers 400 naming the missing field', async () => {
    const res = await baDinh.send('POST', '/api/settlement/calculate', {
      regime: 'early_retirement',
      category: 'civil_servant',
      decisionDate: '2025-07-01',
      leaveDate: '2025-08-01',
      monthlySalary: 10_000_000,
      socialInsurance: { years: 30, months: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { field: 'birthDate' } });
  });
});

describe('a leaving case, from the proposal to the payment', () => {
  let c: Case;

  it('a commune proposes a case: the benefit is computed and stored with its lines and rule version', async () => {
    const res = await baDinh.send('POST', '/api/settlement/cases', proposal({ clientRef: 'bd-1' }));
    expect(res.statusCode).toBe(201);
    c = res.json() as Case;
    expect(c.status).toBe('proposed');
    expect(c.benefitTotal).toBe(861_003_000);
    expect(c.benefit.lines).toHaveLength(3);
    expect(c.actions).not.toContain('case.approve'); // a commune never approves its own cases
    // the rules it was computed under, in words: the page shows these, never the version's code
    const rules = (c as unknown as { rulesInWords: string }).rulesInWords;
    expect(rules).toContain('Nghị định số 178/2024/NĐ-CP');
    expect(rules).not.toContain((c as unknown as { ruleVersion: string }).ruleVersion);
    const again = await baDinh.send('POST', '/api/settlement/cases', proposal({ clientRef: 'bd-1' }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(c.id);
  });

  it('copies the values of a linked staff record; a changed value needs a reason and is recorded', async () => {
    const people = (await baDinh.get('/api/people?unit=00004&pageSize=5')).json() as {
      items: { id: string; fullName: string; birthDate: string; salaryCoefficient?: number | null }[];
    };
    const p = people.items[0]!;
    const linked = {
      ...proposal({ regime: 'quit', group: 'non_leader_staff', retirementDate: '2040-01-01' }),
      fullName: undefined,
      birthDate: undefined,
      sex: undefined,
      category: undefined,
      salary: undefined,
      monthlySalary: 9_000_000,
      personId: p.id,
    };
    const res = await baDinh.send('POST', '/api/settlement/cases', linked);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fullName: p.fullName, birthDate: p.birthDate, personId: p.id, corrections: [] });
    const changed = await baDinh.send('POST', '/api/settlement/cases', { ...linked, birthDate: '1980-01-01' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.field).toBe('correctionReason');
    const withReason = await baDinh.send('POST', '/api/settlement/cases', {
      ...linked,
      birthDate: '1980-01-01',
      correctionReason: 'Theo giấy khai sinh',
    });
    expect(withReason.statusCode).toBe(201);
    expect(withReason.json().corrections).toEqual([
      expect.objectContaining({
        field: 'birthDate',
        from: p.birthDate,
        to: '1980-01-01',
        reason: 'Theo giấy khai sinh',
      }),
    ]);
    const elsewhere = await ngocHa.send('POST', '/api/settlement/cases', { ...linked, agency: '00008' });
    expect(elsewhere.json().error.field).toBe('personId');
  });

  it('another commune neither sees nor touches it', async () => {
    expect((await ngocHa.get(`/api/settlement/cases/${c.id}`)).statusCode).toBe(403);
    const list = (await ngocHa.get('/api/settlement/cases?pageSize=500')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
    expect((await hcm.get(`/api/settlement/cases/${c.id}`)).statusCode).toBe(403);
  });

  it('refuses an ineligible case, saying why and citing the clause', async () => {
    const res = await baDinh.send('POST', '/api/settlement/cases?lang=en', proposal({ maternityOrYoungChild: true }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'ineligible', field: 'maternityOrYoungChild' });
    expect(res.json().error.message).toMatch(/child under 36 months/);
    const under2 = await baDinh.send(
      'POST',
      '/api/settlement/cases?lang=en',
      proposal({ regime: 'quit', birthDate: '1965-01-15' }),
    );
    expect(under2.statusCode).toBe(422);
    expect(under2.json().error.field).toBe('leaveDate');
    expect(under2.json().error.message).toMatch(/\(Decree 178\/2024\/ND-CP Art\. 9, 10\)\.$/);
    // in Vietnamese, the clause as an official cites it
    const vi = await baDinh.send(
      'POST',
      '/api/settlement/cases',
      proposal({ regime: 'quit', birthDate: '1965-01-15' }),
    );
    expect(vi.json().error.message).toMatch(/\(Điều 9, 10 Nghị định số 178\/2024\/NĐ-CP\)\.?$/);
    expect(vi.json().error.message).toContain('nghỉ hưu từ 01/08/2026');
    const child = await baDinh.send('POST', '/api/settlement/cases', proposal({ maternityOrYoungChild: true }));
    expect(child.json().error.message).toContain('khoản 2 Điều 3 Nghị định số 178/2024/NĐ-CP');
    expect(child.json().error.message).not.toMatch(/Decree|Art\./);
  });

  it('corrects a value with a reason: recomputed, recorded and audited', async () => {
    const res = await baDinh.send('PATCH', `/api/settlement/cases/${c.id}`, {
      version: c.version,
      reason: 'Sổ BHXH xác nhận 30 năm 8 tháng',
      socialInsurance: { years: 30, months: 8 },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json() as Case;
    // 30y8m → 31 years: (c) 4 + 0.5 × 16 = 12 months = 185,328,000 (was 181,467,000)
    expect(after.benefitTotal).toBe(861_003_000 - 181_467_000 + 185_328_000);
    expect(after.corrections).toEqual([
      expect.objectContaining({ field: 'siMonths', reason: 'Sổ BHXH xác nhận 30 năm 8 tháng' }),
    ]);
    c = after;
  });

  it('the commune cannot approve; the province approves, overrides with a reason, decides', async () => {
    const no = await baDinh.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'approve',
      version: c.version,
    });
    expect(no.statusCode).toBe(403);
    let res = await hanoi.send('POST', `/api/settlement/cases/${c.id}/steps`, { step: 'approve', version: c.version });
    expect(res.statusCode).toBe(200);
    c = res.json();
    expect(c.status).toBe('approved');
    res = await hanoi.send('POST', `/api/settlement/cases/${c.id}/override`, {
      version: c.version,
      amount: 860_000_000,
      reason: 'Trừ khoản tạm ứng đã nhận',
    });
    c = res.json();
    expect([c.overrideAmount, c.benefitTotal]).toEqual([860_000_000, 864_864_000]);
    const wrong = await hanoi.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'pay',
      version: c.version,
      paidOn: '2025-08-10',
      paidAmount: 1,
    });
    expect(wrong.statusCode).toBe(409);
    const noNumber = await hanoi.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'decide',
      version: c.version,
    });
    expect(noNumber.json().error.field).toBe('decisionNo');
    // a decision dated after today (5/8/2025) is not recorded: the payment could then never be dated (a probe)
    const later = await hanoi.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'decide',
      version: c.version,
      decisionNo: '215/QĐ-UBND',
      decisionDate: '2099-12-31',
    });
    expect(later.statusCode).toBe(400);
    expect(later.json().error).toMatchObject({ field: 'decisionDate' });
    res = await hanoi.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'decide',
      version: c.version,
      decisionNo: '215/QĐ-UBND',
      decisionDate: '2025-07-20',
    });
    c = res.json();
    expect(c.status).toBe('decided');
  });

  it('the commune pays and closes; every step is in the history and the audit log', async () => {
    const tomorrow = await baDinh.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'pay',
      version: c.version,
      paidOn: '2025-08-06',
      paidAmount: 860_000_000,
    });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().error).toMatchObject({ field: 'paidOn' });
    let res = await baDinh.send('POST', `/api/settlement/cases/${c.id}/steps`, {
      step: 'pay',
      version: c.version,
      paidOn: '2025-08-01',
      paidAmount: 860_000_000,
    });
    c = res.json();
    expect(c.status).toBe('paid');
    res = await baDinh.send('POST', `/api/settlement/cases/${c.id}/steps`, { step: 'close', version: c.version });
    c = res.json();
    expect(c.status).toBe('closed');
    expect(c.events.map((e) => e.action)).toEqual([
      'propose',
      'correct',
      'approve',
      'override',
      'decide',
      'pay',
      'close',
    ]);
    const audit = await auditEntriesOf(ctx.database.db, 'settlement_case', c.id);
    expect(audit.map((a) => a.action)).toEqual(['propose', 'correct', 'approve', 'override', 'decide', 'pay', 'close']);
  });

  it('gives the settlement sheet as a Word document for signing', async () => {
    const res = await baDinh.get(`/api/settlement/cases/${c.id}/sheet.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await ngocHa.get(`/api/settlement/cases/${c.id}/sheet.docx`)).statusCode).toBe(403);
  });

  it('gives the same sheet as PDF: the person, the amounts as the Word sheet prints them, the legal basis', async () => {
    const res = await baDinh.get(`/api/settlement/cases/${c.id}/sheet.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.headers['content-disposition']).toContain(`bang-tinh-${c.code}.pdf`);
    const text = await pdfText(res.rawPayload);
    const detail = (await baDinh.get(`/api/settlement/cases/${c.id}`)).json() as {
      fullName: string;
      benefit: { total: number; lines: { label: string; amount: number; clause: string }[] };
    };
    expect(text).toContain(`Họ và tên: ${detail.fullName}.`);
    expect(text).toContain('BẢNG TÍNH CHẾ ĐỘ, CHÍNH SÁCH NGHỈ VIỆC');
    expect(text).toContain('Nghị định số 178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP');
    expect(detail.benefit.lines.length).toBeGreaterThan(0);
    for (const l of detail.benefit.lines) expect(text).toContain(l.amount.toLocaleString('vi-VN'));
    // the legal basis of each line as an official document cites it, never in English
    expect(text).toMatch(/khoản\s+\d+\s+Điều\s+\d+/);
    expect(text).not.toMatch(/Decree|Circular|Art\./);
    expect(text).toContain(`Tổng cộng ${detail.benefit.total.toLocaleString('vi-VN')}`);
    // the same access as the Word sheet: another commune is refused
    expect((await ngocHa.get(`/api/settlement/cases/${c.id}/sheet.pdf`)).statusCode).toBe(403);
  });

  it('a stale version is refused', async () => {
    const res = await baDinh.send('POST', `/api/settlement/cases/${c.id}/steps`, { step: 'close', version: 1 });
    expect(res.statusCode).toBe(409);
  });
});

describe("the import of an agency's list", () => {
  const HEAD = [
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Đối tượng',
    'Chế độ',
    'Hệ số lương',
    'Hệ số phụ cấp chức vụ',
    'Số năm đóng BHXH',
    'Số tháng lẻ',
    'Xếp loại 3 năm gần nhất',
    'Số quyết định sắp xếp',
    'Ngày quyết định sắp xếp',
    'Ngày nghỉ việc',
  ];
  const good = (name: string) => [
    name,
    '10/05/1966',
    'Nam',
    'Công chức',
    'Nghỉ hưu trước tuổi',
    4.98,
    0.3,
    30,
    4,
    'Tốt, Tốt, Hoàn thành',
    '1656/NQ-UBTVQH15',
    '01/07/2025',
    '01/08/2025',
  ];
  const file = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(HEAD);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  };
  const count = async () => (await baDinh.get('/api/settlement/cases?q=nhap%20danh%20sach')).json().total as number;

  it('refuses the whole list when a row is wrong, naming the row and the column', async () => {
    const bad = good('Lê Thị Nhập Danh Sách Ba');
    bad[2] = 'X';
    const under2 = good('Lê Văn Nhập Danh Sách Bốn');
    under2[4] = 'Thôi việc';
    under2[1] = '15/01/1965';
    const res = await baDinh.send('POST', '/api/settlement/import', {
      agency: '00004',
      fileBase64: await file([good('Trần Văn Nhập Danh Sách Một'), bad, under2]),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().imported).toBe(0);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: 'Giới tính' }),
      expect.objectContaining({ row: 4, column: 'Ngày nghỉ việc' }),
    ]);
    expect(await count()).toBe(0);
  });

  it('imports every row of a clean list, each with its benefit computed', async () => {
    const res = await baDinh.send('POST', '/api/settlement/import', {
      agency: '00004',
      fileBase64: await file([good('Trần Văn Nhập Danh Sách Một'), good('Phạm Thị Nhập Danh Sách Hai')]),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, errors: [] });
    const list = (await baDinh.get('/api/settlement/cases?q=nhap%20danh%20sach')).json();
    expect(list.items.map((i: { benefitTotal: number }) => i.benefitTotal)).toEqual([861_003_000, 861_003_000]);
    expect(
      (await ngocHa.send('POST', '/api/settlement/import', { agency: '00004', fileBase64: await file([good('X')]) }))
        .statusCode,
    ).toBe(403);
  });
});

describe('the ministries and central agencies, and the national progress', () => {
  it('the Ministry files a ministry’s case; no province sees it', async () => {
    const res = await ministry.send(
      'POST',
      '/api/settlement/cases',
      proposal({ agency: 'BTC', category: 'civil_servant' }),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect((await hanoi.get(`/api/settlement/cases/${id}`)).statusCode).toBe(403);
    expect((await hanoi.send('POST', '/api/settlement/cases', proposal({ agency: 'BTC' }))).statusCode).toBe(403);
  });

  it('the Ministry reads 34 provinces and 27 central agencies; the demo seeds 8 and 18 finished', async () => {
    const res = await ministry.get('/api/settlement/progress?today=2025-09-15');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.provinces.total).toBe(34);
    expect(p.central.total).toBe(27);
    // our two cases above landed in Hà Nội and the Ministry of Finance: one of each may have left "finished"
    expect(p.provinces.finished).toBeGreaterThanOrEqual(7);
    expect(p.provinces.finished).toBeLessThanOrEqual(8);
    expect(p.central.finished).toBeGreaterThanOrEqual(17);
    expect(p.central.finished).toBeLessThanOrEqual(18);
    expect(p.unfinished.every((r: { daysLate: number }) => r.daysLate === 7)).toBe(true);
  });

  it('a province sees its own units, a commune its own cases', async () => {
    const p = (await hanoi.get('/api/settlement/progress')).json();
    expect(p.scope).toBe('province');
    expect(p.rows.every((r: { kind: string }) => r.kind === 'unit')).toBe(true);
    const own = (await baDinh.get('/api/settlement/progress')).json();
    expect(own.rows.map((r: { code: string }) => r.code)).toEqual(['00004']);
    expect(own.rows[0].closed).toBeGreaterThanOrEqual(1);
  });

  it('exports the progress board and the case list as Excel with Vietnamese headers', async () => {
    const res = await hanoi.get('/api/settlement/export.xlsx?kind=cases');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('Họ và tên');
    expect(ws.rowCount).toBeGreaterThan(1);
    const prog = await ministry.get('/api/settlement/export.xlsx?kind=progress');
    expect(prog.statusCode).toBe(200);
  });
});

describe('the demo nation’s cases', () => {
  it('each shows the history its status implies, in order, by the agency and the approving level', async () => {
    const expected: Record<string, string[]> = {
      proposed: ['propose'],
      approved: ['propose', 'approve'],
      refused: ['propose', 'refuse'],
      decided: ['propose', 'approve', 'decide'],
      paid: ['propose', 'approve', 'decide', 'pay'],
      closed: ['propose', 'approve', 'decide', 'pay', 'close'],
    };
    for (const [status, actions] of Object.entries(expected)) {
      const list = (await hanoi.get(`/api/settlement/cases?status=${status}&pageSize=1`)).json() as {
        items: { id: string }[];
      };
      expect(list.items.length, status).toBe(1);
      const c = (await hanoi.get(`/api/settlement/cases/${list.items[0]!.id}`)).json() as Omit<Case, 'events'> & {
        events: { action: string; at: string; actorUsername: string; actor: { name: string } | null }[];
      };
      expect(c.events.map((e) => e.action)).toEqual(actions);
      const times = c.events.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const review = c.events[1];
      if (review) expect(review.actorUsername).toBe('province-01');
      for (const e of c.events) expect(e.actor, e.action).not.toBeNull();
    }
  });
});
