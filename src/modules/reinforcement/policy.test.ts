import { describe, expect, it } from 'vitest';
import { matrixActor } from '../../../test/policy-matrix.js';
import type { Actor } from '../../core/scope.js';
import { REINFORCEMENT_ACTIONS, may, mustReadVisit, type ReinforcementAction } from './policy.js';

/** Hà Nội (01) with its commune 01001; the staff account works in that commune. */
const ACTORS = {
  admin: matrixActor('admin', null, null),
  ministry: matrixActor('ministry', null, null),
  province: matrixActor('province', '01', null),
  commune: matrixActor('commune', '01', '01001'),
  viewer: matrixActor('viewer', '01', null),
  staff: matrixActor('staff', '01', '01001', 'person-1'),
};
type Who = keyof typeof ACTORS;

/** Visits: to the staff's own commune, to another commune of the province, to another province. */
const VISITS = {
  ownCommune: { provinceCode: '01', communeCode: '01001' },
  otherCommune: { provinceCode: '01', communeCode: '01002' },
  otherProvince: { provinceCode: '79', communeCode: '79001' },
};
type Where = keyof typeof VISITS;
const ALL: Where[] = ['ownCommune', 'otherCommune', 'otherProvince'];
const HANOI: Where[] = ['ownCommune', 'otherCommune'];

const EXPECTED: Record<ReinforcementAction, Record<Who, Where[]>> = {
  manage_phases: { admin: ALL, ministry: ALL, province: [], commune: [], viewer: [], staff: [] },
  field_work: { admin: [], ministry: ALL, province: [], commune: [], viewer: [], staff: [] },
  read_visit: {
    admin: ALL,
    ministry: ALL,
    province: HANOI,
    commune: ['ownCommune'],
    viewer: HANOI,
    staff: [], // a staff account reads no officer's visit (issue #14)
  },
};

const allowed = (action: ReinforcementAction, a: Actor, where: Where) => {
  if (action !== 'read_visit') return may(action, a);
  try {
    mustReadVisit(a, VISITS[where]);
    return true;
  } catch {
    return false;
  }
};

describe('the reinforcement policy, every action × role × place', () => {
  for (const action of REINFORCEMENT_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      for (const where of Object.keys(VISITS) as Where[]) {
        const expected = EXPECTED[action][who].includes(where);
        it(`${who} ${expected ? 'may' : 'may not'} ${action} (${where})`, () => {
          expect(allowed(action, ACTORS[who], where)).toBe(expected);
        });
      }

  it('an officer in the field does not run the phases', () => {
    expect(may('manage_phases', ACTORS.ministry, { officer: true })).toBe(false);
    expect(may('field_work', ACTORS.ministry, { officer: true })).toBe(true);
  });

  it('a visit out of scope is refused naming the commune visited', () => {
    expect(() => mustReadVisit(ACTORS.commune, VISITS.otherCommune)).toThrow(
      expect.objectContaining({ status: 403, code: 'out_of_scope' }),
    );
  });
});
