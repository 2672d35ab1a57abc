/** Digitization: scanned inputs and the electronic result, kept by checksum. */
import type { DeadlineClock } from '../../../core/clock.js';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, outOfScope } from '../../../core/errors.js';
import { sha256Hex, type FileStore } from '../../../core/file-store.js';
import { withStagedFiles } from '../../../core/attachments.js';
import { type Actor } from '../../../core/scope.js';
import { mayOnDossier } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { dossierDocuments, dossiers } from '../schema.js';
import { bumpStats } from './figures.js';
import { loadDossier } from './reading.js';

export async function addDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: { kind: 'input' | 'result'; name: string; contentType: string; bytes: Buffer },
  store: FileStore,
  clock: DeadlineClock,
) {
  const d = await loadDossier(db, id, false, actor.provinceCode);
  if (!mayOnDossier('read', actor, d)) throw outOfScope(d.handlingUnitCode);
  if (!mayOnDossier('attach', actor, d)) throw forbidden();
  const sha256 = sha256Hex(input.bytes);
  const storageKey = `${d.provinceCode}/${d.id}/${sha256}`;
  // Stored after the checks above; removed again if the transaction fails (unless it was already kept).
  return withStagedFiles(store, async (staged) => {
    await staged.put(storageKey, input.bytes);
    return db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(dossierDocuments)
        .where(
          and(
            eq(dossierDocuments.provinceCode, d.provinceCode),
            eq(dossierDocuments.dossierId, d.id),
            eq(dossierDocuments.sha256, sha256),
            eq(dossierDocuments.kind, input.kind),
          ),
        );
      if (existing) return { id: existing.id, sha256, sizeBytes: existing.sizeBytes, duplicate: true };
      const [doc] = await tx
        .insert(dossierDocuments)
        .values({
          provinceCode: d.provinceCode,
          dossierId: d.id,
          kind: input.kind,
          name: input.name,
          contentType: input.contentType,
          sizeBytes: input.bytes.length,
          sha256,
          storageKey,
        })
        .returning();
      const [current] = await tx
        .select()
        .from(dossiers)
        .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)))
        .for('update');
      if (input.kind === 'input' && !current!.hasInputScan) {
        await tx
          .update(dossiers)
          .set({ hasInputScan: true })
          .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
        await bumpStats(
          tx,
          {
            provinceCode: d.provinceCode,
            unitCode: d.receivingUnitCode,
            day: clock.localDate(d.receivedAt),
            field: d.procedureField,
          },
          { receivedDigitized: 1 },
        );
      }
      if (input.kind === 'result' && !current!.hasEResult) {
        await tx
          .update(dossiers)
          .set({ hasEResult: true })
          .where(and(eq(dossiers.provinceCode, d.provinceCode), eq(dossiers.id, d.id)));
        if (current!.finishedOn)
          await bumpStats(
            tx,
            {
              provinceCode: d.provinceCode,
              unitCode: d.handlingUnitCode,
              day: current!.finishedOn,
              field: d.procedureField,
            },
            { finishedWithEResult: 1 },
          );
      }
      await recordAudit(tx, actor, {
        action: 'add_document',
        entity: 'dossier',
        entityId: d.id,
        provinceCode: d.provinceCode,
        unitCode: d.handlingUnitCode,
        after: { kind: input.kind, name: input.name, sha256, sizeBytes: input.bytes.length },
      });
      return { id: doc!.id, sha256, sizeBytes: input.bytes.length, duplicate: false };
    });
  });
}
