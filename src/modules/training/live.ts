/**
 * The live state of the bridges: each committed change is published to the event's listeners (the hosts' maps and
 * the provinces' boards), filtered by each listener's scope. A process delivers its own changes at once and sends
 * them to the other API processes on the same PostgreSQL database (src/db/bus.ts: LISTEN/NOTIFY), which deliver them
 * to the streams they hold: a host's map on one process sees a check-in made through another.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inScope, type Actor } from '../../core/scope.js';
import type { Bus } from '../../db/bus.js';
import type { BridgeChange } from './contract.js';

/** `frame`: the change as a server-sent event, serialized once for every listener. */
type Listener = (change: BridgeChange, frame: string) => void;

const listeners = new Map<string, Set<Listener>>();

function deliver(eventId: string, change: BridgeChange): void {
  const set = listeners.get(eventId);
  if (!set) return;
  const frame = `event: bridge\ndata: ${JSON.stringify(change)}\n\n`;
  for (const l of set) l(change, frame);
}

/** The channel between processes, and the buses this process sends on (one per app; tests may run two). */
export const LIVE_CHANNEL = 'haicap_training_live';
const buses = new Set<Bus>();
/** Messages already delivered (several apps of one process may hear the same message). */
const seen = new Set<string>();
const SEEN_KEPT = 2_000;

interface BusMessage {
  id: string;
  eventId: string;
  change: BridgeChange;
}

/** Delivers a committed change here and sends it to the other processes (a failed send loses no data: the
 * other processes' maps catch up at their next snapshot, i.e. when a stream reconnects). */
export function publishChange(eventId: string, change: BridgeChange): void {
  deliver(eventId, change);
  const bus = [...buses][0];
  if (!bus) return;
  const message: BusMessage = { id: randomUUID(), eventId, change };
  bus.send(LIVE_CHANNEL, JSON.stringify(message)).catch(() => {});
}

/** Hears the other processes' changes on this app's database until the returned function is called. */
export async function connectLive(bus: Bus): Promise<() => Promise<void>> {
  const unlisten = await bus.listen(LIVE_CHANNEL, (payload) => {
    let m: BusMessage;
    try {
      m = JSON.parse(payload) as BusMessage;
    } catch {
      return;
    }
    if (seen.has(m.id)) return;
    seen.add(m.id);
    if (seen.size > SEEN_KEPT) seen.delete(seen.values().next().value!);
    deliver(m.eventId, m.change);
  });
  buses.add(bus);
  return async () => {
    buses.delete(bus);
    await unlisten();
  };
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
