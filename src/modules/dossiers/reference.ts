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

/** Loads the national procedure catalogue once (provinces add their own versions later). */
export async function loadProcedureCatalogue(database: Database): Promise<{ loaded: boolean }> {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM procedures WHERE province_code = ''`,
  );
  if (row && row.n > 0) return { loaded: false };
  const cat = procedureCatalogue();
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
  return { loaded: true };
}
