import { describe, expect, it } from 'vitest';
import type { Actor, Place, Role, UnitRole } from '../../core/scope.js';
import {
  DOSSIER_POLICY,
  dossierActions,
  dossierCapabilities,
  mayAt,
  mayOnDossier,
  mayReceiveSupplement,
  type DossierPolicyAction,
} from './policy.js';

const actor = (
  role: Role,
  provinceCode: string | null,
  communeCode: string | null,
  personId?: string,
  unitRoles: UnitRole[] = [],
): Actor => ({
  id: role,
  username: role,
  displayName: role,
  role,
  provinceCode,
  communeCode,
  ip: null,
  personId: personId ?? null,
  unitRoles,
});

const ACTORS = {
  admin: actor('admin', null, null),
  ministry: actor('ministry', null, null),
  province: actor('province', '01', null),
  commune: actor('commune', '01', '00004'),
  viewer: actor('viewer', null, null),
  staff: actor('staff', '01', '00004', 'person-1'),
  // personal accounts of Ba Đình's staff with their roles in the unit
  receiving: actor('commune', '01', '00004', 'person-2', ['receiving']),
  specialist: actor('commune', '01', '00004', 'person-3', ['specialist']),
  leader: actor('commune', '01', '00004', 'person-4', ['leader']),
  unitAdmin: actor('commune', '01', '00004', 'person-5', ['unit_admin']),
};
type Who = keyof typeof ACTORS;

const PLACES = {
  ownCommune: { provinceCode: '01', unitCode: '00004' },
  otherCommune: { provinceCode: '01', unitCode: '00008' },
  otherProvince: { provinceCode: '79', unitCode: '25747' },
};
type Where = keyof typeof PLACES;

const ALL = Object.keys(DOSSIER_POLICY) as DossierPolicyAction[];
const READ_ONLY: DossierPolicyAction[] = ['read', 'read_figures'];
const PROVINCE_LIST: DossierPolicyAction[] = ['adjust_procedure', 'import_procedures'];
const UNIT_WORK: DossierPolicyAction[] = ALL.filter((a) => !PROVINCE_LIST.includes(a));
/** The one-stop's steps and queues: the people of a unit (province and commune accounts), never the country's. */
const STEPS: DossierPolicyAction[] = ['assign', 'pick', 'submit', 'verify', 'approve', 'send_back', 'read_queue'];
/** A complaint about a dossier is recorded by the people of the units holding or having received it. */
/** The Ministry and the administrator steer every dossier but receive none: a citizen hands it in at a locality's one-stop. */
const NATIONAL: DossierPolicyAction[] = ALL.filter(
  (a) => !STEPS.includes(a) && a !== 'record_complaint' && a !== 'receive',
);
/** The Ministry adjusts a province's list but does not import it: the province imports its own official list. */
const MINISTRY: DossierPolicyAction[] = NATIONAL.filter((a) => a !== 'import_procedures');

/** What each account may do with a dossier received and handled at each place (adjust_procedure: its province). */
const EXPECTED: Record<Who, Record<Where, DossierPolicyAction[]>> = {
  admin: { ownCommune: NATIONAL, otherCommune: NATIONAL, otherProvince: NATIONAL },
  ministry: { ownCommune: MINISTRY, otherCommune: MINISTRY, otherProvince: MINISTRY },
  province: { ownCommune: ALL, otherCommune: ALL, otherProvince: [] },
  commune: { ownCommune: UNIT_WORK, otherCommune: [], otherProvince: [] },
  viewer: { ownCommune: READ_ONLY, otherCommune: READ_ONLY, otherProvince: READ_ONLY },
  // a staff account reads no citizen's dossier, not even of its own unit (issue #14)
  staff: { ownCommune: [], otherCommune: [], otherProvince: [] },
  receiving: {
    ownCommune: [
      ...READ_ONLY,
      'receive',
      'receive_supplement',
      'return_result',
      'attach',
      'assign',
      'read_queue',
      'record_complaint',
    ],
    otherCommune: [],
    otherProvince: [],
  },
  specialist: {
    ownCommune: [
      ...READ_ONLY,
      'decide',
      'return_result',
      'apologize',
      'attach',
      'pick',
      'submit',
      'read_queue',
      'record_complaint',
    ],
    otherCommune: [],
    otherProvince: [],
  },
  // the leader records a supplement as one who decides (mayReceiveSupplement), not by the receiving officer's row
  leader: {
    ownCommune: UNIT_WORK.filter((a) => a !== 'pick' && a !== 'submit' && a !== 'receive_supplement'),
    otherCommune: [],
    otherProvince: [],
  },
  unitAdmin: { ownCommune: [...READ_ONLY, 'read_queue'], otherCommune: [], otherProvince: [] },
};

function may(action: DossierPolicyAction, who: Actor, place: Place): boolean {
  const d = { provinceCode: place.provinceCode, handlingUnitCode: place.unitCode, receivingUnitCode: place.unitCode };
  switch (action) {
    case 'receive':
    case 'read_figures':
    case 'read_queue':
      return mayAt(action, who, place);
    case 'adjust_procedure':
    case 'import_procedures':
      return mayAt(action, who, { provinceCode: place.provinceCode, unitCode: place.provinceCode });
    default:
      return mayOnDossier(action, who, d);
  }
}

describe('the dossier policy as a matrix', () => {
  for (const [who, byPlace] of Object.entries(EXPECTED) as [Who, Record<Where, DossierPolicyAction[]>][]) {
    for (const [where, allowed] of Object.entries(byPlace) as [Where, DossierPolicyAction[]][]) {
      it(`${who} at ${where}: ${allowed.length ? allowed.join(', ') : 'nothing'}`, () => {
        const got = ALL.filter((a) => may(a, ACTORS[who], PLACES[where]));
        expect(got).toEqual(ALL.filter((a) => allowed.includes(a)));
      });
    }
  }

  it('lets the receiving center return the result and attach files, but not decide, once the dossier is transferred', () => {
    const transferred = { provinceCode: '01', receivingUnitCode: '00004', handlingUnitCode: '00008' };
    // … and the one-stop where it was handed in records the papers the applicant brings
    expect(dossierActions(ACTORS.commune, transferred)).toEqual(['receive_supplement', 'return_result', 'attach']);
    expect(mayOnDossier('read', ACTORS.commune, transferred)).toBe(true);
    const holder = actor('commune', '01', '00008');
    expect(dossierActions(holder, transferred)).toEqual([
      'decide',
      'receive_supplement',
      'return_result',
      'apologize',
      'attach',
    ]);
    expect(dossierActions(ACTORS.viewer, transferred)).toEqual([]);
  });

  it("lets the receiving officer record the supplement, as the dossier's own process says", () => {
    const d = { provinceCode: '01', receivingUnitCode: '00004', handlingUnitCode: '00004' };
    const step = (step: string, roles: string[], sharePercent: number) => ({ step, roles, sharePercent });
    const national = [
      step('receive', ['receiving'], 10),
      step('assign', ['leader', 'receiving'], 5),
      step('process', ['specialist'], 55),
      step('approve', ['leader'], 25),
      step('return', ['receiving'], 5),
    ];
    expect(mayReceiveSupplement(ACTORS.receiving, { ...d, process: national })).toBe(true);
    expect(mayReceiveSupplement(ACTORS.specialist, { ...d, process: national })).toBe(true);
    expect(mayReceiveSupplement(ACTORS.unitAdmin, { ...d, process: national })).toBe(false);
    // a province that gives its receiving step to the leader: the receiving officer no longer records it
    const leaderReceives = national.map((x) => (x.step === 'receive' ? { ...x, roles: ['leader'] } : x));
    expect(mayReceiveSupplement(ACTORS.receiving, { ...d, process: leaderReceives })).toBe(false);
    // another commune's people never
    const elsewhere = { provinceCode: '01', receivingUnitCode: '00008', handlingUnitCode: '00008', process: national };
    expect(mayReceiveSupplement(ACTORS.receiving, elsewhere)).toBe(false);
    expect(mayReceiveSupplement(ACTORS.specialist, elsewhere)).toBe(false);
  });

  it('tells each unit role what it may open (GET /api/auth/me → capabilities)', () => {
    expect([...dossierCapabilities(ACTORS.receiving)].sort()).toEqual(
      [
        'dossiers.assign',
        'dossiers.figures',
        'dossiers.queue',
        'dossiers.read',
        'dossiers.receive',
        'dossiers.work',
      ].sort(),
    );
    expect([...dossierCapabilities(ACTORS.specialist)].sort()).toEqual(
      ['dossiers.figures', 'dossiers.pick', 'dossiers.queue', 'dossiers.read', 'dossiers.work'].sort(),
    );
    expect(dossierCapabilities(ACTORS.leader)).toContain('dossiers.approve');
    expect(dossierCapabilities(ACTORS.viewer)).not.toContain('dossiers.queue');
    expect(dossierCapabilities(ACTORS.staff)).toEqual([]);
    expect(dossierCapabilities(ACTORS.commune)).toContain('dossiers.receive');
    expect(dossierCapabilities(ACTORS.ministry)).not.toContain('dossiers.receive');
    expect(dossierCapabilities(ACTORS.admin)).not.toContain('dossiers.receive');
    // a unit's own account reads the queue but its work is the board: only the one-stop's people land on the queue
    expect(dossierCapabilities(ACTORS.commune)).not.toContain('dossiers.work');
    expect(dossierCapabilities(ACTORS.unitAdmin)).not.toContain('dossiers.work');
    expect(dossierCapabilities(ACTORS.leader)).toContain('dossiers.work');
  });
});
