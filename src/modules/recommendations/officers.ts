import type { SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * What the channel needs to know of the reinforcement officers (Ministry users serving in the field): they raise items
 * for the provinces of their assignment and do not answer for the Ministry. The reinforcement module, which keeps the
 * officers, registers its directory at start-up; this module never imports it (the pair runs one way).
 */
export interface OfficerDirectory {
  /** Is the user serving as an officer (in any phase)? */
  isOfficer(db: Db, userId: string): Promise<boolean>;
  /** The provinces an officer serves in on a day (phases covering it). */
  provincesOn(db: Db, userId: string, day: string): Promise<string[]>;
  /** The officers' user ids, as a subquery (the Ministry's recipients leave them out). */
  userIds(db: Db): SQLWrapper;
}

let directory: OfficerDirectory | undefined;

/** Called by the module that keeps the officers when it is loaded (reinforcement's front door). */
export function registerOfficerDirectory(d: OfficerDirectory): void {
  directory = d;
}

/**
 * The directory, or a refusal: without it an officer would pass for an ordinary Ministry user and could answer for
 * the Ministry, so the channel fails closed instead of guessing "nobody is an officer".
 */
function officers(): OfficerDirectory {
  if (!directory)
    throw new Error('the reinforcement officers directory is not registered (load the reinforcement module)');
  return directory;
}

/** Is the user serving as a reinforcement officer? Officers raise items; they do not answer for the Ministry. */
export const isOfficer = async (db: Db, userId: string): Promise<boolean> => officers().isOfficer(db, userId);

export const officerProvincesOn = async (db: Db, userId: string, day: string): Promise<string[]> =>
  officers().provincesOn(db, userId, day);

/** The officers' user ids as a subquery. */
export const officerUserIds = (db: Db): SQLWrapper => officers().userIds(db);

/** Does the actor act as an officer here? Only Ministry users serve as officers; the directory says which do. */
export const actsAsOfficer = async (db: Db, actor: { role: string; id: string }): Promise<boolean> =>
  actor.role === 'ministry' && isOfficer(db, actor.id);
