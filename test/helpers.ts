import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import type { AppConfig } from '../src/core/context.js';
import { makeClock } from '../src/core/clock.js';
import { DiskFileStore } from '../src/core/file-store.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServer } from './pg-server.js';

export const DEMO_PASSWORD = 'haicap-demo';

/** The app on a database prepared by the global setup (a private PGlite copy, or the shared server). */
/** A clock the test moves by hand: `clock.set('2026-03-02T10:00:00+07:00')`. */
export function testClock(start = '2026-03-02T10:00:00+07:00') {
  let now = new Date(start);
  return Object.assign(
    makeClock(() => now),
    { set: (iso: string) => (now = new Date(iso)) },
  );
}

export async function createTestApp(
  opts: {
    clock?: ReturnType<typeof testClock>;
    /**
     * On PostgreSQL, a private copy of the prepared database instead of the one all files share: for a file whose
     * checks need the demo as it was built while other files change it (on PGlite every file has its own copy).
     */
    isolated?: boolean;
    /** settings beside the demo's (e.g. `oidc`, the tests' OpenID Connect provider) */
    config?: Partial<AppConfig>;
  } = {},
): Promise<{
  app: FastifyInstance;
  database: Database;
  /** PostgreSQL: the database's address (the private copy's when `isolated`), for servers in processes of their own */
  url?: string;
  /**
   * Another app on the same database, as a second API process would be: its own memory (caches, running jobs); on
   * PostgreSQL its own connections, on PGlite the same embedded database (one process cannot open it twice).
   */
  second(): Promise<{ app: FastifyInstance; close(): Promise<void> }>;
  close(): Promise<void>;
}> {
  const snapshot = inject('snapshot');
  const template = inject('pgTemplate');
  let url = process.env.DATABASE_URL;
  let privateCopy: string | null = null;
  if (!snapshot && url && opts.isolated && template) {
    privateCopy = `${template}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await withServer(url, (q) => q.unsafe(`CREATE DATABASE "${privateCopy}" TEMPLATE "${template}"`).then(() => {}));
    const u = new URL(url);
    u.pathname = `/${privateCopy}`;
    url = u.toString();
  }
  const database = snapshot
    ? await openDatabase({ loadDataDir: new Blob([readFileSync(snapshot)]) })
    : await openDatabase({ url });
  const build = (db: Database) =>
    buildApp({
      database: db,
      config: { demo: true, demoPassword: DEMO_PASSWORD, secureCookies: false, ...opts.config },
      clock: opts.clock,
      fileStore: new DiskFileStore(mkdtempSync(join(tmpdir(), 'haicap-files-'))),
    });
  const app = await build(database);
  return {
    app,
    database,
    url: database.kind === 'postgres' ? url : undefined,
    second: async () => {
      const db = database.kind === 'postgres' ? await openDatabase({ url }) : database;
      const other = await build(db);
      return {
        app: other,
        close: async () => {
          await other.close();
          if (db !== database) await db.close();
        },
      };
    },
    close: async () => {
      await app.close();
      await database.close();
      if (privateCopy)
        await withServer(process.env.DATABASE_URL!, (q) =>
          q.unsafe(`DROP DATABASE IF EXISTS "${privateCopy}" WITH (FORCE)`).then(() => {}),
        );
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const { csrfToken } = res.json() as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, payload) =>
      app.inject({ method, url, payload: payload as never, headers: { cookie, 'x-csrf-token': csrfToken } }),
  };
}
