/**
 * The sign-in throttle's counters (domain/lockout.ts says why and how much). Every count is one atomic statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING), so parallel requests, in one process or several, each see their
 * own number; a claim is taken before the password is checked and given back when it was right.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { LIMITS, type LimitKind } from './domain/lockout.js';

const iso = (d: Date) => d.toISOString();

export interface Claim {
  /** this request's number in the window (1 = the first) */
  n: number;
  /** the key waits until then, when it is blocked now */
  blockedUntil: Date | null;
  strikes: number;
}

/** Counts one more attempt on the key (a blocked key keeps its count). */
export async function claim(db: Db, key: string, kind: LimitKind, now: Date): Promise<Claim> {
  const windowStart = new Date(now.getTime() - LIMITS[kind].windowMinutes * 60_000);
  const [row] = rowsOf<{ failures: number; blocked_until: string | Date | null; strikes: number }>(
    await db.execute(sql`
      INSERT INTO login_throttle AS t (key, failures, window_start) VALUES (${key}, 1, ${iso(now)}::timestamptz)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE
          WHEN t.blocked_until > ${iso(now)}::timestamptz THEN t.failures
          WHEN t.window_start < ${iso(windowStart)}::timestamptz THEN 1
          ELSE t.failures + 1 END,
        window_start = CASE
          WHEN t.blocked_until > ${iso(now)}::timestamptz THEN t.window_start
          WHEN t.window_start < ${iso(windowStart)}::timestamptz THEN ${iso(now)}::timestamptz
          ELSE t.window_start END
      RETURNING failures, blocked_until, strikes`),
  );
  const blockedUntil = row?.blocked_until ? new Date(row.blocked_until) : null;
  return {
    n: row?.failures ?? 1,
    blockedUntil: blockedUntil && blockedUntil > now ? blockedUntil : null,
    strikes: row?.strikes ?? 0,
  };
}

/**
 * Blocks the key until `until` and starts its count afresh; only the first of parallel requests does it (the others
 * find it blocked), so one burst is one strike. Returns the wait in force.
 */
export async function block(db: Db, key: string, until: Date, now: Date): Promise<{ until: Date; first: boolean }> {
  const [row] = rowsOf<{ blocked_until: string | Date }>(
    await db.execute(sql`
      UPDATE login_throttle SET blocked_until = ${iso(until)}::timestamptz, strikes = strikes + 1, failures = 0,
        window_start = ${iso(until)}::timestamptz
      WHERE key = ${key} AND (blocked_until IS NULL OR blocked_until <= ${iso(now)}::timestamptz)
      RETURNING blocked_until`),
  );
  if (row) return { until: new Date(row.blocked_until), first: true };
  const [held] = rowsOf<{ blocked_until: string | Date | null }>(
    await db.execute(sql`SELECT blocked_until FROM login_throttle WHERE key = ${key}`),
  );
  return { until: held?.blocked_until ? new Date(held.blocked_until) : until, first: false };
}

/** Gives back one claim (the password was right: it was no failure). */
export async function release(db: Db, key: string): Promise<void> {
  await db.execute(sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${key}`);
}

/** Forgets the keys (a right password on the pair; a reset by the unit's administrator). */
export async function forget(db: Db, keys: string[]): Promise<void> {
  for (const key of keys) await db.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}

/** Forgets every key of an account (its pairs, its account-wide count, its password-change count). */
export async function forgetAccount(db: Db, userId: string): Promise<void> {
  await db.execute(
    sql`DELETE FROM login_throttle WHERE key IN (${'acct:' + userId}, ${'pw:' + userId}) OR key LIKE ${'pair:' + userId + ':%'}`,
  );
}

/** Remembers an address the owner signed in from. */
export async function remember(db: Db, key: string, now: Date): Promise<void> {
  await db.execute(sql`
    INSERT INTO login_throttle (key, failures, window_start) VALUES (${key}, 0, ${iso(now)}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start`);
}

/** Was the key remembered since `since`? */
export async function remembered(db: Db, key: string, since: Date): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(
      sql`SELECT 1 FROM login_throttle WHERE key = ${key} AND window_start >= ${iso(since)}::timestamptz`,
    ),
  );
  return rows.length > 0;
}
