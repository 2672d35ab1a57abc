import { createHash } from 'node:crypto';
import { access, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Where document bytes live. Disk by default; an object store implements the same calls. */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /**
   * Writes bytes as they arrive under a new key (never one that exists), without holding them whole. If `source`
   * fails (a dropped connection, a piece too long) the key is removed and the error passed on.
   */
  putStream(key: string, source: AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export class DiskFileStore implements FileStore {
  constructor(readonly root: string) {}
  private path(key: string) {
    const p = resolve(this.root, key);
    if (!p.startsWith(resolve(this.root))) throw new Error('bad storage key');
    return p;
  }
  async put(key: string, bytes: Buffer) {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, bytes);
  }
  async putStream(key: string, source: AsyncIterable<Uint8Array>) {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    const file = await open(p, 'wx'); // refused if the key exists: nothing of another's file is touched
    try {
      await pipeline(source, file.createWriteStream());
    } catch (e) {
      await rm(p, { force: true });
      throw e;
    }
  }
  get(key: string) {
    return readFile(this.path(key));
  }
  has(key: string) {
    return access(this.path(key)).then(
      () => true,
      () => false,
    );
  }
  remove(key: string) {
    return rm(this.path(key), { force: true });
  }
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export const defaultFileStore = (dataRoot = process.env.FILES_DIR ?? 'data/files') => new DiskFileStore(join(dataRoot));
