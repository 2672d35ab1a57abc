/**
 * A lean .xlsx reader for the workforce import: the zip is read through its central directory
 * (node:zlib), and only the parts the import needs are parsed — the workbook's sheet list, the shared
 * strings, the cell formats (to tell dates) and each worksheet's cells, by a linear scan.
 *
 * It yields exactly the plain cell values the import used to get from ExcelJS's full workbook load
 * (`plain(cell.value)`), following ExcelJS 4.4's reading rules, quirks included (a `str` cell is XML
 * decoded twice, `_xHHHH_` escapes are decoded in shared strings and rich text runs only, a formula
 * result in a date-formatted cell becomes a Date whatever its type). Whatever it does not handle —
 * merged cells, hyperlinks, phonetic runs, CDATA, zip64, encryption, odd nesting, malformed XML — makes
 * it throw `UnsupportedXlsx`, and the caller reads that file with ExcelJS instead.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import type { Cell } from './domain/template.js';

/** The file uses something this reader does not handle: read it with ExcelJS (after vetXlsxZip passed). */
export class UnsupportedXlsx extends Error {}
const unsupported = (why: string): never => {
  throw new UnsupportedXlsx(why);
};
/**
 * The file unpacks to more than MAX_UNPACKED_BYTES, or a part to more than the directory declares (a zip
 * bomb): refused, finally — never handed to ExcelJS, which unpacks everything.
 */
export class OversizedXlsx extends Error {}
/** The zip itself cannot be vetted (not a zip, zip64, encrypted, unknown compression, corrupt data): refused, finally. */
export class NotXlsx extends Error {}
/**
 * The most a workbook may unpack to: three times a 50,000-row template (MAX_ROWS; ~30 MB unpacked), so that
 * every file the import would accept fits, and no file makes the server hold more than this.
 */
export const MAX_UNPACKED_BYTES = 96 * 1024 * 1024;
/** Longer tags or format codes are not Excel's (format codes stop at 255 characters): read by ExcelJS instead. */
const MAX_TAG_LENGTH = 4096;
const MAX_FORMAT_LENGTH = 255;

/** A worksheet as the template search reads it (from this reader or ExcelJS): the row count, each row's plain cells. */
export interface LeanSheet {
  name: string;
  /** ExcelJS's `rowCount`: the highest row number with a <row> element */
  readonly rowCount: number;
  /** the row's cells indexed by column number (1 = A); undefined or null = empty */
  row(n: number): readonly Cell[] | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Zip

function unzip(file: Buffer, maxUnpacked: number): Map<string, () => Buffer> {
  // End of central directory: the last signature within 64 KiB + 22 bytes of the end.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) unsupported('no zip end record');
  const entries = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  let p = file.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || p === 0xffffffff || p + cdSize > eocd)
    unsupported('zip64 or bad directory');
  // First the sizes the directory declares, all of them: whatever the reason a file is then handed to ExcelJS
  // (which unpacks everything), it is refused here first if it would unpack to too much.
  let unpacked = 0;
  for (let e = 0, q = p; e < entries; e++) {
    if (q + 46 > eocd || file.readUInt32LE(q) !== 0x02014b50) unsupported('bad central directory');
    const size = file.readUInt32LE(q + 24);
    if (size !== 0xffffffff) unpacked += size;
    if (unpacked > maxUnpacked) throw new OversizedXlsx(`the workbook unpacks to more than ${maxUnpacked} bytes`);
    q += 46 + file.readUInt16LE(q + 28) + file.readUInt16LE(q + 30) + file.readUInt16LE(q + 32);
  }
  const out = new Map<string, () => Buffer>();
  for (let e = 0; e < entries; e++) {
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const compressed = file.readUInt32LE(p + 20);
    const size = file.readUInt32LE(p + 24);
    const nameLen = file.readUInt16LE(p + 28);
    const extraLen = file.readUInt16LE(p + 30);
    const commentLen = file.readUInt16LE(p + 32);
    const local = file.readUInt32LE(p + 42);
    const rawName = file.subarray(p + 46, p + 46 + nameLen);
    if (rawName.some((b) => b > 0x7e || b < 0x20)) unsupported('non-ASCII entry name');
    let name = rawName.toString('latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) unsupported('encrypted entry');
    if (method !== 0 && method !== 8) unsupported('compression method');
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) unsupported('zip64 entry');
    if (local + 30 > file.length) unsupported('local header out of the file');
    if (name.endsWith('/')) continue;
    if (name.startsWith('/')) name = name.slice(1);
    if (out.has(name)) unsupported('duplicate entry');
    out.set(name, () => {
      if (file.readUInt32LE(local) !== 0x04034b50) unsupported('bad local header');
      const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      if (start + compressed > file.length) unsupported('truncated entry');
      const data = file.subarray(start, start + compressed);
      // Never inflate past the size the directory declares (a zip bomb stops there).
      let bytes: Buffer;
      try {
        bytes = method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
      } catch {
        throw new OversizedXlsx('entry does not inflate to its declared size');
      }
      if (bytes.length !== size) throw new OversizedXlsx('size mismatch');
      return bytes;
    });
  }
  return out;
}

/**
 * Vets a zip before anything unpacks it (this reader or ExcelJS): its directory read strictly, the sizes it
 * declares summed, then every part inflated as a stream whose output is counted and dropped — stopped as soon
 * as a part passes the size it declared or the whole passes `limit`. Memory stays at one inflate window
 * whatever the file. Throws OversizedXlsx (a bomb) or NotXlsx (nothing that can be vetted); both are final.
 */
export async function vetXlsxZip(file: Buffer, limit = MAX_UNPACKED_BYTES): Promise<void> {
  const refuse = (why: string): never => {
    throw new NotXlsx(why);
  };
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('no zip end record');
  const entries = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  const cdStart = file.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdStart === 0xffffffff || cdStart + cdSize > eocd)
    refuse('zip64 or bad directory');
  const parts: { data: Buffer; method: number; size: number }[] = [];
  let declared = 0;
  for (let e = 0, q = cdStart; e < entries; e++) {
    if (q + 46 > eocd || file.readUInt32LE(q) !== 0x02014b50) refuse('bad central directory');
    const flags = file.readUInt16LE(q + 8);
    const method = file.readUInt16LE(q + 10);
    const compressed = file.readUInt32LE(q + 20);
    const size = file.readUInt32LE(q + 24);
    const local = file.readUInt32LE(q + 42);
    q += 46 + file.readUInt16LE(q + 28) + file.readUInt16LE(q + 30) + file.readUInt16LE(q + 32);
    // zip64's markers: the real sizes would be in an extra field; no workbook under the upload limit needs them.
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) refuse('zip64 entry');
    if (flags & 1) refuse('encrypted entry');
    if (method !== 0 && method !== 8) refuse('compression method');
    declared += size;
    if (declared > limit) throw new OversizedXlsx('the directory declares too much');
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) refuse('bad local header');
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + compressed > file.length) refuse('truncated entry');
    if (method === 0 && compressed !== size) throw new OversizedXlsx('stored size mismatch');
    parts.push({ data: file.subarray(start, start + compressed), method, size });
  }
  let total = 0;
  for (const part of parts) {
    if (part.method === 0) continue; // stored: its size is its length, already counted
    await new Promise<void>((resolve, reject) => {
      const z = createInflateRaw();
      let n = 0;
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        z.destroy();
        reject(err);
      };
      z.on('data', (chunk: Buffer) => {
        n += chunk.length;
        total += chunk.length;
        if (n > part.size || total > limit) fail(new OversizedXlsx('a part inflates past its declared size'));
      });
      z.on('end', () => (failed ? undefined : n === part.size ? resolve() : fail(new NotXlsx('size mismatch'))));
      z.on('error', () => fail(new NotXlsx('corrupt deflate data')));
      z.end(part.data);
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// XML

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text or attribute content as an XML parser returns it: line ends normalised, entities decoded. */
function decodeXml(raw: string): string {
  let s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.indexOf('&') < 0) return s;
  s = s.replace(/&([^;&<]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) return unsupported('bad entity');
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(name) || !(code > 0 && code <= 0x10ffff))
        return unsupported('bad character reference');
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? unsupported('unknown entity');
  });
  return s;
}

function attrsOf(tag: string): Map<string, string> {
  if (tag.length > MAX_TAG_LENGTH) unsupported('tag too long');
  const m = new Map<string, string>();
  const re = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let a = re.exec(tag); a; a = re.exec(tag))
    m.set(a[1]!, decodeXml((a[2] ?? a[3]!).replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ')));
  return m;
}

interface XmlHandler {
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
}

/**
 * A linear scan of `xml` (elements, text; declarations and comments skipped), checking that elements
 * nest. `tag` is the start tag's source after its name (attributes, unparsed).
 */
function scanXml(xml: string, h: XmlHandler) {
  const stack: string[] = [];
  let pos = 0;
  let rooted = false;
  const n = xml.length;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      if (stack.length) h.text(xml.slice(pos));
      break;
    }
    if (lt > pos && stack.length) h.text(xml.slice(pos, lt));
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) unsupported('unterminated declaration');
      pos = end + 2;
      continue;
    }
    if (c === 33 /* ! */) {
      if (!xml.startsWith('<!--', lt)) unsupported('CDATA or doctype');
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) unsupported('unterminated comment');
      pos = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) unsupported('unterminated tag');
    if (c === 47 /* / */) {
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (stack.pop() !== name) unsupported('mismatched end tag');
      h.close(name);
    } else {
      let end = lt + 1;
      while (end < gt) {
        const k = xml.charCodeAt(end);
        if (k === 32 || k === 9 || k === 10 || k === 13 || k === 47) break;
        end++;
      }
      const name = xml.slice(lt + 1, end);
      if (!name) unsupported('empty tag name');
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const tag = xml.slice(end, selfClosing ? gt - 1 : gt);
      if (tag.indexOf('"') >= 0 || tag.indexOf("'") >= 0) {
        // A '>' inside an attribute value: find the real end of the tag.
        let q = 0;
        for (let i = end; i < gt; i++) {
          const k = xml.charCodeAt(i);
          if (q === 0 && (k === 34 || k === 39)) q = k;
          else if (q === k) q = 0;
        }
        if (q) unsupported('> in an attribute value');
      }
      if (stack.length === 0) {
        if (rooted) unsupported('second root');
        rooted = true;
      }
      h.open(name, tag, selfClosing);
      if (selfClosing) h.close(name);
      else stack.push(name);
    }
    pos = gt + 1;
  }
  if (stack.length) unsupported('unclosed element');
}

/** ExcelJS's TextXform: `_xHHHH_` escapes decoded. */
const unescapeX = (s: string) =>
  s.indexOf('_x') >= 0 ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;

/** ExcelJS's utils.xmlDecode (applied to `str` cells, after the parser's own decoding). */
const xmlDecodeAgain = (s: string) =>
  s.indexOf('&') >= 0
    ? s.replace(
        /&([a-z]*);/g,
        (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c,
      )
    : s;

// ---------------------------------------------------------------------------------------------------
// Workbook parts

/** A shared string: plain text, or the runs of a rich text (joined, as the import reads it). */
function sharedStrings(xml: string | undefined): string[] | undefined {
  if (xml === undefined) return undefined;
  const out: string[] = [];
  let depth = 0; // inside <si>
  let inT = false;
  let inRun = false;
  let inPhonetic = false;
  let text: string[] = [];
  let plainText: string | undefined;
  let runs: string[] | undefined;
  let runText: string | undefined;
  scanXml(xml, {
    open(name) {
      if (name === 'si') {
        if (depth) unsupported('nested si');
        depth = 1;
        plainText = undefined;
        runs = undefined;
        return;
      }
      if (!depth || inPhonetic) return;
      if (name === 'rPh') inPhonetic = true;
      else if (name === 'r') {
        if (inRun) unsupported('nested run');
        inRun = true;
        runText = undefined;
      } else if (name === 't') {
        inT = true;
        text = [];
      }
    },
    text(raw) {
      if (inT && !inPhonetic) text.push(raw);
    },
    close(name) {
      if (name === 'si') {
        if (runs && plainText !== undefined) unsupported('text and runs in one string');
        if (!runs && plainText === undefined) unsupported('empty shared string');
        out.push(runs ? runs.join('') : plainText!);
        depth = 0;
        return;
      }
      if (!depth) return;
      if (name === 'rPh') inPhonetic = false;
      else if (inPhonetic) return;
      else if (name === 't' && inT) {
        inT = false;
        const s = unescapeX(decodeXml(text.join('')));
        if (inRun) runText = s;
        else plainText = s;
      } else if (name === 'r') {
        inRun = false;
        (runs ??= []).push(runText ?? '');
      }
    },
  });
  return out;
}

/** ExcelJS's utils.isDateFmt. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  if (fmt.length > MAX_FORMAT_LENGTH) unsupported('number format too long');
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
/** The built-in number formats ExcelJS knows that read as dates (14–22, 45–47); other known ones are not. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** For each cell format (cellXfs index), whether ExcelJS reads its numbers as dates. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  scanXml(xml, {
    open(name, tag) {
      if (name === 'numFmts') inNumFmts = true;
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'numFmt' && inNumFmts) {
        const a = attrsOf(tag);
        custom.set(parseInt(a.get('numFmtId') ?? '', 10), a.get('formatCode') ?? '');
      } else if (name === 'xf' && inCellXfs) xfNumFmt.push(parseInt(attrsOf(tag).get('numFmtId') ?? '', 10));
    },
    close(name) {
      if (name === 'numFmts') inNumFmts = false;
      else if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfNumFmt.map((id) => (id ? isDateFmt(custom.get(id) || BUILT_IN_FORMATS[id]) : false));
}

// ---------------------------------------------------------------------------------------------------
// Worksheet

const colNumber = (ref: string): number => {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) col = col * 26 + (k - 64);
    else if (k >= 48 && k <= 57) break;
    else unsupported('bad cell reference');
  }
  if (col === 0 || col > 16_384) unsupported('bad cell reference');
  return col;
};
const ATTR: Record<string, RegExp> = Object.fromEntries(
  ['r', 's', 't'].map((a) => [a, new RegExp(`(?:^|\\s)${a}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)]),
);
const attr = (tag: string, name: 'r' | 's' | 't'): string | undefined => {
  const m = ATTR[name]!.exec(tag);
  return m ? decodeXml(m[1] ?? m[2]!) : undefined;
};
const excelToDate = (v: unknown, date1904: boolean) =>
  new Date(Math.round(((typeof v === 'object' ? NaN : Number(v)) - 25_569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

const cellAttr: { r?: string; s?: string; t?: string } = {};
/** A cell tag's r, s and t attributes (other attributes skipped), in one pass. */
const COMMON_CELL_TAG = /^ r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?$/;
function cellAttrs(tag: string, out: { r?: string; s?: string; t?: string }) {
  // The common shape (ExcelJS's and Excel's own writers): one regular expression.
  const m = COMMON_CELL_TAG.exec(tag);
  if (m) {
    out.r = m[1];
    out.s = m[2];
    out.t = m[3];
    return;
  }
  out.r = out.s = out.t = undefined;
  let i = 0;
  const n = tag.length;
  while (i < n) {
    const eq = tag.indexOf('=', i);
    if (eq < 0) {
      if (tag.slice(i).trim()) unsupported('bad attribute');
      return;
    }
    const name = tag.slice(i, eq).trim();
    let q = eq + 1;
    while (
      q < n &&
      (tag.charCodeAt(q) === 32 || tag.charCodeAt(q) === 9 || tag.charCodeAt(q) === 10 || tag.charCodeAt(q) === 13)
    )
      q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") return unsupported('bad attribute');
    const close = tag.indexOf(quote, q + 1);
    if (close < 0 || !name || /[\s"'<>]/.test(name)) return unsupported('bad attribute');
    const raw = tag.slice(q + 1, close);
    const value =
      raw.indexOf('&') >= 0 || raw.indexOf('<') >= 0
        ? raw.indexOf('<') >= 0
          ? unsupported('< in attribute')
          : decodeXml(raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' '))
        : raw;
    if (name === 'r' || name === 's' || name === 't') {
      if (out[name] !== undefined) unsupported('duplicate attribute');
      out[name] = value;
    }
    i = close + 1;
    if (i < n && !/\s/.test(tag[i]!)) unsupported('attributes not separated');
  }
}

/** Whether a tag name ends at `at` (whitespace, '/' or '>'). */
function delimited(xml: string, at: number): boolean {
  const k = xml.charCodeAt(at);
  return k === 32 || k === 9 || k === 10 || k === 13 || k === 47 || k === 62;
}

function parseWorksheet(
  xml: string,
  strings: string[] | undefined,
  dates: boolean[],
  date1904: boolean,
  ownValues = false,
): { rows: (Cell[] | undefined)[]; rowCount: number } {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) unsupported('no sheetData');
  // What ExcelJS would turn into other values than the cell's own: merged ranges (copies) and hyperlinks. A caller
  // that wants the cells' own values (a merged range's value in its first cell only) reads them anyway.
  if (!ownValues && /<mergeCell[\s>/]|<hyperlink[\s>/]/.test(xml)) unsupported('merged cells or hyperlinks');
  const rows: (Cell[] | undefined)[] = [];
  let rowCount = 0;
  let cells: Cell[] | undefined;
  // The cell being read (ExcelJS's CellXform state).
  let inCell = false;
  let type: string | undefined;
  let styled = false;
  let styleId = NaN;
  let formula: string | undefined;
  let shareType: string | undefined;
  let value: string | undefined;
  let runs: string[] | undefined;
  let current: 'f' | 'v' | 't' | undefined;
  let inRun = false;
  let runT = false;
  let runText: string | undefined;
  let buf: string[] = [];
  let lastCol = 0;
  const flushText = () => {
    if (buf.length === 0) return;
    const s = decodeXml(buf.join(''));
    buf = [];
    if (current === 'f') formula = formula ? formula + s : s;
    else if (current === 'v' || current === 't') {
      if (runs) unsupported('text after runs');
      value = value !== undefined && value !== '' ? value + s : s;
    }
  };
  function startCell(tag: string) {
    if (!cells) unsupported('cell outside a row');
    cellAttrs(tag, cellAttr);
    const r = cellAttr.r;
    if (r === undefined) unsupported('cell without reference');
    lastCol = colNumber(r!);
    inCell = true;
    type = cellAttr.t;
    const s = cellAttr.s;
    styled = !!s;
    styleId = s ? parseInt(s, 10) : NaN;
    formula = shareType = value = runs = current = undefined;
    buf = [];
  }
  function finishCell() {
    inCell = false;
    const isDate = styleId > 0 && dates[styleId] === true;
    let cell: Cell;
    if (formula || shareType) {
      if (runs) unsupported('formula with runs');
      let result: unknown;
      if (value) {
        if (type === 'str') result = xmlDecodeAgain(value);
        else if (type === 'b') result = parseInt(value, 10) !== 0;
        else if (type === 'e') result = { error: value };
        else result = parseFloat(value);
      }
      if (result !== undefined && isDate) result = excelToDate(result, date1904);
      cell =
        result === undefined
          ? null
          : typeof result === 'object' && !(result instanceof Date)
            ? String((result as { error: string }).error)
            : (result as Cell);
    } else if (runs) {
      if (type !== 'inlineStr') unsupported('runs outside an inline string');
      cell = runs.join('');
    } else if (value !== undefined) {
      switch (type) {
        case 's': {
          const i = parseInt(value, 10);
          if (!strings || !(i >= 0 && i < strings.length)) unsupported('shared string index');
          cell = strings![i]!;
          break;
        }
        case 'str':
          cell = xmlDecodeAgain(value);
          break;
        case 'inlineStr':
          cell = value;
          break;
        case 'b':
          cell = parseInt(value, 10) !== 0;
          break;
        case 'e':
          cell = value;
          break;
        default: {
          const n = parseFloat(value);
          cell = isDate ? excelToDate(n, date1904) : n;
        }
      }
    } else if (styled && styleId)
      cell = null; // ExcelJS: a styled empty cell (Null)
    else return; // ExcelJS: an empty cell without a style (Merge type): not stored
    cells![lastCol] = cell;
  }
  const handler: XmlHandler = {
    open(name, tag) {
      if (inRun) {
        if (name === 't') {
          runT = true;
          buf = [];
        } else if (runT) unsupported('element in run text');
        return;
      }
      if (!inCell) {
        if (name === 'row') {
          const r = Number(attr(tag, 'r'));
          if (!Number.isInteger(r) || r < 1 || r > 1_048_576) unsupported('row without number');
          if (rows[r - 1]) unsupported('repeated row number'); // ExcelJS keeps the last one only
          cells = rows[r - 1] = [];
          if (r > rowCount) rowCount = r;
        } else if (name === 'c') startCell(tag);
        return;
      }
      flushText();
      if (name === 'f') {
        current = 'f';
        shareType = attr(tag, 't');
      } else if (name === 'v' || name === 't') current = name;
      else if (name === 'r') {
        if (value !== undefined) unsupported('runs after text');
        inRun = true;
        runT = false;
        runText = undefined;
      } else if (name === 'rPh' || name === 'phoneticPr') unsupported('phonetic text');
    },
    text(raw) {
      if (inRun ? runT : inCell && current !== undefined) buf.push(raw);
    },
    close(name) {
      if (inRun) {
        if (name === 't' && runT) {
          runT = false;
          runText = unescapeX(decodeXml(buf.join('')));
          buf = [];
        } else if (name === 'r') {
          inRun = false;
          (runs ??= []).push(runText ?? '');
        }
        return;
      }
      if (!inCell) {
        if (name === 'row') cells = undefined;
        return;
      }
      flushText();
      if (name === 'f' || name === 'v' || name === 'is' || name === 't') {
        current = undefined;
        return;
      }
      if (name === 'c') finishCell();
    },
  };

  // The document without its sheetData must be well-formed (as ExcelJS's parser demands).
  const openEnd = xml.indexOf('>', dataStart);
  const emptyData = xml.charCodeAt(openEnd - 1) === 47;
  const dataEnd = emptyData ? openEnd + 1 : xml.indexOf('</sheetData>', openEnd);
  if (openEnd < 0 || dataEnd < 0) unsupported('unterminated sheetData');
  scanXml(xml.slice(0, dataStart) + xml.slice(emptyData ? dataEnd : dataEnd + 12), {
    open() {},
    close() {},
    text() {},
  });
  if (xml.indexOf('<sheetData', dataEnd) >= 0) unsupported('second sheetData');
  // The cells: the common shapes (<c ..><v>..</v></c>, <c ..><is><t>..</t></is></c>, <c ../>) directly,
  // any other cell through the XML scanner; both drive the same cell reader.
  let pos = openEnd + 1;
  const blank = (from: number, to: number) => from >= to || xml.slice(from, to).trim() === '';
  while (!emptyData && pos < dataEnd) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= dataEnd) {
      if (!blank(pos, dataEnd)) unsupported('text in sheetData');
      break;
    }
    if (!blank(pos, lt)) unsupported('text in sheetData');
    const gt = xml.indexOf('>', lt);
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const next = xml.charCodeAt(lt + 2);
    if (xml.startsWith('</row', lt) && delimited(xml, lt + 5)) {
      handler.close('row');
      pos = gt + 1;
    } else if (xml.startsWith('<row', lt) && delimited(xml, lt + 4)) {
      const tag = xml.slice(lt + 4, selfClosing ? gt - 1 : gt);
      if (/[>"']/.test(tag.replace(/"[^"]*"|'[^']*'/g, ''))) unsupported('odd row tag');
      handler.open('row', tag, selfClosing);
      if (selfClosing) handler.close('row');
      pos = gt + 1;
    } else if (xml.charCodeAt(lt + 1) === 99 /* c */ && delimited(xml, lt + 2) && next !== 47) {
      const tag = xml.slice(lt + 2, selfClosing ? gt - 1 : gt);
      if (selfClosing) {
        handler.open('c', tag, true);
        handler.close('c');
        pos = gt + 1;
        continue;
      }
      const end = xml.indexOf('</c>', gt);
      if (end < 0 || end > dataEnd) unsupported('unterminated cell');
      const inner = end - gt - 1;
      if (inner === 0) {
        handler.open('c', tag, false);
        handler.close('c');
      } else if (
        xml.startsWith('<v>', gt + 1) &&
        xml.indexOf('<', gt + 4) === end - 4 &&
        xml.startsWith('</v>', end - 4)
      ) {
        startCell(tag);
        if (end - 4 > gt + 4) value = decodeXml(xml.slice(gt + 4, end - 4)); // an empty <v></v> gives no text
        finishCell();
      } else if (
        xml.startsWith('<is><t>', gt + 1) &&
        xml.indexOf('<', gt + 8) === end - 9 &&
        xml.startsWith('</t></is>', end - 9)
      ) {
        handler.open('c', tag, false);
        handler.open('is', '', false);
        handler.open('t', '', false);
        handler.text(xml.slice(gt + 8, end - 9));
        handler.close('t');
        handler.close('is');
        handler.close('c');
      } else scanXml(xml.slice(lt, end + 4), handler);
      pos = end + 4;
    } else unsupported('unexpected element in sheetData');
  }
  if (inCell || cells) unsupported('unclosed row or cell');
  return { rows, rowCount };
}

/**
 * The workbook's worksheets in workbook order (chart sheets and sheets without a part left out, as
 * ExcelJS does); each one's cells are parsed when first asked for. Throws UnsupportedXlsx, and OversizedXlsx when
 * the parts would unpack to more than `maxUnpacked` bytes (a smaller import passes its own, stricter limit).
 * `ownValues`: merged ranges and hyperlinks are read as the cells' own values (a merged range's value in its first
 * cell only) instead of being left to ExcelJS.
 */
export function openXlsx(file: Buffer, opts: { maxUnpacked?: number; ownValues?: boolean } = {}): LeanSheet[] {
  const parts = unzip(file, opts.maxUnpacked ?? MAX_UNPACKED_BYTES);
  const text = (name: string) => parts.get(name)?.().toString('utf8');
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  const styles = text('xl/styles.xml');
  if (workbook === undefined || rels === undefined || styles === undefined) unsupported('missing workbook part');
  const targets = new Map<string, string>();
  const sheets: { name: string; rId: string; id: string }[] = [];
  let date1904 = false;
  scanXml(rels!, {
    open(name, tag) {
      if (name === 'Relationship') {
        const a = attrsOf(tag);
        targets.set(a.get('Id') ?? '', a.get('Target') ?? '');
      }
    },
    close() {},
    text() {},
  });
  scanXml(workbook!, {
    open(name, tag) {
      if (name === 'sheet') {
        const a = attrsOf(tag);
        const id = a.get('sheetId') ?? '';
        if (!/^[1-9]\d{0,5}$/.test(id) || sheets.some((x) => x.id === id)) unsupported('odd sheet id');
        sheets.push({ name: a.get('name') ?? '', rId: a.get('r:id') ?? '', id });
      } else if (name === 'workbookPr') date1904 = attrsOf(tag).get('date1904') === '1';
    },
    close() {},
    text() {},
  });
  let strings: string[] | undefined | null = null;
  let dates: boolean[] | undefined;
  const out: LeanSheet[] = [];
  for (const s of sheets) {
    const target = targets.get(s.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!/xl\/worksheets\/sheet(\d+)[.]xml/.test(path) || !parts.has(path)) continue;
    let parsed: { rows: (Cell[] | undefined)[]; rowCount: number } | undefined;
    const load = () => {
      if (strings === null) strings = sharedStrings(text('xl/sharedStrings.xml'));
      dates ??= dateStyles(styles!);
      return (parsed ??= parseWorksheet(text(path)!, strings, dates, date1904, opts.ownValues));
    };
    out.push({
      name: s.name,
      get rowCount() {
        return load().rowCount;
      },
      row: (n) => load().rows[n - 1],
    });
  }
  return out;
}
