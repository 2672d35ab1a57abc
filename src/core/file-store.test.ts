import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
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

  it('leaves no empty folder behind a removed file, and keeps folders that still hold one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'haicap-store-'));
    const own = new DiskFileStore(root);
    await own.put('uploads/u1/0-a', Buffer.from('a'));
    await own.put('uploads/u1/1-b', Buffer.from('b'));
    await own.put('uploads/u2/0-c', Buffer.from('c'));
    await own.remove('uploads/u1/0-a');
    expect(readdirSync(join(root, 'uploads', 'u1'))).toEqual(['1-b']);
    await own.remove('uploads/u1/1-b');
    expect(existsSync(join(root, 'uploads', 'u1'))).toBe(false);
    expect(readdirSync(join(root, 'uploads'))).toEqual(['u2']);
    await own.remove('uploads/u2/0-c');
    expect(existsSync(join(root, 'uploads'))).toBe(false);
    expect(existsSync(root)).toBe(true); // never the store's own folder
    await own.remove('uploads/u2/0-c'); // already gone: nothing to do
    // a stream cut off in a new folder leaves no folder either
    async function* cut() {
      yield Buffer.alloc(10, 1);
      throw new Error('aborted');
    }
    await expect(own.putStream('uploads/u3/0-d', cut())).rejects.toThrow('aborted');
    expect(readdirSync(root)).toEqual([]);
    // and a file written into a folder just emptied is kept
    await own.put('uploads/u4/0-e', Buffer.from('e'));
    await Promise.all([
      own.remove('uploads/u4/0-e'),
      own.putStream(
        'uploads/u4/1-f',
        (async function* () {
          yield Buffer.from('f');
        })(),
      ),
    ]);
    expect((await own.get('uploads/u4/1-f')).toString()).toBe('f');
  });
});
