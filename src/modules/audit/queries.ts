// Named queries of the audit log that other modules read through the door (never through the table).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from './schema.js';

/** The audit entries of one record (`entity`, `entityId`), as written. */
export function auditEntriesOf(db: Db, entity: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}
