/**
 * Who may do what with the periodic reports (issue #20), as one table (core/policy.ts):
 * - a report is read inside the reader's subtree: a commune its own, a province its own and its communes', the
 *   Ministry every report (the national one lies at province '' and unit '', outside every province);
 * - its author is the unit itself: a commune writes the commune's, the province's Department of Home Affairs (a
 *   province account) the province's, the Ministry the country's; the author drafts, writes, recomputes and submits;
 * - the level above returns (with a comment) and approves: the province for its communes, the Ministry for the
 *   provinces and for its own national report; the approver publishes;
 * - the outlines are read by every office and changed by the Ministry only.
 * Personal accounts: leaders and specialists write, leaders approve and return (they sign).
 */
import { forbidden, outOfScope } from '../../core/errors.js';
import { ALL_ROLES, WRITERS, allows, must, type Policy } from '../../core/policy.js';
import { scopeOf, type Actor, type Place } from '../../core/scope.js';
import { isEditable, nextStatus, type ReportStatus } from './domain/lifecycle.js';
import type { ReportLevel } from './domain/outline.js';

export const REPORT_ACTIONS = [
  'read',
  'create',
  'edit',
  'submit',
  'return',
  'approve',
  'publish',
  'outline.read',
  'outline.write',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

const AUTHORS = ['leader', 'specialist'] as const;
const SIGNERS = ['leader'] as const;
const ABOVE: Actor['role'][] = ['admin', 'ministry', 'province'];

export const REPORT_POLICY: Policy<ReportAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope' },
  create: { roles: WRITERS, where: 'in_scope', unitRoles: AUTHORS, note: 'a draft of a unit in reach (idempotent)' },
  edit: { roles: WRITERS, where: 'in_scope', unitRoles: AUTHORS, note: 'the author: text, recompute, accept' },
  submit: { roles: WRITERS, where: 'in_scope', unitRoles: AUTHORS, note: 'the author; locks the report' },
  return: { roles: ABOVE, where: 'in_scope', unitRoles: SIGNERS, note: 'the level above, with a comment' },
  approve: { roles: ABOVE, where: 'in_scope', unitRoles: SIGNERS, note: 'the level above' },
  publish: { roles: ABOVE, where: 'in_scope', unitRoles: SIGNERS, note: 'the level above, once approved' },
  'outline.read': { roles: ALL_ROLES, where: 'anywhere' },
  'outline.write': { roles: ['admin', 'ministry'], where: 'anywhere', note: 'the Ministry sets the outlines' },
};

/** What the rules need of a report. */
export interface ReportTarget {
  provinceCode: string;
  unitCode: string;
  level: ReportLevel;
}

const placeOf = (r: ReportTarget): Place => ({ provinceCode: r.provinceCode, unitCode: r.unitCode });

/** The actor writes for exactly this unit: the commune for its own, the province for its own, the country's offices. */
export function isAuthor(actor: Actor, r: ReportTarget): boolean {
  const s = scopeOf(actor);
  if (r.level === 'country') return s.kind === 'country';
  if (r.level === 'province') return s.kind === 'province' && s.provinceCode === r.provinceCode;
  return s.kind === 'commune' && s.communeCode === r.unitCode;
}

/** The actor is the level that approves this report: its province for a commune, the Ministry above a province. */
export function isLevelAbove(actor: Actor, r: ReportTarget): boolean {
  const s = scopeOf(actor);
  if (r.level === 'commune') return s.kind === 'province' && s.provinceCode === r.provinceCode;
  return s.kind === 'country' && actor.role !== 'viewer';
}

const AUTHOR_ACTIONS: readonly ReportAction[] = ['edit', 'submit'];
const ABOVE_ACTIONS: readonly ReportAction[] = ['return', 'approve', 'publish'];

/** The table, then who in reach may take the step: the author writes, the level above approves. */
export function mayReport(action: ReportAction, actor: Actor, r?: ReportTarget): boolean {
  if (!allows(REPORT_POLICY, action, actor, r ? { place: placeOf(r) } : {})) return false;
  if (!r) return true;
  if (AUTHOR_ACTIONS.includes(action)) return isAuthor(actor, r);
  if (ABOVE_ACTIONS.includes(action)) return isLevelAbove(actor, r);
  return true;
}

/** Throws 403 (forbidden, or out of scope for a place beyond reach) unless the actor may. */
export function mustReport(action: ReportAction, actor: Actor, r?: ReportTarget): void {
  if (mayReport(action, actor, r)) return;
  must(REPORT_POLICY, action, actor, r ? { place: placeOf(r) } : {}); // throws the table's refusal
  if (r && !allows(REPORT_POLICY, 'read', actor, { place: placeOf(r) })) throw outOfScope(r.unitCode || 'VN');
  throw forbidden();
}

/**
 * What the actor may do on this report now, for the web: what the table allows them, and what the report's status
 * still opens (the text while the author holds it; a step that leads somewhere from here).
 */
export const reportActions = (actor: Actor, r: ReportTarget & { status: ReportStatus }): ReportAction[] =>
  (['edit', 'submit', 'return', 'approve', 'publish'] as const).filter(
    (a) => mayReport(a, actor, r) && (a === 'edit' ? isEditable(r.status) : nextStatus(r.status, a) !== null),
  );
