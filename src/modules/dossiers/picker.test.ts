import { describe, expect, it } from 'vitest';
import { matchProcedures } from '../../../web/src/procedureSearch.js';
import { procedureCatalogue } from './reference.js';

// The intake page's procedure picker filters the list it loaded with matchProcedures (the server's `q` uses the same
// rule, procedure-import.test.ts): an officer typing without diacritics, as on a keyboard without Vietnamese input,
// finds the procedure.
describe("the intake page's procedure picker", () => {
  const catalogue = procedureCatalogue().procedures;
  const names = (q: string) => matchProcedures(catalogue, q).map((p) => p.name);

  it('finds "Đăng ký khai sinh" typed without diacritics, in any case', () => {
    for (const q of [
      'dang ky khai sinh',
      'DANG KY KHAI SINH',
      'Dang Ky Khai Sinh',
      'đăng ký khai sinh',
      'dăng ky khai sinh',
    ]) {
      expect(names(q), q).toContain('Đăng ký khai sinh');
      for (const n of names(q)) expect(n, q).toMatch(/^Đăng ký.* khai sinh/i);
    }
  });

  it('finds other commune procedures typed without diacritics, and by the start of their code', () => {
    expect(names('chung thuc ban sao')).toContain('Chứng thực bản sao từ bản chính giấy tờ, văn bản');
    expect(names('giay phep xay dung nha o rieng le')).toContain(
      'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    );
    expect(matchProcedures(catalogue, '1.001193').map((p) => p.code)).toEqual(['1.001193']);
    expect(names('khong co thu tuc nay')).toEqual([]);
  });
});
