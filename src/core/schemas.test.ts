import { describe, expect, it } from 'vitest';
import { isBase64, isCalendarDate } from './schemas.js';

describe('the formats the API checks', () => {
  it('takes padded base64 (line breaks allowed) and nothing Node would decode into garbage', () => {
    for (const ok of ['QQ==', 'QUI=', 'QUJD', 'QU\nJD', 'QUJD\r\nRA==', Buffer.from('%PDF-1.4 ảnh').toString('base64')])
      expect(isBase64(ok), ok).toBe(true);
    for (const bad of ['!!!notbase64***', '=', 'QQ=', 'Q===', 'QQ==QQ==', 'QUJ', 'QU JD', 'QUJD-_=='])
      expect(isBase64(bad), bad).toBe(false);
  });

  it('reads a 10 MB file in one pass (a repeated group of a regular expression overflowed the stack)', () => {
    expect(isBase64(Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64'))).toBe(true);
  });

  it('takes real dates from 1900 to 2100 only', () => {
    expect(['2025-02-28', '2024-02-29', '1900-01-01', '2100-12-31'].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['2025-02-30', '2026-13-45', '1899-12-31', '2101-01-01'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
