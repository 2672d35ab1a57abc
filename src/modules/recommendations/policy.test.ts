import { describe, expect, it } from 'vitest';
import { matrixActor } from '../../../test/policy-matrix.js';
import { CHANNEL_ACTIONS, asks, holds, may, mayRead, stepsFor, type ChannelAction } from './policy.js';

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

const PLACES = {
  ownCommune: { provinceCode: '01', unitCode: '01001' },
  otherCommune: { provinceCode: '01', unitCode: '01002' },
  otherProvince: { provinceCode: '79', unitCode: '79001' },
};
type Where = keyof typeof PLACES;

/** Expected answers: for each action and actor, the places where it is allowed. */
const ALL: Where[] = ['ownCommune', 'otherCommune', 'otherProvince'];
const HANOI: Where[] = ['ownCommune', 'otherCommune'];
const EXPECTED: Record<ChannelAction, Record<Who, Where[]>> = {
  read: { admin: ALL, ministry: ALL, province: HANOI, commune: ['ownCommune'], viewer: HANOI, staff: [] },
  raise: { admin: [], ministry: ALL, province: ALL, commune: ALL, viewer: [], staff: [] },
  set_national_limit: { admin: ALL, ministry: ALL, province: [], commune: [], viewer: [], staff: [] },
  set_province_limit: { admin: [], ministry: [], province: HANOI, commune: [], viewer: [], staff: [] },
  send_warnings: { admin: ALL, ministry: ALL, province: [], commune: [], viewer: [], staff: [] },
  publish: { admin: ALL, ministry: ALL, province: [], commune: [], viewer: [], staff: [] },
};

/** A province's limit is set for the province itself: its place is the province. */
const placeFor = (action: ChannelAction, where: Where) =>
  action === 'set_province_limit'
    ? { provinceCode: PLACES[where].provinceCode, unitCode: PLACES[where].provinceCode }
    : PLACES[where];

describe('the channel policy, every action × role × place', () => {
  for (const action of CHANNEL_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      for (const where of Object.keys(PLACES) as Where[]) {
        const allowed = EXPECTED[action][who].includes(where);
        it(`${who} ${allowed ? 'may' : 'may not'} ${action} (${where})`, () => {
          expect(may(action, ACTORS[who], { place: placeFor(action, where) })).toBe(allowed);
        });
      }

  it('an officer in the field does not publish or send warnings for the Ministry, but raises items', () => {
    expect(may('publish', ACTORS.ministry, { officer: true })).toBe(false);
    expect(may('send_warnings', ACTORS.ministry, { officer: true })).toBe(false);
    expect(may('raise', ACTORS.ministry, { officer: true })).toBe(true);
  });
});

describe('an item and its steps', () => {
  const item = {
    provinceCode: '01',
    askerKind: 'commune',
    askerUnitCode: '01001',
    unitCode: '01002',
    askerUserId: 'someone',
    level: 'province',
    status: 'pending',
  };

  it('is read by both the asking commune and the commune concerned, not by a third one', () => {
    expect(mayRead(ACTORS.commune, item)).toBe(true);
    expect(mayRead(matrixActor('commune', '01', '01002'), item)).toBe(true);
    expect(mayRead(matrixActor('commune', '01', '01003'), item)).toBe(false);
    expect(mayRead(matrixActor('province', '79', null), item)).toBe(false);
  });

  it('is answered by the province holding it; the asking commune waits', () => {
    expect(stepsFor(ACTORS.province, item, false)).toEqual(['answer', 'forward', 'request_info']);
    expect(stepsFor(ACTORS.commune, item, false)).toEqual([]);
    expect(stepsFor(ACTORS.viewer, item, false)).toEqual([]);
  });

  it('at the Ministry, is held by its users but not by its officers in the field', () => {
    const atMinistry = { ...item, level: 'ministry' };
    expect(holds(ACTORS.ministry, atMinistry, false)).toBe(true);
    expect(holds(ACTORS.ministry, atMinistry, true)).toBe(false);
    expect(holds(ACTORS.admin, atMinistry, true)).toBe(true);
    expect(holds(ACTORS.province, atMinistry, false)).toBe(false);
  });

  it('once answered, the asking commune accepts or reopens; a viewer of the commune does not', () => {
    const answered = { ...item, status: 'answered' };
    expect(stepsFor(ACTORS.commune, answered, false)).toEqual(['accept', 'reopen']);
    expect(asks(ACTORS.staff, answered)).toBe(false);
  });

  it("an officer's item is theirs in person", () => {
    const officers = { ...item, askerKind: 'officer', askerUserId: ACTORS.ministry.id, level: 'ministry' };
    expect(asks(ACTORS.ministry, officers)).toBe(true);
    expect(asks(matrixActor('ministry', null, null), { ...officers, askerUserId: 'other' })).toBe(false);
  });
});
