import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskFileStore } from './file-store.js';

describe('the disk file store, written as bytes arrive', () => {
  const store = new DiskFileStore(mkdtempSync(join(tmpdir(), 'haicap-store-')));

  it('keeps the bytes of a stream under a new key', async () => {
    async function* pieces() {
      yield Buffer.from('first ');
      yield Buffer.from('second');
    }
    await store.putStream('a/b/whole', pieces());
    expect((await store.get('a/b/whole')).toString()).toBe('first second');
    await expect(store.putStream('a/b/whole', pieces())).rejects.toThrow();
    expect((await store.get('a/b/whole')).toString()).toBe('first second');
  });

  it('keeps nothing of a stream that broke off (a dropped connection)', async () => {
    async function* cut() {
      yield Buffer.alloc(1000, 1);
      throw new Error('aborted');
    }
    await expect(store.putStream('a/b/cut', cut())).rejects.toThrow('aborted');
    expect(await store.has('a/b/cut')).toBe(false);
  });
});
