import { capabilitiesFrom } from '../../core/capabilities.js';
import { ALL_ROLES, allows, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';
import { ACTOR_OF, allowedActions, type Action, type Level, type Status } from './domain/lifecycle.js';

/**
 * Who may do what in the two-way channel, as one table. An officer in the field is a Ministry user serving in a
 * reinforcement phase: they raise items, and do not answer, publish or warn for the Ministry (`NOT_FOR_OFFICERS`).
 * The steps of an item (answer, forward, request information; provide information, accept, reopen) belong to the level
 * holding it and to the asker: `holds` and `asks` below.
 */
export const CHANNEL_ACTIONS = [
  'read',
  'raise',
  'set_national_limit',
  'set_province_limit',
  'send_warnings',
  'publish',
] as const;
export type ChannelAction = (typeof CHANNEL_ACTIONS)[number];

export const CHANNEL_POLICY: Policy<ChannelAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope', note: 'a commune sees the items it raised and those about it' },
  raise: {
    roles: ['commune', 'province', 'ministry'],
    where: 'anywhere',
    unitRoles: ['leader', 'specialist'],
    note: 'about its own unit; a Ministry user only as an officer, in a province of their assignment',
    officer: true,
  },
  set_national_limit: { roles: ['admin', 'ministry'], where: 'anywhere' },
  set_province_limit: { roles: ['province'], where: 'in_scope', note: 'for the answers of its own level' },
  send_warnings: { roles: ['admin', 'ministry'], where: 'anywhere', note: 'not an officer in the field' },
  publish: { roles: ['admin', 'ministry'], where: 'anywhere', note: 'not an officer in the field' },
};

export const NOT_FOR_OFFICERS: ReadonlySet<ChannelAction> = new Set(['send_warnings', 'publish']);

/** May the actor take the action? `officer`: the actor serves as a reinforcement officer. */
export function may(action: ChannelAction, actor: Actor, ctx: { place?: Place; officer?: boolean } = {}): boolean {
  if (ctx.officer && NOT_FOR_OFFICERS.has(action)) return false;
  return allows(CHANNEL_POLICY, action, actor, { place: ctx.place });
}

/** The role alone may take the action (before asking whether the actor is an officer, which costs a query). */
export const roleMay = (action: ChannelAction, actor: Actor) => CHANNEL_POLICY[action].roles.includes(actor.role);

/** An item lies in two places: the asking unit and the unit concerned; whoever sees either sees the item. */
export function mayRead(actor: Actor, r: { provinceCode: string; askerUnitCode: string; unitCode: string }): boolean {
  return [r.askerUnitCode, r.unitCode].some((unitCode) =>
    may('read', actor, { place: { provinceCode: r.provinceCode, unitCode } }),
  );
}

/** The level holding the item: the province's users, or the Ministry (not its officers in the field). */
export function holds(actor: Actor, r: { level: string; provinceCode: string }, officer: boolean): boolean {
  if (r.level === 'province')
    return actor.role === 'province' && actor.provinceCode === r.provinceCode && !actor.communeCode;
  return (actor.role === 'ministry' && !officer) || actor.role === 'admin';
}

/** The asker: the commune or the province that raised it (any of its users), or the officer in person. */
export function asks(
  actor: Actor,
  r: { askerKind: string; askerUnitCode: string; askerUserId: string; provinceCode: string },
): boolean {
  if (actor.role === 'viewer' || actor.role === 'staff') return false;
  if (r.askerKind === 'commune')
    return actor.role === 'commune' && actor.provinceCode === r.provinceCode && actor.communeCode === r.askerUnitCode;
  if (r.askerKind === 'province')
    return actor.role === 'province' && actor.provinceCode === r.askerUnitCode && !actor.communeCode;
  return actor.id === r.askerUserId;
}

type Item = Parameters<typeof holds>[1] & Parameters<typeof asks>[1] & { status: string };

/** May the actor take this step of the item's life (whatever its status)? */
export const mayStep = (action: Action, actor: Actor, r: Item, officer: boolean) =>
  ACTOR_OF[action] === 'holder' ? holds(actor, r, officer) : asks(actor, r);

/** The steps the actor may take on the item now: the record's `actions`. */
export function stepsFor(actor: Actor, r: Item, officer: boolean): Action[] {
  return allowedActions(r.status as Status, r.level as Level).filter((a) => mayStep(a, actor, r, officer));
}

/** GET /api/auth/me → capabilities (raising as an officer is decided per item). */
export const channelCapabilities = (actor: Actor) =>
  capabilitiesFrom(CHANNEL_POLICY, { read: 'channel.read', raise: 'channel.raise' }, actor);
