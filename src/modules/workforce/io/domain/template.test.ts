import { describe, expect, it } from 'vitest';
import { makeNationalId } from '../../domain/national-id.js';
import {
  COLUMNS,
  columnForHeader,
  parseDate,
  readRow,
  writeRow,
  type Cell,
  type ColumnKey,
  type RowContext,
  type TemplatePerson,
} from './template.js';

const ctx: RowContext = {
  today: '2026-11-20',
  unit: (c) =>
    ({
      '00004': { code: '00004', provinceCode: '01' },
      '04': { code: '04', provinceCode: '04' },
      '00008': { code: '00008', provinceCode: '01' },
    })[c],
  canWrite: (u) => u.provinceCode === '01',
};

const person: TemplatePerson = {
  unitCode: '00004',
  provinceCode: '01',
  fullName: 'Đặng Thị Thuỷ',
  birthDate: '1988-03-14',
  sex: 'female',
  nationalId: makeNationalId('001', '1988-03-14', 'female', 42),
  ethnicity: 'Tày',
  phone: '0912345678',
  email: 'thuy@hanoi.gov.vn',
  category: 'public_employee',
  educationLevel: 'master',
  educationField: 'archives',
  politicalTheory: 'advanced',
  stateManagement: 'principal_specialist',
  itCertificate: null,
  foreignLanguage: 'Tiếng Anh B2',
  rankCode: 'V.07.01.03',
  salaryStep: 4,
  salaryCoefficient: 4.32,
  partyJoinDate: '2012-02-03',
};

describe('the personnel template', () => {
  it('matches headers whatever their diacritics, case and spacing, and common variants', () => {
    expect(columnForHeader('HỌ VÀ TÊN')).toBe('fullName');
    expect(columnForHeader('  ho  va ten ')).toBe('fullName');
    expect(columnForHeader('So dinh danh ca nhan')).toBe('nationalId');
    expect(columnForHeader('Số CCCD')).toBe('nationalId');
    expect(columnForHeader('Hệ số lương')).toBe('salaryCoefficient');
    expect(columnForHeader('Quê quán')).toBeUndefined();
  });

  it('reads dd/mm/yyyy, ISO and Excel dates, and refuses impossible ones', () => {
    expect(parseDate('14/03/1988')).toBe('1988-03-14');
    expect(parseDate('4-3-1988')).toBe('1988-03-04');
    expect(parseDate(new Date(Date.UTC(1988, 2, 14)))).toBe('1988-03-14');
    expect(parseDate(32216)).toBe('1988-03-14');
    expect(parseDate('29/02/1990')).toBeNull();
    expect(parseDate('1988')).toBeNull();
  });

  it('writes a person as a row that reads back the same', () => {
    const row = writeRow(person, 1);
    expect(row).toMatchObject({
      sex: 'Nữ',
      category: 'Viên chức',
      educationLevel: 'Thạc sĩ',
      educationField: 'Lưu trữ học',
      politicalTheory: 'Cao cấp',
      stateManagement: 'Chuyên viên chính',
      birthDate: '14/03/1988',
    });
    const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, row[c.key]])) as Record<ColumnKey, Cell>;
    const { value, problems } = readRow(cells, ctx);
    expect(problems).toEqual([]);
    expect(value).toEqual(person);
  });

  it('puts back the zeros Excel drops from number cells, and asks when a unit code is ambiguous', () => {
    const base = Object.fromEntries(COLUMNS.map((c) => [c.key, writeRow(person, 1)[c.key]])) as Record<ColumnKey, Cell>;
    const { value } = readRow(
      { ...base, nationalId: Number(person.nationalId), phone: 912345678, rankCode: 1.003, unitCode: 8 },
      ctx,
    );
    expect(value).toMatchObject({
      nationalId: person.nationalId,
      phone: '0912345678',
      rankCode: '01.003',
      unitCode: '00008',
    });
    // 4 could be province 04 or commune 00004; a country-wide importer must say which.
    const { problems } = readRow({ ...base, unitCode: 4 }, { ...ctx, canWrite: () => true });
    expect(problems).toEqual([{ column: 'unitCode', key: 'import_unit_ambiguous', params: { value: '4' } }]);
  });

  it('reports every problem of a row, each on its column', () => {
    const { problems } = readRow(
      {
        fullName: '',
        birthDate: '1988-14-03',
        sex: 'X',
        nationalId: '123',
        unitCode: '99999',
        category: 'Công chức',
        educationLevel: 'Đại học',
        salaryStep: 25,
        email: 'no-at',
      },
      ctx,
    );
    expect(problems.map((p) => [p.column, p.key])).toEqual([
      ['fullName', 'import_required'],
      ['birthDate', 'import_date'],
      ['sex', 'import_enum'],
      ['nationalId', 'import_id_format'],
      ['email', 'import_format'],
      ['unitCode', 'import_unit_unknown'],
      ['salaryStep', 'import_number'],
    ]);
  });
});
