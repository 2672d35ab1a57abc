import { describe, expect, it } from 'vitest';
import { bareName, suggestSuccessor } from './successor.js';

describe('the successor suggested for a former unit', () => {
  it('is the only one when the former unit went whole to one new unit', () => {
    expect(suggestSuccessor('Phường Phúc Xá', [{ code: '00004', name: 'Phường Ba Đình', relation: 'whole' }])).toEqual({
      code: '00004',
      basis: 'only',
    });
  });

  it('is the one that took all the population, not the one that took land only', () => {
    expect(
      suggestSuccessor('Xã An Bình', [
        { code: '10001', name: 'Xã Tân Phú', relation: 'partial_area_only' },
        { code: '10002', name: 'Xã Hòa Lợi', relation: 'partial_area_all_population' },
      ]),
    ).toEqual({ code: '10002', basis: 'population' });
  });

  it('is the one that kept the former name (Ngọc Hà split between Ba Đình and Ngọc Hà)', () => {
    expect(
      suggestSuccessor('Phường Ngọc Hà', [
        { code: '00004', name: 'Phường Ba Đình', relation: 'partial' },
        { code: '00008', name: 'Phường Ngọc Hà', relation: 'partial' },
      ]),
    ).toEqual({ code: '00008', basis: 'name' });
  });

  it('compares names whatever the type and the tone-mark placement', () => {
    expect(bareName('Xã Hoà Bình')).toBe(bareName('Phường Hòa Bình'));
    expect(
      suggestSuccessor('Xã Hoà Bình', [
        { code: '2', name: 'Phường Hòa Bình', relation: 'partial' },
        { code: '1', name: 'Phường Tân Mai', relation: 'partial' },
      ]).code,
    ).toBe('2');
  });

  it('is the only one that took people and land when the others took land only', () => {
    expect(
      suggestSuccessor('Xã Đông Sơn', [
        { code: '3', name: 'Xã Bắc Sơn', relation: 'partial_area_only' },
        { code: '4', name: 'Xã Nam Sơn', relation: 'partial' },
        { code: '5', name: 'Xã Tây Sơn', relation: 'partial_area_only' },
      ]),
    ).toEqual({ code: '4', basis: 'general' });
  });

  it('is left for the province to designate when nothing tells (Điện Biên went to four wards)', () => {
    expect(
      suggestSuccessor('Phường Điện Biên', [
        { code: '00082', name: 'Phường Hoàn Kiếm', relation: 'partial' },
        { code: '00004', name: 'Phường Ba Đình', relation: 'partial' },
        { code: '00235', name: 'Phường Ô Chợ Dừa', relation: 'partial' },
      ]),
    ).toEqual({ code: '00004', basis: 'none' });
  });
});
