import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.js';
import { fieldLabel } from '../core/field-labels.js';
import { auditStepWords, auditValueWords } from '../modules/audit/index.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLang, t, type Lang, type MessageKey } from '../core/i18n.js';

type AjvError = { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string };

/** The validator's formats in words (a format's name is the program's, never shown). */
const FORMAT_WORDS: Record<string, { vi: string; en: string }> = {
  'calendar-date': {
    vi: 'một ngày có thật, dạng NNNN-TT-NN, từ năm 1900 đến 2100',
    en: 'a real date, YYYY-MM-DD, 1900–2100',
  },
  date: { vi: 'một ngày, dạng NNNN-TT-NN', en: 'a date, YYYY-MM-DD' },
  'date-time': { vi: 'ngày và giờ', en: 'a date and time' },
  uuid: { vi: 'mã định danh', en: 'an identifier' },
  base64: { vi: 'nội dung tệp mã hoá base64', en: 'file content encoded in base64' },
};

const details: Record<Lang, Record<string, (p: Record<string, unknown>) => string>> = {
  vi: {
    minimum: (p) => `phải ≥ ${p.limit}`,
    maximum: (p) => `phải ≤ ${p.limit}`,
    minLength: (p) => `phải có ít nhất ${p.limit} ký tự`,
    maxLength: (p) => `tối đa ${p.limit} ký tự`,
    pattern: () => 'sai định dạng',
    format: (p) => `sai định dạng (${FORMAT_WORDS[String(p.format)]?.vi ?? 'không đúng dạng yêu cầu'})`,
    type: (p) =>
      `phải là kiểu ${p.type === 'integer' ? 'số nguyên' : p.type === 'number' ? 'số' : p.type === 'string' ? 'chuỗi' : String(p.type)}`,
    // (the choices are the program's codes: the form offers them by name, the OpenAPI document lists them)
    enum: () => 'không phải một trong các lựa chọn có sẵn',
    additionalProperties: () => 'trường không được hỗ trợ',
    maxItems: (p) => `tối đa ${p.limit} mục`,
    minItems: (p) => `phải có ít nhất ${p.limit} mục`,
    uniqueItems: () => 'các mục không được trùng nhau',
    exclusiveMinimum: (p) => `phải > ${p.limit}`,
    exclusiveMaximum: (p) => `phải < ${p.limit}`,
    multipleOf: (p) => `phải là bội số của ${p.multipleOf}`,
    minProperties: (p) => `phải có ít nhất ${p.limit} trường`,
    maxProperties: (p) => `tối đa ${p.limit} trường`,
    const: () => 'giá trị không được chấp nhận',
    anyOf: () => 'không khớp với dạng nào được chấp nhận',
  },
  en: {
    minimum: (p) => `must be ≥ ${p.limit}`,
    maximum: (p) => `must be ≤ ${p.limit}`,
    minLength: (p) => `must have at least ${p.limit} characters`,
    maxLength: (p) => `at most ${p.limit} characters`,
    pattern: () => 'wrong format',
    format: (p) => `wrong format (${FORMAT_WORDS[String(p.format)]?.en ?? 'not the form asked for'})`,
    type: (p) => `must be of type ${String(p.type)}`,
    enum: () => 'not one of the choices offered',
    additionalProperties: () => 'field not supported',
    maxItems: (p) => `at most ${p.limit} items`,
    minItems: (p) => `must have at least ${p.limit} items`,
    uniqueItems: () => 'items must not repeat',
    exclusiveMinimum: (p) => `must be > ${p.limit}`,
    exclusiveMaximum: (p) => `must be < ${p.limit}`,
    multipleOf: (p) => `must be a multiple of ${p.multipleOf}`,
    minProperties: (p) => `must have at least ${p.limit} fields`,
    maxProperties: (p) => `at most ${p.limit} fields`,
    const: () => 'value not accepted',
    anyOf: () => 'matches none of the accepted shapes',
  },
};

/** Fastify's refusals before a route runs, by its error code, and the message each is told with. */
const FRAMEWORK_REFUSALS: Record<string, MessageKey> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
};

/** A database error's SQLSTATE, whether the driver's error came bare or wrapped by drizzle (`cause`). */
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** One place turns every error into `{ error: { code, message, field? } }` in the request's language. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = req.lang ?? 'vi';
    if (err instanceof AppError) {
      const params = { ...err.params };
      // A value given per language ("clause@vi", "clause@en") stands for that parameter in the reader's language.
      for (const [k, v] of Object.entries(err.params))
        if (k.endsWith(`@${lang}`)) params[k.slice(0, -lang.length - 1)] = v;
      // A step and a state named in words (an illegal transition's message), never the program's codes: the log's
      // words, whose step names carry the module's prefix ("handover_", "batch_", "org_plan_").
      if (err.messageKey.endsWith('illegal_transition')) {
        const prefix = err.messageKey.slice(0, -'illegal_transition'.length);
        const step = (a: string) => (a === '—' ? a : auditStepWords(lang, prefix, a));
        if (typeof params.action === 'string') params.action = step(params.action);
        if (typeof params.status === 'string') params.status = auditValueWords(lang, params.status) ?? '—';
        if (typeof params.allowed === 'string') params.allowed = params.allowed.split(', ').map(step).join(', ');
      }
      // The field is named as the form names it; the answer's `field` keeps the key for the page to mark the input.
      if (typeof params.field === 'string') params.field = fieldLabel(params.field, lang);
      if (typeof params.whatKey === 'string') params.what = t(lang, params.whatKey as MessageKey, params);
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: t(lang, err.messageKey, params),
          ...(err.field ? { field: err.field } : {}),
        },
      });
    }
    if (err.validation) {
      const v = err.validation[0] as AjvError;
      if (v.keyword === 'required') {
        const field = String(v.params.missingProperty);
        return reply.status(400).send({
          error: { code: 'validation', message: t(lang, 'required', { field: fieldLabel(field, lang) }), field },
        });
      }
      const field =
        v.keyword === 'additionalProperties'
          ? String(v.params.additionalProperty)
          : v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(err.validationContext ?? 'body');
      // (a keyword without a sentence of its own is named generically: Ajv's English never reaches a Vietnamese page)
      const detail = details[lang][v.keyword]?.(v.params) ?? (lang === 'vi' ? 'không đúng yêu cầu' : 'not accepted');
      return reply.status(400).send({
        error: {
          code: 'validation',
          message: t(lang, 'invalid_value', { field: fieldLabel(field, lang), detail }),
          field,
        },
      });
    }
    // Two requests raced to make the same record (a unique key): the second is told it exists, never a fault.
    if (sqlState(err) === '23505') {
      return reply.status(409).send({ error: { code: 'duplicate', message: t(lang, 'duplicate_record') } });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own refusals (the body's parsing, size and type), in the user's language: its English text and
      // codes never reach the page (the probe of 2026-12-07).
      const key: MessageKey =
        FRAMEWORK_REFUSALS[err.code ?? ''] ??
        (status === 413
          ? 'body_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'too_many_requests'
              : 'bad_request');
      return reply.status(status).send({ error: { code: key, message: t(lang, key) } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: t(lang, 'internal') } });
  });
}

/**
 * Errors of the router, before any hook runs (a URL that does not decode, a path parameter past its length): the
 * same `{ error: { code, message } }` as every other answer, not Fastify's own shape.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.query, req.headers['accept-language']);
  return reply.status(err.statusCode && err.statusCode < 500 ? err.statusCode : 400).send({
    error: { code: 'bad_url', message: t(lang, 'bad_url') },
  });
}
