import type { Db } from '../db/client.js';

/**
 * Who acted, as a person reads it: the name and post of the account's holder (never a login name). The accounts
 * module registers the look-up when its door is loaded; the audit log and the dossiers' history ask it by the login
 * names they keep, without importing the accounts (which write through them).
 */
export interface ActorName {
  name: string;
  /** the title of the post the holder holds today, or null (a unit's own account, a national one) */
  post: string | null;
}
type Lookup = (db: Db, usernames: readonly string[]) => Promise<Map<string, ActorName>>;

let lookup: Lookup | null = null;

export function registerActorNames(fn: Lookup): void {
  lookup = fn;
}

/** The names of the accounts behind these login names (those unknown are left out). */
export async function actorNames(db: Db, usernames: readonly string[]): Promise<Map<string, ActorName>> {
  const distinct = [...new Set(usernames)].filter((u) => u && u !== 'system' && u !== 'citizen');
  if (!lookup || !distinct.length) return new Map();
  return lookup(db, distinct);
}

type Search = (db: Db, text: string) => Promise<string[]>;
let search: Search | null = null;

/** The accounts module registers how a name typed in a filter finds the login names it stands for. */
export function registerActorSearch(fn: Search): void {
  search = fn;
}

/** The login names of the accounts whose holder's name (or login name) contains `text` (the audit log's "who"). */
export async function usernamesNamed(db: Db, text: string): Promise<string[]> {
  if (!search || !text.trim()) return [];
  return search(db, text.trim());
}
