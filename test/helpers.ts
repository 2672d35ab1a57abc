import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';

export const DEMO_PASSWORD = 'haicap-demo';

/** The app on a database prepared by the global setup (a private PGlite copy, or the shared server). */
export async function createTestApp(): Promise<{ app: FastifyInstance; database: Database; close(): Promise<void> }> {
  const snapshot = inject('snapshot');
  const database = snapshot
    ? await openDatabase({ loadDataDir: new Blob([readFileSync(snapshot)]) })
    : await openDatabase({ url: process.env.DATABASE_URL });
  const app = await buildApp({ database, config: { demo: true, demoPassword: DEMO_PASSWORD, secureCookies: false } });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
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
    send: (method, url, payload) => app.inject({ method, url, payload: payload as never, headers: { cookie, 'x-csrf-token': csrfToken } }),
  };
}
