/**
 * Who may do what with dossiers, procedures and the boards: one table (src/core/policy.ts). A dossier lies in two
 * places of its province: the unit handling it now and the service center that received it; `at` names the places an
 * action looks at.
 */
import { capabilitiesFrom, homePlace } from '../../core/capabilities.js';
import { allows, must, READERS, WRITERS, type Policy, type Rule } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import type { ProcessStep } from './domain/internal-process.js';
import { maySupplementReceived } from './domain/steps.js';

export type DossierPolicyAction =
  | 'read'
  | 'receive'
  | 'decide'
  | 'receive_supplement'
  | 'return_result'
  | 'apologize'
  | 'attach'
  | 'adjust_procedure'
  | 'import_procedures'
  | 'read_figures'
  | 'assign'
  | 'pick'
  | 'submit'
  | 'verify'
  | 'approve'
  | 'send_back'
  | 'read_queue'
  | 'record_complaint';

/** The dossier's places an action is checked against (either one is enough). */
type At = 'holder_or_receiver' | 'holder';
/** The actions taken on a dossier (the others are taken at a place). */
type OnDossier =
  | 'read'
  | 'decide'
  | 'receive_supplement'
  | 'return_result'
  | 'apologize'
  | 'attach'
  | 'record_complaint'
  | StepPolicyAction;
/** The one-stop's steps (docs/one-stop.md): taken by the people of the unit holding the dossier. */
export type StepPolicyAction = 'assign' | 'pick' | 'submit' | 'verify' | 'approve' | 'send_back' | 'return_result';
/** The unit roles and places are the table's; which step, and who in it, is domain/steps.ts. */
const UNIT_WRITERS = ['province', 'commune'] as const;

export const DOSSIER_POLICY = {
  read: {
    roles: READERS,
    where: 'in_scope',
    at: 'holder_or_receiver',
    note: 'those who hold it now and the center that received it',
  },
  // A citizen hands a dossier in at a province's or a commune's one-stop: the Ministry and the system administrator
  // read and steer, they do not receive at a counter (their list offered "receive" to no one's use).
  receive: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['receiving', 'leader'],
    note: 'at a service center of your scope (the receiving unit): a province or a commune',
  },
  decide: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['specialist', 'leader'],
    at: 'holder',
    note: 'every lifecycle step but returning the result: the unit holding the dossier',
  },
  receive_supplement: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['receiving'],
    at: 'holder_or_receiver',
    // beside those who decide; on a dossier in steps, the roles of its process (domain/steps.ts)
    note: "record that the applicant brought the missing papers: the one-stop's receiving officer",
  },
  return_result: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['receiving', 'specialist', 'leader'],
    at: 'holder_or_receiver',
    note: 'the receiving center hands the result back too',
  },
  apologize: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['specialist', 'leader'],
    at: 'holder',
    note: 'the apology and new date (Form 04)',
  },
  attach: {
    roles: WRITERS,
    where: 'in_scope',
    unitRoles: ['receiving', 'specialist', 'leader'],
    at: 'holder_or_receiver',
    note: 'scans of the inputs and the electronic result',
  },
  adjust_procedure: {
    roles: ['admin', 'ministry', 'province'],
    where: 'in_scope',
    unitRoles: ['leader'],
    note: "a province's own list of procedures (the place: the province)",
  },
  import_procedures: {
    roles: ['admin', 'province'],
    where: 'in_scope',
    note: "a province's official list from the national database's Excel export: the province's own accounts (and the administrator)",
  },
  read_figures: { roles: READERS, where: 'in_scope', note: 'boards and congestion of a place in your scope' },
  assign: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['leader', 'receiving'],
    at: 'holder',
    note: "hand a dossier to a specialist of the unit: a leader, the receiving officer, or the unit's account",
  },
  pick: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['specialist'],
    at: 'holder',
    note: "a specialist takes a dossier from the unit's queue",
  },
  submit: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['specialist'],
    at: 'holder',
    note: 'the assigned specialist sends the draft result on',
  },
  verify: { roles: UNIT_WRITERS, where: 'in_scope', unitRoles: ['leader'], at: 'holder', note: 'a leader checks it' },
  approve: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['leader'],
    at: 'holder',
    note: 'a leader approves and signs the result',
  },
  send_back: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['leader'],
    at: 'holder',
    note: 'a leader returns it to the specialist with a reason',
  },
  read_queue: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    note: "a person's queue and the unit's: the people of a unit (and its account)",
  },
  record_complaint: {
    roles: UNIT_WRITERS,
    where: 'in_scope',
    unitRoles: ['receiving', 'specialist', 'leader'],
    at: 'holder_or_receiver',
    note:
      "a citizen's complaint about the dossier brought to the counter, by phone or in writing " +
      '(the citizen records one on the public look-up)',
  },
} as const satisfies Record<DossierPolicyAction, Rule & { at?: At }>;

const policy: Policy<DossierPolicyAction> = DOSSIER_POLICY;

/** The actions the web is told about on a dossier (`actions` of a dossier). */
export const DOSSIER_ACTIONS = ['decide', 'receive_supplement', 'return_result', 'apologize', 'attach'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export interface DossierPlaces {
  provinceCode: string;
  handlingUnitCode: string;
  receivingUnitCode: string;
}

function placesOf(d: DossierPlaces, at: At): Place[] {
  const holder = { provinceCode: d.provinceCode, unitCode: d.handlingUnitCode };
  return at === 'holder' ? [holder] : [holder, { provinceCode: d.provinceCode, unitCode: d.receivingUnitCode }];
}

/** May the actor take this action on the dossier? */
export function mayOnDossier(action: OnDossier, actor: Actor, d: DossierPlaces): boolean {
  return placesOf(d, DOSSIER_POLICY[action].at).some((place) => allows(policy, action, actor, { place }));
}

/**
 * May the actor take a step on the dossier? The table's roles and place, and the step is taken by the people of the
 * unit itself (the unit holding it; for the return, also the center that received it): a province's account reaches its
 * communes' dossiers but does not work their steps.
 */
export function mayStep(action: StepPolicyAction, actor: Actor, d: DossierPlaces): boolean {
  const own = actor.communeCode ?? actor.provinceCode;
  const units = action === 'return_result' ? [d.handlingUnitCode, d.receivingUnitCode] : [d.handlingUnitCode];
  return !!own && units.includes(own) && mayOnDossier(action, actor, d);
}

/** May the actor take this action at a place (a receiving unit, a province's list, a board's place)? */
export const mayAt = (action: Exclude<DossierPolicyAction, OnDossier>, actor: Actor, place: Place) =>
  allows(policy, action, actor, { place });

/**
 * Refuses (403 forbidden) a role the action is closed to, before a list or a board reads anything: a staff account
 * reads no citizen's dossier and no board (READERS does not hold it).
 */
export const mustRole = (action: DossierPolicyAction, actor: Actor) => must(policy, action, actor);

/**
 * May the actor record that the applicant brought the missing papers? Those who decide at the holding unit, and the
 * one-stop's receiving officer (`receive_supplement`); on a dossier worked in steps, only the roles its own process
 * gives (domain/steps.ts `supplementReceivers`: the receiving step's, the specialist's and the leader's).
 */
export function mayReceiveSupplement(actor: Actor, d: DossierPlaces & { process?: unknown }): boolean {
  if (!mayOnDossier('decide', actor, d) && !mayOnDossier('receive_supplement', actor, d)) return false;
  const process = Array.isArray(d.process) ? (d.process as ProcessStep[]) : null;
  return !process || maySupplementReceived(process, { username: actor.username, unitRoles: actor.unitRoles ?? [] });
}

/** What the caller may do to a dossier, for the web to show. */
export const dossierActions = (actor: Actor, d: DossierPlaces & { process?: unknown }): DossierAction[] =>
  DOSSIER_ACTIONS.filter((a) =>
    a === 'receive_supplement' ? mayReceiveSupplement(actor, d) : mayOnDossier(a, actor, d),
  );

/** The unit roles the table names: the one-stop's people (receiving officer, specialist, leader). */
const ONE_STOP_ROLES: ReadonlySet<string> = new Set(
  Object.values(DOSSIER_POLICY).flatMap((rule: Rule) => rule.unitRoles ?? []),
);

/**
 * What the user may open of the dossiers (GET /api/auth/me → capabilities); `dossiers.work`: one of the one-stop's
 * people, whose queue is their work (and their landing page), not a unit's own account.
 */
export const dossierCapabilities = (actor: Actor) => [
  ...capabilitiesFrom(
    policy,
    {
      read: 'dossiers.read',
      receive: 'dossiers.receive',
      read_figures: 'dossiers.figures',
      adjust_procedure: 'procedures.adjust',
      read_queue: 'dossiers.queue',
      assign: 'dossiers.assign',
      pick: 'dossiers.pick',
      approve: 'dossiers.approve',
    },
    actor,
  ),
  ...((actor.unitRoles ?? []).some((r) => ONE_STOP_ROLES.has(r)) &&
  allows(policy, 'read_queue', actor, { place: homePlace(actor) })
    ? ['dossiers.work']
    : []),
];
