import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { auditPolicy } from './policy.js';

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
const PLACES: Record<string, Place> = {
  ownCommune: { provinceCode: '01', unitCode: '00004' },
  otherCommune: { provinceCode: '01', unitCode: '00008' },
  otherProvince: { provinceCode: '79', unitCode: '26734' },
};
const REACH: Record<Who, string[]> = {
  admin: ['ownCommune', 'otherCommune', 'otherProvince'],
  ministry: ['ownCommune', 'otherCommune', 'otherProvince'],
  province: ['ownCommune', 'otherCommune'],
  commune: ['ownCommune'],
  viewer: ['ownCommune'],
  staff: ['ownCommune'],
};

describe('the audit policy', () => {
  for (const who of Object.keys(ACTORS) as Who[])
    for (const place of Object.keys(PLACES))
      it(`read · ${who} · ${place} → ${REACH[who].includes(place) ? 'allowed' : 'refused'}`, () => {
        expect(allows(auditPolicy, 'read', ACTORS[who], { place: PLACES[place] })).toBe(REACH[who].includes(place));
      });
});
