import { describe, expect, it } from 'vitest';
import type { Actor, Place } from '../../core/scope.js';
import { ASSESSMENT_ACTIONS, may, mustAt, type AssessmentAction } from './policy.js';

const actor = (role: Actor['role'], provinceCode: string | null, communeCode: string | null, personId?: string) =>
  ({ id: role, username: role, displayName: role, role, provinceCode, communeCode, ip: null, personId }) as Actor;

// Hà Nội (01): Phường Ba Đình (00004) and Phường Ngọc Hà (00008); Hồ Chí Minh City (79).
const ACTORS = {
  admin: actor('admin', null, null),
  ministry: actor('ministry', null, null),
  province: actor('province', '01', null),
  commune: actor('commune', '01', '00004'),
  viewer: actor('viewer', '01', null),
  staff: actor('staff', '01', '00004', 'person-of-staff'),
};
type Who = keyof typeof ACTORS;
const PLACES: Place[] = [
  { provinceCode: '01', unitCode: '00004' }, // the commune's own
  { provinceCode: '01', unitCode: '00008' }, // another commune of the province
  { provinceCode: '79', unitCode: '26734' }, // another province
];

/** For each action and account: allowed (Y) or not (N) at the three places, on someone else's record. */
const EXPECTED: Record<AssessmentAction, Record<Who, string>> = {
  'settings.read': { admin: 'YYY', ministry: 'YYY', province: 'YYY', commune: 'YYY', viewer: 'YYY', staff: 'YYY' },
  'settings.national': { admin: 'YYY', ministry: 'YYY', province: 'NNN', commune: 'NNN', viewer: 'NNN', staff: 'NNN' },
  'settings.province': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'NNN', viewer: 'NNN', staff: 'NNN' },
  'period.read': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'YYN', staff: 'NNN' },
  'period.close': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  'task.assign': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  'task.review': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  'task.deliver': { admin: 'NNN', ministry: 'NNN', province: 'NNN', commune: 'NNN', viewer: 'NNN', staff: 'NNN' },
  'review.read': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'YYN', staff: 'NNN' },
  'review.self': { admin: 'NNN', ministry: 'NNN', province: 'NNN', commune: 'NNN', viewer: 'NNN', staff: 'NNN' },
  'review.head': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  'review.correct': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  'annual.read': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'YYN', staff: 'NNN' },
  'annual.rate': { admin: 'YYY', ministry: 'YYY', province: 'YYN', commune: 'YNN', viewer: 'NNN', staff: 'NNN' },
  compare: { admin: 'YYY', ministry: 'YYY', province: 'YYY', commune: 'YYY', viewer: 'YYY', staff: 'NNN' },
  overdue: { admin: 'YYY', ministry: 'YYY', province: 'YYY', commune: 'YYY', viewer: 'YYY', staff: 'NNN' },
};

/** A province's settings are placed at the province itself. */
const placeFor = (action: AssessmentAction, p: Place): Place =>
  action === 'settings.province' ? { provinceCode: p.provinceCode, unitCode: p.provinceCode } : p;

describe('assessment policy', () => {
  for (const action of ASSESSMENT_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      it(`${action} by ${who}: ${EXPECTED[action][who]}`, () => {
        const got = PLACES.map((p) =>
          may(action, ACTORS[who], { place: placeFor(action, p), personId: 'someone-else' }) ? 'Y' : 'N',
        ).join('');
        expect(got).toBe(EXPECTED[action][who]);
      });

  it('a person reads their own assessment, delivers their own tasks and assesses themself, wherever it is held', () => {
    for (const who of Object.keys(ACTORS) as Who[]) {
      const me = { ...ACTORS[who], personId: 'me' };
      for (const place of PLACES)
        for (const action of ['review.read', 'task.deliver', 'review.self'] as const)
          expect(may(action, me, { place, personId: 'me' }), `${action} by ${who}`).toBe(true);
    }
  });

  it('a staff account takes no head action even on its own record', () => {
    const own = { place: PLACES[0], personId: 'person-of-staff' };
    for (const action of ['period.close', 'task.assign', 'task.review', 'review.head', 'annual.rate'] as const)
      expect(may(action, ACTORS.staff, own), action).toBe(false);
  });

  it('a refusal answers out of scope, naming the unit', () => {
    expect(() => mustAt('period.close', ACTORS.commune, PLACES[1]!)).toThrow(
      expect.objectContaining({ status: 403, code: 'out_of_scope' }),
    );
    expect(() => mustAt('period.close', ACTORS.commune, PLACES[0]!)).not.toThrow();
  });
});
