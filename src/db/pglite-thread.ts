import { Worker } from 'node:worker_threads';
import { readdirSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { noBus } from './bus.js';
import { rowsOf, type Database, type Db } from './client.js';

/**
 * An embedded database whose PGlite runs in a worker thread of this process, for the first preparation
 * (src/server/prepare-process.ts): the demo's generators make the next rows on this thread while PostgreSQL stores the
 * last ones on the other core (bench/results/NOTES.md, 2026-12-07).
 *
 * Statements run one at a time in the order they are sent, as on PGlite itself. A bulk load (`COPY … FROM
 * '/dev/blob'`, src/db/bulk.ts) and a statement sent by `runSoon` are not waited for: they answer at once and the next
 * statements queue behind them; if one fails, the next statement sent (or the end of the transaction, or `close`)
 * throws its error. For a database thrown away whole when its preparation fails; transactions are BEGIN … COMMIT on
 * the one session, so one caller at a time.
 */
export type ThreadRequest =
  | {
      id: number;
      kind: 'query';
      sql: string;
      params?: unknown[];
      rowMode?: 'array' | 'object';
      drizzleParsers?: boolean;
      blob?: ArrayBuffer;
    }
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'close' };

export type ThreadReply =
  | { id: number; result: unknown }
  | { id: number; error: { message: string; stack?: string; fields: Record<string, unknown> } };

/**
 * How many bulk loads (and statements sent `later`) may wait in the worker's queue before the sender waits for the
 * oldest: memory stays bounded.
 */
const MAX_QUEUED_LOADS = 6;

type Options = { rowMode?: 'array' | 'object'; parsers?: unknown; blob?: Blob };
type Distributive<T> = T extends unknown ? Omit<T, 'id'> : never;

class ThreadClient {
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private loads: Promise<unknown>[] = [];
  private failure: Error | null = null;
  private dead: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: ThreadReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) {
        const e = Object.assign(new Error(m.error.message), m.error.fields);
        if (m.error.stack) e.stack = m.error.stack;
        w.reject(e);
      } else w.resolve(m.result);
    });
    const stop = (e: Error) => {
      this.dead ??= e;
      this.failure ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', stop);
    worker.on('exit', (code) => stop(new Error(`the database thread stopped (exit ${code})`)));
  }

  private send(m: Distributive<ThreadRequest>, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...m, id }, transfer);
    });
  }

  /** Throws the error of a bulk load that failed since the last statement. */
  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Waits for every queued bulk load; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.loads.splice(0));
    this.check();
  }

  async query(sql: string, params?: unknown[], options?: Options): Promise<unknown> {
    this.check();
    const m = { kind: 'query' as const, sql, params, rowMode: options?.rowMode, drizzleParsers: !!options?.parsers };
    if (options?.blob && /^\s*COPY\b/i.test(sql)) {
      const blob = await options.blob.arrayBuffer();
      await this.queue(this.send({ ...m, blob }, [blob]));
      return { rows: [], fields: [], affectedRows: 0 };
    }
    const blob = options?.blob ? await options.blob.arrayBuffer() : undefined;
    const result = await this.send(blob ? { ...m, blob } : m, blob ? [blob] : []);
    this.check();
    return result;
  }

  /** Sends a statement whose answer nobody needs (src/db/bulk.ts `runSoon`): it runs in its turn, not waited for. */
  async later(sql: string, params: unknown[] = []): Promise<void> {
    this.check();
    await this.queue(this.send({ kind: 'query', sql, params }));
  }

  private async queue(load: Promise<unknown>): Promise<void> {
    load.catch((e: Error) => (this.failure ??= e));
    this.loads.push(load);
    if (this.loads.length > MAX_QUEUED_LOADS) await Promise.allSettled([this.loads.shift()]);
  }

  async exec(sql: string): Promise<unknown> {
    this.check();
    const result = await this.send({ kind: 'exec', sql });
    this.check();
    return result;
  }

  async transaction<T>(fn: (tx: ThreadClient) => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await fn(this);
      await this.settle();
      await this.query('COMMIT');
      return result;
    } catch (e) {
      await this.send({ kind: 'query', sql: 'ROLLBACK' }).catch(() => {});
      throw e;
    }
  }

  async close(): Promise<void> {
    try {
      await this.settle();
    } finally {
      await this.send({ kind: 'close' }).catch(() => {});
      await this.worker.terminate();
    }
  }
}

/** Opens the embedded database in `dataDir` with its PGlite in a worker thread (see above). */
export async function openPgliteInThread(dataDir: string): Promise<Database & { settle(): Promise<void> }> {
  // From the TypeScript sources (tsx) a worker does not inherit tsx's loader: a small entry registers it first.
  const fromSources = extname(fileURLToPath(import.meta.url)) === '.ts';
  const entry = new URL(fromSources ? './pglite-thread-tsx.mjs' : './pglite-thread-worker.js', import.meta.url);
  const worker = new Worker(entry, { workerData: { dataDir } });
  const client = new ThreadClient(worker);
  try {
    await client.query('SELECT 1'); // ready, or its error
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const db = drizzlePglite({ client: client as never }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows: async <T>(q: SQL) => rowsOf<T>(await db.execute(q)),
    close: () => client.close(),
    settle: () => client.settle(),
    bus: noBus,
  };
}

/** The name of the write-ahead log segment being written now (for `dropSpareWal`, after the database is closed). */
export async function currentWalSegment(database: Database): Promise<string> {
  const [row] = await database.rows<{ f: string }>(sql`SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS f`);
  return row!.f;
}

/**
 * Removes, from a closed embedded database's directory, the write-ahead log's spare segments: after a bulk load
 * PostgreSQL keeps dozens of 16 MB files named after the current one, recycled for later writes and holding nothing
 * it needs (the first preparation: 1.1 GB of a 2.0 GB directory). Kept: every segment up to `current` (read before
 * the close) and the one after it, where the close's own checkpoint record may have gone; PostgreSQL makes new
 * segments as it needs them.
 */
export function dropSpareWal(dataDir: string, current: string): number {
  const dir = join(dataDir, 'pg_wal');
  const later = readdirSync(dir)
    .filter((f) => /^[0-9A-F]{24}$/.test(f) && f > current)
    .sort();
  for (const f of later.slice(1)) rmSync(join(dir, f));
  return Math.max(0, later.length - 1);
}
