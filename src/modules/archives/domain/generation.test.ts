import { describe, expect, it } from 'vitest';
import { handoverSeeds, type LineageRow } from './generation.js';

const row = (r: Partial<LineageRow>): LineageRow => ({
  oldUnitCode: null,
  oldUnitName: '',
  oldLevel: 'commune',
  oldParentCode: null,
  oldParentName: null,
  oldProvinceCode: '01',
  oldProvinceName: 'Thành phố Hà Nội',
  newUnitCode: '',
  newUnitName: '',
  newProvinceCode: '01',
  relation: 'whole',
  ...r,
});

/** Hà Nội unchanged; Hà Tây-like old province 02 merged into 08; two old wards of district 001, one split. */
const LINEAGE: LineageRow[] = [
  row({
    oldUnitCode: '01',
    oldUnitName: 'Thành phố Hà Nội',
    oldLevel: 'province',
    newUnitCode: '01',
    newUnitName: 'Thành phố Hà Nội',
    relation: 'unchanged',
  }),
  row({
    oldUnitCode: '02',
    oldUnitName: 'Tỉnh Hà Giang',
    oldLevel: 'province',
    oldProvinceCode: '02',
    newUnitCode: '08',
    newUnitName: 'Tỉnh Tuyên Quang',
    newProvinceCode: '08',
  }),
  row({
    oldUnitCode: '08',
    oldUnitName: 'Tỉnh Tuyên Quang',
    oldLevel: 'province',
    oldProvinceCode: '08',
    newUnitCode: '08',
    newUnitName: 'Tỉnh Tuyên Quang',
    newProvinceCode: '08',
  }),
  row({
    oldUnitCode: '00001',
    oldUnitName: 'Phường Phúc Xá',
    oldParentCode: '001',
    oldParentName: 'Quận Ba Đình',
    newUnitCode: '00004',
    newUnitName: 'Phường Ba Đình',
  }),
  row({
    oldUnitCode: '00016',
    oldUnitName: 'Phường Ngọc Hà',
    oldParentCode: '001',
    oldParentName: 'Quận Ba Đình',
    newUnitCode: '00004',
    newUnitName: 'Phường Ba Đình',
    relation: 'partial',
  }),
  row({
    oldUnitCode: '00016',
    oldUnitName: 'Phường Ngọc Hà',
    oldParentCode: '001',
    oldParentName: 'Quận Ba Đình',
    newUnitCode: '00008',
    newUnitName: 'Phường Ngọc Hà',
    relation: 'partial',
  }),
  row({
    oldUnitCode: '318',
    oldUnitName: 'Huyện Bạch Long Vĩ',
    oldLevel: 'district',
    oldProvinceCode: '31',
    oldProvinceName: 'Thành phố Hải Phòng',
    newUnitCode: '11948',
    newUnitName: 'Đặc khu Bạch Long Vĩ',
    newProvinceCode: '31',
  }),
  row({
    oldUnitCode: null,
    oldUnitName: 'Khu vực bãi bồi ven biển',
    oldLevel: 'other',
    newUnitCode: '14698',
    newUnitName: 'Xã Kim Đông',
    newProvinceCode: '37',
  }),
];

describe('the hand-overs generated from the lineage', () => {
  const seeds = handoverSeeds(LINEAGE);
  const of = (level: string, code: string) => seeds.find((s) => s.formerLevel === level && s.formerCode === code);

  it('makes one per former commune, even one split between two new units', () => {
    expect(seeds.filter((s) => s.formerLevel === 'commune').map((s) => s.formerCode)).toEqual(['00001', '00016']);
    expect(of('commune', '00016')).toMatchObject({ successorCode: '00008', basis: 'name', provinceCode: '01' });
    expect(of('commune', '00016')!.options.map((o) => o.code)).toEqual(['00004', '00008']);
  });

  it("sends a former district's archive to its province, an island district's to its special zone", () => {
    expect(of('district', '001')).toMatchObject({
      formerName: 'Quận Ba Đình',
      successorCode: '01',
      successorLevel: 'province',
      successorName: 'Thành phố Hà Nội',
    });
    expect(of('district', '318')).toMatchObject({
      successorCode: '11948',
      successorLevel: 'commune',
      provinceCode: '31',
    });
  });

  it('makes one per merged province, none for an unchanged province or an area without a code', () => {
    expect(seeds.filter((s) => s.formerLevel === 'province').map((s) => [s.formerCode, s.successorCode])).toEqual([
      ['02', '08'],
      ['08', '08'],
    ]);
    expect(seeds.some((s) => s.successorCode === '14698')).toBe(false);
    expect(seeds).toHaveLength(6);
  });
});
