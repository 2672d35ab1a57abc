import { capabilitiesFrom } from '../../core/capabilities.js';
import { allows, ALL_ROLES, must, type Policy } from '../../core/policy.js';
import type { Actor } from '../../core/scope.js';

export type AuditAction = 'read';

/**
 * Who may read the audit log: every signed-in user, each seeing the entries of the places inside their scope (the
 * list filters by the same scope in SQL). Entries are written by the services that make the changes, never by users.
 */
export const auditPolicy: Policy<AuditAction> = {
  read: { roles: ALL_ROLES, where: 'in_scope', note: "entries of places in the caller's scope" },
};

export const mayAudit = (action: AuditAction, actor: Actor) => allows(auditPolicy, action, actor);
export const mustAudit = (action: AuditAction, actor: Actor) => must(auditPolicy, action, actor);

/** GET /api/auth/me → capabilities. */
export const auditCapabilities = (actor: Actor) => capabilitiesFrom(auditPolicy, { read: 'audit.read' }, actor);
