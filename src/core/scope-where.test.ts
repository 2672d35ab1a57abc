import { describe, expect, it } from 'vitest';
import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { scopeWhere } from './scope.js';

const rows = pgTable('rows', {
  provinceCode: text('province_code'),
  unitCode: text('unit_code'),
  otherUnit: text('other_unit'),
});
const dialect = new PgDialect();
const render = (cond: ReturnType<typeof scopeWhere>) =>
  cond ? (({ sql, params }) => ({ sql, params }))(dialect.sqlToQuery(cond)) : null;

describe('scopeWhere', () => {
  it('filters nothing for the country, the province for a province, province and unit for a commune', () => {
    expect(render(scopeWhere({ provinceCode: null, communeCode: null }, rows))).toBeNull();
    expect(render(scopeWhere({ provinceCode: '01', communeCode: null }, rows))).toEqual({
      sql: '"rows"."province_code" = $1',
      params: ['01'],
    });
    expect(render(scopeWhere({ provinceCode: '01', communeCode: '00004' }, rows))).toEqual({
      sql: '("rows"."province_code" = $1 and "rows"."unit_code" = $2)',
      params: ['01', '00004'],
    });
  });

  it('lets a commune see a row that belongs to either of its unit columns', () => {
    const q = render(
      scopeWhere(
        { provinceCode: '01', communeCode: '00004' },
        { provinceCode: rows.provinceCode, unitCode: [rows.unitCode, rows.otherUnit] },
      ),
    );
    expect(q).toEqual({
      sql: '("rows"."province_code" = $1 and ("rows"."unit_code" = $2 or "rows"."other_unit" = $3))',
      params: ['01', '00004', '00004'],
    });
  });
});
