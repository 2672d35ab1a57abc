import { ALL_ROLES, allows, must, type Policy } from '../../core/policy.js';
import type { Actor, Place } from '../../core/scope.js';

/**
 * Who may do what with archives, as one table. The place of a hand-over is the unit receiving the archive (a commune,
 * or the province for a former district or province); the place of a plan, batch, scan or description is the unit
 * digitizing. The Ministry follows the country and generates the hand-overs from the lineage; the provinces and
 * communes do the work.
 */
export const ARCHIVE_ACTIONS = [
  'read',
  'generate',
  'record_handover',
  'designate_successor',
  'plan',
  'digitize',
  'read_restricted',
] as const;
export type ArchiveAction = (typeof ARCHIVE_ACTIONS)[number];

export const ARCHIVE_POLICY: Policy<ArchiveAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope', note: 'a commune sees what it received; a province its former units' },
  generate: { roles: ['admin', 'ministry'], where: 'anywhere', note: 'from the units registry lineage; idempotent' },
  record_handover: {
    roles: ['admin', 'province', 'commune'],
    where: 'in_scope',
    note: 'inventory, minutes, receipt, shortfalls: the receiving unit or its province',
  },
  designate_successor: {
    roles: ['admin', 'province'],
    where: 'in_scope',
    note: 'the province designates which successor receives a split unit’s archive',
  },
  plan: { roles: ['admin', 'province', 'commune'], where: 'in_scope', note: "a unit's yearly digitization plan" },
  digitize: { roles: ['admin', 'province', 'commune'], where: 'in_scope', note: 'batches, scans, descriptions' },
  read_restricted: {
    roles: ALL_ROLES,
    where: 'in_scope',
    note: 'a restricted description is read inside the unit’s scope only; open ones by every signed-in user',
  },
};

export const mayArchive = (action: ArchiveAction, actor: Actor, place?: Place) =>
  allows(ARCHIVE_POLICY, action, actor, { place });
export const mustArchive = (action: ArchiveAction, actor: Actor, place?: Place) =>
  must(ARCHIVE_POLICY, action, actor, { place });
