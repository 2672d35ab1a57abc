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
    /** true only when the code was read in a published list (`source`) */
    verified: boolean;
    /** the key of `sources` the code was read in */
    source?: string;
    /** false: the time limit or papers were not checked against the procedure's page on the national portal */
    detailsChecked?: boolean;
    /** the law settles it on the day of receipt */
    sameDay?: boolean;
    /** the law gives the limit in days, not working days */
    calendarDays?: boolean;
    /** what the fee depends on (0 where the province sets it) */
    feeNote?: string;
    /** the day the procedure was published (the publication decision), when recorded with its source */
    publishedOn?: string;
    /** the day the legal text that sets or changes it takes effect, when recorded */
    effectiveOn?: string;
  }[];
  fields: Record<string, [string, string]>;
  sources: Record<string, { title: string; url: string; via: string }>;
  /** codes an earlier catalogue gave to a procedure → the code the published lists give it */
  retired?: Record<string, string>;
}

export const procedureCatalogue = (): CatalogueFile => JSON.parse(readFileSync(cataloguePath, 'utf8')) as CatalogueFile;

/**
 * Loads the national procedure catalogue: the codes not in the database yet (a database loaded from an earlier,
 * shorter catalogue gets the new procedures), and on a database that already holds them, the national versions brought
 * in line with the file (name, field, level, time limit, fee, papers, legal basis): a corrected time limit (e.g. the
 * same-day procedures, 1 → 0 working days) or a corrected name reaches existing installations. A code the file lists
 * in `retired` (an earlier catalogue's wrong code for a procedure now under its published code) has its open national
 * version ended today, so that the officer's list does not show the procedure twice. Province versions and the due
 * dates of dossiers already received are left as they are.
 */
export async function loadProcedureCatalogue(database: Database): Promise<{ loaded: boolean; corrected: number }> {
  const have = new Set(
    (await database.rows<{ code: string }>(sql`SELECT DISTINCT code FROM procedures WHERE province_code = ''`)).map(
      (r) => r.code,
    ),
  );
  const cat = procedureCatalogue();
  let corrected = 0;
  if (have.size > 0) {
    const file = JSON.stringify(
      cat.procedures.map((p) => ({
        code: p.code,
        name: p.name,
        field: p.field,
        level: p.decisionLevel,
        days: p.workingDays,
        fee: p.feeVnd,
        online: p.online,
        boundaryFree: p.boundaryFree,
        documents: p.documents,
        basis: p.legalBasis ?? null,
      })),
    );
    const changed = await database.rows<{ code: string }>(
      sql`UPDATE procedures p SET name = x->>'name', field = x->>'field', decision_level = x->>'level',
            working_days = (x->>'days')::int, fee_vnd = (x->>'fee')::int, online = (x->>'online')::boolean,
            boundary_free = (x->>'boundaryFree')::boolean, documents = x->'documents', legal_basis = x->>'basis'
          FROM jsonb_array_elements(${file}::jsonb) x
          WHERE p.province_code = '' AND p.code = x->>'code' AND p.valid_from = ${cat.validFrom}
            AND (p.name <> x->>'name' OR p.field <> x->>'field' OR p.decision_level <> x->>'level'
              OR p.working_days <> (x->>'days')::int OR p.fee_vnd <> (x->>'fee')::int
              OR p.online <> (x->>'online')::boolean OR p.boundary_free <> (x->>'boundaryFree')::boolean
              OR p.documents <> x->'documents' OR p.legal_basis IS DISTINCT FROM x->>'basis')
          RETURNING p.code`,
    );
    corrected = changed.length;
    const retired = Object.keys(cat.retired ?? {});
    if (retired.length > 0) {
      const ended = await database.rows<{ code: string }>(
        sql`UPDATE procedures SET valid_to = CURRENT_DATE
            WHERE province_code = '' AND valid_to IS NULL AND valid_from < CURRENT_DATE
              AND code IN (SELECT jsonb_array_elements_text(${JSON.stringify(retired)}::jsonb))
            RETURNING code`,
      );
      corrected += ended.length;
    }
  }
  const missing = cat.procedures.filter((p) => !have.has(p.code));
  if (missing.length === 0) return { loaded: false, corrected };
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
      published_on: 'date',
      effective_on: 'date',
    },
    missing.map((p) => ({
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
      published_on: p.publishedOn ?? null,
      effective_on: p.effectiveOn ?? null,
    })),
  );
  return { loaded: true, corrected };
}
