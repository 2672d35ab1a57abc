import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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
