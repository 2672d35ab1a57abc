/**
 * The live state of the bridges: each committed change is published to the event's listeners (the hosts' maps and
 * the provinces' boards), filtered by each listener's scope. A process gathers the changes of a short window
 * (FLUSH_MS), writes them to each stream it holds at once and sends them, in as few messages, to the other API
 * processes on the same PostgreSQL database (src/db/bus.ts: LISTEN/NOTIFY), which deliver them to the streams they
 * hold: a host's map on one process sees a check-in made through another.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inScope, type Actor } from '../../core/scope.js';
import { MAX_BUS_PAYLOAD, type Bus } from '../../db/bus.js';
import type { BridgeChange } from './contract.js';

/**
 * The changes of one event gathered over a short window (FLUSH_MS), each serialized once as a server-sent event:
 * `all` is every frame joined, written as it is to the listeners that see every change (the hosts' maps).
 */
export interface Batch {
  changes: BridgeChange[];
  frames: string[];
  all: string;
}
type Listener = (batch: Batch) => void;

const listeners = new Map<string, Set<Listener>>();

/**
 * How long changes are gathered before they go out: one write a stream and one message to the other processes per
 * window rather than per change. At the morning's pace (3,356 check-ins in a minute, 200 maps open) a write per change
 * and stream was 11,200 socket writes a second, the check-in route's first cost (issue #17); the window adds at most
 * this much to the map's delay (target: 2 s).
 */
export const FLUSH_MS = 200;

/** Changes waiting for the next window, by event, in the order they were committed. */
const pending = new Map<string, BridgeChange[]>();
let timer: NodeJS.Timeout | null = null;

function flush(): void {
  timer = null;
  const batches = [...pending];
  pending.clear();
  for (const [eventId, changes] of batches) {
    const set = listeners.get(eventId);
    if (!set) continue;
    const frames = changes.map((c) => `event: bridge\ndata: ${JSON.stringify(c)}\n\n`);
    const batch: Batch = { changes, frames, all: frames.join('') };
    for (const l of set) l(batch);
  }
}

/** Queues a change for this process's listeners (delivered at the end of the window). */
function deliver(eventId: string, changes: readonly BridgeChange[]): void {
  if (!listeners.has(eventId) || !changes.length) return;
  let list = pending.get(eventId);
  if (!list) pending.set(eventId, (list = []));
  list.push(...changes);
  timer ??= setTimeout(flush, FLUSH_MS).unref();
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
  changes: BridgeChange[];
}

/** Changes waiting to be sent to the other processes, by event (one NOTIFY a window, split to fit its payload). */
const outgoing = new Map<string, BridgeChange[]>();
let sendTimer: NodeJS.Timeout | null = null;

function sendOut(): void {
  sendTimer = null;
  const bus = [...buses][0];
  const batches = [...outgoing];
  outgoing.clear();
  if (!bus) return;
  for (const [eventId, changes] of batches) {
    for (const part of fitPayload(eventId, changes)) {
      const message: BusMessage = { id: randomUUID(), eventId, changes: part };
      bus.send(LIVE_CHANNEL, JSON.stringify(message)).catch(() => {});
    }
  }
}

/** Splits changes into messages that fit NOTIFY's payload (a change is ~150 bytes: about 50 a message). */
export function fitPayload(eventId: string, changes: readonly BridgeChange[], max = MAX_BUS_PAYLOAD): BridgeChange[][] {
  const overhead = JSON.stringify({ id: randomUUID(), eventId, changes: [] }).length;
  const parts: BridgeChange[][] = [];
  let part: BridgeChange[] = [];
  let size = overhead;
  for (const c of changes) {
    const n = Buffer.byteLength(JSON.stringify(c)) + 1;
    if (part.length && size + n > max) {
      parts.push(part);
      part = [];
      size = overhead;
    }
    part.push(c);
    size += n;
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * Delivers a committed change here and sends it to the other processes, both gathered over the window (a failed send
 * loses no data: the other processes' maps catch up at their next snapshot, i.e. when a stream reconnects).
 */
export function publishChange(eventId: string, change: BridgeChange): void {
  deliver(eventId, [change]);
  if (!buses.size) return;
  let list = outgoing.get(eventId);
  if (!list) outgoing.set(eventId, (list = []));
  list.push(change);
  sendTimer ??= setTimeout(sendOut, FLUSH_MS).unref();
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
    if (seen.has(m.id) || !Array.isArray(m.changes)) return;
    seen.add(m.id);
    if (seen.size > SEEN_KEPT) seen.delete(seen.values().next().value!);
    deliver(m.eventId, m.changes);
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
  const held: string[] = [];
  let ready = false;
  let closed = false;
  const res = reply.raw;
  const write = (event: string, data: unknown) => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = subscribe(eventId, (batch) => {
    // one write for the window: every frame when the listener sees every change (a host's map), else its own
    const seen = batch.changes.filter((c) => seesChange(actor, c));
    if (!seen.length) return;
    const text =
      seen.length === batch.changes.length
        ? batch.all
        : batch.frames.filter((_, i) => seesChange(actor, batch.changes[i]!)).join('');
    if (!ready) held.push(text);
    else if (!closed) res.write(text);
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
  if (held.length && !closed) res.write(held.join(''));
  timer.beat = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
}
