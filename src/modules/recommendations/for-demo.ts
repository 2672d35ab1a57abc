// Bulk writes of the channel's tables for the demo part that generates its items (reinforcement's demo): the demo
// writes through this door, never through the tables. Rows are in the tables' column names (snake_case).
import type { Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk.js';

const t = 'text';

/** Writes the demo's items, their histories and the numbering counters, one bulk statement per table (per 5,000). */
export async function insertDemoRecommendations(
  db: Db,
  rows: { items: Record<string, unknown>[]; events: Record<string, unknown>[]; sequences: Record<string, unknown>[] },
): Promise<void> {
  await bulkInsert(
    db,
    'recommendations',
    {
      id: 'uuid',
      province_code: t,
      code: t,
      field: t,
      title: t,
      content: t,
      legal_basis: t,
      unit_code: t,
      urgency: t,
      asker_kind: t,
      asker_unit_code: t,
      asker_user_id: 'uuid',
      asker_username: t,
      visit_id: 'uuid',
      status: t,
      level: t,
      arrived_on: 'date',
      working_days: 'int',
      due_date: 'date',
      answer: t,
      answer_legal_basis: t,
      answered_level: t,
      answered_by: t,
      answered_at: 'timestamptz',
      answered_on: 'date',
      answer_working_days: 'int',
      answered_late: 'boolean',
      closed_at: 'timestamptz',
      published_at: 'timestamptz',
      published_by: t,
      search_key: t,
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    rows.items,
  );
  await bulkInsert(
    db,
    'recommendation_events',
    {
      province_code: t,
      recommendation_id: 'uuid',
      at: 'timestamptz',
      actor_username: t,
      action: t,
      from_status: t,
      to_status: t,
      level: t,
      note: t,
    },
    rows.events,
  );
  await bulkInsert(db, 'recommendation_sequences', { province_code: t, month: t, last: 'int' }, rows.sequences);
}
