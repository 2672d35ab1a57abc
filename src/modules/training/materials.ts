/** The materials kept with a conference (slides, documents): added by the host, downloaded by every bridge. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../core/errors.js';
import type { Actor } from '../../core/scope.js';
import { withStagedFiles, storeAttachments, type AttachmentInput } from '../../core/attachments.js';
import type { FileStore } from '../../core/file-store.js';
import { recordAudit } from '../audit/index.js';
import { eventPlace, mustTraining } from './policy.js';
import { loadEvent } from './service/common.js';
import { trainingEvents } from './schema.js';

export const MAX_MATERIALS = 30;

const out = (m: { name: string; contentType: string; sizeBytes: number; sha256: string }[]) => ({
  items: m.map(({ name, contentType, sizeBytes, sha256 }) => ({ name, contentType, sizeBytes, sha256 })),
});

export async function listMaterials(db: Db, actor: Actor, id: string) {
  return out((await loadEvent(db, actor, id)).materials);
}

/** Adds files to the event's materials (the host only); the same file sent twice is kept once. */
export async function addMaterials(db: Db, store: FileStore, actor: Actor, id: string, files: AttachmentInput[]) {
  const e = await loadEvent(db, actor, id);
  mustTraining('manage', actor, eventPlace(e.provinceCode));
  // Stored after the check above; removed again if the transaction fails.
  const materials = await withStagedFiles(store, async (staged) => {
    const stored = await storeAttachments(staged, `trainings/${id}`, files);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select({ materials: trainingEvents.materials })
        .from(trainingEvents)
        .where(eq(trainingEvents.id, id))
        .for('update');
      const have = new Set(row!.materials.map((m) => m.sha256));
      const next = [...row!.materials, ...stored.filter((m) => !have.has(m.sha256))].slice(0, MAX_MATERIALS);
      await tx.update(trainingEvents).set({ materials: next }).where(eq(trainingEvents.id, id));
      await recordAudit(tx, actor, {
        action: 'add_materials',
        entity: 'training_event',
        entityId: id,
        provinceCode: e.provinceCode,
        unitCode: e.provinceCode,
        after: { files: stored.map((m) => m.name) },
      });
      return next;
    });
  });
  return out(materials);
}

/** The n-th material's bytes, for anyone who sees the event. */
export async function getMaterial(db: Db, store: FileStore, actor: Actor, id: string, n: number) {
  const e = await loadEvent(db, actor, id);
  const m = e.materials[n];
  if (!m) throw notFound('training_material');
  return { name: m.name, contentType: m.contentType, sha256: m.sha256, bytes: await store.get(m.storageKey) };
}
