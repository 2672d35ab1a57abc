/**
 * A tiny round-robin HTTP proxy on loopback, in front of two API processes (issue #14), standing for nginx.
 *
 * Chosen over node:cluster: cluster balances connections, not requests, and a browser keeps its connections alive, so
 * one page's requests could all reach one worker and prove nothing; cluster would also need the server to know it runs
 * as a worker. The proxy balances each request and records which process answered it.
 *
 * The rotation is kept per path (identifiers folded: `/api/workforce/import/<uuid>` is `/api/workforce/import`), so a
 * request repeated (a second press, the next poll of a job) goes to the other process than the one before it.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Routed {
  backend: number;
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
}

export interface RoundRobin {
  url: string;
  /** every request, in the order answered */
  log: Routed[];
  /** requests per backend */
  counts(): number[];
  close(): Promise<void>;
}

const IDS = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;
export const rotationKey = (path: string) => path.split('?')[0]!.replace(IDS, '');

export async function startRoundRobin(backends: string[]): Promise<RoundRobin> {
  const targets = backends.map((b) => new URL(b));
  const agent = new Agent({ keepAlive: true });
  const next = new Map<string, number>();
  const log: Routed[] = [];
  const server: Server = createServer((req, res) => {
    const key = rotationKey(req.url ?? '/');
    const backend = next.get(key) ?? 0;
    next.set(key, (backend + 1) % targets.length);
    const target = targets[backend]!;
    const upstream = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const key = req.headers['idempotency-key'];
        log.push({
          backend,
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          status: answer.statusCode ?? 0,
          idempotencyKey: typeof key === 'string' ? key : null,
        });
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-haicap-backend': String(backend) });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    counts: () => targets.map((_, i) => log.filter((r) => r.backend === i).length),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
