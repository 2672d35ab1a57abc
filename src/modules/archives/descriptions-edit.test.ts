import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { BatchDetail, Description, DescriptionItem } from './contract.js';

const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let longBien: Session; // commune-00145
let hanoi: Session; // province-01
let other: Session; // commune-00136
let ministry: Session;
let batch: BatchDetail;

const item: DescriptionItem = {
  fonds: 'Phông UBND phường Gia Thụy (cũ)',
  fileCode: 'GT-2001-07',
  docNumber: '45',
  docSymbol: 'QĐ-UBND',
  docDate: '2001-09-12',
  issuingBody: 'UBND phường Gia Thụy',
  summary: 'Quyết định cấp giấy phép xây dựng',
  pageCount: 4,
  retention: 'permanent',
  access: 'open',
};

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [longBien, hanoi, other, ministry] = await Promise.all([
    signIn(ctx.app, 'commune-00145'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'commune-00136'),
    signIn(ctx.app, 'ministry'),
  ]);
  const plan = await longBien.send('POST', '/api/archives/plans', {
    unitCode: '00145',
    year: 2026,
    fonds: item.fonds,
    retention: 'permanent',
    plannedFiles: 50,
    plannedPages: 500,
  });
  expect(plan.statusCode, plan.body).toBe(200);
  const b = await longBien.send('POST', `/api/archives/plans/${plan.json().id}/batches`, { name: 'Lô sửa', files: 1 });
  expect(b.statusCode, b.body).toBe(201);
  batch = b.json();
  const added = await longBien.send('POST', `/api/archives/batches/${batch.id}/descriptions`, { items: [item] });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(() => ctx.close());

const find = async (s: Session, q: string) =>
  (await s.get(`/api/archives/descriptions?batch=${batch.id}&q=${encodeURIComponent(q)}`)).json() as {
    items: Description[];
  };

describe('correcting a description', () => {
  it('the commune corrects a description; the search finds the new words, not the old', async () => {
    const [d] = (await find(longBien, '')).items;
    const r = await longBien.send('PUT', `/api/archives/descriptions/${d!.id}`, {
      ...item,
      summary: 'Quyết định thu hồi giấy phép xây dựng',
      access: 'restricted',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      id: d!.id,
      summary: 'Quyết định thu hồi giấy phép xây dựng',
      access: 'restricted',
    });
    expect((await find(longBien, 'thu hoi giay phep')).items).toHaveLength(1);
    expect((await find(longBien, 'cap giay phep')).items).toHaveLength(0);
    // Restricted now: another commune no longer finds it.
    expect((await find(other, 'thu hoi')).items).toHaveLength(0);
  });

  it('another commune and the Ministry may not; the province may; a wrong date is named', async () => {
    const [d] = (await find(longBien, '')).items;
    expect((await other.send('PUT', `/api/archives/descriptions/${d!.id}`, item)).statusCode).toBe(403);
    expect((await ministry.send('PUT', `/api/archives/descriptions/${d!.id}`, item)).statusCode).toBe(403);
    const bad = await hanoi.send('PUT', `/api/archives/descriptions/${d!.id}`, { ...item, docDate: '2030-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('docDate');
    const ok = await hanoi.send('PUT', `/api/archives/descriptions/${d!.id}`, item);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().summary).toBe(item.summary);
  });

  it('is refused once the batch is published', async () => {
    const [d] = (await find(longBien, '')).items;
    await ctx.database.db.execute(
      // the stages need scans; this test is about the refusal only
      (await import('drizzle-orm')).sql`UPDATE digitization_batches SET stage = 'published' WHERE id = ${batch.id}`,
    );
    const r = await longBien.send('PUT', `/api/archives/descriptions/${d!.id}`, item);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('batch_published');
  });
});
