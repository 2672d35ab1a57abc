// The audit API's contract: the route's request and response schemas (the route imports them; the web imports
// the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { Lang, OrNull, Page, Paging } from '../../core/schemas.js';

export const AuditQuery = Type.Object({
  unit: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
  entity: Type.Optional(Type.String({ maxLength: 50 })),
  ...Paging,
  lang: Lang,
});

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
  before: Type.Unknown({ description: 'the changed fields before (JSON), or null' }),
  after: Type.Unknown({ description: 'the changed fields after (JSON), or null' }),
  prevHash: Type.String(),
  hash: Type.String(),
});
export const AuditPage = Page(AuditEntry);

export type AuditEntry = Static<typeof AuditEntry>;
