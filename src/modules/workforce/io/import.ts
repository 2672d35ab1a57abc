import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import { t, type Lang, type MessageKey } from '../../../core/i18n.js';
import type { Actor } from '../../../core/scope.js';
import { mayWorkforce } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { insertPeopleRows, updatePeopleRows, workforceChanged } from '../service.js';
import { allUnitPlaces } from '../../units/index.js';
import { searchKey } from '../../../core/text.js';
import { maskNationalId } from '../domain/national-id.js';
import { people } from '../schema.js';
import {
  MAX_UNPACKED_BYTES,
  openXlsx,
  OversizedXlsx,
  UnsupportedXlsx,
  vetXlsxZip,
  type LeanSheet,
} from './xlsx-reader.js';
import {
  changedFields,
  COLUMNS,
  columnForHeader,
  columnOf,
  readRow,
  type Cell,
  type ColumnKey,
  type RowValue,
  type TemplatePerson,
  type UnitRef,
} from './domain/template.js';

/** The most rows one file may carry (a large province has about 10,000 staff). */
export const MAX_ROWS = 50_000;
/** The report lists at most this many errors (their total is always given). */
export const MAX_LISTED_ERRORS = 2_000;

export interface RowError {
  /** the row number as Excel shows it */
  row: number;
  /** the Vietnamese header of the column */
  column: string;
  code: string;
  message: string;
}

export interface ImportReport {
  importId: string;
  status: 'imported' | 'rejected';
  /** one sentence for the user, in the request's language */
  message: string;
  sheet: string | null;
  headerRow: number | null;
  /** data rows read (blank rows skipped) */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  rowsWithErrors: number;
  errors: RowError[];
  errorsTruncated: boolean;
  /** headers the template does not know: their cells were not read */
  ignoredColumns: string[];
}

export type ImportPhase = 'reading' | 'validating' | 'writing' | 'done';
export interface ImportProgress {
  phase: ImportPhase;
  /** 0–100 over the whole import */
  percent: number;
  rowsDone: number;
  rowsTotal: number;
}

interface SheetRow {
  row: number;
  cells: Partial<Record<ColumnKey, Cell>>;
}

interface Sheet {
  name: string;
  headerRow: number;
  /** the header text of each column present, as written in the file */
  headers: Map<ColumnKey, string>;
  ignored: string[];
  rows: SheetRow[];
}

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return plain((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return null;
}

const HEADER_SCAN_ROWS = 20;

/** ExcelJS's worksheets as sheet sources (the fallback for files the lean reader does not handle; exported for its test). */
export function excelSheets(wb: ExcelJS.Workbook): LeanSheet[] {
  return wb.worksheets.map((ws) => ({
    name: ws.name,
    get rowCount() {
      return ws.rowCount;
    },
    row: (n: number) => (ws.getRow(n).values as ExcelJS.CellValue[]).map((v) => plain(v ?? null)),
  }));
}

/** At most this many workbooks are unpacked at once (each holds at most MAX_UNPACKED_BYTES): memory stays bounded. */
const MAX_READING = 2;
let reading = 0;
const waiting: (() => void)[] = [];
async function whileReading<T>(work: () => Promise<T>): Promise<T> {
  if (reading >= MAX_READING) await new Promise<void>((resolve) => waiting.push(resolve));
  else reading++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else reading--;
  }
}

/** The refusal of a file that cannot be read, naming it when its name is known. */
const notXlsx = (fileName?: string) =>
  fileName
    ? new AppError(400, 'invalid_file', 'import_not_xlsx_named', { file: fileName }, 'file')
    : new AppError(400, 'invalid_file', 'import_not_xlsx', {}, 'file');

/**
 * Vets the zip before anything unpacks it (xlsx-reader's vetXlsxZip): a zip bomb, or a zip that cannot be
 * vetted, is refused here with a 400 naming the file, and that refusal is final. The route calls it before
 * accepting a background import, so that a hostile file is refused in the request.
 */
export async function vetWorkbook(file: Buffer, fileName?: string): Promise<void> {
  try {
    await vetXlsxZip(file);
  } catch (e) {
    throw refusal(e, fileName);
  }
}

function refusal(e: unknown, fileName?: string): AppError {
  if (e instanceof OversizedXlsx)
    return new AppError(
      400,
      'invalid_file',
      'import_unpacks_too_much',
      { file: fileName ?? '.xlsx', max: MAX_UNPACKED_BYTES / 1024 / 1024 },
      'file',
    );
  return notXlsx(fileName);
}

/**
 * Finds the template in the workbook: the first sheet with a header row (within its first 20 rows)
 * naming at least the person's name and ID number columns. Title rows above it are allowed.
 *
 * The zip is vetted first (vetWorkbook: what it unpacks to is counted while inflating, and capped). The
 * workbook is then read by the lean reader (xlsx-reader.ts), which yields the same cells as ExcelJS at a
 * fraction of its time and memory; only a file it explicitly does not handle (UnsupportedXlsx) is read by
 * ExcelJS — never one refused for its size, and never one the vetting did not pass.
 */
export async function readSheet(file: Buffer, fileName?: string): Promise<Sheet> {
  return whileReading(async () => {
    await vetWorkbook(file, fileName);
    try {
      return findTemplate(openXlsx(file));
    } catch (e) {
      if (e instanceof AppError) throw e;
      // Only the lean reader's explicit "unsupported" goes on to ExcelJS; a size refusal or anything else is final.
      if (!(e instanceof UnsupportedXlsx)) throw refusal(e, fileName);
    }
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw notXlsx(fileName);
    }
    return findTemplate(excelSheets(wb));
  });
}

function findTemplate(sheets: LeanSheet[]): Sheet {
  for (const ws of sheets) {
    const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
    for (let r = 1; r <= last; r++) {
      const row = ws.row(r) ?? [];
      const headers = new Map<ColumnKey, string>();
      const at = new Map<number, ColumnKey>();
      const ignored: string[] = [];
      row.forEach((text, col) => {
        if (text === null || text === undefined || text === '') return;
        const key = columnForHeader(String(text));
        if (key && !headers.has(key)) {
          headers.set(key, String(text).trim());
          at.set(col, key);
        } else ignored.push(String(text).trim());
      });
      if (!headers.has('fullName') || !headers.has('nationalId')) continue;
      const rows: SheetRow[] = [];
      if (ws.rowCount - r > MAX_ROWS + 1000)
        throw new AppError(400, 'too_many_rows', 'import_too_many_rows', { max: MAX_ROWS }, 'file');
      for (let n = r + 1; n <= ws.rowCount; n++) {
        const values = ws.row(n) ?? [];
        const cells: Partial<Record<ColumnKey, Cell>> = {};
        let blank = true;
        for (const [col, key] of at) {
          const v = values[col] ?? null;
          cells[key] = v;
          if (key !== 'stt' && v !== null && String(v).trim() !== '') blank = false;
        }
        if (!blank) rows.push({ row: n, cells });
      }
      if (rows.length > MAX_ROWS)
        throw new AppError(400, 'too_many_rows', 'import_too_many_rows', { max: MAX_ROWS }, 'file');
      return { name: ws.name, headerRow: r, headers, ignored, rows };
    }
  }
  throw new AppError(400, 'invalid_file', 'import_no_header', {}, 'file');
}

type PersonRow = typeof people.$inferSelect;
const FIELDS: (keyof TemplatePerson)[] = [
  'unitCode',
  'provinceCode',
  'fullName',
  'birthDate',
  'sex',
  'nationalId',
  'ethnicity',
  'phone',
  'email',
  'category',
  'educationLevel',
  'educationField',
  'politicalTheory',
  'stateManagement',
  'itCertificate',
  'foreignLanguage',
  'rankCode',
  'salaryStep',
  'salaryCoefficient',
  'partyJoinDate',
];
const stored = (p: PersonRow): TemplatePerson =>
  Object.fromEntries(FIELDS.map((f) => [f, p[f]])) as unknown as TemplatePerson;

const PERSON_COLUMNS: Record<string, string> = {
  id: 'uuid',
  province_code: 'text',
  unit_code: 'text',
  full_name: 'text',
  search_key: 'text',
  birth_date: 'date',
  sex: 'text',
  national_id: 'text',
  ethnicity: 'text',
  phone: 'text',
  email: 'text',
  category: 'text',
  education_level: 'text',
  education_field: 'text',
  political_theory: 'text',
  state_management: 'text',
  it_certificate: 'text',
  foreign_language: 'text',
  rank_code: 'text',
  salary_step: 'int',
  salary_coefficient: 'float8',
  party_join_date: 'date',
};
const snake = (p: TemplatePerson & { id: string }) => ({
  id: p.id,
  province_code: p.provinceCode,
  unit_code: p.unitCode,
  full_name: p.fullName,
  search_key: searchKey(p.fullName),
  birth_date: p.birthDate,
  sex: p.sex,
  national_id: p.nationalId,
  ethnicity: p.ethnicity,
  phone: p.phone,
  email: p.email,
  category: p.category,
  education_level: p.educationLevel,
  education_field: p.educationField,
  political_theory: p.politicalTheory,
  state_management: p.stateManagement,
  it_certificate: p.itCertificate,
  foreign_language: p.foreignLanguage,
  rank_code: p.rankCode,
  salary_step: p.salaryStep,
  salary_coefficient: p.salaryCoefficient,
  party_join_date: p.partyJoinDate,
});

/** A new person's values for the optional columns a file leaves out. */
const NEW_PERSON_DEFAULTS: Partial<TemplatePerson> = {
  ethnicity: 'Kinh',
  phone: null,
  email: null,
  educationField: null,
  politicalTheory: 'none',
  stateManagement: 'none',
  itCertificate: null,
  foreignLanguage: null,
  rankCode: null,
  salaryStep: null,
  salaryCoefficient: null,
  partyJoinDate: null,
};

/** Imports are serialised (one at a time per database): two files naming the same person never race. */
const IMPORT_LOCK = 727_900;
const CHUNK = 1000;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportOptions {
  lang: Lang;
  today: string;
  fileName?: string;
  importId?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Called in the import's transaction once every row is written, before it commits: a throw writes nothing. */
  beforeCommit?: (tx: Db, report: ImportReport) => Promise<void>;
}

/**
 * Imports the workforce template: every row is checked, and unless every row is right nothing is
 * written. A person is known by the ID number: the same data → unchanged, different data → updated
 * (version + 1, audited), a new number → created. Re-importing a file therefore changes nothing.
 */
export async function importWorkforce(db: Db, actor: Actor, file: Buffer, opts: ImportOptions): Promise<ImportReport> {
  const importId = opts.importId ?? randomUUID();
  const progress = (phase: ImportPhase, percent: number, rowsDone: number, rowsTotal: number) =>
    opts.onProgress?.({ phase, percent: Math.min(100, Math.round(percent)), rowsDone, rowsTotal });
  progress('reading', 0, 0, 0);
  const sheet = await readSheet(file, opts.fileName);
  const total = sheet.rows.length;
  progress('validating', 10, 0, total);

  const errors: { row: number; column: ColumnKey; key: MessageKey; params?: Record<string, string | number> }[] = [];
  const report = (
    status: ImportReport['status'],
    counts: { created: number; updated: number; unchanged: number },
  ): ImportReport => {
    errors.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    const message =
      status === 'imported'
        ? t(opts.lang, 'import_done', { rows: total, ...counts })
        : t(opts.lang, 'import_rejected', { errors: errors.length, rows: rowsWithErrors });
    return {
      importId,
      status,
      message,
      sheet: sheet.name,
      headerRow: sheet.headerRow,
      rows: total,
      ...counts,
      errorCount: errors.length,
      rowsWithErrors,
      errors: errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({
        row: e.row,
        column: sheet.headers.get(e.column) ?? columnOf(e.column).header,
        code: e.key.replace(/^import_/, ''),
        message: t(opts.lang, e.key, e.params),
      })),
      errorsTruncated: errors.length > MAX_LISTED_ERRORS,
      ignoredColumns: sheet.ignored,
    };
  };
  const none = { created: 0, updated: 0, unchanged: 0 };

  // The columns a new person needs must be there at all.
  const missing = ['fullName', 'birthDate', 'sex', 'nationalId', 'unitCode', 'category', 'educationLevel'].filter(
    (k) => !sheet.headers.has(k as ColumnKey),
  ) as ColumnKey[];
  for (const column of missing)
    errors.push({
      row: sheet.headerRow,
      column,
      key: 'import_missing_column',
      params: { column: columnOf(column).header },
    });
  if (errors.length) return report('rejected', none);

  const unitList = await allUnitPlaces(db);
  const unitMap = new Map<string, UnitRef>(unitList.map((u) => [u.code, u]));
  const ctx = {
    today: opts.today,
    unit: (c: string) => unitMap.get(c),
    canWrite: (u: UnitRef) => mayWorkforce('create', actor, { provinceCode: u.provinceCode, unitCode: u.code }),
  };

  const values: { row: number; value: RowValue }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [i, r] of sheet.rows.entries()) {
    const { value, problems } = readRow(r.cells, ctx);
    for (const p of problems) errors.push({ row: r.row, column: p.column, key: p.key, params: p.params });
    if (value.nationalId) {
      const first = firstRowOf.get(value.nationalId);
      if (first !== undefined)
        errors.push({ row: r.row, column: 'nationalId', key: 'import_duplicate_in_file', params: { row: first } });
      else firstRowOf.set(value.nationalId, r.row);
    }
    values.push({ row: r.row, value });
    if (i % 500 === 499) {
      progress('validating', 10 + (50 * (i + 1)) / total, i + 1, total);
      await tick(); // let progress polls and other requests through
    }
  }
  progress('validating', 60, total, total);

  // After the commit, cached summaries must not outlive the import.
  const done = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const ids = [...firstRowOf.keys()];
    const existing = new Map<string, PersonRow>();
    for (let i = 0; i < ids.length; i += 5000) {
      const json = JSON.stringify(ids.slice(i, i + 5000));
      const found = await tx
        .select()
        .from(people)
        .where(sql`${people.nationalId} IN (SELECT json_array_elements_text(${json}::json))`);
      for (const p of found) existing.set(p.nationalId, p);
    }
    const created: (TemplatePerson & { id: string })[] = [];
    const updated: { before: PersonRow; after: TemplatePerson; fields: (keyof TemplatePerson)[] }[] = [];
    let unchanged = 0;
    for (const { row, value } of values) {
      const p = value.nationalId ? existing.get(value.nationalId) : undefined;
      if (p) {
        // The number is someone's already: theirs to update only if the importer manages them, and in place.
        if (!mayWorkforce('edit', actor, { provinceCode: p.provinceCode, unitCode: p.unitCode })) {
          errors.push({ row, column: 'nationalId', key: 'import_id_elsewhere' });
          continue;
        }
        if (value.unitCode && value.unitCode !== p.unitCode) {
          errors.push({ row, column: 'unitCode', key: 'import_unit_move', params: { code: p.unitCode } });
          continue;
        }
        const before = stored(p);
        const fields = changedFields(before, value);
        if (fields.length === 0) unchanged++;
        else
          updated.push({
            before: p,
            after: { ...before, ...Object.fromEntries(fields.map((f) => [f, value[f]])) },
            fields,
          });
      } else if (errors.length === 0) {
        created.push({ id: randomUUID(), ...NEW_PERSON_DEFAULTS, ...value } as TemplatePerson & { id: string });
      }
    }
    if (errors.length) return report('rejected', none);

    // All rows are right: write them.
    const writes = created.length + updated.length;
    let written = 0;
    const advance = async (n: number) => {
      written += n;
      progress('writing', 60 + (40 * written) / Math.max(1, writes), total, total);
      await tick();
    };
    progress('writing', 60, total, total);
    for (let i = 0; i < created.length; i += CHUNK) {
      const chunk = created.slice(i, i + CHUNK);
      await insertPeopleRows(tx, PERSON_COLUMNS, chunk.map(snake), CHUNK);
      await advance(chunk.length);
    }
    for (let i = 0; i < updated.length; i += CHUNK) {
      const chunk = updated.slice(i, i + CHUNK);
      await updatePeopleRows(
        tx,
        PERSON_COLUMNS,
        chunk.map((u) => snake({ ...u.after, id: u.before.id })),
      );
      await advance(chunk.length);
    }

    // One audit entry per province the file touched, with the counts and each update's before and after.
    const mask = (f: keyof TemplatePerson, v: unknown) =>
      f === 'nationalId' && typeof v === 'string' ? maskNationalId(v) : v;
    const provinces = new Map<
      string,
      {
        units: Set<string>;
        created: number;
        updated: { personId: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
        unchanged: number;
      }
    >();
    const of = (provinceCode: string) =>
      provinces.get(provinceCode) ??
      provinces.set(provinceCode, { units: new Set(), created: 0, updated: [], unchanged: 0 }).get(provinceCode)!;
    for (const c of created) {
      const e = of(c.provinceCode);
      e.created++;
      e.units.add(c.unitCode);
    }
    for (const u of updated) {
      const e = of(u.before.provinceCode);
      e.units.add(u.before.unitCode);
      e.updated.push({
        personId: u.before.id,
        before: Object.fromEntries(u.fields.map((f) => [f, mask(f, u.before[f as keyof PersonRow])])),
        after: Object.fromEntries(u.fields.map((f) => [f, mask(f, u.after[f])])),
      });
    }
    const digest = createHash('sha256').update(file).digest('hex');
    for (const [provinceCode, e] of provinces) {
      const unitCode = e.units.size === 1 ? [...e.units][0]! : null;
      await recordAudit(tx, actor, {
        action: 'import',
        entity: 'workforce_import',
        entityId: importId,
        provinceCode,
        unitCode,
        after: {
          file: opts.fileName ?? null,
          sha256: digest,
          rows: total,
          created: e.created,
          updated: e.updated.length,
          updates: e.updated,
        },
      });
    }
    const imported = report('imported', { created: created.length, updated: updated.length, unchanged });
    await opts.beforeCommit?.(tx as unknown as Db, imported);
    progress('done', 100, total, total);
    return imported;
  });
  await workforceChanged(db, actor.provinceCode ? [actor.provinceCode] : undefined);
  return done;
}

const order = (k: ColumnKey) => COLUMNS.findIndex((c) => c.key === k);
