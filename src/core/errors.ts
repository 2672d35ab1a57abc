import type { MessageKey } from './i18n.js';

/** The one error type: a status, a stable code, the catalogue key of its message and the field at fault. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly messageKey: MessageKey,
    public readonly params: Record<string, string | number> = {},
    public readonly field?: string,
  ) {
    super(code);
  }
}

export const notFound = (what: MessageKey, params: Record<string, string | number> = {}) =>
  new AppError(404, 'not_found', 'not_found', { ...params, whatKey: what });
export const forbidden = () => new AppError(403, 'forbidden', 'forbidden');
export const outOfScope = (code: string) => new AppError(403, 'out_of_scope', 'out_of_scope', { code });
export const invalid = (
  field: string,
  key: MessageKey = 'invalid_value',
  params: Record<string, string | number> = {},
) => new AppError(400, 'validation', key, { field, ...params }, field);
