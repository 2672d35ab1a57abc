import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { readdirSync } from 'node:fs';
import type { DiskFileStore } from '../../core/file-store.js';
import { MemoryMailer, useMailer } from './mail.js';

const clock = testClock();
const outbox = useMailer(new MemoryMailer());
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội
let hanoi: Session; // province 01
let hcm: Session; // province 79
let ministry: Session;

type Item = {
  id: string;
  code: string;
  status: string;
  level: string;
  dueDate: string | null;
  actions: string[];
  version: number;
  answer: string | null;
  workingDaysLeft: number | null;
};
type Notices = { items: { kind: string; entityId: string }[]; unread: number };

const raise = (s: Session, body: Record<string, unknown> = {}) =>
  s.send('POST', '/api/recommendations', {
    field: 'personnel',
    title: 'Thiếu công chức địa chính sau sắp xếp',
    content: 'Xã chưa có công chức chuyên môn đất đai; đề nghị hướng dẫn điều động.',
    legalBasis: 'Nghị định 170/2025/NĐ-CP',
    ...body,
  });
const act = (s: Session, id: string, body: Record<string, unknown>) =>
  s.send('POST', `/api/recommendations/${id}/actions`, body);

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

describe('the two-way channel', () => {
  it('takes a commune’s item to its province, then up to the Ministry, and the answer back to the commune', async () => {
    clock.set('2026-03-02T10:00:00+07:00'); // Monday
    const r = await raise(baDinh, {
      attachments: [
        {
          name: 'cong-van.pdf',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4 x').toString('base64'),
        },
      ],
    });
    expect(r.statusCode).toBe(201);
    const item = r.json() as Item & { attachments: { sha256: string }[] };
    expect(item.code).toMatch(/^KN01-2603-\d{4}$/);
    expect([item.status, item.level, item.dueDate]).toEqual(['pending', 'province', '2026-03-23']); // 15 working days
    expect(item.attachments).toHaveLength(1);
    expect(item.actions).toEqual([]); // the asker waits

    // The province is told, in the app and by e-mail.
    const notices = (await hanoi.get('/api/notifications')).json() as Notices;
    expect(notices.items.some((n) => n.kind === 'recommendation_arrived' && n.entityId === item.id)).toBe(true);
    expect(outbox.sent.some((m) => m.to === 'snv@tinh01.gov.vn' && m.subject.includes(item.code))).toBe(true);

    const seen = (await hanoi.get(`/api/recommendations/${item.id}`)).json() as Item;
    expect(seen.actions).toEqual(['answer', 'forward', 'request_info']);
    clock.set('2026-03-04T09:00:00+07:00');
    const fwd = (await act(hanoi, item.id, { action: 'forward', note: 'Vượt thẩm quyền' })).json() as Item;
    expect([fwd.status, fwd.level, fwd.dueDate]).toEqual(['pending', 'ministry', '2026-03-25']);
    // no longer the province's
    expect((await act(hanoi, item.id, { action: 'answer', answer: 'x', legalBasis: 'y' })).statusCode).toBe(403);

    clock.set('2026-03-10T09:00:00+07:00');
    const noBasis = await act(ministry, item.id, { action: 'answer', answer: 'Điều động công chức từ tỉnh.' });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.field).toBe('legalBasis');
    const answered = (
      await act(ministry, item.id, {
        action: 'answer',
        answer: 'UBND tỉnh điều động, biệt phái công chức có chuyên môn về xã.',
        legalBasis: 'Nghị định 170/2025/NĐ-CP, Điều 31',
      })
    ).json() as Item & { answerWorkingDays: number; answeredLate: boolean };
    expect([answered.status, answered.answerWorkingDays, answered.answeredLate]).toEqual(['answered', 4, false]);

    const back = (await baDinh.get('/api/notifications?unread=true')).json() as Notices;
    expect(back.items.some((n) => n.kind === 'recommendation_answered' && n.entityId === item.id)).toBe(true);
    expect(
      ((await hanoi.get('/api/notifications')).json() as Notices).items.some(
        (n) => n.kind === 'recommendation_answered' && n.entityId === item.id,
      ),
    ).toBe(true);
    expect((await act(hanoi, item.id, { action: 'accept' })).statusCode).toBe(403); // only the asker accepts
    const done = (await act(baDinh, item.id, { action: 'accept' })).json() as Item;
    expect(done.status).toBe('accepted');
    const full = (await baDinh.get(`/api/recommendations/${item.id}`)).json() as { events: { action: string }[] };
    expect(full.events.map((e) => e.action)).toEqual(['raise', 'forward', 'answer', 'accept']);
    const read = await baDinh.send('POST', '/api/notifications/read', { all: true });
    expect(read.json().marked).toBeGreaterThan(0);
    expect(((await baDinh.get('/api/notifications')).json() as Notices).unread).toBe(0);
  });

  it('sends back for more information (the clock stops) and reopens to the level that answered', async () => {
    clock.set('2026-03-02T10:00:00+07:00');
    const item = (
      await raise(baDinh, { field: 'archives', title: 'Kho lưu trữ tạm', content: 'Tài liệu các xã cũ chưa có kho.' })
    ).json() as Item;
    const noNote = await act(hanoi, item.id, { action: 'request_info' });
    expect(noNote.json().error.field).toBe('note');
    const asked = (
      await act(hanoi, item.id, { action: 'request_info', note: 'Đề nghị cho biết khối lượng tài liệu (mét giá).' })
    ).json() as Item;
    expect([asked.status, asked.dueDate]).toEqual(['info_requested', null]);
    expect(
      ((await baDinh.get('/api/notifications')).json() as Notices).items.some(
        (n) => n.kind === 'recommendation_info_requested' && n.entityId === item.id,
      ),
    ).toBe(true);
    clock.set('2026-03-09T09:00:00+07:00');
    const given = (
      await act(baDinh, item.id, { action: 'provide_info', note: 'Khoảng 120 mét giá.' })
    ).json() as Item & { content: string };
    expect([given.status, given.level, given.dueDate]).toEqual(['pending', 'province', '2026-03-30']);
    expect(given.content).toContain('120 mét giá');
    await act(hanoi, item.id, {
      action: 'answer',
      answer: 'Tỉnh bố trí kinh phí chỉnh lý.',
      legalBasis: 'Luật Lưu trữ 2024, Điều 23',
    });
    const reopened = (
      await act(baDinh, item.id, { action: 'reopen', note: 'Chưa rõ thời gian bố trí kinh phí.' })
    ).json() as Item & { reopenCount: number };
    expect([reopened.status, reopened.level, reopened.reopenCount]).toEqual(['pending', 'province', 1]);
    const illegal = await act(baDinh, item.id, { action: 'accept' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('illegal_transition');
  });

  it('sends a province’s own item straight to the Ministry', async () => {
    clock.set('2026-03-03T09:00:00+07:00');
    const item = (
      await raise(hanoi, {
        field: 'decentralisation',
        title: 'Phân cấp cấp giấy chứng nhận',
        content: 'Thẩm quyền cấp giấy chứng nhận lần đầu.',
      })
    ).json() as Item;
    expect([item.level, item.status]).toEqual(['ministry', 'pending']);
    expect(
      ((await ministry.get('/api/notifications')).json() as Notices).items.some((n) => n.entityId === item.id),
    ).toBe(true);
  });
});

describe('scope', () => {
  it('keeps other communes and provinces out of list, search, reading and acting', async () => {
    clock.set('2026-03-05T09:00:00+07:00');
    const item = (
      await raise(baDinh, {
        title: 'Trụ sở xa trung tâm Ngọc Trác',
        content: 'Người dân đi lại xa, đề nghị điểm tiếp nhận.',
      })
    ).json() as Item;
    expect((await ngocHa.get(`/api/recommendations/${item.id}`)).statusCode).toBe(403);
    expect((await hcm.get(`/api/recommendations/${item.id}`)).statusCode).toBe(403);
    expect((await act(ngocHa, item.id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(hcm, item.id, { action: 'answer', answer: 'x', legalBasis: 'y' })).statusCode).toBe(403);
    expect((await act(ministry, item.id, { action: 'answer', answer: 'x', legalBasis: 'y' })).statusCode).toBe(403); // held by the province
    const q = encodeURIComponent('ngoc trac');
    expect(((await ngocHa.get(`/api/recommendations?q=${q}`)).json() as { total: number }).total).toBe(0);
    expect(((await hcm.get(`/api/recommendations?q=${q}`)).json() as { total: number }).total).toBe(0);
    expect(((await baDinh.get(`/api/recommendations?q=${q}`)).json() as { total: number }).total).toBe(1);
    expect(((await hanoi.get(`/api/recommendations?q=${q}`)).json() as { total: number }).total).toBe(1);
    expect(((await ministry.get(`/api/recommendations?q=${q}`)).json() as { total: number }).total).toBe(1);
    const similar = (await ngocHa.get(`/api/recommendations/similar?text=${q}`)).json() as { items: { id: string }[] };
    expect(similar.items.map((s) => s.id)).not.toContain(item.id);
    expect((await ngocHa.get(`/api/recommendations/similar?id=${item.id}`)).statusCode).toBe(403);
    // A commune raises only for itself.
    expect((await raise(ngocHa, { unitCode: '00004' })).statusCode).toBe(403);
    const viewer = await signIn(ctx.app, 'viewer');
    expect((await raise(viewer)).statusCode).toBe(403);
  });
});

describe('similar items and the knowledge base', () => {
  it('finds similar items without diacritics, and publishes an answer for everyone', async () => {
    clock.set('2026-03-06T09:00:00+07:00');
    const a = (
      await raise(hanoi, {
        field: 'other',
        title: 'Sử dụng con dấu của xã cũ',
        content: 'Trong thời gian chờ khắc dấu mới, xã có được dùng con dấu cũ không?',
      })
    ).json() as Item;
    const similar = (
      await hanoi.get(
        `/api/recommendations/similar?text=${encodeURIComponent('su dung con dau xa cu cho khac dau moi')}`,
      )
    ).json() as { items: { id: string; score: number }[] };
    expect(similar.items[0]?.id).toBe(a.id);

    expect((await hanoi.send('POST', `/api/recommendations/${a.id}/publish`)).statusCode).toBe(403);
    expect((await ministry.send('POST', `/api/recommendations/${a.id}/publish`)).json().error.code).toBe(
      'not_publishable',
    );
    await act(ministry, a.id, {
      action: 'answer',
      answer: 'Không sử dụng con dấu của xã cũ.',
      legalBasis: 'Nghị định 99/2016/NĐ-CP, Điều 13',
    });
    expect((await ngocHa.get(`/api/knowledge/${a.id}`)).statusCode).toBe(404);
    expect((await ministry.send('POST', `/api/recommendations/${a.id}/publish`)).statusCode).toBe(200);
    expect((await ministry.send('POST', `/api/recommendations/${a.id}/publish`)).json().error.code).toBe(
      'already_published',
    );
    // Readable by a commune of another province, searched without diacritics; the asker is not shown.
    const farCommune = await signIn(ctx.app, 'commune-25747');
    const kb = (await farCommune.get(`/api/knowledge?q=${encodeURIComponent('con dau xa cu')}`)).json() as {
      items: { id: string; answer: string; answerLegalBasis: string }[];
    };
    const entry = kb.items.find((k) => k.id === a.id)!;
    expect(entry.answerLegalBasis).toContain('99/2016');
    expect(JSON.stringify(entry)).not.toContain('province-01');
    // …and offered when a commune elsewhere drafts the same question.
    const hint = (
      await farCommune.get(
        `/api/recommendations/similar?text=${encodeURIComponent('Xã có được dùng con dấu cũ không')}`,
      )
    ).json() as { items: { id: string; published: boolean; answer: string | null }[] };
    expect(hint.items.find((h) => h.id === a.id)).toMatchObject({
      published: true,
      answer: 'Không sử dụng con dấu của xã cũ.',
    });
  });
});

describe('time limits', () => {
  it('uses a field’s own limit, lists items due soon, and warns once per deadline', async () => {
    expect(
      (
        await hanoi.send('PUT', '/api/recommendations/settings/it_infrastructure', {
          answerWorkingDays: 6,
          warnWorkingDays: 2,
          provinceCode: '',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ministry.send('PUT', '/api/recommendations/settings/it_infrastructure', {
          answerWorkingDays: 6,
          warnWorkingDays: 2,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await hanoi.send('PUT', '/api/recommendations/settings/it_infrastructure', {
          answerWorkingDays: 5,
          warnWorkingDays: 2,
        })
      ).statusCode,
    ).toBe(200);
    const settings = (await hanoi.get('/api/recommendations/settings')).json() as {
      items: { field: string; national: { answerWorkingDays: number }; province: { answerWorkingDays: number } }[];
    };
    expect(settings.items.find((s) => s.field === 'it_infrastructure')).toMatchObject({
      national: { answerWorkingDays: 6 },
      province: { answerWorkingDays: 5 },
    });

    clock.set('2026-04-06T09:00:00+07:00'); // Monday
    const item = (
      await raise(baDinh, {
        field: 'it_infrastructure',
        title: 'Đường truyền tại trụ sở mới',
        content: 'Chưa có mạng chuyên dùng.',
      })
    ).json() as Item;
    expect(item.dueDate).toBe('2026-04-13'); // 5 working days (province's own limit)
    expect(
      ((await hanoi.get('/api/recommendations/due-soon')).json() as { dueSoon: { id: string }[] }).dueSoon.map(
        (x) => x.id,
      ),
    ).not.toContain(item.id);
    clock.set('2026-04-09T09:00:00+07:00'); // Thursday: 2 working days left
    const soon = (await hanoi.get('/api/recommendations/due-soon')).json() as {
      dueSoon: { id: string; workingDaysLeft: number }[];
    };
    expect(soon.dueSoon.find((x) => x.id === item.id)?.workingDaysLeft).toBe(2);
    expect(
      ((await hcm.get('/api/recommendations/due-soon')).json() as { dueSoon: { id: string }[] }).dueSoon.map(
        (x) => x.id,
      ),
    ).not.toContain(item.id);
    expect((await hanoi.send('POST', '/api/recommendations/deadline-warnings')).statusCode).toBe(403);
    const first = (await ministry.send('POST', '/api/recommendations/deadline-warnings')).json() as { warned: number };
    expect(first.warned).toBeGreaterThanOrEqual(1);
    await ministry.send('POST', '/api/recommendations/deadline-warnings');
    const warnings = ((await hanoi.get('/api/notifications?limit=200')).json() as Notices).items.filter(
      (n) => n.kind === 'recommendation_due_soon' && n.entityId === item.id,
    );
    expect(warnings).toHaveLength(1);

    clock.set('2026-04-14T09:00:00+07:00');
    const late = (await hanoi.get('/api/recommendations?overdue=true&field=it_infrastructure')).json() as {
      items: { id: string; overdue: boolean }[];
    };
    expect(late.items.find((x) => x.id === item.id)?.overdue).toBe(true);
    const stats = (await hanoi.get('/api/recommendations/stats?month=2026-04')).json() as {
      open: { field: string; count: number }[];
      overdue: { level: string; count: number }[];
      byProvince: { provinceCode: string }[];
    };
    expect(stats.open.some((o) => o.field === 'it_infrastructure' && o.count >= 1)).toBe(true);
    expect(stats.overdue.find((o) => o.level === 'province')?.count).toBeGreaterThanOrEqual(1);
    expect(stats.byProvince.map((p) => p.provinceCode)).toEqual(['01']);
  });
});

describe('time to answer', () => {
  it('gives the median and average working days to answer per level, and the share on time', async () => {
    clock.set('2026-07-01T09:00:00+07:00'); // Wednesday
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(((await raise(baDinh, { title: `Vướng mắc thời gian trả lời ${i}` })).json() as Item).id);
    const days: number[] = [];
    for (const [i, when] of [
      '2026-07-02T09:00:00+07:00',
      '2026-07-06T09:00:00+07:00',
      '2026-07-10T09:00:00+07:00',
    ].entries()) {
      clock.set(when);
      const a = (
        await act(hanoi, ids[i]!, { action: 'answer', answer: 'Trả lời', legalBasis: 'Luật Cán bộ, công chức 2025' })
      ).json() as { answerWorkingDays: number };
      days.push(a.answerWorkingDays);
    }
    expect(days[0]).toBeLessThan(days[1]!);
    expect(days[1]).toBeLessThan(days[2]!);
    const stats = (await hanoi.get('/api/recommendations/stats?month=2026-07')).json() as {
      timeToAnswer: {
        level: string;
        answered: number;
        averageWorkingDays: number;
        medianWorkingDays: number;
        late: number;
        onTimeRate: number;
      }[];
      byProvince: { provinceCode: string; total: number }[];
    };
    const province = stats.timeToAnswer.find((r) => r.level === 'province');
    expect(province).toEqual({
      level: 'province',
      answered: 3,
      averageWorkingDays: Math.round((days.reduce((a, b) => a + b, 0) / 3) * 10) / 10,
      medianWorkingDays: days[1],
      late: 0,
      onTimeRate: 100,
    });
    expect(stats.byProvince.map((p) => p.provinceCode)).toEqual(['01']);
    expect(stats.byProvince[0]!.total).toBeGreaterThanOrEqual(3);
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4 tài liệu kèm theo');
  const storedFiles = () =>
    readdirSync((ctx.app.fileStore as DiskFileStore).root, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    ).length;
  const file = (text: string) => ({
    name: 'de-nghi.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from(`%PDF-1.4 ${text}`).toString('base64'),
  });

  it('stores nothing for a refused request: authorised before storing, and cleaned up after a failure', async () => {
    clock.set('2026-07-14T09:00:00+07:00');
    const before = storedFiles();
    const viewer = await signIn(ctx.app, 'viewer');
    // Not allowed to raise at all; raising for another commune; one good file and one empty one.
    const refused = [
      await raise(viewer, { attachments: [file('viewer')] }),
      await raise(baDinh, { unitCode: '00008', attachments: [file('other commune')] }),
      await raise(baDinh, { attachments: [file('good one'), { ...file(''), contentBase64: '=' }] }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 400]);
    expect(refused[2]!.json().error.field).toBe('attachments.1.contentBase64');
    expect(storedFiles()).toBe(before);
    // Adding to someone else's item, or past the limit of files: refused, nothing left on disk.
    const item = (await raise(baDinh, { attachments: [file('kept')] })).json() as Item;
    expect(storedFiles()).toBe(before + 1);
    const other = await ngocHa.send('POST', `/api/recommendations/${item.id}/attachments`, {
      attachments: [file('not yours')],
    });
    expect(other.statusCode).toBe(403);
    expect(storedFiles()).toBe(before + 1);
  });

  it('refuses a caller whose role may not raise or attach before reading the body (no 28 MB read for a 403)', async () => {
    const viewer = await signIn(ctx.app, 'viewer');
    // A body that is not even JSON: refused for the role (403), not parsed (which would answer 400).
    for (const url of [
      '/api/recommendations',
      '/api/recommendations/00000000-0000-4000-8000-000000000000/attachments',
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url,
        payload: '{"attachments": [ not json',
        headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrfToken, 'content-type': 'application/json' },
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
    }
  });

  it('are downloaded by whoever may read the item, and added by the asker until the item is accepted', async () => {
    clock.set('2026-07-13T09:00:00+07:00');
    const item = (
      await raise(baDinh, {
        attachments: [
          { name: 'Công văn số 12.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
        ],
      })
    ).json() as Item & { attachments: { name: string; sha256: string }[] };
    const dl = await hanoi.get(`/api/recommendations/${item.id}/attachments/0`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Cong van so 12.pdf"; filename*=UTF-8''${encodeURIComponent('Công văn số 12.pdf')}`,
    );
    expect((await baDinh.get(`/api/recommendations/${item.id}/attachments/1`)).statusCode).toBe(404);
    expect((await hcm.get(`/api/recommendations/${item.id}/attachments/0`)).statusCode).toBe(403); // another province
    expect((await ngocHa.get(`/api/recommendations/${item.id}/attachments/0`)).statusCode).toBe(403); // another commune

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const add = (
      s: Session,
      files = [{ name: 'anh.png', contentType: 'image/png', contentBase64: png.toString('base64') }],
    ) => s.send('POST', `/api/recommendations/${item.id}/attachments`, { attachments: files });
    expect((await add(hanoi)).statusCode).toBe(403); // only the asker
    const added = await add(baDinh);
    expect(added.statusCode).toBe(201);
    expect((added.json() as { attachments: { name: string }[] }).attachments.map((a) => a.name)).toEqual([
      'Công văn số 12.pdf',
      'anh.png',
    ]);
    expect((await hanoi.get(`/api/recommendations/${item.id}/attachments/1`)).rawPayload.equals(png)).toBe(true);
    const big = await add(baDinh, [
      {
        name: 'lon.bin',
        contentType: 'application/octet-stream',
        contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64'),
      },
    ]);
    expect(big.statusCode).toBe(400);
    expect(
      (
        await add(
          baDinh,
          Array.from({ length: 9 }, (_, i) => ({
            name: `f${i}.png`,
            contentType: 'image/png',
            contentBase64: png.toString('base64'),
          })),
        )
      ).statusCode,
    ).toBe(400); // 11 in all

    await act(hanoi, item.id, { action: 'answer', answer: 'Trả lời', legalBasis: 'Nghị định 170/2025/NĐ-CP' });
    await act(baDinh, item.id, { action: 'accept' });
    expect((await add(baDinh)).statusCode).toBe(403); // accepted: closed
  });
});
