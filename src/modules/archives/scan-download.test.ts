import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';
import type { Upload } from './contract.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let commune: Session;
let other: Session; // a commune of another province
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A scanned file of 3 pages, sent in 3 pieces: a download crosses the pieces' borders. */
const file = Buffer.from(
  '%PDF-1.4\n' +
    [3, 4, 5].map((n) => `${n} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') +
    Array.from({ length: 400 }, (_, i) => `% dòng ${i}\n`).join('') +
    '%%EOF\n',
  'utf8',
);
const NAME = 'Biên bản bàn giao – Phường Phúc Xá (cũ) "bản 1".pdf';
let scanId: string;

const download = (headers: Record<string, string> = {}, s = commune) =>
  ctx.app.inject({
    method: 'GET',
    url: `/api/archives/scans/${scanId}/file`,
    headers: { cookie: s.cookie, ...headers },
  });

beforeAll(async () => {
  ctx = await createTestApp();
  [commune, other] = await Promise.all([signIn(ctx.app, 'commune-00091'), signIn(ctx.app, 'commune-00004')]);
  const plan = await commune.send('POST', '/api/archives/plans', {
    unitCode: '00091',
    year: 2026,
    fonds: 'Phông UBND xã (cũ) – thử tải về',
    retention: 'permanent',
    plannedFiles: 10,
    plannedPages: 100,
  });
  expect(plan.statusCode, plan.body).toBe(200);
  const b = await commune.send('POST', `/api/archives/plans/${plan.json().id}/batches`, {
    name: 'Lô tải về',
    files: 1,
  });
  expect(b.statusCode, b.body).toBe(201);
  const u = await commune.send('POST', `/api/archives/batches/${b.json().id}/uploads`, {
    name: NAME,
    contentType: 'application/pdf',
    sizeBytes: file.length,
  });
  expect(u.statusCode, u.body).toBe(201);
  const id = (u.json() as Upload).id!;
  let last: Upload | null = null;
  for (const [from, to] of [
    [0, 1000],
    [1000, 2500],
    [2500, file.length],
  ] as const) {
    const r = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/archives/uploads/${id}`,
      payload: file.subarray(from, to),
      headers: {
        cookie: commune.cookie,
        'x-csrf-token': commune.csrfToken,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(from),
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    last = r.json();
  }
  expect(last).toMatchObject({ complete: true, scan: { sha256: sha(file), pageCount: 3 } });
  scanId = last!.scan!.id;
});
afterAll(() => ctx.close());

describe('downloading a scan', () => {
  it('streams the stored pieces (never read whole) with its length, name and checksum', async () => {
    const whole = vi.spyOn(ctx.app.fileStore, 'get');
    const r = await download({ 'accept-encoding': 'gzip' });
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
    expect(r.statusCode).toBe(200);
    expect(sha(r.rawPayload)).toBe(sha(file));
    expect(r.headers['content-length']).toBe(String(file.length));
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers.etag).toBe(`"${sha(file)}"`);
    // RFC 6266 / 5987: the Vietnamese name in UTF-8, and a plain fallback without diacritics or quotes
    const disposition = String(r.headers['content-disposition']);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    expect(decodeURIComponent(encoded!)).toBe(NAME);
    expect(encoded).not.toMatch(/['()*]/);
    expect(disposition).toContain('filename="Bien ban ban giao _ Phuong Phuc Xa (cu) _ban 1_.pdf"');
  });

  it('resumes a download cut off on a weak connection: a range answers 206 with those bytes', async () => {
    // across the border of the first two pieces
    const r = await download({ range: 'bytes=900-1099' });
    expect(r.statusCode).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 900-1099/${file.length}`);
    expect(r.headers['content-length']).toBe('200');
    expect(r.rawPayload.equals(file.subarray(900, 1100))).toBe(true);

    // the rest from where it stopped, only while the file is the same one (If-Range)
    const rest = await download({ range: 'bytes=1100-', 'if-range': `"${sha(file)}"` });
    expect(rest.statusCode).toBe(206);
    expect(Buffer.concat([file.subarray(0, 1100), rest.rawPayload]).equals(file)).toBe(true);
    const changed = await download({ range: 'bytes=1100-', 'if-range': '"another file"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.equals(file)).toBe(true);

    const tail = await download({ range: 'bytes=-7' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.toString('latin1')).toBe('%%EOF\n'.padStart(7, '\n'));

    const past = await download({ range: `bytes=${file.length}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${file.length}`);
  });

  it('is refused outside the scope, before a byte is read', async () => {
    expect((await download({ range: 'bytes=0-9' }, other)).statusCode).toBe(403);
  });
});
