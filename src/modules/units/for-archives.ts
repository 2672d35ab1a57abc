// Named queries of the units registry for the archives module (read through the door, not the tables).
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { unitLineage } from './schema.js';

/** Every row of the lineage (former unit → new unit), for generating the archive hand-overs. */
export function lineageForArchives(db: Db) {
  return db
    .select({
      oldUnitCode: unitLineage.oldUnitCode,
      oldUnitName: unitLineage.oldUnitName,
      oldLevel: unitLineage.oldLevel,
      oldParentCode: unitLineage.oldParentCode,
      oldParentName: unitLineage.oldParentName,
      oldProvinceCode: unitLineage.oldProvinceCode,
      oldProvinceName: unitLineage.oldProvinceName,
      newUnitCode: unitLineage.newUnitCode,
      newUnitName: unitLineage.newUnitName,
      newProvinceCode: unitLineage.newProvinceCode,
      relation: unitLineage.relation,
    })
    .from(unitLineage)
    .orderBy(asc(unitLineage.id));
}
