import { Type, type Static, type TSchema } from 'typebox';
import { isIsoDate } from './calendar/dates.js';

/** A string enum as plain JSON Schema `enum` (clear validation errors, clean OpenAPI). */
export const StringEnum = <const T extends readonly string[]>(values: T, opts: Record<string, unknown> = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

/** The years a date the API takes may fall in: birth dates of the living to the deadlines of the coming decades. */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2100-12-31';

/**
 * A real calendar date 'YYYY-MM-DD' within FIRST_DATE–LAST_DATE (2025-02-30, 2026-13-45 and 9999-01-01 are
 * refused with a 400 naming the field, never passed on to the database or rolled into March).
 */
export const isCalendarDate = (s: string) => isIsoDate(s) && s >= FIRST_DATE && s <= LAST_DATE;

/**
 * Standard base64 (RFC 4648 §4, padded; line breaks allowed): Node's decoder skips any other character silently, so
 * "!!!notbase64***" was stored as 6 bytes of garbage (a probe, 2026-12-08).
 */
export function isBase64(s: string): boolean {
  // a loop, not a regular expression: a file of 10 MB is 14 million characters (a repeated group overflowed the stack)
  let n = 0;
  let pad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) continue; // line breaks
    const alphabet =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 /* + */ || c === 47; /* / */
    if (c === 61 /* = */) pad++;
    else if (!alphabet || pad) return false; // a character outside the alphabet, or after the padding
    n++;
  }
  return n % 4 === 0 && pad <= 2;
}

/** The validator's formats of the API (registered with Fastify's Ajv in the server). */
export const API_FORMATS = { 'calendar-date': isCalendarDate, base64: isBase64 } as const;

export const IsoDate = (description: string) =>
  Type.String({ format: 'calendar-date', description: `${description} (YYYY-MM-DD, 1900–2100)` });

/** The last page a list may be asked for (its offset stays a whole number PostgreSQL reads; a page past it is a 400). */
export const MAX_PAGE = 100_000;

export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

/**
 * A value or null, as one JSON Schema type list (quick to serialize; anyOf would validate at run time). For a schema
 * with a single `type`; an `enum` gets null added too.
 */
export const OrNull = <T extends TSchema>(schema: T) => {
  const s = schema as { type?: unknown; enum?: unknown[] };
  if (typeof s.type !== 'string') throw new Error('OrNull needs a schema with a single type');
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    type: [s.type, 'null'],
    ...(s.enum ? { enum: [...s.enum, null] } : {}),
  });
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
});

export const Lang = Type.Optional(
  StringEnum(['vi', 'en'] as const, { description: 'language of messages (default: Accept-Language, then vi)' }),
);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file download: documented, never serialized (the route sends a stream). */
export const XlsxFile = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'an Excel workbook (.xlsx)',
});
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A Word document download: documented, never serialized (the route sends the bytes). */
export const DocxFile = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'a Word document (.docx)',
});
export const PDF_TYPE = 'application/pdf';
/** A PDF download: documented, never serialized (the route sends the bytes). */
export const PdfFile = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'a PDF document',
});

/** Who acted, as a person reads it (core/actor-names.ts): the holder's name and post, or null (the platform, a citizen). */
export const ActedBy = OrNull(
  Type.Object(
    { name: Type.String(), post: OrNull(Type.String()) },
    { description: 'who acted, by name and post (never a login name); null for the platform or a citizen' },
  ),
);
