// What the settlement module reads of a staff record (through the door, never the table): the values a leaving case
// copies (birth date, sex, category, grade coefficient) and where the record lies.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from './schema.js';

export async function personForSettlement(db: Db, id: string) {
  const [p] = await db
    .select({
      id: people.id,
      provinceCode: people.provinceCode,
      unitCode: people.unitCode,
      fullName: people.fullName,
      birthDate: people.birthDate,
      sex: people.sex,
      category: people.category,
      salaryCoefficient: people.salaryCoefficient,
    })
    .from(people)
    .where(eq(people.id, id));
  return p;
}
