import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, opendir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored file as a listing shows it. */
export interface StoredKey {
  key: string;
  size: number;
  /** when its last byte was written */
  modifiedAt: Date;
}

/** Where document bytes live. Disk by default; an object store implements the same calls. */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /**
   * Writes bytes as they arrive under a new key (never one that exists), without holding them whole. If `source`
   * fails (a dropped connection, a piece too long) the key is removed and the error passed on.
   */
  putStream(key: string, source: AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Bytes `start` to `end` (inclusive; the whole file without a range) as a stream, never held whole. */
  getStream(key: string, range?: { start: number; end: number }): Readable;
  /** Every key under a prefix (a folder: `a/b`), with its size and last write; none if there is no such folder. */
  list(prefix: string): AsyncIterable<StoredKey>;
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export class DiskFileStore implements FileStore {
  constructor(readonly root: string) {}
  private path(key: string) {
    const root = resolve(this.root);
    const p = resolve(root, key);
    if (!p.startsWith(root + sep)) throw new Error('bad storage key');
    return p;
  }
  /**
   * Makes the key's folder and writes into it; again (a few times) when a removal of the folder's last file took the
   * folder away between the two (`remove` takes empty folders with it).
   */
  private async inFolder<T>(p: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await mkdir(dirname(p), { recursive: true });
      try {
        return await write();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw e;
      }
    }
  }
  async put(key: string, bytes: Buffer) {
    const p = this.path(key);
    await this.inFolder(p, () => writeFile(p, bytes));
  }
  async putStream(key: string, source: AsyncIterable<Uint8Array>) {
    const p = this.path(key);
    const file = await this.inFolder(p, () => open(p, 'wx')); // refused if the key exists: another's file is untouched
    try {
      await pipeline(source, file.createWriteStream());
    } catch (e) {
      await this.remove(key);
      throw e;
    }
  }
  get(key: string) {
    return readFile(this.path(key));
  }
  getStream(key: string, range?: { start: number; end: number }) {
    return createReadStream(this.path(key), range);
  }
  async *list(prefix: string): AsyncIterable<StoredKey> {
    const root = resolve(this.root);
    async function* walk(dir: string): AsyncGenerator<string> {
      const entries = await opendir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
        throw e;
      });
      if (!entries) return;
      for await (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) yield* walk(p);
        else if (e.isFile()) yield p;
      }
    }
    for await (const p of walk(this.path(prefix))) {
      const st = await stat(p).catch(() => null); // removed meanwhile
      if (st) yield { key: relative(root, p).split(sep).join('/'), size: st.size, modifiedAt: st.mtime };
    }
  }
  has(key: string) {
    return access(this.path(key)).then(
      () => true,
      () => false,
    );
  }
  /** Removes the file, then its folders left empty (up to the store's root): an upload's pieces leave none behind. */
  async remove(key: string) {
    const p = this.path(key);
    await rm(p, { force: true });
    const root = resolve(this.root);
    // up to the first folder still holding something (or already gone): rmdir refuses a folder that is not empty
    try {
      for (let dir = dirname(p); dir !== root && dir.startsWith(root + sep); dir = dirname(dir)) await rmdir(dir);
    } catch {
      // that folder stays
    }
  }
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export const defaultFileStore = (dataRoot = process.env.FILES_DIR ?? 'data/files') => new DiskFileStore(join(dataRoot));
