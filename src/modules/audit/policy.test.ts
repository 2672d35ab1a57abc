import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import { ACTORS, PLACES, type Who } from '../../../test/policy-matrix.js';
import { auditPolicy } from './policy.js';

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
