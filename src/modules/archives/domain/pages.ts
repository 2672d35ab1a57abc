/**
 * Counts the pages of a PDF as its bytes arrive (a resumable upload never holds the whole file): each page object
 * carries `/Type /Page` (the page tree nodes say `/Pages`). The bytes are searched for `/Type` (a memchr-fast
 * `indexOf`, no text made of the whole chunk) and only there read as latin1 against the pattern. A match may cross the
 * border of two chunks: the last WINDOW bytes wait for the next chunk, and a match is counted in the chunk where it
 * starts. An image file (JPEG, PNG, single TIFF) is one page.
 */
const PAGE_AT = /^\/Type\s{0,8}\/Page(?![A-Za-z])/;
const TYPE = Buffer.from('/Type', 'latin1');
/** Longer than the longest match and the character after it (5 + 8 + 5 + 1). */
const WINDOW = 32;

export class PdfPageCounter {
  private pending: Buffer = Buffer.alloc(0);
  private pages = 0;

  push(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length <= WINDOW) {
      const all = Buffer.concat([this.pending, bytes]);
      const cut = Math.max(0, all.length - WINDOW);
      this.pages += countIn(all, cut);
      this.pending = Buffer.from(all.subarray(cut));
      return;
    }
    // The held bytes with the head of this chunk (a match starting in them), never the whole chunk copied.
    if (this.pending.length)
      this.pages += countIn(Buffer.concat([this.pending, bytes.subarray(0, WINDOW)]), this.pending.length);
    const cut = bytes.length - WINDOW;
    this.pages += countIn(bytes, cut);
    // a copy: the caller's chunk may be reused
    this.pending = Buffer.from(bytes.subarray(cut));
  }

  /** The pages counted, once every byte was pushed. */
  finish(): number {
    this.pages += countIn(this.pending, this.pending.length);
    this.pending = Buffer.alloc(0);
    return this.pages;
  }

  /** An independent counter in the same state (a piece may be refused after it was counted). */
  copy(): PdfPageCounter {
    const c = new PdfPageCounter();
    c.pending = this.pending;
    c.pages = this.pages;
    return c;
  }
}

/** Matches starting before `end` (their bytes may run past it). */
function countIn(bytes: Buffer, end: number): number {
  let n = 0;
  for (let at = bytes.indexOf(TYPE); at !== -1 && at < end; at = bytes.indexOf(TYPE, at + TYPE.length))
    if (PAGE_AT.test(bytes.toString('latin1', at, Math.min(bytes.length, at + WINDOW)))) n++;
  return n;
}

export const isPdf = (contentType: string) => contentType === 'application/pdf';

/** The largest piece one PATCH may carry: small enough for a weak connection to finish it. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** The largest scanned file (a thick file scanned in colour at 300 dpi). */
export const MAX_SCAN_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Where a PATCH may write: at the offset already received (anything else is a retry of a piece that arrived, or a
 * piece lost: the client asks HEAD for the offset and resumes there), never past the declared size.
 */
export function chunkProblem(
  upload: { offset: number; sizeBytes: number },
  claimedOffset: number,
  length: number,
): 'offset_mismatch' | 'too_long' | 'empty' | null {
  if (claimedOffset !== upload.offset) return 'offset_mismatch';
  if (length === 0) return 'empty';
  if (length > MAX_CHUNK_BYTES || upload.offset + length > upload.sizeBytes) return 'too_long';
  return null;
}
