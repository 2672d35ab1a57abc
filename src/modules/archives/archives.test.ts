import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { BatchDetail, Handover, HandoverBoard, HandoverPage, Upload } from './contract.js';
import { forgetUploadsInMemory, searchDescriptions } from './service/digitization.js';
import type { DiskFileStore } from '../../core/file-store.js';

const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;
let hanoi: Session; // province-01
let hcm: Session; // province-79
let baDinh: Session; // commune-00004
let ngocHa: Session; // commune-00008

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [ministry, hanoi, hcm, baDinh, ngocHa] = await Promise.all([
    signIn(ctx.app, 'ministry'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
  ]);
});
afterAll(() => ctx.close());

const page = (s: Session, query: string) =>
  s.get(`/api/archives/handovers?${query}`).then((r) => {
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as HandoverPage;
  });

describe('hand-overs generated from the lineage', () => {
  it('are one per former unit: 10,035 communes, 696 districts (5 of them island districts), 52 merged provinces', async () => {
    expect((await page(ministry, 'level=commune&pageSize=1')).total).toBe(10_035);
    expect((await page(ministry, 'level=district&pageSize=1')).total).toBe(696);
    expect((await page(ministry, 'level=province&pageSize=1')).total).toBe(52);
  });

  it('are generated again by the Ministry without adding anything; a province may not generate', async () => {
    const again = await ministry.send('POST', '/api/archives/handovers/generate');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, total: 10_035 + 696 + 52 });
    expect((await hanoi.send('POST', '/api/archives/handovers/generate')).statusCode).toBe(403);
  });

  it("send a split commune's archive to the successor that kept its name, and a district's to the province", async () => {
    const ngocHaOld = (await page(hanoi, 'level=commune&q=ngoc ha')).items.find((h) => h.formerCode === '00016')!;
    expect(ngocHaOld).toMatchObject({ successorCode: '00008', suggestionBasis: 'name' });
    expect(ngocHaOld.options.map((o) => o.code).sort()).toEqual(['00004', '00008']);
    const district = (await page(hanoi, 'level=district&q=quan ba dinh')).items[0]!;
    expect(district).toMatchObject({ formerName: 'Quận Ba Đình', successorCode: '01', successorLevel: 'province' });
  });
});

describe('who sees which hand-over', () => {
  it('a commune sees what it received and from whom, nothing else', async () => {
    const mine = await page(baDinh, 'pageSize=500');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((h) => h.successorCode === '00004')).toBe(true);
    // Ba Đình was formed from wards of the former Ba Đình district (Quán Thánh whole, parts of Ngọc Hà…).
    expect(mine.items.some((h) => h.formerName === 'Phường Quán Thánh' && h.formerParentName === 'Quận Ba Đình')).toBe(
      true,
    );
  });

  it("a province sees its former units' hand-overs only; the Ministry all", async () => {
    const hn = await page(hanoi, 'pageSize=1');
    const all = await page(ministry, 'pageSize=1');
    expect(hn.total).toBeGreaterThan(500);
    expect(all.total).toBe(10_035 + 696 + 52);
    expect((await page(hcm, 'province=01&pageSize=1')).total).toBe(0);
    const one = (await page(hanoi, 'pageSize=1')).items[0]!;
    expect((await hcm.get(`/api/archives/handovers/${one.id}`)).statusCode).toBe(403);
    expect((await ngocHa.get(`/api/archives/handovers/${one.id}`)).statusCode).toBe(
      one.successorCode === '00008' ? 200 : 403,
    );
  });

  it('the Ministry reads the share received per province; a province its own row', async () => {
    const board = (await ministry.get('/api/archives/handovers/board')).json() as HandoverBoard;
    expect(board.rows).toHaveLength(34);
    expect(board.total.total).toBe(10_035 + 696 + 52);
    for (const r of board.rows) {
      expect(r.receivedShare).toBeGreaterThanOrEqual(0);
      expect(r.receivedShare).toBeLessThanOrEqual(1);
      expect(r.receivedShare).toBeCloseTo((r.states.received + r.states.received_with_shortfalls) / r.total, 6);
    }
    const own = (await hanoi.get('/api/archives/handovers/board')).json() as HandoverBoard;
    expect(own.rows.map((r) => r.provinceCode)).toEqual(['01']);
  });
});

describe('a hand-over from inventory to receipt', () => {
  let h: Handover;
  const act = (s: Session, body: Record<string, unknown>) =>
    s.send('POST', `/api/archives/handovers/${h.id}/actions`, body);
  const extent = {
    shelfMetres: 8.5,
    boxes: 60,
    files: 480,
    yearFrom: 1986,
    yearTo: 2025,
    permanentFiles: 180,
    fixedTermFiles: 300,
  };

  beforeAll(async () => {
    h =
      (await page(baDinh, 'state=not_started&pageSize=1')).items[0] ??
      (await page(hanoi, 'state=not_started&level=commune&pageSize=1')).items[0]!;
    expect(h.actions).toContain('inventory');
  });

  it('is inventoried with an extent whose permanent and fixed-term files make up the files', async () => {
    const bad = await act(hanoi, { action: 'inventory', extent: { ...extent, fixedTermFiles: 299 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('extent.fixedTermFiles');
    const ok = await act(hanoi, { action: 'inventory', extent });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'inventoried', extent });
  });

  it('is not received before it is handed over, and another province may not touch it', async () => {
    const early = await act(hanoi, { action: 'receive', receivedOn: '2026-03-01' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('illegal_transition');
    expect((await act(hcm, { action: 'hand_over' })).statusCode).toBe(403);
  });

  it('is handed over with minutes signed by both sides', async () => {
    const oneSide = await act(hanoi, {
      action: 'hand_over',
      handedOverOn: '2026-02-10',
      recordNumber: '07/BB-BGTL',
      signatories: [{ side: 'handing', name: 'Nguyễn Văn An', position: 'Nguyên công chức Văn phòng - Thống kê' }],
    });
    expect(oneSide.statusCode).toBe(400);
    expect(oneSide.json().error.field).toBe('signatories');
    const ok = await act(hanoi, {
      action: 'hand_over',
      handedOverOn: '2026-02-10',
      recordNumber: '07/BB-BGTL',
      signatories: [
        { side: 'handing', name: 'Nguyễn Văn An', position: 'Nguyên công chức Văn phòng - Thống kê' },
        { side: 'receiving', name: 'Trần Thị Bình', position: 'Chánh Văn phòng HĐND và UBND' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('handed_over');
  });

  it('keeps the scanned minutes', async () => {
    const pdf = Buffer.from('%PDF-1.4 biên bản giao nhận tài liệu lưu trữ');
    const r = await hanoi.send('POST', `/api/archives/handovers/${h.id}/minutes`, {
      file: { name: 'Biên bản 07.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().minutes).toMatchObject({ sha256: createHash('sha256').update(pdf).digest('hex') });
    const file = await hanoi.get(`/api/archives/handovers/${h.id}/minutes`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('is received with its shortfalls listed, then received when they are made up', async () => {
    const before = ((await hanoi.get('/api/archives/handovers/board')).json() as HandoverBoard).rows[0]!;
    const r = await act(hanoi, {
      action: 'receive',
      receivedOn: '2026-02-20',
      shortfalls: [{ description: 'Thiếu sổ đăng ký khai sinh năm 1999', files: 4 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'received_with_shortfalls', shortfalls: [{ files: 4 }] });
    const after = ((await hanoi.get('/api/archives/handovers/board')).json() as HandoverBoard).rows[0]!;
    expect(after.shortfallFiles).toBe(before.shortfallFiles + 4);
    const missing = await page(hanoi, 'missing=true&pageSize=500&state=received_with_shortfalls');
    expect(missing.items.some((x) => x.id === h.id)).toBe(true);

    expect((await act(hanoi, { action: 'resolve_shortfalls' })).json().error.field).toBe('note');
    const done = await act(hanoi, { action: 'resolve_shortfalls', note: 'Đã nhận bổ sung ngày 25/02/2026' });
    expect(done.json().state).toBe('received');
    const audit = await hanoi.get(`/api/audit?entity=archive_handover&pageSize=50`);
    expect(JSON.stringify(audit.json())).toContain(h.id);
  });
});

describe('designating the successor of a split commune', () => {
  it('is done by the province, among the successors of the lineage, before the hand-over', async () => {
    const open = await page(hanoi, 'level=commune&state=not_started&pageSize=500');
    const h = open.items.find((x) => x.options.length > 1)!;
    expect(h.actions).toContain('designate');
    const other = h.options.find((o) => o.code !== h.successorCode)!;
    const commune = await signIn(ctx.app, `commune-${h.successorCode}`);
    expect(
      (await commune.send('POST', `/api/archives/handovers/${h.id}/designate`, { successorCode: other.code }))
        .statusCode,
    ).toBe(403);
    const wrong = await hanoi.send('POST', `/api/archives/handovers/${h.id}/designate`, { successorCode: '26734' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('successorCode');
    const ok = await hanoi.send('POST', `/api/archives/handovers/${h.id}/designate`, { successorCode: other.code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ successorCode: other.code, designated: true, suggestedCode: h.successorCode });
    const receiving = await signIn(ctx.app, `commune-${other.code}`);
    expect((await page(receiving, 'pageSize=500')).items.some((x) => x.id === h.id)).toBe(true);
    expect((await page(commune, 'pageSize=500')).items.some((x) => x.id === h.id)).toBe(false);
  });

  it('is no longer possible once the archive is handed over', async () => {
    const done = (await page(hanoi, 'level=commune&state=received&pageSize=500')).items.find(
      (x) => x.options.length > 1,
    )!;
    expect(done.actions).not.toContain('designate');
    const r = await hanoi.send('POST', `/api/archives/handovers/${done.id}/designate`, {
      successorCode: done.options.find((o) => o.code !== done.successorCode)!.code,
    });
    expect(r.statusCode).toBe(409);
  });
});

/** A PDF of `n` pages, padded so that it needs several pieces. */
const pdf = (n: number, pad = 0) =>
  Buffer.from(
    '%PDF-1.4\n' +
      Array.from({ length: n }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') +
      ' '.repeat(pad) +
      '%%EOF\n',
    'latin1',
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('digitization by a commune', () => {
  let batch: BatchDetail;
  const file = pdf(3, 2000);
  const patch = (s: Session, id: string, offset: number, bytes: Buffer) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/archives/uploads/${id}`,
      payload: bytes,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrfToken,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
      },
    });

  beforeAll(async () => {
    const plan = await baDinh.send('POST', '/api/archives/plans', {
      unitCode: '00004',
      year: 2026,
      fonds: 'Phông UBND phường Phúc Xá (cũ)',
      retention: 'permanent',
      plannedFiles: 300,
      plannedPages: 9000,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const b = await baDinh.send('POST', `/api/archives/plans/${plan.json().id}/batches`, {
      name: 'Đợt 1/2026',
      files: 20,
      clientRef: 'batch-phucxa-2026-1',
    });
    expect(b.statusCode, b.body).toBe(201);
    batch = b.json();
    const again = await baDinh.send('POST', `/api/archives/plans/${plan.json().id}/batches`, {
      name: 'Đợt 1/2026',
      files: 20,
      clientRef: 'batch-phucxa-2026-1',
    });
    expect(again.json().id).toBe(batch.id);
    expect(
      (await ngocHa.send('POST', `/api/archives/plans/${plan.json().id}/batches`, { name: 'x', files: 1 })).statusCode,
    ).toBe(403);
  });

  it('uploads a scan in pieces, resumes after an interruption, and keeps its SHA-256 and page count', async () => {
    const start = await baDinh.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'Hồ sơ 01.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
    });
    expect(start.statusCode, start.body).toBe(201);
    const id = (start.json() as Upload).id!;
    const first = await patch(baDinh, id, 0, file.subarray(0, 700));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ offset: 700, complete: false });
    // The connection dropped; the client sent the first piece again: refused, told where to resume.
    const repeat = await patch(baDinh, id, 0, file.subarray(0, 700));
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().error.code).toBe('upload_offset_mismatch');
    const status = await baDinh.get(`/api/archives/uploads/${id}`);
    expect(status.headers['upload-offset']).toBe('700');
    expect((await patch(ngocHa, id, 700, file.subarray(700, 1400))).statusCode).toBe(403);
    expect((await patch(baDinh, id, 700, file.subarray(700, 1400))).json().offset).toBe(1400);
    const last = await patch(baDinh, id, 1400, file.subarray(1400));
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ complete: true, duplicate: false, scan: { sha256: sha(file), pageCount: 3 } });
    const download = await baDinh.get(`/api/archives/scans/${last.json().scan.id}/file`);
    expect(download.rawPayload.equals(file)).toBe(true);
  });

  it('recognises a re-upload of the same file, by its checksum or once its bytes arrived', async () => {
    const known = await baDinh.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'Hồ sơ 01 (lần 2).pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
      sha256: sha(file),
    });
    expect(known.json()).toMatchObject({ id: null, complete: true, duplicate: true });
    const blind = await baDinh.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'Hồ sơ 01 (lần 3).pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
    });
    const done = await patch(baDinh, blind.json().id, 0, file);
    expect(done.json()).toMatchObject({ complete: true, duplicate: true });
    const b = (await baDinh.get(`/api/archives/batches/${batch.id}`)).json() as BatchDetail;
    expect(b.scanList).toHaveLength(1);
    expect(b.pages).toBe(3);
  });

  it('refuses a file whose bytes do not match the declared checksum and starts it again', async () => {
    const other = pdf(2);
    const u = await baDinh.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'Hồ sơ 02.pdf',
      contentType: 'application/pdf',
      sizeBytes: other.length,
      sha256: sha(Buffer.from('something else')),
    });
    const r = await patch(baDinh, u.json().id, 0, other);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('upload_checksum_mismatch');
    expect((await baDinh.get(`/api/archives/uploads/${u.json().id}`)).json().offset).toBe(0);
  });

  describe('on the way', () => {
    // a batch of its own: the files here are not described with the first batch's
    let other: BatchDetail;
    beforeAll(async () => {
      const b = await baDinh.send('POST', `/api/archives/plans/${batch.planId}/batches`, {
        name: 'Đợt 2/2026',
        files: 2,
      });
      expect(b.statusCode, b.body).toBe(201);
      other = b.json();
    });

    it('keeps the right checksum and page count when the server lost what it had counted (a restart)', async () => {
      const restarted = pdf(5, 3000);
      const start = await baDinh.send('POST', `/api/archives/batches/${other.id}/uploads`, {
        name: 'Hồ sơ 04.pdf',
        contentType: 'application/pdf',
        sizeBytes: restarted.length,
      });
      const id = (start.json() as Upload).id!;
      expect((await patch(baDinh, id, 0, restarted.subarray(0, 1000))).statusCode).toBe(200);
      forgetUploadsInMemory();
      expect((await patch(baDinh, id, 1000, restarted.subarray(1000, 2500))).statusCode).toBe(200);
      const last = await patch(baDinh, id, 2500, restarted.subarray(2500));
      expect(last.json()).toMatchObject({ complete: true, scan: { sha256: sha(restarted), pageCount: 5 } });
    });

    it('refuses a piece longer than what is left of the file, and keeps none of its bytes', async () => {
      const small = pdf(1, 500);
      const start = await baDinh.send('POST', `/api/archives/batches/${other.id}/uploads`, {
        name: 'Hồ sơ 05.pdf',
        contentType: 'application/pdf',
        sizeBytes: small.length,
      });
      const id = (start.json() as Upload).id!;
      const r = await patch(baDinh, id, 0, Buffer.concat([small, small]));
      expect(r.statusCode).toBe(400);
      expect(r.json().error.field).toBe('body');
      const pieces = join((ctx.app.fileStore as DiskFileStore).root, 'archives', 'uploads', id);
      expect(existsSync(pieces) ? readdirSync(pieces) : []).toEqual([]);
      expect(existsSync(pieces)).toBe(false); // not even an empty folder
      expect((await baDinh.get(`/api/archives/uploads/${id}`)).json().offset).toBe(0);
      expect((await patch(baDinh, id, 0, small)).json()).toMatchObject({
        complete: true,
        scan: { sha256: sha(small) },
      });
    });
  });

  it('is checked, described (all or nothing, by row and field), published, and found without diacritics', async () => {
    const act = (action: string) => baDinh.send('POST', `/api/archives/batches/${batch.id}/actions`, { action });
    expect((await act('finish_scanning')).json().stage).toBe('scanned');
    expect((await act('check')).json().stage).toBe('checked');
    expect((await act('describe')).json().error.code).toBe('batch_not_described');
    const scanId = ((await baDinh.get(`/api/archives/batches/${batch.id}`)).json() as BatchDetail).scanList[0]!.id;
    const item = {
      scanId,
      fonds: 'Phông UBND phường Phúc Xá (cũ)',
      fileCode: 'PX.2015.012',
      docNumber: '45',
      docSymbol: 'QĐ-UBND',
      docDate: '2015-03-12',
      issuingBody: 'UBND phường Phúc Xá',
      summary: 'Quyết định về việc giao đất ở cho hộ gia đình ông Lê Văn Cường',
      pageCount: 3,
      retention: 'permanent',
      access: 'open',
    };
    const bad = await baDinh.send('POST', `/api/archives/batches/${batch.id}/descriptions`, {
      items: [item, { ...item, docDate: '2027-01-01' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('items.1.docDate');
    expect((await baDinh.get(`/api/archives/descriptions?batch=${batch.id}`)).json().total).toBe(0);
    const ok = await baDinh.send('POST', `/api/archives/batches/${batch.id}/descriptions`, {
      items: [item, { ...item, fileCode: 'PX.2015.013', summary: 'Biên bản kiểm tra đất đai', access: 'restricted' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await act('describe')).json().stage).toBe('described');
    expect((await act('publish')).json().stage).toBe('published');

    const found = await hcm.get('/api/archives/descriptions?q=quyet dinh giao dat cuong');
    expect(found.json().items.map((d: { fileCode: string }) => d.fileCode)).toContain('PX.2015.012');
    expect(found.json().more).toBe(false);
    // Past the cap the count stops and says "more": a common word is not counted to its last match.
    const reader = {
      id: '00000000-0000-0000-0000-000000000001',
      username: 'ministry',
      displayName: '',
      role: 'ministry' as const,
      provinceCode: null,
      communeCode: null,
      ip: null,
    };
    const all = await searchDescriptions(ctx.database.db, reader, { page: 1, pageSize: 50 });
    expect(all.total).toBeGreaterThan(3);
    const capped = await searchDescriptions(ctx.database.db, reader, { page: 1, pageSize: 2 }, 3);
    expect(capped).toMatchObject({ total: 3, more: true });
    expect(capped.items).toHaveLength(2);
    // A restricted description: read in its commune and province, not elsewhere.
    const restricted = (s: Session) =>
      s
        .get(`/api/archives/descriptions?batch=${batch.id}`)
        .then((r) => r.json().items.map((d: { fileCode: string }) => d.fileCode));
    expect(await restricted(baDinh)).toContain('PX.2015.013');
    expect(await restricted(hanoi)).toContain('PX.2015.013');
    expect(await restricted(hcm)).not.toContain('PX.2015.013');
    expect(await restricted(ngocHa)).not.toContain('PX.2015.013');
  });

  it('shows on the boards: planned and done per stage, per unit for the province, per province for the Ministry', async () => {
    const board = (await hanoi.get('/api/archives/digitization/board?year=2026')).json();
    expect(board.level).toBe('province');
    const row = board.rows.find((r: { code: string }) => r.code === '00004');
    expect(row.plannedPages).toBeGreaterThanOrEqual(9000);
    expect(row.done.published.pages).toBeGreaterThanOrEqual(3);
    const country = (await ministry.get('/api/archives/digitization/board?year=2026')).json();
    expect(country.level).toBe('country');
    expect(country.rows.length).toBe(34);
    expect(country.total.plannedPages).toBeGreaterThan(row.plannedPages);
    // a batch counts in every stage it has reached: what is published was also scanned, checked and described
    for (const r of [row, board.total, country.total]) {
      expect(r.done.scanned.pages).toBeGreaterThanOrEqual(r.done.checked.pages);
      expect(r.done.checked.pages).toBeGreaterThanOrEqual(r.done.described.pages);
      expect(r.done.described.pages).toBeGreaterThanOrEqual(r.done.published.pages);
    }
    const sum = (k: 'scanned' | 'published') =>
      country.rows.reduce((a: number, r: { done: Record<string, { files: number }> }) => a + r.done[k]!.files, 0);
    expect(country.total.done.scanned.files).toBe(sum('scanned'));
    expect(country.total.done.published.files).toBe(sum('published'));
  });
});

describe('descriptions from and to Excel', () => {
  const header = [
    'Phông',
    'Mã hồ sơ',
    'Số văn bản',
    'Ký hiệu',
    'Ngày văn bản',
    'Cơ quan ban hành',
    'Trích yếu',
    'Số trang',
    'Thời hạn bảo quản',
    'Chế độ sử dụng',
  ];
  const row = (fileCode: string, date: string) => [
    'Phông UBND phường Quán Thánh (cũ)',
    fileCode,
    '12',
    'QĐ-UBND',
    date,
    'UBND phường Quán Thánh',
    'Quyết định thành lập tổ dân phố',
    4,
    'Vĩnh viễn',
    'Sử dụng rộng rãi',
  ];
  const xlsx = async (rows: unknown[][]) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Mô tả');
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
  };
  const file = async (rows: unknown[][]) => ({
    file: {
      name: 'mo-ta.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: await xlsx(rows),
    },
  });

  it('imports all rows or none, naming each bad cell by row and column, and exports the same sheet', async () => {
    const plan = await baDinh.send('POST', '/api/archives/plans', {
      unitCode: '00004',
      year: 2026,
      fonds: 'Phông UBND phường Quán Thánh (cũ)',
      retention: 'permanent',
      plannedFiles: 100,
      plannedPages: 2000,
    });
    const batch = (
      await baDinh.send('POST', `/api/archives/plans/${plan.json().id}/batches`, { name: 'Đợt 2', files: 5 })
    ).json();
    const url = `/api/archives/batches/${batch.id}/descriptions/import`;
    const bad = await baDinh.send(
      'POST',
      url,
      await file([header, row('QT.01', '12/03/2015'), row('QT.02', '32/13/2015')]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({ added: 0, errors: [{ row: 3, column: 'Ngày văn bản', detail: expect.any(String) }] });
    expect((await baDinh.get(`/api/archives/descriptions?batch=${batch.id}`)).json().total).toBe(0);
    expect((await ngocHa.send('POST', url, await file([header, row('QT.01', '12/03/2015')]))).statusCode).toBe(403);

    const ok = await baDinh.send(
      'POST',
      url,
      await file([header, row('QT.01', '12/03/2015'), row('QT.02', '01/04/2016')]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ added: 2, errors: [] });

    const out = await baDinh.get(`/api/archives/batches/${batch.id}/descriptions.xlsx`);
    expect(out.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(5).value).toBe('Ngày văn bản');
    expect(sheet.getRow(2).getCell(2).value).toBe('QT.01');
    expect(sheet.getRow(2).getCell(5).value).toBe('12/03/2015');
    expect(sheet.getRow(3).getCell(9).value).toBe('Vĩnh viễn');
  });
});
