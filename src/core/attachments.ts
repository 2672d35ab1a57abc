import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { invalid } from './errors.js';
import { sha256Hex, type FileStore } from './file-store.js';

/** A file kept with a record (an attachment, a photo): its bytes are in the file store under `storageKey`. */
export interface AttachmentMeta {
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** A file as the API takes it: base64 content in JSON. */
export interface AttachmentInput {
  name: string;
  contentType: string;
  contentBase64: string;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The request schema of a file sent in JSON. */
export const Attachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    contentType: Type.String({ pattern: '^[\\w.+-]+/[\\w.+-]+$' }),
    contentBase64: Type.String({ minLength: 1, format: 'base64' }),
  },
  { additionalProperties: false },
);

/** A stored file as the API shows it (the bytes are downloaded by position). */
export const FileInfo = Type.Object({
  name: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

/** The response of a download route: bytes, documented but not serialized. */
export const FileDownload = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the file' });

/**
 * The files one request stores: only those it created (a file with the same checksum already kept for another
 * record is left alone) are removed again by `discard`, which `withStagedFiles` calls when the request fails —
 * a refused or failed request leaves nothing in the file store.
 */
export class StagedFiles {
  private created: string[] = [];
  constructor(readonly store: FileStore) {}
  async put(key: string, bytes: Buffer) {
    if (await this.store.has(key)) return;
    await this.store.put(key, bytes);
    this.created.push(key);
  }
  async discard() {
    const keys = this.created;
    this.created = [];
    await Promise.allSettled(keys.map((k) => this.store.remove(k)));
  }
}

/** Runs `work` with a staging area for files; whatever it stored is removed if it throws. */
export async function withStagedFiles<T>(store: FileStore, work: (staged: StagedFiles) => Promise<T>): Promise<T> {
  const staged = new StagedFiles(store);
  try {
    return await work(staged);
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/**
 * Stores files (after the caller's authorisation, before its transaction: the bytes are kept by checksum). Every
 * file is checked before any is stored, so that a bad one leaves none of the others behind.
 */
export async function storeAttachments(
  staged: StagedFiles,
  prefix: string,
  files: AttachmentInput[] = [],
): Promise<AttachmentMeta[]> {
  const decoded = files.map((f, i) => {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES)
      throw invalid(`attachments.${i}.contentBase64`, 'invalid_value', {
        detail: `1 byte – ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      });
    return { f, bytes };
  });
  const out: AttachmentMeta[] = [];
  for (const { f, bytes } of decoded) {
    const sha256 = sha256Hex(bytes);
    const storageKey = `${prefix}/${sha256}`;
    await staged.put(storageKey, bytes);
    out.push({ name: f.name, contentType: f.contentType, sizeBytes: bytes.length, sha256, storageKey });
  }
  return out;
}

/**
 * The name of a download, given both plain (ASCII, without diacritics) and in UTF-8 (RFC 6266, the `filename*`
 * parameter encoded per RFC 5987: `'()*` are not attr-chars and are escaped too).
 */
export function contentDisposition(name: string) {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

const downloadHeaders = (reply: FastifyReply, f: { name: string; contentType: string; sha256: string }) =>
  reply
    .header('content-type', f.contentType)
    .header('content-disposition', contentDisposition(f.name))
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${f.sha256}"`)
    .header('cache-control', 'private, max-age=3600');

/** Sends stored bytes as a download (a small file, already read). */
export function sendFile(reply: FastifyReply, f: { name: string; contentType: string; sha256: string; bytes: Buffer }) {
  return downloadHeaders(reply, f).send(f.bytes);
}

/** A stored file that is sent as a stream: `open` reads bytes `start` to `end` (inclusive). */
export interface StreamedFile {
  name: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  open(start: number, end: number): Readable;
}

/**
 * The byte range a request asks for (RFC 9110 §14): one range `a-b`, `a-` or `-n`; `null` for the whole file (no
 * range, several, a malformed one, or an `If-Range` naming another version), `unsatisfiable` past the end.
 */
export function requestedRange(
  range: string | undefined,
  ifRange: string | undefined,
  etag: string,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!range || size === 0 || (ifRange !== undefined && ifRange !== etag)) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    return n === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  return end < start ? null : { start, end };
}

/**
 * Sends a stored file as a stream (memory bounded by the stream's buffers, whatever the file's size), with its length,
 * and one byte range when asked (206), so that a download cut off on a weak connection resumes.
 */
export function sendStreamedFile(req: FastifyRequest, reply: FastifyReply, f: StreamedFile) {
  const etag = `"${f.sha256}"`;
  const ifRange = req.headers['if-range'];
  const range = requestedRange(req.headers.range, typeof ifRange === 'string' ? ifRange : undefined, etag, f.sizeBytes);
  reply.header('accept-ranges', 'bytes');
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${f.sizeBytes}`).send();
  const { start, end } = range ?? { start: 0, end: f.sizeBytes - 1 };
  if (range) reply.status(206).header('content-range', `bytes ${start}-${end}/${f.sizeBytes}`);
  return downloadHeaders(reply, f)
    .header('content-length', String(end - start + 1))
    .send(f.open(start, end));
}
