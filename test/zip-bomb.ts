/**
 * A hostile .xlsx for tests: a minimal workbook whose worksheet part inflates to `inflatedMb` megabytes
 * from about a thousandth of that, with the size its zip directory declares for that part chosen by the
 * test (the truth, a lie, or zip64's "see the extra field" marker).
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

const PARTS: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ' +
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
    '</Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    '<sheet name="Nhân sự" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
    '</Relationships>',
  'xl/styles.xml':
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>',
};

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Số định danh cá nhân</t></is></c></row>';
const TAIL = '</sheetData></worksheet>';

/** Deflates HEAD + `inflatedMb` MB of blank space + TAIL chunk by chunk (the test never holds the inflated part). */
async function deflatedSheet(inflatedMb: number): Promise<{ data: Buffer; size: number; crc: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => z.on('end', resolve).on('error', reject));
  const mb = Buffer.alloc(1024 * 1024, ' ');
  let crc = crc32(HEAD);
  const write = (b: Buffer | string) =>
    z.write(b) ? Promise.resolve() : new Promise<void>((resolve) => z.once('drain', () => resolve()));
  await write(HEAD);
  for (let i = 0; i < inflatedMb; i++) {
    crc = crc32(mb, crc);
    await write(mb);
  }
  crc = crc32(TAIL, crc);
  z.end(TAIL);
  await done;
  return { data: Buffer.concat(out), size: Buffer.byteLength(HEAD) + inflatedMb * 1024 * 1024 + TAIL.length, crc };
}

/**
 * `declared`: what the zip directory says the worksheet unpacks to — 'truth', 'lie' (2 KB) or 'zip64'
 * (0xFFFFFFFF, "look in the extra field", which is absent).
 */
export async function zipBomb(inflatedMb: number, declared: 'truth' | 'lie' | 'zip64'): Promise<Buffer> {
  const entries: { name: string; data: Buffer; size: number; crc: number }[] = Object.entries(PARTS).map(
    ([name, text]) => {
      const raw = Buffer.from(text, 'utf8');
      return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
    },
  );
  const sheet = await deflatedSheet(inflatedMb);
  const size = declared === 'truth' ? sheet.size : declared === 'lie' ? 2048 : 0xffffffff;
  entries.push({ name: 'xl/worksheets/sheet1.xml', data: sheet.data, size, crc: sheet.crc });

  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'latin1');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
