import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { unitActions, unitPolicy, type UnitAction } from './policy.js';

// Ba Đình (00004) and Ngọc Hà (00008) are communes of Hà Nội (01); Sài Gòn (26734) lies in Hồ Chí Minh City (79).
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
const PLACES: Record<string, Place> = {
  ownCommune: { provinceCode: '01', unitCode: '00004' },
  otherCommune: { provinceCode: '01', unitCode: '00008' },
  otherProvince: { provinceCode: '79', unitCode: '26734' },
};
type Who = keyof typeof ACTORS;
/** Where each caller reaches: the whole country, its province, its commune. */
const REACH: Record<Who, (keyof typeof PLACES)[]> = {
  admin: ['ownCommune', 'otherCommune', 'otherProvince'],
  ministry: ['ownCommune', 'otherCommune', 'otherProvince'],
  province: ['ownCommune', 'otherCommune'],
  commune: ['ownCommune'],
  viewer: ['ownCommune'],
  staff: ['ownCommune'],
};
const WRITERS: Who[] = ['admin', 'ministry', 'province', 'commune'];

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
