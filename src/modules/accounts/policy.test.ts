import { describe, expect, it } from 'vitest';
import { allows, must } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { accountPolicy, type AccountAction } from './policy.js';

const actor = (role: Actor['role'], provinceCode: string | null, communeCode: string | null, personId?: string) =>
  ({ id: role, username: role, displayName: role, role, provinceCode, communeCode, ip: null, personId }) as Actor;
const ACTORS = {
  admin: actor('admin', null, null),
  ministry: actor('ministry', null, null),
  province: actor('province', '01', null),
  commune: actor('commune', '01', '00004'),
  viewer: actor('viewer', '01', '00004'),
  staff: actor('viewer', '01', '00004', 'p-1'),
};
type Who = keyof typeof ACTORS;
// Accounts are not placed records: the role decides, and the list is then filtered to the caller's scope in SQL.
const PLACES: Record<string, Place> = {
  ownCommune: { provinceCode: '01', unitCode: '00004' },
  otherCommune: { provinceCode: '01', unitCode: '00008' },
  otherProvince: { provinceCode: '79', unitCode: '26734' },
};
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
