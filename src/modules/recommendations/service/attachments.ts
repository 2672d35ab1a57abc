// An item's attachments: reading one, and the asker adding more.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, invalid, notFound, outOfScope } from '../../../core/errors.js';
import type { FileStore } from '../../../core/file-store.js';
import { storeAttachments, withStagedFiles, type AttachmentInput } from '../../../core/attachments.js';
import { MAX_ATTACHMENTS } from '../contract.js';
import { type Actor } from '../../../core/scope.js';
import { mayRead } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { actsAsOfficer } from '../officers.js';
import { recommendations } from '../schema.js';
import { channelCalendar, present, actionsFor, load } from './common.js';

/** An attachment's bytes, for whoever may read the item. n: its position in the item's list. */
export async function getAttachment(db: Db, actor: Actor, id: string, n: number, store: FileStore) {
  const r = await load(db, id);
  if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
  const a = r.attachments[n];
  if (!a) throw notFound('recommendation', { code: `${r.code} #${n}` });
  return { name: a.name, contentType: a.contentType, sha256: a.sha256, bytes: await store.get(a.storageKey) };
}

/** The asker adds attachments to an item not yet accepted (e.g. the information asked for). */
export async function addAttachments(
  db: Db,
  actor: Actor,
  id: string,
  files: AttachmentInput[],
  clock: DeadlineClock,
  store: FileStore,
) {
  const r0 = await load(db, id);
  if (!mayRead(actor, r0)) throw outOfScope(r0.unitCode);
  if (r0.askerUserId !== actor.id || r0.closedAt) throw forbidden();
  if (r0.attachments.length + files.length > MAX_ATTACHMENTS)
    throw invalid('attachments', 'invalid_value', { detail: `≤ ${MAX_ATTACHMENTS}` });
  const now = clock.now();
  const row = await withStagedFiles(store, async (staged) => {
    const stored = await storeAttachments(staged, `recommendations/${r0.provinceCode}`, files);
    return db.transaction(async (tx) => {
      const r = await load(tx, id, true);
      if (r.attachments.length + stored.length > MAX_ATTACHMENTS)
        throw invalid('attachments', 'invalid_value', { detail: `≤ ${MAX_ATTACHMENTS}` });
      const [u] = await tx
        .update(recommendations)
        .set({ attachments: [...r.attachments, ...stored], version: r.version + 1, updatedAt: now })
        .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)))
        .returning();
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'recommendation',
        entityId: r.id,
        provinceCode: r.provinceCode,
        unitCode: r.unitCode,
        after: { attachments: stored.map((a) => a.name) },
      });
      return u!;
    });
  });
  const officer = await actsAsOfficer(db, actor);
  return present(row, clock.localDate(now), channelCalendar(), actionsFor(actor, row, officer));
}
