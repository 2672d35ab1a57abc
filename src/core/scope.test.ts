import { describe, expect, it } from 'vitest';
import { canRead, canWrite, roleScopeProblem, type Actor } from './scope.js';

const actor = (role: Actor['role'], provinceCode: string | null, communeCode: string | null): Actor => ({
  id: 'x',
  username: 'x',
  displayName: 'x',
  role,
  provinceCode,
  communeCode,
  ip: null,
});
const ownCommune = { provinceCode: '01', unitCode: '00004' };
const siblingCommune = { provinceCode: '01', unitCode: '00008' };
const ownProvinceRecord = { provinceCode: '01', unitCode: '01' };
const otherProvince = { provinceCode: '79', unitCode: '26734' };

describe('scope predicate', () => {
  const cases: [string, Actor, boolean[], boolean[]][] = [
    // actor, read [own commune, sibling, province record, other province], write [same order]
    ['ministry', actor('ministry', null, null), [true, true, true, true], [true, true, true, true]],
    ['province', actor('province', '01', null), [true, true, true, false], [true, true, true, false]],
    ['commune', actor('commune', '01', '00004'), [true, false, false, false], [true, false, false, false]],
    ['province viewer', actor('viewer', '01', null), [true, true, true, false], [false, false, false, false]],
    ['country viewer', actor('viewer', null, null), [true, true, true, true], [false, false, false, false]],
    // a staff account's colleagues are its own unit's, a Department's staff's too (not the province's communes:
    // the probe of 2026-12-07 read every commune's posts and holders as staff-01)
    ['commune staff', actor('staff', '01', '00004'), [true, false, false, false], [false, false, false, false]],
    ['Department staff', actor('staff', '01', null), [false, false, true, false], [false, false, false, false]],
  ];
  for (const [name, a, reads, writes] of cases) {
    it(`${name} reads and writes only inside its subtree`, () => {
      const places = [ownCommune, siblingCommune, ownProvinceRecord, otherProvince];
      expect(places.map((p) => canRead(a, p))).toEqual(reads);
      expect(places.map((p) => canWrite(a, p))).toEqual(writes);
    });
  }

  it('refuses accounts whose scope does not fit the role', () => {
    expect(roleScopeProblem('commune', '01', null)).not.toBeNull();
    expect(roleScopeProblem('province', null, null)).not.toBeNull();
    expect(roleScopeProblem('ministry', '01', null)).not.toBeNull();
    expect(roleScopeProblem('commune', '01', '00004')).toBeNull();
    expect(roleScopeProblem('viewer', null, null)).toBeNull();
  });
});
