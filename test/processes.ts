/** The platform in processes of its own, for fault and multi-process tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './helpers.js';

export interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `src/server/main.ts` in a process of its own (node with tsx's loader: SIGKILL reaches the server itself). */
export function start(env: Record<string, string>, args: string[] = []): Server {
  const port = 41000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}

export async function ready(server: Server, timeoutMs = 900_000) {
  const until = Date.now() + timeoutMs;
  let gone = false;
  void server.exited.then(() => (gone = true));
  while (Date.now() < until) {
    if (gone) throw new Error(`the server stopped: ${server.output().slice(-2000)}`);
    const res = await fetch(`${server.base}/api/health`).catch(() => null);
    if (res?.status === 200 && ((await res.json()) as { status?: string }).status === 'ok') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not ready in time: ${server.output().slice(-2000)}`);
}

export async function stop(server: Server) {
  server.child.kill('SIGTERM');
  await server.exited;
}

export async function signInHttp(base: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    get: (path: string) => fetch(base + path, { headers: { cookie } }),
    post: (path: string, body: unknown) =>
      fetch(base + path, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
