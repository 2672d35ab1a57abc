/**
 * The tests' PGlite snapshot without the write-ahead log's preallocated segments. A bulk load leaves dozens of 16 MB
 * segments named after the current one, recycled for later writes and empty of anything the database needs: PostgreSQL
 * starts from the checkpoint's redo segment and makes new segments as it writes. Dropping them halves the snapshot
 * every test file loads (~860 → ~390 MB at the tests' scale).
 */

const BLOCK = 512;
const WAL_SEGMENT = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/;

const text = (b: Uint8Array, at: number, len: number) => {
  const end = b.subarray(at, at + len).indexOf(0);
  return new TextDecoder().decode(b.subarray(at, end < 0 ? at + len : at + end));
};

/** The entries of a ustar archive (PGlite's `dumpDataDir('none')`), keeping WAL segments up to `redoSegment` only. */
export function withoutSpareWal(tar: Uint8Array, redoSegment: string): { tar: Uint8Array; dropped: number } {
  const keep: Uint8Array[] = [];
  let dropped = 0;
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((x) => x === 0)) break; // the end-of-archive blocks
    const name = [text(header, 345, 155), text(header, 0, 100)].filter(Boolean).join('/');
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const span = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const segment = WAL_SEGMENT.exec(name)?.[1];
    if (segment !== undefined && segment > redoSegment) dropped++;
    else keep.push(tar.subarray(at, at + span));
    at += span;
  }
  keep.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(keep.reduce((s, b) => s + b.length, 0));
  let o = 0;
  for (const b of keep) {
    out.set(b, o);
    o += b.length;
  }
  return { tar: out, dropped };
}
