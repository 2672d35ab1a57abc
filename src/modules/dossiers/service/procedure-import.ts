/**
 * A province imports its official list of procedures from the national procedure database's Excel export
 * (docs/procedure-catalogue.md lists the columns accepted). Each good row becomes the province's own version of the
 * procedure from `validFrom` (its earlier version ends that day, history is kept, as setProvinceProcedure does); a row
 * that cannot be read is refused, naming the row and the column, and the others are imported. Importing the same
 * file again changes nothing (rows equal to the province's version in force are "unchanged").
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, outOfScope } from '../../../core/errors.js';
import { t, type Lang, type MessageKey } from '../../../core/i18n.js';
import { searchKey } from '../../../core/text.js';
import type { Actor } from '../../../core/scope.js';
import { recordAudit } from '../../audit/index.js';
import { openXlsx, type LeanSheet } from '../../workforce/index.js';
import { DOSSIER_POLICY, mayAt } from '../policy.js';
import { procedureCatalogue } from '../reference.js';
import { procedures } from '../schema.js';
import {
  cellText,
  COLUMN_TITLES,
  columnForHeader,
  fieldFor,
  MAX_DOCUMENTS,
  MAX_DOCUMENT_CHARS,
  parseCode,
  parseDocuments,
  parseFee,
  parseDay,
  parseLegalBasis,
  parseLevel,
  parseName,
  parseWorkingDays,
  parseYesNo,
  type ParseError,
  type Parsed,
  type SheetColumn,
} from '../domain/procedure-sheet.js';

/** A province's list is a few hundred rows: a file above this size is not one. */
export const MAX_PROCEDURE_FILE_BYTES = 5 * 1024 * 1024;
/** The workbook's parts may not unpack to more than this (a zip bomb stops here, before anything is inflated). */
export const MAX_PROCEDURE_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_PROCEDURE_ROWS = 5_000;
const HEADER_SCAN_ROWS = 20;

export interface ProcedureRefusal {
  /** the row number as Excel shows it */
  row: number;
  /** the Vietnamese header of the column, as written in the file when it has one */
  column: string;
  code: string;
  message: string;
}

export interface ProcedureImportReport {
  message: string;
  sheet: string;
  headerRow: number;
  validFrom: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  refusals: ProcedureRefusal[];
  /** headers the import does not read */
  ignoredColumns: string[];
}

type Row = typeof procedures.$inferSelect;
interface Candidate {
  row: number;
  code: string;
  name: string;
  field: string;
  decisionLevel: 'commune' | 'province';
  workingDays: number;
  feeVnd: number;
  online: boolean;
  boundaryFree: boolean;
  documents: string[];
  legalBasis: string | null;
  /** the 766 transparency dates; undefined when the file has no such column (a same-day correction keeps them) */
  publishedOn: string | null | undefined;
  effectiveOn: string | null | undefined;
}

const fileError = (key: MessageKey, params: Record<string, string | number> = {}) =>
  new AppError(400, 'invalid_file', key, params, 'file');

function findHeader(sheets: LeanSheet[]) {
  for (const ws of sheets) {
    const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
    for (let r = 1; r <= last; r++) {
      const at = new Map<number, SheetColumn>();
      const titles = new Map<SheetColumn, string>();
      const ignored: string[] = [];
      (ws.row(r) ?? []).forEach((v, col) => {
        const text = cellText(v);
        if (!text) return;
        const column = columnForHeader(text);
        if (column && !titles.has(column)) {
          at.set(col, column);
          titles.set(column, text.replace(/\s+/g, ' '));
        } else ignored.push(text);
      });
      if (titles.has('code') && titles.has('name')) return { ws, headerRow: r, at, titles, ignored };
    }
  }
  throw fileError('proc_import_no_header');
}

/** The catalogue's field for each label, by its search key ("Hộ tịch" → ho_tich), with the export's usual variants. */
function fieldLabels(): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [code, [vi]] of Object.entries(procedureCatalogue().fields)) labels.set(searchKey(vi), code);
  for (const [name, code] of [
    ['chung thuc', 'chung_thuc'],
    ['dang ky ho kinh doanh', 'ho_kinh_doanh'],
    ['thanh lap va hoat dong cua ho kinh doanh', 'ho_kinh_doanh'],
    ['bao tro xa hoi', 'bao_tro_xa_hoi'],
    ['nguoi co cong', 'nguoi_co_cong'],
    ['thi dua khen thuong', 'thi_dua_khen_thuong'],
    ['tin nguong ton giao', 'tin_nguong_ton_giao'],
    ['ton giao', 'tin_nguong_ton_giao'],
    ['tin nguong', 'tin_nguong_ton_giao'],
    ['dang ky bien phap bao dam', 'dat_dai'],
    ['khieu nai', 'tiep_cong_dan'],
    ['to cao', 'tiep_cong_dan'],
    ['xu ly don', 'tiep_cong_dan'],
    ['tiep cong dan', 'tiep_cong_dan'],
    ['giao duc va dao tao', 'giao_duc'],
    ['giao duc dao tao', 'giao_duc'],
    ['van hoa co so', 'van_hoa'],
    ['le hoi', 'van_hoa'],
    ['to chuc phi chinh phu', 'hoi'],
    ['quan ly hoi', 'hoi'],
    ['hoat dong xay dung', 'xay_dung'],
    ['nong nghiep', 'nong_nghiep'],
    ['thuy san', 'nong_nghiep'],
    ['thuy san va kiem ngu', 'nong_nghiep'],
    ['lam nghiep', 'nong_nghiep'],
    ['moi truong', 'nong_nghiep'],
    ['chan nuoi va thu y', 'nong_nghiep'],
    ['trong trot va bao ve thuc vat', 'nong_nghiep'],
  ] as const)
    labels.set(name, code);
  return labels;
}

const MESSAGE: Record<ParseError, MessageKey> = {
  required: 'import_required',
  bad_code: 'proc_import_code',
  bad_level: 'proc_import_level',
  bad_time_limit: 'proc_import_time',
  bad_fee: 'proc_import_fee',
  too_many_documents: 'proc_import_documents',
  too_long: 'import_too_long',
  bad_date: 'proc_import_date',
};
const MAX_CHARS: Partial<Record<SheetColumn, number>> = {
  name: 500,
  documents: MAX_DOCUMENT_CHARS,
  legalBasis: 2000,
};

const same = (a: Row, c: Candidate) =>
  a.name === c.name &&
  a.field === c.field &&
  a.decisionLevel === c.decisionLevel &&
  a.workingDays === c.workingDays &&
  a.feeVnd === c.feeVnd &&
  a.online === c.online &&
  a.boundaryFree === c.boundaryFree &&
  (a.legalBasis ?? null) === c.legalBasis &&
  (c.publishedOn === undefined || (a.publishedOn ?? null) === c.publishedOn) &&
  (c.effectiveOn === undefined || (a.effectiveOn ?? null) === c.effectiveOn) &&
  JSON.stringify(a.documents) === JSON.stringify(c.documents);

export async function importProvinceProcedures(
  db: Db,
  actor: Actor,
  provinceCode: string,
  file: Buffer,
  opts: { lang: Lang; validFrom: string },
): Promise<ProcedureImportReport> {
  const place = { provinceCode, unitCode: provinceCode };
  if (!mayAt('import_procedures', actor, place)) {
    if ((DOSSIER_POLICY.import_procedures.roles as readonly string[]).includes(actor.role))
      throw outOfScope(provinceCode);
    throw forbidden();
  }
  const { lang, validFrom } = opts;
  if (file.length > MAX_PROCEDURE_FILE_BYTES)
    throw fileError('proc_import_too_large', { max: MAX_PROCEDURE_FILE_BYTES / 1024 / 1024 });
  let sheets: LeanSheet[];
  try {
    // Title rows of the export are merged cells: their value is read from the first cell.
    sheets = openXlsx(file, { maxUnpacked: MAX_PROCEDURE_UNPACKED_BYTES, ownValues: true });
  } catch {
    // Not an .xlsx, too large unpacked, or a part the lean reader does not take: no other reader is tried (a full
    // reader would unpack whatever the file declares).
    throw fileError('import_not_xlsx');
  }
  let header: ReturnType<typeof findHeader>;
  try {
    header = findHeader(sheets);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError('import_not_xlsx');
  }
  const { ws, headerRow, at, titles, ignored } = header;
  if (ws.rowCount - headerRow > MAX_PROCEDURE_ROWS)
    throw fileError('import_too_many_rows', { max: MAX_PROCEDURE_ROWS });

  const national = new Map(procedureCatalogue().procedures.map((p) => [p.code, p]));
  const labels = fieldLabels();
  const refusals: ProcedureRefusal[] = [];
  const refusedRows = new Set<number>();
  const refuse = (row: number, column: SheetColumn, key: MessageKey, params: Record<string, string | number>) => {
    refusedRows.add(row);
    refusals.push({
      row,
      column: titles.get(column) ?? COLUMN_TITLES[column],
      code: key,
      message: t(lang, key, params),
    });
  };
  const candidates: Candidate[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = ws.row(n) ?? [];
    const cell: Partial<Record<SheetColumn, string>> = {};
    for (const [col, column] of at) cell[column] = cellText(values[col]);
    if (!Object.values(cell).some((v) => v)) continue;
    rows++;
    const take = <T>(column: SheetColumn, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      const value = (cell[column] ?? '').slice(0, 80);
      refuse(n, column, MESSAGE[parsed.code], {
        value,
        max: parsed.code === 'too_many_documents' ? MAX_DOCUMENTS : (MAX_CHARS[column] ?? 0),
      });
      return undefined;
    };
    const code = take('code', parseCode(cell.code ?? ''));
    const name = take('name', parseName(cell.name ?? ''));
    const known = code ? national.get(code) : undefined;
    // A column the file lacks takes the national catalogue's value for the code (the provinces' published lists
    // often give only code, name, field and level); a time limit must come from one or the other.
    const workingDays = titles.has('workingDays')
      ? take('workingDays', parseWorkingDays(cell.workingDays ?? ''))
      : (known?.workingDays ?? take('workingDays', parseWorkingDays('')));
    const feeVnd = titles.has('fee') ? take('fee', parseFee(cell.fee ?? '')) : (known?.feeVnd ?? 0);
    const level = titles.has('level')
      ? take('level', parseLevel(cell.level ?? ''))
      : (known?.decisionLevel ?? 'commune');
    const documents = titles.has('documents')
      ? take('documents', parseDocuments(cell.documents ?? ''))
      : (known?.documents ?? []);
    const legalBasis = titles.has('legalBasis')
      ? take('legalBasis', parseLegalBasis(cell.legalBasis ?? ''))
      : (known?.legalBasis ?? null);
    const publishedOn = titles.has('publishedOn') ? take('publishedOn', parseDay(cell.publishedOn ?? '')) : undefined;
    const effectiveOn = titles.has('effectiveOn') ? take('effectiveOn', parseDay(cell.effectiveOn ?? '')) : undefined;
    if (code && !refusedRows.has(n)) {
      const first = firstRowOf.get(code);
      if (first !== undefined) refuse(n, 'code', 'proc_import_duplicate', { row: first });
      else firstRowOf.set(code, n);
    }
    if (refusedRows.has(n)) continue;
    candidates.push({
      row: n,
      code: code!,
      name: name!,
      field: titles.has('field') ? fieldFor(cell.field ?? '', labels) : (known?.field ?? 'khac'),
      decisionLevel: level as 'commune' | 'province',
      workingDays: workingDays!,
      feeVnd: feeVnd!,
      online: parseYesNo(cell.online ?? '', known?.online ?? true),
      boundaryFree: parseYesNo(cell.boundaryFree ?? '', known?.boundaryFree ?? false),
      documents: documents!,
      legalBasis: legalBasis ?? null,
      publishedOn: titles.has('publishedOn') ? (publishedOn ?? null) : undefined,
      effectiveOn: titles.has('effectiveOn') ? (effectiveOn ?? null) : undefined,
    });
  }

  let created = 0;
  let updated = 0;
  let unchanged = 0;
  await db.transaction(async (tx) => {
    const codes = candidates.map((c) => c.code);
    const open = new Map<string, Row>();
    for (let i = 0; i < codes.length; i += 1000) {
      const part = codes.slice(i, i + 1000);
      const found = await tx
        .select()
        .from(procedures)
        .where(
          and(eq(procedures.provinceCode, provinceCode), inArray(procedures.code, part), isNull(procedures.validTo)),
        )
        .for('update');
      for (const r of found) open.set(r.code, r);
    }
    for (const c of candidates) {
      const { row, ...values } = c;
      const before = open.get(c.code);
      if (before && same(before, c)) {
        unchanged++;
        continue;
      }
      if (before && before.validFrom > validFrom) {
        refuse(row, 'code', 'proc_import_later_version', { date: before.validFrom });
        continue;
      }
      let after: Row | undefined;
      if (before && before.validFrom === validFrom) {
        // The same day's version is corrected in place (an import repeated with a fixed file).
        [after] = await tx
          .update(procedures)
          .set(values)
          .where(
            and(
              eq(procedures.provinceCode, provinceCode),
              eq(procedures.code, c.code),
              eq(procedures.validFrom, validFrom),
            ),
          )
          .returning();
      } else {
        if (before)
          await tx
            .update(procedures)
            .set({ validTo: validFrom })
            .where(
              and(
                eq(procedures.provinceCode, provinceCode),
                eq(procedures.code, c.code),
                eq(procedures.validFrom, before.validFrom),
              ),
            );
        [after] = await tx
          .insert(procedures)
          .values({ ...values, provinceCode, validFrom })
          .returning();
      }
      if (before) updated++;
      else created++;
      await recordAudit(tx, actor, {
        action: before ? 'update' : 'create',
        entity: 'procedure',
        entityId: c.code,
        provinceCode,
        unitCode: provinceCode,
        before: before ?? null,
        after,
      });
    }
  });
  refusals.sort((a, b) => a.row - b.row);
  const refused = refusedRows.size;
  return {
    message: t(lang, 'proc_import_done', { created, updated, unchanged, refused }),
    sheet: ws.name,
    headerRow,
    validFrom,
    rows,
    created,
    updated,
    unchanged,
    refused,
    refusals,
    ignoredColumns: ignored,
  };
}
