import { createHash } from 'node:crypto';

/** The fields an audit entry's hash covers. */
export interface AuditContent {
  at: string;
  actorId: string | null;
  actorUsername: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string;
  provinceCode: string | null;
  unitCode: string | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The text an entry's hash covers after the previous hash and a newline: only the covered fields, canonical. */
export function contentText(c: AuditContent): string {
  // Only the covered fields, whatever else the row carries (id, hashes).
  const normalized: AuditContent = {
    at: new Date(c.at).toISOString(),
    actorId: c.actorId,
    actorUsername: c.actorUsername,
    ip: c.ip,
    action: c.action,
    entity: c.entity,
    entityId: c.entityId,
    provinceCode: c.provinceCode,
    unitCode: c.unitCode,
    before: c.before,
    after: c.after,
  };
  return canonicalJson(normalized);
}

export function entryHash(prevHash: string, c: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(contentText(c)).digest('hex');
}

/** Walks entries in id order; returns the id of the first entry whose link or hash does not hold. */
export function verifyEntries(
  entries: Iterable<AuditContent & { id: number; prevHash: string; hash: string }>,
  startHash = GENESIS_HASH,
): { ok: boolean; checked: number; firstBadId: number | null; lastHash: string } {
  let prev = startHash;
  let checked = 0;
  for (const e of entries) {
    if (e.prevHash !== prev || entryHash(prev, e) !== e.hash)
      return { ok: false, checked, firstBadId: e.id, lastHash: prev };
    prev = e.hash;
    checked++;
  }
  return { ok: true, checked, firstBadId: null, lastHash: prev };
}
