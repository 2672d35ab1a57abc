import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { Actor } from '../../core/scope.js';
import type { BatchDetail, DigitizationBoard, Upload } from './contract.js';
import { digitizationBoard, digitizationBoardLive } from './service/digitization.js';

// The digitization board reads figures kept by triggers (migration digitization_board); they must always equal what
// grouping the plans and batches live gives, whatever wrote them: the API, the demo's bulk load, deletes, SQL updates.

const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune-00004, Hà Nội

const actor = (role: Actor['role'], provinceCode: string | null, communeCode: string | null): Actor => ({
  id: '00000000-0000-4000-8000-0000000b0a4d',
  username: `board-${role}`,
  displayName: 'board',
  role,
  provinceCode,
  communeCode,
  ip: null,
});
const ministry = actor('ministry', null, null);
const views: [Actor, { province?: string }][] = [
  [ministry, {}],
  [ministry, { province: '01' }],
  [ministry, { province: '79' }],
  [actor('province', '01', null), {}],
  [actor('commune', '01', '00004'), {}],
];

/** Every view, every month of the years touched: the kept figures equal the live grouping. */
async function expectSameBoards(years = [2025, 2026, 2027]) {
  const db = ctx.database.db;
  for (const year of years)
    for (const month of [1, 2, 3, 4, 6, 12])
      for (const [who, q] of views) {
        const kept = await digitizationBoard(db, who, { ...q, year, month }, clock);
        const live = await digitizationBoardLive(db, who, { ...q, year, month }, clock);
        expect(kept, `${who.role} ${JSON.stringify(q)} ${year}-${month}`).toEqual(live);
      }
}

const board = (q: { province?: string; year?: number; month?: number } = {}, who = ministry) =>
  digitizationBoard(ctx.database.db, who, { year: 2026, ...q }, clock);
const row = (b: DigitizationBoard, code: string) => b.rows.find((r) => r.code === code);

beforeAll(async () => {
  ctx = await createTestApp({ clock, isolated: true });
  baDinh = await signIn(ctx.app, 'commune-00004');
});
afterAll(() => ctx.close());

describe('the digitization board kept by triggers', () => {
  it('equals the live grouping over the demo bulk-loaded plans and batches', async () => {
    const b = await board();
    expect(b.total.plannedPages).toBeGreaterThan(0);
    expect(b.total.done.scanned.pages).toBeGreaterThan(0);
    await expectSameBoards();
  });

  it('follows plans, batches, scans and stages written through the API, month by month', async () => {
    const before = row(await board({ province: '01' }), '00004');
    const plan = await baDinh.send('POST', '/api/archives/plans', {
      unitCode: '00004',
      year: 2026,
      fonds: 'Phông UBND phường Điện Biên (cũ)',
      retention: 'fixed_term',
      plannedFiles: 120,
      plannedPages: 3600,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const after = row(await board({ province: '01' }), '00004')!;
    expect(after.plannedPages).toBe((before?.plannedPages ?? 0) + 3600);
    // the same plan revised
    await baDinh.send('POST', '/api/archives/plans', {
      unitCode: '00004',
      year: 2026,
      fonds: 'Phông UBND phường Điện Biên (cũ)',
      retention: 'fixed_term',
      plannedFiles: 100,
      plannedPages: 3000,
    });
    expect(row(await board({ province: '01' }), '00004')!.plannedPages).toBe((before?.plannedPages ?? 0) + 3000);

    const made = await baDinh.send('POST', `/api/archives/plans/${plan.json().id}/batches`, {
      name: 'Đợt A',
      files: 7,
    });
    expect(made.statusCode, made.body).toBe(201);
    const batch = made.json() as BatchDetail;
    const file = Buffer.from(
      '%PDF-1.4\n' +
        Array.from({ length: 4 }, (_, i) => `${i + 3} 0 obj << /Type /Page >> endobj\n`).join('') +
        '%%EOF\n',
      'latin1',
    );
    const up = await baDinh.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
    });
    const put = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/archives/uploads/${(up.json() as Upload).id}`,
      payload: file,
      headers: {
        cookie: baDinh.cookie,
        'x-csrf-token': baDinh.csrfToken,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
    });
    expect(put.json()).toMatchObject({ complete: true, scan: { pageCount: 4 } });
    await expectSameBoards([2026]);

    const act = (action: string) => baDinh.send('POST', `/api/archives/batches/${batch.id}/actions`, { action });
    const scannedBefore = row(await board({ province: '01', month: 3 }), '00004')!;
    expect((await act('finish_scanning')).json().stage).toBe('scanned');
    const scanned = row(await board({ province: '01', month: 3 }), '00004')!;
    expect(scanned.thisMonth.scanned.pages).toBe(scannedBefore.thisMonth.scanned.pages + 4);
    expect(scanned.done.scanned.files).toBe(scannedBefore.done.scanned.files + 7);
    clock.set('2026-04-15T10:00:00+07:00');
    expect((await act('check')).json().stage).toBe('checked');
    expect(row(await board({ province: '01', month: 4 }), '00004')!.thisMonth.checked.pages).toBeGreaterThanOrEqual(4);
    await expectSameBoards([2026]);
    clock.set('2026-03-02T10:00:00+07:00');
  });

  it('follows deletes, state changes made in SQL and a bulk import, down to units and months left empty', async () => {
    const db = ctx.database.db;
    // a bulk import of batches (as the demo and a migration would load them): a copy of Hà Nội's batches into 2027
    await db.execute(sql`
      INSERT INTO digitization_batches (plan_id, province_code, unit_code, year, name, stage, files, pages,
        scanned_on, checked_on, described_on, published_on)
      SELECT plan_id, province_code, unit_code, 2027, name, stage, files, pages,
        scanned_on + 365, checked_on + 365, described_on + 365, published_on + 365
      FROM digitization_batches WHERE province_code = '01' AND year = 2026`);
    expect((await board({ year: 2027 })).total.done.scanned.files).toBeGreaterThan(0);
    await expectSameBoards();
    // a stage set back, dates cleared, one batch moved to another unit and year, pages changed
    await db.execute(sql`
      UPDATE digitization_batches SET stage = 'scanning', scanned_on = NULL, checked_on = NULL, described_on = NULL,
        published_on = NULL WHERE province_code = '01' AND year = 2027 AND stage = 'published'`);
    await db.execute(sql`
      UPDATE digitization_batches SET unit_code = '00008', year = 2025, pages = pages + 11
      WHERE id = (SELECT id FROM digitization_batches WHERE unit_code = '00004' AND year = 2026 LIMIT 1)`);
    await expectSameBoards();
    // deletes: a unit's batches and plans of a year, then every batch of 2027
    await db.execute(sql`DELETE FROM digitization_batches WHERE unit_code = '00004' AND year = 2026`);
    await db.execute(sql`DELETE FROM digitization_plans WHERE unit_code = '00004' AND year = 2026`);
    expect(row(await board({ province: '01' }), '00004')).toBeUndefined();
    await db.execute(sql`DELETE FROM digitization_batches WHERE year = 2027`);
    expect((await board({ year: 2027 })).rows).toEqual([]);
    await expectSameBoards();
    // nothing kept at zero
    const [zero] = await ctx.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM digitization_board WHERE n = 0 OR year = 2027`,
    );
    expect(zero!.n).toBe(0);
  });
});
