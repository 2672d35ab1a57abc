import { ALL_ROLES, allows, must, type Policy } from '../../core/policy.js';
import type { Actor } from '../../core/scope.js';

/**
 * Who may do what with public service units, state-owned enterprises and their rearrangement plans. A province keeps
 * its own (and its communes') units and plans; the Ministry keeps those of the ministries and follows every plan.
 */
export const ORG_ACTIONS = ['read', 'manage_local', 'manage_ministry'] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

export const ORG_POLICY: Policy<OrgAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope', note: 'a commune sees the units under it; a province its own' },
  manage_local: {
    roles: ['admin', 'province'],
    where: 'in_scope',
    note: "the units and plans of a province and its communes, by the province's Department of Home Affairs",
  },
  manage_ministry: { roles: ['admin', 'ministry'], where: 'anywhere', note: 'the units and plans of the ministries' },
};

/** The place of a unit or plan: its province and unit, or none for a ministry's. */
export const orgPlace = (r: { provinceCode: string | null; unitCode: string | null }) =>
  r.provinceCode ? { provinceCode: r.provinceCode, unitCode: r.unitCode ?? r.provinceCode } : undefined;

export const mayManage = (actor: Actor, r: { provinceCode: string | null; unitCode: string | null }) => {
  const place = orgPlace(r);
  return place ? allows(ORG_POLICY, 'manage_local', actor, { place }) : allows(ORG_POLICY, 'manage_ministry', actor);
};

export function mustManage(actor: Actor, r: { provinceCode: string | null; unitCode: string | null }) {
  const place = orgPlace(r);
  if (place) must(ORG_POLICY, 'manage_local', actor, { place });
  else must(ORG_POLICY, 'manage_ministry', actor);
}

/** Lists and boards check the role before their scope filter, which alone would show a staff account its unit's. */
export const mustReadOrgs = (actor: Actor) => must(ORG_POLICY, 'read', actor);

/** A ministry's units are read by the Ministry (and admins); a place's by whoever's scope holds it. */
export const mayReadOrg = (actor: Actor, r: { provinceCode: string | null; unitCode: string | null }) => {
  const place = orgPlace(r);
  return place ? allows(ORG_POLICY, 'read', actor, { place }) : actor.provinceCode === null;
};
