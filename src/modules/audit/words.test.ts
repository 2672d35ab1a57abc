import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { AUDIT_WORDS, auditActionWords, auditEntityWords, changeSummaryWords } from './domain/words.js';

/**
 * Logs in words (issue #16): the audit log, its export and the channel's history name people by name and post and
 * actions by words. What a reader sees is rendered here as the page renders it, and searched for login names, codes
 * and JSON.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let leader: Session; // a personal account: Hà Nội's Vice-Director
let province: Session;
const USER = '01-lanhdao-2';
const title = `Nhật ký bằng lời ${Math.random().toString(36).slice(2, 8)}`;
let recId = '';

beforeAll(async () => {
  ctx = await createTestApp({ clock: testClock() });
  [leader, province] = await Promise.all([signIn(ctx.app, USER), signIn(ctx.app, 'province-01')]);
  const r = await leader.send('POST', '/api/recommendations', {
    field: 'personnel',
    title,
    content: 'Đề nghị hướng dẫn bố trí công chức sau sắp xếp.',
    legalBasis: 'Nghị định 170/2025/NĐ-CP',
  });
  expect(r.statusCode, r.body).toBe(201);
  recId = r.json().id;
}, 600_000);
afterAll(() => ctx?.close());

/** The words a reader sees in one entry, as AuditTable renders them. */
const shown = (e: {
  actor: { name: string; post: string | null } | null;
  action: string;
  entity: string;
  unitName: string | null;
  before: unknown;
  after: unknown;
}) =>
  [
    e.actor?.name ?? '',
    e.actor?.post ?? '',
    auditActionWords('vi', e.entity, e.action),
    auditEntityWords('vi', e.entity),
    e.unitName ?? '',
    ...changeSummaryWords('vi', e.before, e.after),
  ].join(' | ');

describe('the audit log in words', () => {
  it('names the person, the action, the record and the unit: no login name, action code or JSON', async () => {
    const res = await province.get(`/api/audit?who=${encodeURIComponent('Hà Nội')}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const mine = await province.get(`/api/audit?entity=recommendation&pageSize=200`);
    const items = [...res.json().items, ...mine.json().items] as Parameters<typeof shown>[0][];
    const raised = items.find((e) => e.entity === 'recommendation' && e.action === 'create');
    expect(raised, 'the raised item is in the log').toBeTruthy();
    for (const e of items) {
      const text = shown(e);
      expect(text).not.toContain(USER);
      expect(text).not.toContain('province-01');
      expect(text).not.toMatch(/[{}[\]"]/);
      expect(text).not.toContain(AUDIT_WORDS.vi.otherAction);
      // no code-like word (snake_case) is shown
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    }
    expect(raised!.actor?.name).toBeTruthy();
    expect(raised!.actor?.name).not.toBe(USER);
    expect(shown(raised!)).toContain('Gửi kiến nghị');
  });

  it('filters by who, what, unit and dates', async () => {
    const me = (await leader.get('/api/auth/me')).json().user as { displayName: string };
    const byName = (
      await province.get(`/api/audit?who=${encodeURIComponent(me.displayName)}&entity=recommendation`)
    ).json();
    expect(byName.items.length).toBeGreaterThan(0);
    for (const e of byName.items) expect(e.actorUsername).toBe(USER);
    const nobody = (await province.get('/api/audit?who=khong-ai-co-ten-nay')).json();
    expect(nobody.total).toBe(0);
    const unit = (await province.get('/api/audit?unit=01&entity=recommendation')).json();
    expect(unit.items.every((e: { provinceCode: string }) => e.provinceCode === '01')).toBe(true);
    const past = (await province.get('/api/audit?entity=recommendation&from=2000-01-01&to=2000-12-31')).json();
    expect(past.total).toBe(0);
    expect((await province.get('/api/audit?from=2000-13-01')).statusCode).toBe(400);
  });

  it('exports the filtered entries to Excel, in words', async () => {
    const res = await province.get(`/api/audit/export?entity=recommendation`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Người thực hiện');
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    const text = cells.join(' | ');
    expect(text).toContain('Gửi kiến nghị');
    expect(text).not.toContain(USER);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('exports nothing outside the caller’s reach: Hà Nội asking for Hồ Chí Minh City gets the header row only', async () => {
    const res = await province.get(`/api/audit/export?unit=79`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount).toBe(1);
    const own = await province.get(`/api/audit/export?unit=01`);
    const wbOwn = new ExcelJS.Workbook();
    await wbOwn.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(wbOwn.worksheets[0]!.actualRowCount).toBeGreaterThan(1);
  });
});

describe("the channel's history in words", () => {
  it('names the asker and each step by name and post, never by login name', async () => {
    const d = (await province.get(`/api/recommendations/${recId}`)).json();
    expect(d.asker?.name).toBeTruthy();
    expect(d.asker.name).not.toBe(USER);
    expect(d.asker.post).toMatch(/Giám đốc/);
    expect(d.events[0].actor?.name).toBe(d.asker.name);
  });
});
