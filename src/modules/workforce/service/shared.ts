import type { Db } from '../../../db/client.js';
import { unitPlace } from '../../units/index.js';
import type { people } from '../schema.js';

// What the workforce service's sections share: the unit of a code and the place of a record.

export type PersonRow = typeof people.$inferSelect;

export const unitOf = (db: Db, code: string) => unitPlace(db, code);
export const placeOf = (p: { provinceCode: string; unitCode: string }) => ({
  provinceCode: p.provinceCode,
  unitCode: p.unitCode,
});
