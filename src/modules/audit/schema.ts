import { pgTable, text, timestamp, bigserial, jsonb, uuid, index } from 'drizzle-orm/pg-core';

/** What an entry says (who, when, from where, what, before and after): the log's and the pending entries' columns. */
const entryColumns = () => ({
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  actorId: uuid('actor_id'),
  actorUsername: text('actor_username').notNull(),
  ip: text('ip'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  provinceCode: text('province_code'),
  unitCode: text('unit_code'),
  before: jsonb('before'),
  after: jsonb('after'),
});

/**
 * Append-only (a trigger refuses UPDATE and DELETE). Each province has its own hash chain: an entry
 * carries the hash of the previous entry of the same province (national entries form chain '').
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...entryColumns(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_unit_idx').on(t.provinceCode, t.unitCode, t.id),
    index('audit_chain_idx').on(t.provinceCode, t.id),
    index('audit_entity_idx').on(t.entity, t.entityId),
  ],
);

/**
 * Entries made in a transaction that has not committed yet (migration 0040): `audit_append` writes here without a
 * lock, and a deferred trigger moves each entry into its chain at the commit, under the chain's lock, and deletes it
 * here. Empty outside a transaction in flight; never read by the platform.
 */
export const auditPending = pgTable('audit_pending', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  ...entryColumns(),
  /** the entry's canonical JSON (`contentText`), hashed after the chain's last hash at the commit */
  content: text('content').notNull(),
});
