import { describe, expect, it } from 'vitest';
import { columnsOf, rowToDescription, sheetDate, SHEET_COLUMNS } from './sheet.js';
import { descriptionProblems } from './digitization.js';

describe('the descriptions sheet', () => {
  it('finds its columns whatever the order, case or diacritics, and names those missing', () => {
    const { columns, missing } = columnsOf(['TRÍCH YẾU', 'Phong', 'Mã hồ sơ', 'x']);
    expect(columns.get('summary')).toBe(1);
    expect(columns.get('fonds')).toBe(2);
    expect(missing).toContain('Ngày văn bản');
    expect(missing).not.toContain('Phông');
  });

  it('reads dates written dd/mm/yyyy or as Excel dates', () => {
    expect(sheetDate('12/3/2015')).toBe('2015-03-12');
    expect(sheetDate(new Date(Date.UTC(2015, 2, 12)))).toBe('2015-03-12');
    expect(sheetDate('2015-03-12')).toBe('2015-03-12');
    expect(sheetDate('12.3.2015')).toBe('');
  });

  it('turns the words of retention and access into values, and lets the checks name a bad cell', () => {
    const { columns } = columnsOf(SHEET_COLUMNS.map((c) => c.header));
    const d = rowToDescription(
      [
        'Phông UBND xã',
        'X.01',
        '45',
        'QĐ-UBND',
        '12/03/2015',
        'UBND xã',
        'Quyết định giao đất',
        3,
        'Vĩnh viễn',
        'Hạn chế',
      ],
      columns,
    );
    expect(d).toMatchObject({ docDate: '2015-03-12', retention: 'permanent', access: 'restricted', pageCount: 3 });
    expect(descriptionProblems(d, '2026-03-02')).toEqual([]);
    const bad = rowToDescription(['P', 'X', '', '', '31/02/2015x', 'B', 'S', 'ba', 'mãi mãi', 'Hạn chế'], columns);
    expect(descriptionProblems(bad, '2026-03-02').map((p) => p.field)).toEqual(['docDate', 'pageCount', 'retention']);
  });
});
