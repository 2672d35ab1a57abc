import { describe, expect, it } from 'vitest';
import { buildFormerIndex, matchFormer, type LineageRow } from './former-names.js';

const row = (r: Partial<LineageRow> & Pick<LineageRow, 'oldUnitName' | 'newUnitCode'>): LineageRow => ({
  newProvinceCode: '01',
  oldUnitCode: null,
  oldLevel: 'commune',
  oldParentCode: '001',
  oldParentName: 'Quận Ba Đình',
  oldProvinceCode: '01',
  oldProvinceName: 'Thành phố Hà Nội',
  relation: 'whole',
  ...r,
});

// Lineage rows as in the registry's lineage.csv (Hà Nội, Ba Đình; Hà Tây into Hà Nội).
const index = buildFormerIndex([
  row({ oldUnitCode: '00004', oldUnitName: 'Phường Trúc Bạch', newUnitCode: '00004' }),
  row({ oldUnitCode: '00008', oldUnitName: 'Phường Quán Thánh', newUnitCode: '00004' }),
  row({ oldUnitCode: '00031', oldUnitName: 'Phường Ngọc Hà', newUnitCode: '00004', relation: 'part' }),
  row({ oldUnitCode: '00031', oldUnitName: 'Phường Ngọc Hà', newUnitCode: '00025', relation: 'part' }),
  row({ oldUnitCode: '00028', oldUnitName: 'Phường Kim Mã', newUnitCode: '00025' }),
  row({
    oldUnitCode: '318',
    oldUnitName: 'Huyện Bạch Long Vĩ',
    oldLevel: 'district',
    oldParentCode: '31',
    oldParentName: 'Thành phố Hải Phòng',
    oldProvinceCode: '31',
    oldProvinceName: 'Thành phố Hải Phòng',
    newUnitCode: '11948',
    newProvinceCode: '31',
  }),
  row({
    oldUnitCode: '02',
    oldUnitName: 'Tỉnh Hà Giang',
    oldLevel: 'province',
    oldParentCode: null,
    newUnitCode: '08',
  }),
]);

describe('units found by a former name', () => {
  it('leads a merged former ward to its successor, with its old district and province', () => {
    expect(Object.fromEntries(matchFormer(index, 'truc bach'))).toEqual({
      '00004': [
        {
          name: 'Phường Trúc Bạch',
          level: 'commune',
          districtName: 'Quận Ba Đình',
          provinceName: 'Thành phố Hà Nội',
          relation: 'whole',
        },
      ],
    });
  });

  it('leads a split former ward to each successor, marked as a part', () => {
    const m = matchFormer(index, 'ngoc ha');
    expect([...m.keys()].sort()).toEqual(['00004', '00025']);
    expect(m.get('00025')![0]!.relation).toBe('part');
  });

  it('leads a former district to every new unit that took one of its communes', () => {
    const m = matchFormer(index, 'ba dinh');
    expect([...m.keys()].sort()).toEqual(['00004', '00025']);
    expect(m.get('00004')![0]).toMatchObject({ name: 'Quận Ba Đình', level: 'district', relation: 'part' });
  });

  it('knows an island district made whole into a special zone, and a former province', () => {
    expect(matchFormer(index, 'bach long vi').get('11948')![0]).toMatchObject({ level: 'district', relation: 'whole' });
    expect(matchFormer(index, 'ha giang').get('08')![0]).toMatchObject({ name: 'Tỉnh Hà Giang', level: 'province' });
  });

  it('matches words from their start, and nothing for a key under three letters', () => {
    expect(matchFormer(index, 'bach').has('00004')).toBe(true); // "Trúc Bạch"
    expect(matchFormer(index, 'ach').size).toBe(0); // inside a word
    expect(matchFormer(index, 'ha').size).toBe(0);
  });
});
