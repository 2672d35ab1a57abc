import { describe, expect, it } from 'vitest';
import { ACTORS, PLACES, REACH, type Who } from '../../../test/policy-matrix.js';
import { NATIONAL, TRAINING_ACTIONS, eventPlace, mayReadEvent, mayTraining, type TrainingAction } from './policy.js';

type Where = keyof typeof PLACES;
const ALL = Object.keys(PLACES) as Where[];
const WRITING: Who[] = ['admin', 'ministry', 'province', 'commune'];
const HOSTS: Who[] = ['admin', 'ministry', 'province'];

/** Expected: for each action and caller, the places (bridges, or for create/manage the host province) it reaches. */
function expected(action: TrainingAction, who: Who, where: Where): boolean {
  const reach = REACH[who].includes(where);
  switch (action) {
    case 'create':
    case 'edit':
    case 'manage':
      return HOSTS.includes(who) && reach;
    case 'read_bridges':
      // A staff account sees its own record and work only (docs/accounts.md); its certificate is its own (below).
      return reach && who !== 'staff';
    case 'check_in':
    case 'record_presence':
    case 'ask':
      return WRITING.includes(who) && reach;
    case 'certificate':
      return reach && who !== 'staff';
    case 'scan_presence':
      // nobody by role: only the attendee themself, scanning as their own person (below)
      return false;
  }
}

describe('the training policy, every action × caller × place', () => {
  for (const action of TRAINING_ACTIONS)
    for (const who of Object.keys(ACTORS) as Who[])
      for (const where of ALL) {
        const allowed = expected(action, who, where);
        it(`${who} ${allowed ? 'may' : 'may not'} ${action} (${where})`, () => {
          expect(mayTraining(action, ACTORS[who], PLACES[where])).toBe(allowed);
        });
      }
});

describe('the Ministry’s place and events', () => {
  it('only the whole-country roles create, manage or check in at the national level', () => {
    for (const who of Object.keys(ACTORS) as Who[]) {
      const national = who === 'admin' || who === 'ministry';
      expect(mayTraining('create', ACTORS[who], NATIONAL)).toBe(national);
      expect(mayTraining('manage', ACTORS[who], NATIONAL)).toBe(national);
      expect(mayTraining('check_in', ACTORS[who], NATIONAL)).toBe(national);
    }
  });

  it('a province hosts its own event, not another province’s', () => {
    expect(mayTraining('create', ACTORS.province, eventPlace('01'))).toBe(true);
    expect(mayTraining('create', ACTORS.province, eventPlace('79'))).toBe(false);
    expect(mayTraining('create', ACTORS.commune, eventPlace('01'))).toBe(false);
  });

  it('a national event is seen by every account; a province’s own only in that province', () => {
    for (const who of Object.keys(ACTORS) as Who[]) expect(mayReadEvent(ACTORS[who], null)).toBe(true);
    expect(mayReadEvent(ACTORS.commune, '01')).toBe(true);
    expect(mayReadEvent(ACTORS.commune, '79')).toBe(false);
    expect(mayReadEvent(ACTORS.ministry, '79')).toBe(true);
  });

  it('only the host edits an event: the Ministry a national one, a province its own, never a commune or a viewer', () => {
    for (const who of Object.keys(ACTORS) as Who[])
      expect(mayTraining('edit', ACTORS[who], NATIONAL)).toBe(who === 'admin' || who === 'ministry');
    expect(mayTraining('edit', ACTORS.province, eventPlace('01'))).toBe(true);
    expect(mayTraining('edit', ACTORS.province, eventPlace('79'))).toBe(false);
    expect(mayTraining('edit', ACTORS.commune, eventPlace('01'))).toBe(false);
  });

  it('a person records their own presence by scanning, whatever their account’s role; nobody scans for another', () => {
    for (const who of Object.keys(ACTORS) as Who[]) {
      const me = { ...ACTORS[who], personId: 'p-1' };
      expect(mayTraining('scan_presence', me, PLACES.ownCommune, 'p-1')).toBe(true);
      expect(mayTraining('scan_presence', me, PLACES.ownCommune, 'p-2')).toBe(false);
    }
  });

  it('a staff account downloads its own certificate wherever it lies', () => {
    expect(mayTraining('certificate', ACTORS.staff, PLACES.otherProvince, 'p-1')).toBe(true);
    expect(mayTraining('certificate', ACTORS.staff, PLACES.otherProvince, 'p-2')).toBe(false);
  });
});
