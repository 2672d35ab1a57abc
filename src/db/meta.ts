import { pgTable, text, jsonb, timestamp, uuid, integer, primaryKey } from 'drizzle-orm/pg-core';

/** Small key–value facts about this installation (e.g. whether the demo nation is loaded). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** Responses to writes sent with an Idempotency-Key, so a repeated request gets the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    route: text('route').notNull(),
    /** sha256 of the request's body: the same key sent with another body is refused, not answered with the first's */
    requestHash: text('request_hash'),
    status: integer('status').notNull(),
    body: jsonb('body'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
