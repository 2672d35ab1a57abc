import { describe, expect, it } from 'vitest';
import { ACTORS, PLACES, type Who } from '../../../test/policy-matrix.js';
import type { Place } from '../../core/scope.js';
import { SETTLEMENT_ACTIONS, may, mustAt, type SettlementAction } from './policy.js';

// Places: own commune, another commune of the province, another province, a ministry outside the unit tree.
const AT: Place[] = [
  PLACES.ownCommune!,
  PLACES.otherCommune!,
  PLACES.otherProvince!,
  { provinceCode: '', unitCode: 'BTC' },
];

const ALL = 'YYYY';
const PROVINCE = 'YYNN';
const COMMUNE = 'YNNN';
const NONE = 'NNNN';
/** For each action and caller: allowed (Y) or not (N) at the four places, on someone else's case. */
const EXPECTED: Record<SettlementAction, Record<Who, string>> = {
  calculate: { admin: ALL, ministry: ALL, province: ALL, commune: ALL, viewer: ALL, staff: ALL },
  'case.read': { admin: ALL, ministry: ALL, province: PROVINCE, commune: COMMUNE, viewer: COMMUNE, staff: NONE },
  'case.propose': { admin: ALL, ministry: ALL, province: PROVINCE, commune: COMMUNE, viewer: NONE, staff: NONE },
  'case.correct': { admin: ALL, ministry: ALL, province: PROVINCE, commune: COMMUNE, viewer: NONE, staff: NONE },
  'case.approve': { admin: ALL, ministry: ALL, province: PROVINCE, commune: NONE, viewer: NONE, staff: NONE },
  'case.refuse': { admin: ALL, ministry: ALL, province: PROVINCE, commune: NONE, viewer: NONE, staff: NONE },
  'case.decide': { admin: ALL, ministry: ALL, province: PROVINCE, commune: NONE, viewer: NONE, staff: NONE },
  'case.pay': { admin: ALL, ministry: ALL, province: PROVINCE, commune: COMMUNE, viewer: NONE, staff: NONE },
  'case.close': { admin: ALL, ministry: ALL, province: PROVINCE, commune: COMMUNE, viewer: NONE, staff: NONE },
  'case.override': { admin: ALL, ministry: ALL, province: PROVINCE, commune: NONE, viewer: NONE, staff: NONE },
  progress: { admin: ALL, ministry: ALL, province: ALL, commune: ALL, viewer: ALL, staff: NONE },
  'settings.read': { admin: ALL, ministry: ALL, province: ALL, commune: ALL, viewer: ALL, staff: ALL },
  'settings.write': { admin: ALL, ministry: ALL, province: NONE, commune: NONE, viewer: NONE, staff: NONE },
};

describe('settlement policy', () => {
  for (const action of SETTLEMENT_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      it(`${action} by ${who}: ${EXPECTED[action][who]}`, () => {
        const got = AT.map((place) => (may(action, ACTORS[who], { place, personId: 'someone-else' }) ? 'Y' : 'N')).join(
          '',
        );
        expect(got).toBe(EXPECTED[action][who]);
      });

  it('a person reads their own case wherever it lies, and takes no step on it', () => {
    const own = { place: AT[2]!, personId: 'p-1' };
    expect(may('case.read', ACTORS.staff, own)).toBe(true);
    for (const a of ['case.approve', 'case.pay', 'case.correct', 'case.override'] as const)
      expect(may(a, ACTORS.staff, own), a).toBe(false);
  });

  it('refuses out of scope, naming the unit, and forbids a role that may not', () => {
    expect(() => mustAt('case.approve', ACTORS.province, AT[2]!)).toThrow(
      expect.objectContaining({ status: 403, code: 'out_of_scope' }),
    );
    expect(() => mustAt('case.approve', ACTORS.commune, AT[0]!)).toThrow(
      expect.objectContaining({ status: 403, code: 'forbidden' }),
    );
    expect(() => mustAt('case.approve', ACTORS.province, AT[0]!)).not.toThrow();
  });
});
