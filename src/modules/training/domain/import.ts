/**
 * Reading the conference tool's attendance report (CSV; an Excel sheet is read into the same rows). Pure: text in,
 * rows and errors by row out. Every row must name a person registered for the event and two times; nothing is written
 * when any row is wrong (the officer corrects the file and imports it again, as with the workforce import).
 *
 * Columns, found by their header (Vietnamese or English, any order, case and diacritics ignored):
 * the person's staff number ("Mã cán bộ" / "person_id"), "Giờ vào" / "join_time", "Giờ ra" / "leave_time".
 * Times are ISO date-times, or "HH:MM" (the event's day, Vietnam time), or "DD/MM/YYYY HH:MM".
 */

export interface ImportRow {
  row: number;
  personId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface ImportError {
  row: number;
  column: string;
  problem: 'missing' | 'bad_time' | 'leave_before_join' | 'unknown_person';
  value: string;
}

const HEADERS: Record<'person' | 'join' | 'leave', string[]> = {
  person: ['ma can bo', 'person_id', 'person id', 'staff id', 'id'],
  join: ['gio vao', 'join_time', 'join time', 'joined', 'vao luc'],
  leave: ['gio ra', 'leave_time', 'leave time', 'left', 'ra luc'],
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .trim()
    .toLowerCase();

/** Splits one CSV line (quotes, doubled quotes, commas or semicolons). */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

/** A time of the report: ISO, "HH:MM" on `day` (Vietnam time), or "DD/MM/YYYY HH:MM". */
export function parseReportTime(value: string, day: string): Date | null {
  const v = value.trim();
  let iso: string | null = null;
  let m: RegExpMatchArray | null;
  if ((m = v.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/)))
    iso = `${day}T${m[1]!.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}+07:00`;
  else if ((m = v.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/)))
    iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}T${m[4]!.padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}+07:00`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) iso = /([Zz]|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}+07:00`;
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Rows of cells (the header first) → presence rows and errors by row (rows numbered as in the file, header = 1). */
export function readReport(
  cells: readonly string[][],
  day: string,
  registered: (personId: string) => boolean,
): { rows: ImportRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const rows: ImportRow[] = [];
  const header = (cells[0] ?? []).map(fold);
  const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].includes(h));
  const idx = { person: col('person'), join: col('join'), leave: col('leave') };
  const missingHeader = (Object.keys(idx) as (keyof typeof idx)[]).filter((k) => idx[k] < 0);
  if (missingHeader.length) {
    for (const k of missingHeader) errors.push({ row: 1, column: HEADERS[k][0]!, problem: 'missing', value: '' });
    return { rows, errors };
  }
  cells.slice(1).forEach((line, i) => {
    const row = i + 2;
    if (line.every((c) => c.trim() === '')) return;
    const personId = (line[idx.person] ?? '').trim();
    const joinText = (line[idx.join] ?? '').trim();
    const leaveText = (line[idx.leave] ?? '').trim();
    let ok = true;
    if (!personId) {
      errors.push({ row, column: 'person_id', problem: 'missing', value: '' });
      ok = false;
    } else if (!registered(personId)) {
      errors.push({ row, column: 'person_id', problem: 'unknown_person', value: personId });
      ok = false;
    }
    const joinedAt = joinText ? parseReportTime(joinText, day) : null;
    if (!joinedAt) {
      errors.push({ row, column: 'join_time', problem: joinText ? 'bad_time' : 'missing', value: joinText });
      ok = false;
    }
    const leftAt = leaveText ? parseReportTime(leaveText, day) : null;
    if (leaveText && !leftAt) {
      errors.push({ row, column: 'leave_time', problem: 'bad_time', value: leaveText });
      ok = false;
    }
    if (joinedAt && leftAt && leftAt.getTime() < joinedAt.getTime()) {
      errors.push({ row, column: 'leave_time', problem: 'leave_before_join', value: leaveText });
      ok = false;
    }
    if (ok) rows.push({ row, personId, joinedAt: joinedAt!, leftAt });
  });
  return { rows, errors };
}

/** CSV text → cells (separator guessed from the header: semicolon when it has more of them than commas). */
export function csvCells(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines[0] ?? '';
  const sep = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  return lines.filter((l, i) => i === 0 || l.trim() !== '').map((l) => splitCsvLine(l, sep));
}
