import { ALL_ROLES, allows, must, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';

/**
 * Who may do what with training conferences, as one table. The place of an event is its host: the Ministry (a
 * national event: no province, reached only by the whole-country roles) or the province holding its own. The place of
 * a bridge is its unit: a commune reaches its own bridge only, a province its own and its communes', the Ministry all.
 */
export const TRAINING_ACTIONS = [
  'create',
  'edit',
  'manage',
  'read_bridges',
  'check_in',
  'record_presence',
  'scan_presence',
  'ask',
  'certificate',
] as const;
export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

export const TRAINING_POLICY: Policy<TrainingAction> = {
  create: {
    roles: ['admin', 'ministry', 'province'],
    where: 'in_scope',
    note: 'the Ministry for the whole country, a province for its own communes',
  },
  edit: {
    roles: ['admin', 'ministry', 'province'],
    where: 'in_scope',
    note: 'the host, until the event starts: title, programme, trainers, times, share, audience',
  },
  manage: {
    roles: ['admin', 'ministry', 'province'],
    where: 'in_scope',
    note: 'the host: register the audience, keep materials, send questions to the channel, read the report',
  },
  read_bridges: { roles: ALL_ROLES, where: 'in_scope', note: 'the bridges in the caller’s scope' },
  check_in: {
    roles: ['admin', 'ministry', 'province', 'commune'],
    where: 'in_scope',
    note: 'a commune its own bridge only; a province its own and its communes’; the Ministry every bridge',
  },
  record_presence: {
    roles: ['admin', 'ministry', 'province', 'commune'],
    where: 'in_scope',
    note: 'the bridge officer',
  },
  scan_presence: {
    roles: [],
    where: 'in_scope',
    own: true,
    note: 'the attendee themself, signed in on their phone, scanning the code their own bridge shows',
  },
  ask: {
    roles: ['admin', 'ministry', 'province', 'commune'],
    where: 'in_scope',
    note: 'a question raised at the bridge',
  },
  certificate: {
    roles: ALL_ROLES,
    where: 'in_scope',
    own: true,
    note: 'a person downloads their own; the units download their staff’s',
  },
};

/** The Ministry's place: no province, so only the whole-country roles reach it. */
export const NATIONAL: Place = { provinceCode: '', unitCode: '' };

/** The host's place: the Ministry for a national event, the province for its own. */
export const eventPlace = (provinceCode: string | null): Place =>
  provinceCode ? { provinceCode, unitCode: provinceCode } : NATIONAL;

/** A bridge's place (the Ministry's main bridge has no province). */
export const bridgePlace = (b: { provinceCode: string | null; unitCode: string }): Place => ({
  provinceCode: b.provinceCode ?? '',
  unitCode: b.unitCode,
});

export const mayTraining = (action: TrainingAction, actor: Actor, place?: Place, personId?: string | null) =>
  allows(TRAINING_POLICY, action, actor, { place, personId });

export const mustTraining = (action: TrainingAction, actor: Actor, place?: Place, personId?: string | null) =>
  must(TRAINING_POLICY, action, actor, { place, personId });

/**
 * Who sees an event: a national one is for every account (each sees its own bridges); a province's own is seen in that
 * province (and by the Ministry). A staff account (a person's own account, to whom `read_bridges` is closed) lists and
 * opens only the events it is registered for or whose audience names it (`seesOwnEventsOnly`); it still reaches its own
 * scan and certificate pages of any event it may see here.
 */
export const mayReadEvent = (actor: Actor, provinceCode: string | null) =>
  provinceCode === null || actor.provinceCode === null || actor.provinceCode === provinceCode;

/** A staff account sees only its own events (registered, or named by the audience), not its province's list. */
export const seesOwnEventsOnly = (actor: Actor) => !mayTraining('read_bridges', actor, undefined);

/** The actions the web shows on an event. */
export const EVENT_ACTIONS = ['edit', 'manage', 'check_in'] as const;
