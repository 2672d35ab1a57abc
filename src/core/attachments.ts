import type { FastifyReply } from 'fastify';
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
    contentBase64: Type.String({ minLength: 1 }),
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

/** Stores files in the file store (before the transaction: the bytes are kept by checksum). */
export async function storeAttachments(
  store: FileStore,
  prefix: string,
  files: AttachmentInput[] = [],
): Promise<AttachmentMeta[]> {
  const out: AttachmentMeta[] = [];
  for (const [i, f] of files.entries()) {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES)
      throw invalid(`attachments.${i}.contentBase64`, 'invalid_value', {
        detail: `1 byte – ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      });
    const sha256 = sha256Hex(bytes);
    const storageKey = `${prefix}/${sha256}`;
    await store.put(storageKey, bytes);
    out.push({ name: f.name, contentType: f.contentType, sizeBytes: bytes.length, sha256, storageKey });
  }
  return out;
}

/** Sends stored bytes as a download; the name is given both plain (ASCII) and in UTF-8 (RFC 6266). */
export function sendFile(reply: FastifyReply, f: { name: string; contentType: string; sha256: string; bytes: Buffer }) {
  const ascii = f.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${f.sha256}"`)
    .header('cache-control', 'private, max-age=3600')
    .send(f.bytes);
}
