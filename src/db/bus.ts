/**
 * Messages between the API processes that share one PostgreSQL database (LISTEN/NOTIFY), for what lives in a
 * process's memory but must reach the others at once: the training bridges' live stream. A process does not hear
 * itself (it delivers its own messages in process, before sending). PGlite belongs to one process: nothing to send.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';

export interface Bus {
  /** Sends to the other processes listening on the channel (at most NOTIFY's 8,000 bytes; longer ones are refused). */
  send(channel: string, payload: string): Promise<void>;
  /** Hears what the other processes send on the channel until the returned function is called. */
  listen(channel: string, hear: (payload: string) => void): Promise<() => Promise<void>>;
}

/** This process: its own messages come back through LISTEN and are dropped. */
const ORIGIN = randomUUID();
/** NOTIFY's payload limit is 8,000 bytes, less the origin and its separator. */
export const MAX_BUS_PAYLOAD = 7_900;

export const noBus: Bus = {
  send: async () => {},
  listen: async () => async () => {},
};

export function postgresBus(client: ReturnType<typeof postgres>): Bus {
  return {
    async send(channel, payload) {
      if (Buffer.byteLength(payload) > MAX_BUS_PAYLOAD) throw new Error(`bus payload over ${MAX_BUS_PAYLOAD} bytes`);
      await client.notify(channel, `${ORIGIN}\n${payload}`);
    },
    async listen(channel, hear) {
      // postgres.js keeps one connection for LISTEN and listens again after a reconnection
      const { unlisten } = await client.listen(channel, (message) => {
        const cut = message.indexOf('\n');
        if (cut > 0 && message.slice(0, cut) !== ORIGIN) hear(message.slice(cut + 1));
      });
      return unlisten;
    },
  };
}
