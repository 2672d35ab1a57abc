import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { unitAddress, unitNamesOn } from '../../units/index.js';
import { procedures } from '../schema.js';
import { getDossier, listProcedures } from '../service.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { pdfFonts } from '../../../core/pdf/index.js';
import { buildFormModel, formProblem, type FormModel, type FormNo, type UnitName } from './model.js';
import { renderFormPdf } from './render.js';

/**
 * One printable form of a dossier: the reader's scope is checked by getDossier (403/404),
 * a form that does not fit the dossier's state is refused (409).
 */
export async function dossierForm(
  db: Db,
  actor: Actor,
  id: string,
  form: FormNo,
  clock: DeadlineClock,
): Promise<{ model: FormModel; pdf: Uint8Array }> {
  const dossier = await getDossier(db, actor, id, clock);
  const problem = formProblem(form, dossier);
  if (problem) throw new AppError(409, 'form_not_applicable', problem, { form });

  const now = clock.now();
  const today = clock.localDate(now);
  const receivedOn = clock.localDate(new Date(dossier.receivedAt));
  const codes = [
    ...new Set(
      [
        dossier.provinceCode,
        dossier.receivingUnitCode,
        dossier.handlingUnitCode,
        ...dossier.events.flatMap((e) => [e.unitCode, e.toUnitCode ?? '']),
      ].filter(Boolean),
    ),
  ];
  const [procedure, unitRows, returnAddress] = await Promise.all([
    procedureOf(db, dossier.provinceCode, dossier.procedureCode, receivedOn),
    unitNamesOn(db, codes, today),
    unitAddress(db, dossier.receivingUnitCode),
  ]);
  const unitMap: Record<string, UnitName> = Object.fromEntries(
    unitRows.map((u) => [u.code, { code: u.code, level: u.level, name: u.name, fullName: u.fullName ?? u.name }]),
  );

  const model = buildFormModel({
    form,
    dossier,
    procedure,
    units: unitMap,
    returnAddress,
    printedAt: now,
  });
  return { model, pdf: await renderFormPdf(model, await pdfFonts(), now) };
}

/** The procedure in force when the dossier was received; else its latest catalogue entry. */
async function procedureOf(db: Db, provinceCode: string, code: string, on: string) {
  const inForce = (await listProcedures(db, provinceCode, on)).find((p) => p.code === code);
  const p =
    inForce ??
    (
      await db
        .select()
        .from(procedures)
        .where(and(eq(procedures.code, code), inArray(procedures.provinceCode, ['', provinceCode])))
    ).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  return p ? { code: p.code, name: p.name, documents: p.documents } : null;
}
