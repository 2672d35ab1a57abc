/** The procedure catalogue in force for a province, and a province's own versions. */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, invalid } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { searchKey } from '../../../core/text.js';
import { mayAt } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { procedures } from '../schema.js';

/** The national versions and the province's own in force on a date (`validTo` is the first day no longer in force). */
const inForce = (provinceCode: string, at: string) =>
  and(
    or(eq(procedures.provinceCode, ''), eq(procedures.provinceCode, provinceCode)),
    lte(procedures.validFrom, at),
    or(isNull(procedures.validTo), sql`${procedures.validTo} > ${at}`),
  );

/** One version per code, in the rows' order: the province's own over the national one. */
function ownOverNational<T extends { code: string; provinceCode: string }>(rows: T[]): T[] {
  const byCode = new Map<string, T>();
  for (const r of rows) if (!byCode.has(r.code) || r.provinceCode !== '') byCode.set(r.code, r);
  return [...byCode.values()];
}

/**
 * The procedures in force for a province on a date: its own versions override the national ones. `q` keeps those
 * whose name holds every word of it, or whose code starts with it, without regard to case or diacritics
 * ("khai sinh", "KHAI SINH" and "khái sinh" all find "Đăng ký khai sinh").
 */
export async function listProcedures(db: Db, provinceCode: string, at: string, q?: { field?: string; q?: string }) {
  const rows = await db
    .select()
    .from(procedures)
    .where(and(inForce(provinceCode, at), q?.field ? eq(procedures.field, q.field) : undefined))
    .orderBy(asc(procedures.code));
  const all = ownOverNational(rows);
  const words = searchKey(q?.q ?? '')
    .split(' ')
    .filter(Boolean);
  if (!words.length) return all;
  const code = (q?.q ?? '').trim();
  return all.filter((p) => {
    if (/^\d/.test(code) && p.code.startsWith(code)) return true;
    const key = ` ${searchKey(p.name)} `;
    return words.every((w) => key.includes(` ${w}`));
  });
}

export interface ProvinceProcedureInput {
  code: string;
  validFrom: string;
  name: string;
  field: string;
  decisionLevel: 'commune' | 'province';
  workingDays: number;
  feeVnd: number;
  online: boolean;
  boundaryFree: boolean;
  documents: string[];
  legalBasis?: string;
  /** the publication decision's date and the legal text's effective date, when known (766 transparency) */
  publishedOn?: string;
  effectiveOn?: string;
}

/**
 * A province adds a procedure to its own list, or adjusts a national one (e.g. a shorter time limit),
 * from an effective date. Its earlier version of the same code ends that day; history is kept.
 */
export async function setProvinceProcedure(db: Db, actor: Actor, provinceCode: string, input: ProvinceProcedureInput) {
  if (!mayAt('adjust_procedure', actor, { provinceCode, unitCode: provinceCode })) throw forbidden();
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select()
      .from(procedures)
      .where(
        and(eq(procedures.provinceCode, provinceCode), eq(procedures.code, input.code), isNull(procedures.validTo)),
      )
      .for('update');
    if (open && open.validFrom >= input.validFrom)
      throw invalid('validFrom', 'invalid_value', { detail: `> ${open.validFrom}` });
    if (open)
      await tx
        .update(procedures)
        .set({ validTo: input.validFrom })
        .where(
          and(
            eq(procedures.provinceCode, provinceCode),
            eq(procedures.code, input.code),
            eq(procedures.validFrom, open.validFrom),
          ),
        );
    const [row] = await tx
      .insert(procedures)
      .values({
        ...input,
        provinceCode,
        legalBasis: input.legalBasis ?? null,
        publishedOn: input.publishedOn ?? null,
        effectiveOn: input.effectiveOn ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: open ? 'update' : 'create',
      entity: 'procedure',
      entityId: input.code,
      provinceCode,
      unitCode: provinceCode,
      before: open ?? null,
      after: row,
    });
    return row!;
  });
}

/** One procedure in force for a province on a date (its own version over the national one), as the list has it. */
export async function procedureFor(db: Db, provinceCode: string, code: string, at: string) {
  // the national and the province's versions of this code only (the whole catalogue was read for each intake)
  const [p] = ownOverNational(
    await db
      .select()
      .from(procedures)
      .where(and(eq(procedures.code, code), inForce(provinceCode, at))),
  );
  if (!p) throw invalid('procedureCode', 'invalid_value', { detail: code });
  return p;
}
