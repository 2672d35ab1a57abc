/**
 * The live state of the bridges: each committed change is published to the event's listeners (the hosts' maps and
 * the provinces' boards), filtered by each listener's scope. In process: one server holds the streams it serves (see
 * docs/trainings.md for running several).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inScope, type Actor } from '../../core/scope.js';
import type { BridgeChange } from './contract.js';

/** `frame`: the change as a server-sent event, serialized once for every listener. */
type Listener = (change: BridgeChange, frame: string) => void;

const listeners = new Map<string, Set<Listener>>();

export function publishChange(eventId: string, change: BridgeChange): void {
  const set = listeners.get(eventId);
  if (!set) return;
  const frame = `event: bridge\ndata: ${JSON.stringify(change)}\n\n`;
  for (const l of set) l(change, frame);
}

export function subscribe(eventId: string, listener: Listener): () => void {
  let set = listeners.get(eventId);
  if (!set) listeners.set(eventId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (!set.size) listeners.delete(eventId);
  };
}

/** How many streams are open on an event (the bench and the tests read it). */
export const listenerCount = (eventId: string) => listeners.get(eventId)?.size ?? 0;

/** A change is shown to a listener whose scope holds the bridge (the Ministry's bridge: whole-country scopes only). */
export const seesChange = (actor: Actor, c: BridgeChange) =>
  inScope(actor, { provinceCode: c.provinceCode ?? '', unitCode: c.unitCode });

const HEARTBEAT_MS = 20_000;

/**
 * Opens a server-sent-event stream on the reply: `snapshot` (the board, read once the stream listens, so no change
 * falls between the two; a change already in the snapshot is sent again, harmless since a change carries the bridge's
 * new state), then each change the actor may see, a comment every 20 s so that proxies keep the connection; ends when
 * the client goes away.
 */
export async function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
  eventId: string,
  actor: Actor,
  snapshot: () => Promise<unknown>,
  /** the streams open on this server: ended when it closes (a hijacked reply would keep it waiting) */
  open: Set<() => void>,
): Promise<void> {
  const pending: string[] = [];
  let ready = false;
  let closed = false;
  const res = reply.raw;
  const write = (event: string, data: unknown) => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = subscribe(eventId, (c, frame) => {
    if (!seesChange(actor, c)) return;
    if (!ready) pending.push(frame);
    else if (!closed) res.write(frame);
  });
  const timer: { beat?: NodeJS.Timeout } = {};
  const end = () => res.end();
  const close = () => {
    closed = true;
    if (timer.beat) clearInterval(timer.beat);
    unsubscribe();
    open.delete(end);
  };
  let board: unknown;
  try {
    board = await snapshot();
  } catch (err) {
    close();
    throw err;
  }
  reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  req.raw.on('close', close);
  res.on('close', close);
  open.add(end);
  res.write('retry: 3000\n\n');
  write('snapshot', board);
  ready = true;
  for (const frame of pending) if (!closed) res.write(frame);
  timer.beat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
}
