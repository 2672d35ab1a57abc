import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import type { BatchDetail, Upload } from './contract.js';
import { startUploadSweep, sweepOrphanUploads } from './index.js';
import type { DiskFileStore } from '../../core/file-store.js';

// A clock of its own, before any other file's: the sweep looks at every upload idle since before the cutoff, and on
// PostgreSQL all files share one database (no other file's upload is this old).
const clock = testClock('2025-01-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let batch: BatchDetail;

const pdf = (n: number, pad = 0) =>
  Buffer.from(
    '%PDF-1.4\n' +
      Array.from({ length: n }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') +
      ' '.repeat(pad) +
      '%%EOF\n',
    'latin1',
  );

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  commune = await signIn(ctx.app, 'commune-00091');
  const plan = await commune.send('POST', '/api/archives/plans', {
    unitCode: '00091',
    year: 2025,
    fonds: 'Phông UBND xã (cũ) – thử dọn tệp dở',
    retention: 'fixed_term',
    plannedFiles: 10,
    plannedPages: 100,
  });
  expect(plan.statusCode, plan.body).toBe(200);
  const b = await commune.send('POST', `/api/archives/plans/${plan.json().id}/batches`, {
    name: 'Lô thử dọn tệp dở',
    files: 3,
  });
  expect(b.statusCode, b.body).toBe(201);
  batch = b.json();
});
afterAll(() => ctx.close());

const patch = (id: string, offset: number, bytes: Buffer) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/archives/uploads/${id}`,
    payload: bytes,
    headers: {
      cookie: commune.cookie,
      'x-csrf-token': commune.csrfToken,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
  });

async function start(name: string, file: Buffer): Promise<string> {
  const r = await commune.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
    name,
    contentType: 'application/pdf',
    sizeBytes: file.length,
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as Upload).id!;
}

/** The pieces an upload has in the file store (each stored under a key of its own). */
const piecesOf = (id: string) => {
  const dir = join((ctx.app.fileStore as DiskFileStore).root, 'archives', 'uploads', id);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('the sweep of abandoned uploads', () => {
  it('removes an upload idle longer than the setting with its stored pieces, and leaves kept scans whole', async () => {
    const store = ctx.app.fileStore;
    const kept = pdf(2, 900);
    const keptId = await start('Giữ lại.pdf', kept);
    expect((await patch(keptId, 0, kept.subarray(0, 500))).statusCode).toBe(200);
    const done = await patch(keptId, 500, kept.subarray(500));
    expect(done.json()).toMatchObject({ complete: true, duplicate: false });
    const scanId = (done.json() as Upload).scan!.id;

    // The same bytes again without a checksum: recognised only at the end, its own pieces are left behind.
    const dupId = await start('Giữ lại (lần 2).pdf', kept);
    expect((await patch(dupId, 0, kept)).json()).toMatchObject({ complete: true, duplicate: true });

    // Started on a weak connection, one piece sent, never finished.
    const half = pdf(3, 2000);
    const halfId = await start('Dở dang.pdf', half);
    expect((await patch(halfId, 0, half.subarray(0, 800))).statusCode).toBe(200);
    expect(piecesOf(halfId)).toHaveLength(1);
    expect(piecesOf(dupId)).toHaveLength(1);

    // Twelve hours later nothing is old enough.
    expect(await sweepOrphanUploads(ctx.database.db, store, new Date('2025-01-02T15:00:00Z'), 24)).toEqual({
      abandoned: 0,
      pieces: 0,
      partial: 0,
    });
    expect((await commune.get(`/api/archives/uploads/${halfId}`)).json().offset).toBe(800);

    // Two days later: the half upload is gone (the client is told to start again), so are the duplicate's pieces.
    const r = await sweepOrphanUploads(ctx.database.db, store, new Date('2025-01-04T10:00:00Z'), 24);
    expect(r.abandoned).toBe(1);
    expect(r.pieces).toBe(2);
    expect((await commune.get(`/api/archives/uploads/${halfId}`)).statusCode).toBe(404);
    expect(piecesOf(halfId)).toEqual([]);
    expect(piecesOf(dupId)).toEqual([]);

    // The kept scan still downloads whole; a finished upload still answers its state.
    const download = await commune.get(`/api/archives/scans/${scanId}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(kept)).toBe(true);
    expect((await commune.get(`/api/archives/uploads/${keptId}`)).json()).toMatchObject({ complete: true });
    expect((await commune.get(`/api/archives/uploads/${dupId}`)).json()).toMatchObject({ complete: true });

    // A second pass finds nothing more.
    expect(await sweepOrphanUploads(ctx.database.db, store, new Date('2025-01-04T10:00:00Z'), 24)).toEqual({
      abandoned: 0,
      pieces: 0,
      partial: 0,
    });
  });

  it('runs once at start, on a timer that does not hold the process, and stops', async () => {
    const half = pdf(1, 1500);
    const id = await start('Dở dang 2.pdf', half);
    expect((await patch(id, 0, half.subarray(0, 600))).statusCode).toBe(200);
    const lines: string[] = [];
    const later = testClock('2025-01-05T10:00:00+07:00');
    const stop = startUploadSweep({
      db: () => ctx.database.db,
      store: ctx.app.fileStore,
      clock: later,
      log: (l) => lines.push(l),
      ttlHours: 24,
      everyMs: 3600_000,
    });
    for (let i = 0; i < 100 && !lines.length; i++) await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(lines.join('\n')).toMatch(/removed 1 abandoned uploads and 1 stored pieces/);
    expect((await commune.get(`/api/archives/uploads/${id}`)).statusCode).toBe(404);
  });
  it('removes the pieces of a file refused for a damaged piece at once, so none is left for the sweep', async () => {
    const file = pdf(2, 1200);
    const r = await commune.send('POST', `/api/archives/batches/${batch.id}/uploads`, {
      name: 'Hỏng giữa đường.pdf',
      contentType: 'application/pdf',
      sizeBytes: file.length,
      sha256: createHash('sha256').update('other bytes').digest('hex'),
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = (r.json() as Upload).id!;
    expect((await patch(id, 0, file.subarray(0, 700))).statusCode).toBe(200);
    expect(piecesOf(id)).toHaveLength(1);
    const refused = await patch(id, 700, file.subarray(700));
    expect(refused.statusCode).toBe(409);
    expect(piecesOf(id)).toEqual([]);
    // The client starts again from the first byte.
    expect((await commune.get(`/api/archives/uploads/${id}`)).json().offset).toBe(0);
  });
});

describe('the sweep of pieces cut off by a stopped process', () => {
  it('removes a partly written piece no upload holds, once old enough; the upload resumes from its whole pieces', async () => {
    const store = ctx.app.fileStore;
    const file = pdf(3, 3000);
    const id = await start('Mất điện giữa chừng.pdf', file);
    expect((await patch(id, 0, file.subarray(0, 1000))).statusCode).toBe(200);
    // The process was killed (kill -9) while the second piece streamed to disk: its bytes so far stay in the store
    // under the key that piece had, and the upload's row never heard of it.
    const dir = join((store as DiskFileStore).root, 'archives', 'uploads', id);
    const cut = join(dir, '1000-00000000-0000-4000-8000-000000000001');
    writeFileSync(cut, file.subarray(1000, 1700));
    // The same for an upload whose row is gone (swept as abandoned, or never written).
    const lost = join((store as DiskFileStore).root, 'archives', 'uploads', '00000000-0000-4000-8000-00000000dead');
    mkdirSync(lost, { recursive: true });
    writeFileSync(join(lost, '0-00000000-0000-4000-8000-000000000002'), 'cut off');
    // Last written at 10:00 (the sweep's clock).
    const at = new Date('2025-01-02T03:00:00Z');
    utimesSync(cut, at, at);
    utimesSync(join(lost, '0-00000000-0000-4000-8000-000000000002'), at, at);

    // The server reports only the whole, hashed pieces: the client re-sends the piece that was cut.
    expect((await commune.get(`/api/archives/uploads/${id}`)).json().offset).toBe(1000);

    // Ten minutes later the piece may still be arriving on another process: left alone.
    expect((await sweepOrphanUploads(ctx.database.db, store, new Date('2025-01-02T03:10:00Z'), 24)).partial).toBe(0);
    expect(piecesOf(id)).toHaveLength(2);
    // Two hours later it is swept (the upload itself is not abandoned yet).
    const later = new Date('2025-01-02T05:00:00Z');
    expect(await sweepOrphanUploads(ctx.database.db, store, later, 24)).toMatchObject({ abandoned: 0, partial: 1 });
    expect(piecesOf(id)).toHaveLength(1);
    // The folder of an upload whose row is gone is found by the pass at start, which reads every folder.
    expect(readdirSync(lost)).toHaveLength(1);
    expect((await sweepOrphanUploads(ctx.database.db, store, later, 24, { everyFolder: true })).partial).toBe(1);
    expect(existsSync(lost)).toBe(false); // its folder goes with its last piece

    // The upload resumes where the server says and completes with the right checksum and pages.
    expect((await patch(id, 1000, file.subarray(1000, 2000))).json().offset).toBe(2000);
    const done = await patch(id, 2000, file.subarray(2000));
    expect(done.json()).toMatchObject({
      complete: true,
      scan: { sha256: createHash('sha256').update(file).digest('hex'), pageCount: 3 },
    });
    const download = await commune.get(`/api/archives/scans/${(done.json() as Upload).scan!.id}/file`);
    expect(download.rawPayload.equals(file)).toBe(true);
  });

  it('never removes a piece still streaming in this process, however slow', async () => {
    const file = pdf(1, 3000);
    const id = await start('Mạng chậm.pdf', file);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* slow() {
      yield file.subarray(0, 100);
      await held;
      yield file.subarray(100);
    }
    const sending = ctx.app.inject({
      method: 'PATCH',
      url: `/api/archives/uploads/${id}`,
      payload: Readable.from(slow()),
      headers: {
        cookie: commune.cookie,
        'x-csrf-token': commune.csrfToken,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
    });
    for (let i = 0; i < 100 && piecesOf(id).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(piecesOf(id)).toHaveLength(1);
    const [piece] = piecesOf(id);
    const at = new Date('2025-01-01T00:00:00Z');
    utimesSync(join((ctx.app.fileStore as DiskFileStore).root, 'archives', 'uploads', id, piece!), at, at);
    const r = await sweepOrphanUploads(ctx.database.db, ctx.app.fileStore, new Date('2025-01-02T05:00:00Z'), 24);
    expect(r.partial).toBe(0);
    release();
    const done = await sending;
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ complete: true });
  });
});
