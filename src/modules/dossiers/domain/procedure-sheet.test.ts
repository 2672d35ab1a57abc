import { describe, expect, it } from 'vitest';
import {
  columnForHeader,
  fieldFor,
  parseCode,
  parseDay,
  parseDocuments,
  parseFee,
  parseLevel,
  parseWorkingDays,
} from './procedure-sheet.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; code: string }) => (p.ok ? p.value : p.code);

describe("reading the national database's export", () => {
  it('knows the headers whatever their case, diacritics or punctuation', () => {
    expect(columnForHeader('Mã thủ tục')).toBe('code');
    expect(columnForHeader('MÃ TTHC')).toBe('code');
    expect(columnForHeader('Tên thủ tục hành chính')).toBe('name');
    expect(columnForHeader('Lĩnh vực')).toBe('field');
    expect(columnForHeader('Cấp thực hiện')).toBe('level');
    expect(columnForHeader('Thời hạn giải quyết')).toBe('workingDays');
    expect(columnForHeader('Phí/Lệ phí')).toBe('fee');
    expect(columnForHeader('Thành phần hồ sơ')).toBe('documents');
    expect(columnForHeader('Căn cứ pháp lý')).toBe('legalBasis');
    expect(columnForHeader('Ghi chú')).toBeNull();
  });

  it('reads codes, and refuses one Excel turned into a number', () => {
    expect(value(parseCode(' 1.001193 '))).toBe('1.001193');
    expect(value(parseCode('1.012753.000.00.00.H19'))).toBe('1.012753.000.00.00.H19');
    expect(value(parseCode('1.0012'))).toBe('bad_code');
    expect(value(parseCode(''))).toBe('required');
  });

  it('reads the time limit as written in the export', () => {
    expect(value(parseWorkingDays('05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ'))).toBe(5);
    expect(value(parseWorkingDays('03 ngày làm việc; trường hợp cần xác minh thì không quá 05 ngày làm việc'))).toBe(3);
    expect(value(parseWorkingDays('Ngay trong ngày tiếp nhận; sau 15 giờ thì trả trong ngày làm việc tiếp theo'))).toBe(
      0,
    );
    expect(value(parseWorkingDays('08 giờ làm việc'))).toBe(1);
    expect(value(parseWorkingDays('7'))).toBe(7);
    expect(value(parseWorkingDays('Theo quy định'))).toBe('bad_time_limit');
  });

  it('reads fees in đồng, free ones as 0, and refuses a fee it cannot read', () => {
    expect(value(parseFee('8.000 đồng/bản'))).toBe(8000);
    expect(value(parseFee('Lệ phí: 50.000đ'))).toBe(50000);
    expect(value(parseFee('2000'))).toBe(2000);
    expect(value(parseFee('Miễn lệ phí'))).toBe(0);
    expect(value(parseFee(''))).toBe(0);
    expect(value(parseFee('Theo nghị quyết của HĐND tỉnh'))).toBe('bad_fee');
  });

  it('reads the level, the former district level going to the commune', () => {
    expect(value(parseLevel('Cấp Xã'))).toBe('commune');
    expect(value(parseLevel('Cấp Tỉnh, Cấp Xã'))).toBe('commune');
    expect(value(parseLevel('Cấp Huyện'))).toBe('commune');
    expect(value(parseLevel('Cấp Tỉnh'))).toBe('province');
    expect(value(parseLevel('Khác'))).toBe('bad_level');
  });

  it('splits the required papers into one per line, without bullets and headings', () => {
    expect(
      value(
        parseDocuments(
          'Thành phần hồ sơ gồm:\n- Tờ khai đăng ký khai sinh;\n+ Giấy chứng sinh.\nSố lượng hồ sơ: 01 bộ',
        ),
      ),
    ).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    expect(value(parseDocuments('Tờ khai; Giấy chứng sinh'))).toEqual(['Tờ khai', 'Giấy chứng sinh']);
  });

  it('maps the field by its label, others to "other fields"', () => {
    const labels = new Map([['ho tich', 'ho_tich']]);
    expect(fieldFor('HỘ TỊCH', labels)).toBe('ho_tich');
    expect(fieldFor('Đường bộ', labels)).toBe('khac');
  });
});

describe('the 766 transparency dates of a row', () => {
  it('reads "Ngày công bố" and "Ngày có hiệu lực" as days, written or as date cells', () => {
    expect(columnForHeader('Ngày công bố')).toBe('publishedOn');
    expect(columnForHeader('NGÀY CÓ HIỆU LỰC')).toBe('effectiveOn');
    expect(value(parseDay('02/03/2026'))).toBe('2026-03-02');
    expect(value(parseDay('2/3/2026'))).toBe('2026-03-02');
    expect(value(parseDay('2026-03-09'))).toBe('2026-03-09');
    expect(value(parseDay('46083'))).toBe('2026-03-02'); // Excel's day number of 2/3/2026
    expect(value(parseDay(''))).toBeNull();
    expect(value(parseDay('31/02/2026'))).toBe('bad_date');
    expect(value(parseDay('tháng 3'))).toBe('bad_date');
  });
});
