import { describe, expect, it } from 'vitest';
import { allows, must } from '../../core/policy.js';
import { ACTORS, PLACES, type Who } from '../../../test/policy-matrix.js';
import { accountPolicy, type AccountAction } from './policy.js';

// Accounts are not placed records: the role decides, and the list is then filtered to the caller's scope in SQL.
const expected: Record<AccountAction, Who[]> = {
  list: ['admin', 'ministry', 'province'],
  create: ['admin'],
  change_own_password: ['admin', 'ministry', 'province', 'commune', 'viewer', 'staff'],
};

describe('the accounts policy', () => {
  for (const action of Object.keys(accountPolicy) as AccountAction[])
    for (const who of Object.keys(ACTORS) as Who[])
      for (const place of Object.keys(PLACES))
        it(`${action} · ${who} · ${place} → ${expected[action].includes(who) ? 'allowed' : 'refused'}`, () => {
          expect(allows(accountPolicy, action, ACTORS[who], { place: PLACES[place] })).toBe(
            expected[action].includes(who),
          );
        });

  it('refuses a commune user the list of accounts with 403 forbidden', () => {
    expect(() => must(accountPolicy, 'list', ACTORS.commune)).toThrow(
      expect.objectContaining({ status: 403, code: 'forbidden' }),
    );
  });
});
