import { ApiError, api, csrf, withQuery } from './api';
import type { Upload } from '../../src/modules/archives/contract';

/**
 * Sends a scanned file to a batch with the archives' resumable upload (docs/archives.md): a checksum first (a file
 * already kept is recognised and not sent), then pieces from the offset the server holds. A dropped connection is
 * retried from the offset the server answers; a page reloaded in the middle resumes the same upload when the same
 * file is chosen again (the upload's id is kept in the browser under the file's name, size and date).
 */

/**
 * Pieces start at 2 MB (a weak connection finishes one); a piece sent in under a second doubles the next one, up to
 * the server's maximum (fewer round trips on a fast link), and a slow or failed one halves it, down to 512 KB.
 */
const FIRST_PIECE_BYTES = 2 * 1024 * 1024;
const MIN_PIECE_BYTES = 512 * 1024;
const FAST_PIECE_MS = 1000;
const SLOW_PIECE_MS = 8000;
/** Files sent at once by the page (uploadScans): one file's round trips overlap another's bytes. */
export const FILES_IN_FLIGHT = 3;
/** Files above this are not hashed in the browser (one read into memory); the server still recognises them. */
const HASH_MAX_BYTES = 512 * 1024 * 1024;
const MAX_NETWORK_RETRIES = 30;

export type UploadPhase = 'hashing' | 'sending' | 'retrying' | 'done' | 'duplicate' | 'failed';
export interface UploadProgress {
  phase: UploadPhase;
  sent: number;
  size: number;
  /** the error text from the API when failed */
  error?: unknown;
  resumedFrom?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sha256Hex(file: Blob): Promise<string | undefined> {
  if (file.size > HASH_MAX_BYTES || typeof crypto === 'undefined' || !crypto.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const contentTypeOf = (file: File) =>
  file.type || (/\.pdf$/i.test(file.name) ? 'application/pdf' : 'application/octet-stream');

const storageKey = (batchId: string, file: File) =>
  `haicap.upload.${batchId}.${file.name}.${file.size}.${file.lastModified}`;

function remember(key: string, id: string | null) {
  try {
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  } catch {
    /* storage unavailable: a reload starts the file again */
  }
}
function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** One piece, as the tus-like PATCH wants it (raw bytes, Upload-Offset). */
async function sendPiece(id: string, offset: number, piece: Blob): Promise<Upload> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/offset+octet-stream',
    'upload-offset': String(offset),
  };
  const token = csrf.get();
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/archives/uploads/${id}`), {
      method: 'PATCH',
      headers,
      body: piece,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = (await res.json().catch(() => null)) as
    (Upload & { error?: { code?: string; message?: string; field?: string } }) | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.error?.code ?? `http_${res.status}`,
      data?.error?.message ?? '',
      data?.error?.field,
    );
  return data as Upload;
}

export async function uploadScan(
  batchId: string,
  file: File,
  opts: { pageCount?: number; onProgress(p: UploadProgress): void },
): Promise<Upload> {
  const size = file.size;
  const report = opts.onProgress;
  report({ phase: 'hashing', sent: 0, size });
  const sha256 = await sha256Hex(file);
  const key = storageKey(batchId, file);
  const contentType = contentTypeOf(file);

  let up: Upload | null = null;
  const saved = recall(key);
  if (saved) {
    try {
      up = await api.get<Upload>(`/api/archives/uploads/${saved}`);
      if (up.complete && !up.scan) up = null;
    } catch {
      up = null;
    }
    if (!up) remember(key, null);
  }
  const resumedFrom = up && !up.complete ? up.offset : undefined;
  up ??= await api.post<Upload>(`/api/archives/batches/${batchId}/uploads`, {
    name: file.name,
    contentType,
    sizeBytes: size,
    ...(sha256 ? { sha256 } : {}),
    ...(contentType === 'application/pdf' ? {} : { pageCount: opts.pageCount ?? 1 }),
  });
  if (up.duplicate && up.complete) {
    remember(key, null);
    report({ phase: 'duplicate', sent: size, size });
    return up;
  }
  if (up.id) remember(key, up.id);
  const id = up.id!;
  let piece = Math.min(FIRST_PIECE_BYTES, up.maxChunkBytes);
  let failures = 0;
  let restarts = 0;
  report({ phase: 'sending', sent: up.offset, size, resumedFrom });
  while (!up.complete) {
    const from: number = up.offset;
    const began = Date.now();
    try {
      up = await sendPiece(id, from, file.slice(from, Math.min(from + piece, size)));
      const took = Date.now() - began;
      if (took < FAST_PIECE_MS) piece = Math.min(piece * 2, up.maxChunkBytes);
      else if (took > SLOW_PIECE_MS) piece = Math.max(piece / 2, MIN_PIECE_BYTES);
      failures = 0;
      report({ phase: 'sending', sent: up.offset, size, resumedFrom });
    } catch (e) {
      const err = e as ApiError;
      const again = async () => (up = await api.get<Upload>(`/api/archives/uploads/${id}`));
      if (err.status === 409 && err.code === 'upload_offset_mismatch') {
        await again(); // another copy of a piece arrived first: carry on from where the server stands
      } else if (err.status === 409 && err.code === 'upload_checksum_mismatch' && restarts++ < 1) {
        await again(); // a piece was damaged on the way: the server starts the file again
      } else if (err.status === 0 && failures < MAX_NETWORK_RETRIES) {
        failures++;
        piece = Math.max(piece / 2, MIN_PIECE_BYTES);
        report({ phase: 'retrying', sent: from, size, resumedFrom });
        await sleep(Math.min(1000 * 2 ** Math.min(failures - 1, 4), 15_000));
        try {
          await again();
        } catch {
          /* still offline: the next turn tries again */
        }
      } else {
        throw e;
      }
    }
  }
  remember(key, null);
  report({ phase: up.duplicate ? 'duplicate' : 'done', sent: size, size });
  return up;
}

/**
 * Sends several files, FILES_IN_FLIGHT at a time (each file's pieces in order, as the offset protocol wants): the
 * round trips of one file overlap the bytes of another. `each` runs one file and handles its own failure.
 */
export async function inFlight<T>(items: T[], each: (item: T) => Promise<void>, width = FILES_IN_FLIGHT) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await each(items[i]!);
    }),
  );
}
