import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import { ACTORS, PLACES, REACH, WRITERS, type Who } from '../../../test/policy-matrix.js';
import { unitActions, unitPolicy, type UnitAction } from './policy.js';

const expected: Record<UnitAction, (who: Who, place: keyof typeof PLACES) => boolean> = {
  read: (who, place) => REACH[who].includes(place),
  edit_profile: (who, place) => WRITERS.includes(who) && REACH[who].includes(place),
};

describe('the units policy', () => {
  for (const action of Object.keys(unitPolicy) as UnitAction[])
    for (const who of Object.keys(ACTORS) as Who[])
      for (const place of Object.keys(PLACES))
        it(`${action} · ${who} · ${place} → ${expected[action](who, place) ? 'allowed' : 'refused'}`, () => {
          expect(allows(unitPolicy, action, ACTORS[who], { place: PLACES[place] })).toBe(expected[action](who, place));
        });

  it("offers the contact details' editing to those who manage the unit, never to viewers or staff accounts", () => {
    expect(unitActions(ACTORS.commune, PLACES.ownCommune!)).toEqual(['edit_profile']);
    expect(unitActions(ACTORS.commune, PLACES.otherCommune!)).toEqual([]);
    expect(unitActions(ACTORS.province, PLACES.otherCommune!)).toEqual(['edit_profile']);
    expect(unitActions(ACTORS.province, PLACES.otherProvince!)).toEqual([]);
    expect(unitActions(ACTORS.viewer, PLACES.ownCommune!)).toEqual([]);
    expect(unitActions(ACTORS.staff, PLACES.ownCommune!)).toEqual([]);
  });
});
