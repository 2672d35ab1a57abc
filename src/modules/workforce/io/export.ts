import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { outOfScope } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { mayWorkforce, mustWorkforceRole } from '../policy.js';
import { unitPlace } from '../../units/index.js';
import { people } from '../schema.js';
import { presentPerson } from '../service.js';
import { COLUMNS, GUIDE, writeRow } from './domain/template.js';

const PAGE = 5000;

/**
 * Which people an export holds: a commune code → that commune's people; a province code → the whole
 * province (its own staff and its communes'); none → the actor's whole scope. Checked before any byte is sent.
 */
export async function exportScope(
  db: Db,
  actor: Actor,
  unit: string | undefined,
): Promise<{ where: SQL | undefined; name: string }> {
  mustWorkforceRole('read', actor);
  const s = scopeOf(actor);
  const mine =
    s.kind === 'province'
      ? eq(people.provinceCode, s.provinceCode)
      : s.kind === 'commune'
        ? and(eq(people.provinceCode, s.provinceCode), eq(people.unitCode, s.communeCode))
        : undefined;
  if (!unit)
    return {
      where: mine,
      name: s.kind === 'country' ? 'ca-nuoc' : s.kind === 'province' ? s.provinceCode : s.communeCode,
    };
  const u = await unitPlace(db, unit);
  if (!u || !mayWorkforce('read', actor, { provinceCode: u.provinceCode, unitCode: u.code })) throw outOfScope(unit);
  if (u.level === 'province') {
    if (s.kind === 'commune') throw outOfScope(unit);
    return { where: eq(people.provinceCode, u.code), name: u.code };
  }
  return { where: and(eq(people.provinceCode, u.provinceCode), eq(people.unitCode, u.code)), name: u.code };
}

/**
 * Streams the people as the import template (.xlsx): the same headers and vocabulary, so the file
 * re-imports unchanged. ID numbers are in full only for people the actor manages (`presentPerson`).
 * Read page by page and written row by row: a country-wide export never sits whole in memory.
 */
export function exportWorkforce(db: Db, actor: Actor, where: SQL | undefined): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const write = async () => {
    const ws = wb.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let stt = 0;
    let after: { provinceCode: string; unitCode: string; searchKey: string; id: string } | null = null;
    for (;;) {
      // Keyset pages in the order of the list: unit, then name.
      const page: (typeof people.$inferSelect)[] = await db
        .select()
        .from(people)
        .where(
          and(
            where,
            after
              ? sql`(${people.provinceCode}, ${people.unitCode}, ${people.searchKey}, ${people.id})
                  > (${after.provinceCode}, ${after.unitCode}, ${after.searchKey}, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(people.provinceCode), asc(people.unitCode), asc(people.searchKey), asc(people.id))
        .limit(PAGE);
      for (const p of page) ws.addRow(writeRow(presentPerson(actor, p), ++stt)).commit();
      const last: typeof people.$inferSelect | undefined = page[page.length - 1];
      if (!last || page.length < PAGE) break;
      after = { provinceCode: last.provinceCode, unitCode: last.unitCode, searchKey: last.searchKey, id: last.id };
    }
    ws.commit();
    const guide = wb.addWorksheet('Hướng dẫn');
    guide.columns = [
      { header: 'Cột', key: 'c', width: 28 },
      { header: 'Giá trị', key: 'v', width: 100 },
    ];
    for (const [c, v] of GUIDE) guide.addRow({ c, v }).commit();
    guide.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
