import { describe, expect, it } from 'vitest';
import { isPersonal, personalScope } from './personal.js';

const baDinh = { provinceCode: '01', unitCode: '00004' };
const department = { provinceCode: '01', unitCode: '01' };

describe('a personal account follows its holder', () => {
  it('acts at the level of the unit where the person works today', () => {
    expect(personalScope('commune', ['specialist'], baDinh)).toEqual({
      role: 'commune',
      provinceCode: '01',
      communeCode: '00004',
    });
    // seconded to the province's Department: the same account now acts there
    expect(personalScope('commune', ['specialist'], department)).toEqual({
      role: 'province',
      provinceCode: '01',
      communeCode: null,
    });
  });
  it('without a role in the unit, stays read-only or a staff account', () => {
    expect(personalScope('viewer', [], baDinh).role).toBe('viewer');
    expect(personalScope('staff', [], baDinh).role).toBe('staff');
    // a unit account linked to its holder's record keeps acting as the unit's account
    expect(personalScope('commune', [], baDinh).role).toBe('commune');
  });
  it('is never a national account', () => {
    expect(isPersonal({ personId: 'p', role: 'ministry' })).toBe(false);
    expect(isPersonal({ personId: null, role: 'commune' })).toBe(false);
    expect(isPersonal({ personId: 'p', role: 'staff' })).toBe(true);
  });
});
