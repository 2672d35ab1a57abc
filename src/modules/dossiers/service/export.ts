import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, desc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { Lang } from '../../../core/i18n.js';
import type { Actor } from '../../../core/scope.js';
import { dossiers, procedures } from '../schema.js';
import { dossierFilter, listColumns, presentListItem, unitNames, type DossierFilter, type ListRow } from './reading.js';
import { EXPORT_LABELS } from '../export/labels.js';
import type { Field } from '../domain/fields.js';

const PAGE = 2000;

/** dd/mm/yyyy, as the pages and the official forms write dates. */
const vnDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const vnDay = (d: Date | null) => (d ? vnDate(new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10)) : '');

/**
 * The dossiers of the list's filters as an Excel workbook, newest first, with the units and procedures by name
 * and the statuses in words. Read in keyset pages and written row by row: a national year never sits in memory.
 */
export function exportDossiers(db: Db, actor: Actor, filter: DossierFilter, today: string, lang: Lang): PassThrough {
  // Refused here, before the file starts (a staff account reads no dossier): once the stream is sent, a refusal can
  // no longer be told (the probe of 2026-12-07 got a 500 instead of the 403).
  const where: SQL | undefined = dossierFilter(actor, filter, today);
  const out = new PassThrough();
  const labels = EXPORT_LABELS[lang];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const procedureNames = new Map<string, string>();
    for (const p of await db
      .select({ code: procedures.code, provinceCode: procedures.provinceCode, name: procedures.name })
      .from(procedures)
      .orderBy(procedures.validFrom))
      procedureNames.set(`${p.provinceCode}|${p.code}`, p.name); // the latest version's name wins
    const ws = wb.addWorksheet(labels.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const widths = [6, 16, 50, 20, 28, 30, 30, 14, 14, 24, 14, 9];
    ws.columns = labels.columns.map((header, i) => ({ header, width: widths[i] }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let n = 0;
    let after: { receivedAt: Date; id: string } | null = null;
    for (;;) {
      const page: ListRow[] = await db
        .select(listColumns)
        .from(dossiers)
        .where(
          and(
            where,
            after
              ? sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${after.receivedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
        .limit(PAGE);
      const names = await unitNames(
        db,
        page.flatMap((d) => [d.handlingUnitCode, d.receivingUnitCode]),
        today,
      );
      for (const row of page) {
        const d = presentListItem(row, today);
        ws.addRow([
          ++n,
          d.receiptCode,
          procedureNames.get(`${d.provinceCode}|${d.procedureCode}`) ??
            procedureNames.get(`|${d.procedureCode}`) ??
            d.procedureCode,
          labels.field[d.procedureField as Field] ?? d.procedureField,
          d.applicantName,
          names.get(d.handlingUnitCode) ?? d.handlingUnitCode,
          names.get(d.receivingUnitCode) ?? d.receivingUnitCode,
          vnDay(row.receivedAt),
          vnDate(d.dueDate),
          labels.status[d.status],
          vnDay(row.finishedAt),
          d.overdue ? labels.yes : '',
        ]).commit();
      }
      const last: ListRow | undefined = page[page.length - 1];
      if (!last || page.length < PAGE) break;
      after = { receivedAt: last.receivedAt, id: last.id };
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
