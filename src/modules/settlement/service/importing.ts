// Importing proposed cases from a sheet: each row prepared and checked, the good ones written.
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import type { Lang } from '../../../core/i18n.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { type Actor } from '../../../core/scope.js';
import type { CaseBody } from '../contract.js';
import { mustAt } from '../policy.js';
import { loadSettings } from './settings.js';
import { resolveAgency, type Prepared, prepareCase, insertCase } from './proposing.js';

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

/**
 * Proposes every case of an agency's list, all or nothing: each row is prepared (values, eligibility, benefit) as a
 * single proposal would be; any refusal is reported by row and column and nothing is written.
 */
export async function importCases(
  db: Db,
  actor: Actor,
  agencyCode: string,
  rows: { row: number; body: CaseBody; columnOf: (field: string) => string | null }[],
  parseErrors: ImportRowError[],
  clock: DeadlineClock,
  lang: Lang,
  message: (e: AppError) => string,
): Promise<{ imported: number; errors: ImportRowError[] }> {
  const agency = await resolveAgency(db, agencyCode);
  mustAt('case.propose', actor, agency.place);
  const settings = await loadSettings(db);
  const now = clock.now();
  const errors = [...parseErrors];
  const prepared: { body: CaseBody; p: Prepared }[] = [];
  for (const r of rows) {
    try {
      prepared.push({ body: r.body, p: await prepareCase(db, actor, r.body, agency, now, lang, settings) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors.push({ row: r.row, column: e.field ? r.columnOf(e.field) : null, message: message(e) });
    }
  }
  if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
  await db.transaction(async (tx) => {
    for (const x of prepared) await insertCase(tx, actor, x.body, agency, x.p, now);
  });
  return { imported: prepared.length, errors: [] };
}
