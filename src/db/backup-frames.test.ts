import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { copyText, readFrames, rowParts } from './backup.js';

/** The backup file's frames, without a database (issue #14: the embedded restore "stalled" in the reader). */
describe('backup frames', () => {
  it('reads a 64 MB frame in seconds (the reader copied every chunk onto the frame so far: ~130 GB of copying)', async () => {
    const big = Buffer.alloc(64 * 1024 * 1024, 'a');
    const frame = (header: object, bytes = Buffer.alloc(0)) =>
      Buffer.concat([Buffer.from(JSON.stringify({ ...header, bytes: bytes.length }) + '\n'), bytes]);
    const file = join(mkdtempSync(join(tmpdir(), 'haicap-frames-')), 'b.gz');
    writeFileSync(
      file,
      gzipSync(Buffer.concat([frame({ kind: 'table', name: 't' }, big), frame({ kind: 'end', frames: 1 })]), {
        level: 1,
      }),
    );
    const t0 = Date.now();
    const got: { kind: string; bytes: number }[] = [];
    for await (const f of readFrames(file)) {
      got.push({ kind: f.header.kind, bytes: f.bytes.length });
      if (f.header.kind === 'table') expect(f.bytes.equals(big)).toBe(true);
    }
    expect(got).toEqual([
      { kind: 'table', bytes: big.length },
      { kind: 'end', bytes: 0 },
    ]);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('refuses a file cut in the middle of a frame', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'haicap-frames-')), 'cut.gz');
    writeFileSync(file, gzipSync(Buffer.from(JSON.stringify({ kind: 'table', bytes: 100 }) + '\nshort')));
    await expect(async () => {
      for await (const f of readFrames(file)) void f;
    }).rejects.toThrow(/cut off/);
  });

  it('cuts a large table at row ends, each part within the bound unless one row is longer', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i}\t${'x'.repeat(i % 50)}\n`).join('');
    const parts = rowParts(Buffer.from(rows), 1000);
    expect(Buffer.concat(parts).toString()).toBe(rows);
    for (const p of parts) {
      expect(p.at(-1)).toBe(10);
      expect(p.length).toBeLessThanOrEqual(1000);
    }
    const long = Buffer.from(`${'y'.repeat(3000)}\nz\n`);
    expect(rowParts(long, 1000).map((p) => p.toString())).toEqual([`${'y'.repeat(3000)}\n`, 'z\n']);
  });

  it("writes values as COPY's text format does", () => {
    expect([null, 'a\\b', 'line\nnext', 'tab\there', 'cr\r', 'Hà Nội'].map(copyText)).toEqual([
      '\\N',
      'a\\\\b',
      'line\\nnext',
      'tab\\there',
      'cr\\r',
      'Hà Nội',
    ]);
  });
});
