/**
 * The worker thread of `openPgliteInThread` (./pglite-thread.ts): one PGlite, its statements run one at a time in the
 * order they came. Not imported by anything; started as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { types, type PGlite } from '@electric-sql/pglite';
import { createPglite } from './client.js';
import type { ThreadReply, ThreadRequest } from './pglite-thread.js';

// drizzle's own parsers: times, dates and intervals as PostgreSQL writes them (drizzle-orm/pglite/session.js)
const asText = (value: string) => value;
const drizzleParsers = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [
    oid,
    asText,
  ]),
);

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };
const ready: Promise<PGlite> = createPglite(dataDir);
ready.catch(() => {}); // a database that cannot open is every statement's answer, below
let queue: Promise<void> = Promise.resolve(); // never rejects: each statement's error is its answer

async function run(pglite: PGlite, m: ThreadRequest): Promise<unknown> {
  if (m.kind === 'exec') return pglite.exec(m.sql);
  if (m.kind === 'close') return pglite.close();
  return pglite.query(m.sql, m.params, {
    rowMode: m.rowMode,
    ...(m.drizzleParsers ? { parsers: drizzleParsers } : {}),
    ...(m.blob ? { blob: new Blob([m.blob]) } : {}),
  });
}

port.on('message', (m: ThreadRequest) => {
  queue = queue.then(async () => {
    let reply: ThreadReply;
    try {
      reply = { id: m.id, result: await run(await ready, m) };
    } catch (e) {
      const err = e as Error & Record<string, unknown>;
      const fields: Record<string, unknown> = {};
      for (const k of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'where'])
        if (err[k] !== undefined) fields[k] = err[k];
      reply = { id: m.id, error: { message: err.message ?? String(e), stack: err.stack, fields } };
    }
    port.postMessage(reply);
  });
});
