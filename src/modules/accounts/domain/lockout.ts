/**
 * Sign-in limits (docs/accounts.md). Failures are counted per key in the database, atomically, before the password
 * is checked, so that parallel guesses count like sequential ones and no more than `max` are ever checked in a
 * window. The limits are settings with these defaults (no legal text fixes them; Decree 85/2016 and TCVN 11930:2017
 * ask for a limit on failed sign-ins, without a number).
 *
 * - `pair`: one account from one address. Past `max`, that address waits, longer each time (progressive back-off);
 *   the owner signs in from anywhere else meanwhile, so nobody can lock an owner out.
 * - `addr`: every sign-in from one address (an address trying many accounts).
 * - `acct`: one account from every address (guesses spread over many addresses). Past `max`, only the addresses the
 *   owner signed in from before may go on.
 * - `pw`: wrong current passwords on the password change (a stolen session guessing the password).
 */
export const LIMITS = {
  pair: { max: 5, windowMinutes: 15 },
  addr: { max: 30, windowMinutes: 15 },
  acct: { max: 50, windowMinutes: 15 },
  pw: { max: 5, windowMinutes: 15 },
} as const;
export type LimitKind = keyof typeof LIMITS;

/** An address blocked for trying many accounts waits this long. */
export const ADDRESS_BLOCK_MINUTES = 15;
/** An address the owner signed in from stays known this long. */
export const KNOWN_ADDRESS_DAYS = 90;
export const MIN_PASSWORD_LENGTH = 10;

/** The pair's wait after its n-th block in a row (n from 0): 5, 10, 20, 40, then 60 minutes. */
export function backoffMinutes(strikes: number): number {
  return Math.min(60, 5 * 2 ** Math.max(0, strikes));
}

export function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export const throttleKey = {
  pair: (userId: string, address: string) => `pair:${userId}:${address}`,
  addr: (address: string) => `addr:${address}`,
  acct: (userId: string) => `acct:${userId}`,
  known: (userId: string, address: string) => `known:${userId}:${address}`,
  pw: (userId: string) => `pw:${userId}`,
};
