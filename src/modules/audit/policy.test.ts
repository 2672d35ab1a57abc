import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import { ACTORS, PLACES, type Who } from '../../../test/policy-matrix.js';
import { auditPolicy, mustAudit } from './policy.js';

const REACH: Record<Who, string[]> = {
  admin: ['ownCommune', 'otherCommune', 'otherProvince'],
  ministry: ['ownCommune', 'otherCommune', 'otherProvince'],
  province: ['ownCommune', 'otherCommune'],
  commune: ['ownCommune'],
  viewer: ['ownCommune'],
  // a staff account reads no audit entry, not even of its own unit (IP addresses, others' changes: issue #14)
  staff: [],
};

describe('the audit policy', () => {
  for (const who of Object.keys(ACTORS) as Who[])
    for (const place of Object.keys(PLACES))
      it(`read · ${who} · ${place} → ${REACH[who].includes(place) ? 'allowed' : 'refused'}`, () => {
        expect(allows(auditPolicy, 'read', ACTORS[who], { place: PLACES[place] })).toBe(REACH[who].includes(place));
      });

  it('refuses a staff account the log itself with 403 forbidden', () => {
    expect(() => mustAudit('read', ACTORS.staff)).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
    expect(() => mustAudit('read', ACTORS.viewer)).not.toThrow();
  });
});
