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

/** Called once at start-up by the module that keeps the officers. */
export function registerOfficerDirectory(d: OfficerDirectory): void {
  directory = d;
}

/** Is the user serving as a reinforcement officer? Officers raise items; they do not answer for the Ministry. */
export const isOfficer = (db: Db, userId: string): Promise<boolean> =>
  directory ? directory.isOfficer(db, userId) : Promise.resolve(false);

export const officerProvincesOn = (db: Db, userId: string, day: string): Promise<string[]> =>
  directory ? directory.provincesOn(db, userId, day) : Promise.resolve([]);

/** The officers' user ids as a subquery, or undefined when no officers are kept. */
export const officerUserIds = (db: Db): SQLWrapper | undefined => directory?.userIds(db);
