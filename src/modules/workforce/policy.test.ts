import { describe, expect, it } from 'vitest';
import { allows } from '../../core/policy.js';
import { ACTORS, PLACE_READERS, PLACES, REACH, WRITERS, type Who } from '../../../test/policy-matrix.js';
import { personActions, workforcePolicy, type WorkforceAction } from './policy.js';

const expected: Record<WorkforceAction, (who: Who, place: keyof typeof PLACES) => boolean> = {
  read: (who, place) => PLACE_READERS.includes(who) && REACH[who].includes(place),
  structure: (who, place) => REACH[who].includes(place),
  edit: (who, place) => WRITERS.includes(who) && REACH[who].includes(place),
  create: (who, place) => WRITERS.includes(who) && REACH[who].includes(place),
  assign: (who, place) => WRITERS.includes(who) && REACH[who].includes(place),
  release: (who, place) => WRITERS.includes(who) && REACH[who].includes(place),
  import: (who) => WRITERS.includes(who),
};

describe('the workforce policy', () => {
  for (const action of Object.keys(workforcePolicy) as WorkforceAction[])
    for (const who of Object.keys(ACTORS) as Who[])
      for (const place of Object.keys(PLACES))
        it(`${action} · ${who} · ${place} → ${expected[action](who, place) ? 'allowed' : 'refused'}`, () => {
          expect(allows(workforcePolicy, action, ACTORS[who], { place: PLACES[place] })).toBe(
            expected[action](who, place),
          );
        });

  it("lets a staff account read its own record and no colleague's", () => {
    const place = PLACES.ownCommune!;
    expect(allows(workforcePolicy, 'read', ACTORS.staff, { place, personId: 'p-1' })).toBe(true);
    expect(allows(workforcePolicy, 'read', ACTORS.staff, { place, personId: 'p-2' })).toBe(false);
    expect(allows(workforcePolicy, 'edit', ACTORS.staff, { place, personId: 'p-1' })).toBe(false);
  });

  it('offers editing on the records a caller manages, never to viewers or staff accounts', () => {
    expect(personActions(ACTORS.commune, PLACES.ownCommune!)).toEqual(['edit']);
    expect(personActions(ACTORS.commune, PLACES.otherCommune!)).toEqual([]);
    expect(personActions(ACTORS.province, PLACES.otherCommune!)).toEqual(['edit']);
    expect(personActions(ACTORS.viewer, PLACES.ownCommune!)).toEqual([]);
    expect(personActions(ACTORS.staff, PLACES.ownCommune!)).toEqual([]);
  });
});
