import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk.js';

const cataloguePath = fileURLToPath(new URL('../../../data/reference/procedures/catalogue.json', import.meta.url));

interface CatalogueFile {
  validFrom: string;
  procedures: {
    code: string;
    name: string;
    field: string;
    decisionLevel: string;
    workingDays: number;
    feeVnd: number;
    online: boolean;
    boundaryFree: boolean;
    documents: string[];
    legalBasis?: string;
  }[];
  fields: Record<string, [string, string]>;
}

export const procedureCatalogue = (): CatalogueFile => JSON.parse(readFileSync(cataloguePath, 'utf8')) as CatalogueFile;

/**
 * Loads the national procedure catalogue once (provinces add their own versions later). On a database that
 * already holds it, the national time limits and legal bases are brought in line with the file: a corrected
 * time limit (e.g. the same-day procedures, 1 → 0 working days) reaches existing installations. Province
 * versions and the due dates of dossiers already received are left as they are.
 */
export async function loadProcedureCatalogue(database: Database): Promise<{ loaded: boolean; corrected: number }> {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM procedures WHERE province_code = ''`,
  );
  const cat = procedureCatalogue();
  if (row && row.n > 0) {
    const file = JSON.stringify(
      cat.procedures.map((p) => ({ code: p.code, days: p.workingDays, basis: p.legalBasis ?? null })),
    );
    const changed = await database.rows<{ code: string }>(
      sql`UPDATE procedures p SET working_days = (x->>'days')::int, legal_basis = x->>'basis'
          FROM jsonb_array_elements(${file}::jsonb) x
          WHERE p.province_code = '' AND p.code = x->>'code' AND p.valid_from = ${cat.validFrom}
            AND (p.working_days <> (x->>'days')::int OR p.legal_basis IS DISTINCT FROM x->>'basis')
          RETURNING p.code`,
    );
    const corrected = changed.length;
    return { loaded: false, corrected };
  }
  await bulkInsert(
    database.db,
    'procedures',
    {
      code: 'text',
      province_code: 'text',
      valid_from: 'date',
      name: 'text',
      field: 'text',
      decision_level: 'text',
      working_days: 'int',
      fee_vnd: 'int',
      online: 'boolean',
      boundary_free: 'boolean',
      documents: 'jsonb',
      legal_basis: 'text',
    },
    cat.procedures.map((p) => ({
      code: p.code,
      province_code: '',
      valid_from: cat.validFrom,
      name: p.name,
      field: p.field,
      decision_level: p.decisionLevel,
      working_days: p.workingDays,
      fee_vnd: p.feeVnd,
      online: p.online,
      boundary_free: p.boundaryFree,
      documents: p.documents,
      legal_basis: p.legalBasis ?? null,
    })),
  );
  return { loaded: true, corrected: 0 };
}
