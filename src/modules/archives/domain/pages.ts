/**
 * Counts the pages of a PDF as its bytes arrive (a resumable upload never holds the whole file): each page object
 * carries `/Type /Page` (the page tree nodes say `/Pages`). Bytes are read as latin1, so a match may cross the border
 * of two chunks: the last WINDOW bytes wait for the next chunk, and a match is counted in the chunk where it starts.
 * An image file (JPEG, PNG, single TIFF) is one page.
 */
const PAGE = /\/Type\s{0,8}\/Page(?![A-Za-z])/g;
const WINDOW = 32;

export class PdfPageCounter {
  private pending = '';
  private pages = 0;

  push(chunk: Uint8Array): void {
    const text = this.pending + Buffer.from(chunk).toString('latin1');
    const cut = Math.max(0, text.length - WINDOW);
    for (const m of text.matchAll(PAGE)) if (m.index < cut) this.pages++;
    this.pending = text.slice(cut);
  }

  /** The pages counted, once every byte was pushed. */
  finish(): number {
    for (const _ of this.pending.matchAll(PAGE)) this.pages++;
    this.pending = '';
    return this.pages;
  }
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
