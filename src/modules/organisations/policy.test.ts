import { describe, expect, it } from 'vitest';
import { ACTORS, PLACES, REACH, type Who } from '../../../test/policy-matrix.js';
import { ORG_POLICY, mayManage, mayReadOrg } from './policy.js';
import { allows } from '../../core/policy.js';

const ALL = Object.keys(PLACES);
const NONE: string[] = [];
const EXPECTED: Record<'read' | 'manage_local', Record<Who, string[]>> = {
  read: { ...REACH, staff: NONE }, // a staff account reads none of it (docs/accounts.md: fail-closed)
  manage_local: { admin: ALL, ministry: NONE, province: REACH.province, commune: NONE, viewer: NONE, staff: NONE },
};

describe('the organisations policy, every action × caller × place', () => {
  for (const action of ['read', 'manage_local'] as const)
    for (const who of Object.keys(ACTORS) as Who[])
      for (const where of ALL) {
        const allowed = EXPECTED[action][who].includes(where);
        it(`${who} ${allowed ? 'may' : 'may not'} ${action} (${where})`, () => {
          expect(allows(ORG_POLICY, action, ACTORS[who], { place: PLACES[where] })).toBe(allowed);
        });
      }

  it("keeps a ministry's units for the Ministry: a province neither reads nor changes them", () => {
    const ministrys = { provinceCode: null, unitCode: null };
    expect(mayManage(ACTORS.ministry, ministrys)).toBe(true);
    expect(mayManage(ACTORS.admin, ministrys)).toBe(true);
    expect(mayManage(ACTORS.province, ministrys)).toBe(false);
    expect(mayReadOrg(ACTORS.province, ministrys)).toBe(false);
    expect(mayReadOrg(ACTORS.ministry, ministrys)).toBe(true);
  });

  it("leaves a province's plans to the province: the Ministry follows them without changing them", () => {
    const hanoi = { provinceCode: '01', unitCode: '01' };
    expect(mayManage(ACTORS.province, hanoi)).toBe(true);
    expect(mayManage(ACTORS.ministry, hanoi)).toBe(false);
    expect(mayReadOrg(ACTORS.ministry, hanoi)).toBe(true);
    expect(mayManage(ACTORS.province, { provinceCode: '79', unitCode: '79' })).toBe(false);
  });
});
