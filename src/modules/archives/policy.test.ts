import { describe, expect, it } from 'vitest';
import { ACTORS, PLACES, REACH, type Who } from '../../../test/policy-matrix.js';
import { ARCHIVE_ACTIONS, mayArchive, type ArchiveAction } from './policy.js';

const ALL = Object.keys(PLACES);
const NONE: string[] = [];
/** Writers in their reach: the province and the commune do the work; the Ministry follows. */
const WORK: Record<Who, string[]> = {
  admin: ALL,
  ministry: NONE,
  province: REACH.province,
  commune: REACH.commune,
  viewer: NONE,
  staff: NONE,
};

const EXPECTED: Record<ArchiveAction, Record<Who, string[]>> = {
  // a staff account reads none of its unit's archives (docs/accounts.md: ALL_ROLES does not hold it)
  read: { ...REACH, staff: NONE },
  read_restricted: { ...REACH, staff: NONE },
  generate: { admin: ALL, ministry: ALL, province: NONE, commune: NONE, viewer: NONE, staff: NONE },
  record_handover: WORK,
  designate_successor: { ...WORK, commune: NONE },
  plan: WORK,
  digitize: WORK,
};

describe('the archives policy, every action × caller × place', () => {
  for (const action of ARCHIVE_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      for (const where of ALL) {
        const allowed = EXPECTED[action][who].includes(where);
        it(`${who} ${allowed ? 'may' : 'may not'} ${action} (${where})`, () => {
          expect(mayArchive(action, ACTORS[who], PLACES[where])).toBe(allowed);
        });
      }
});
