// The audit API's contract: the route's request and response schemas (the route imports them; the web imports
// the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, OrNull, Page, Paging } from '../../core/schemas.js';

const AuditFilter = {
  unit: Type.Optional(
    Type.String({ pattern: '^\\d{2}$|^\\d{5}$', description: 'a province (all its places) or a commune' }),
  ),
  entity: Type.Optional(Type.String({ maxLength: 50, description: 'what kind of record (user, dossier, person…)' })),
  action: Type.Optional(Type.String({ maxLength: 50, description: 'what was done (sign_in, update…)' })),
  who: Type.Optional(Type.String({ maxLength: 100, description: 'part of the name of the person who acted' })),
  from: Type.Optional(IsoDate('from this day (dd/mm/yyyy on the page)')),
  to: Type.Optional(IsoDate('to this day, inclusive')),
};
export const AuditQuery = Type.Object({ ...AuditFilter, ...Paging, lang: Lang });
export const AuditExportQuery = Type.Object({ ...AuditFilter, lang: Lang });

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: OrNull(Type.String()),
  actorUsername: Type.String({ description: 'the login name (for tools; pages show `actor`)' }),
  actor: OrNull(
    Type.Object(
      { name: Type.String(), post: OrNull(Type.String()) },
      { description: 'who acted, by name and post; null for the platform itself' },
    ),
  ),
  ip: OrNull(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  provinceCode: OrNull(Type.String()),
  unitCode: OrNull(Type.String()),
  unitName: OrNull(Type.String({ description: "the unit's name today (pages show it, never the code)" })),
  before: Type.Unknown({ description: 'the changed fields before (JSON), or null' }),
  after: Type.Unknown({ description: 'the changed fields after (JSON), or null' }),
  prevHash: Type.String(),
  hash: Type.String(),
});
export const AuditPage = Page(AuditEntry);

export type AuditEntry = Static<typeof AuditEntry>;
