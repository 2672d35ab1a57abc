import { describe, expect, it } from 'vitest';
import { allows, must } from '../../core/policy.js';
import { ACTORS, matrixActor, PLACES, REACH, type Who } from '../../../test/policy-matrix.js';
import { accountPolicy, type AccountAction } from './policy.js';
import type { UnitRole } from '../../core/scope.js';

// Accounts are not placed records: the role decides, and the list is then filtered to the caller's scope in SQL.
// Managing the unit's personal accounts is placed: the person's unit, inside the caller's reach.
const expected: Record<Exclude<AccountAction, 'manage_unit'>, Who[]> = {
  list: ['admin', 'ministry', 'province'],
  create: ['admin'],
  change_own_password: ['admin', 'ministry', 'province', 'commune', 'viewer', 'staff'],
};

/** A personal account of Ba Đình with these roles in its unit. */
const personal = (...unitRoles: UnitRole[]) => ({ ...matrixActor('commune', '01', '00004', 'p-2'), unitRoles });

describe('the accounts policy', () => {
  for (const who of Object.keys(ACTORS) as Who[])
    for (const place of Object.keys(PLACES)) {
      const yes = ['admin', 'province', 'commune'].includes(who) && REACH[who].includes(place);
      it(`manage_unit · ${who} · ${place} → ${yes ? 'allowed' : 'refused'}`, () => {
        expect(allows(accountPolicy, 'manage_unit', ACTORS[who], { place: PLACES[place] })).toBe(yes);
      });
    }

  it("lets a personal account manage the unit's accounts only as the unit's administrator", () => {
    const place = PLACES.ownCommune;
    expect(allows(accountPolicy, 'manage_unit', personal('unit_admin'), { place })).toBe(true);
    expect(allows(accountPolicy, 'manage_unit', personal('leader', 'specialist'), { place })).toBe(false);
    expect(allows(accountPolicy, 'manage_unit', personal('unit_admin'), { place: PLACES.otherCommune })).toBe(false);
    expect(() => must(accountPolicy, 'manage_unit', personal('receiving'), { place })).toThrow(
      expect.objectContaining({ status: 403, code: 'forbidden' }),
    );
  });

  for (const action of Object.keys(expected) as Exclude<AccountAction, 'manage_unit'>[])
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
