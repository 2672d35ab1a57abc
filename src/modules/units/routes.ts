import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { IsoDate, Lang, Paging, StringEnum } from '../../core/schemas.js';
import { getUnit, listUnits, unitNames, updateProfile } from './service.js';

const At = Type.Optional(IsoDate('answer as of this date (YYYY-MM-DD); default today in Vietnam'));
const UnitCode = Type.String({ pattern: '^\\d{2}$|^\\d{5}$', description: '2-digit province or 5-digit commune code' });
const Counts = Type.Object({
  xa: Type.Integer(),
  phuong: Type.Integer(),
  dac_khu: Type.Integer(),
  total: Type.Integer(),
});
const UnitItem = Type.Object({
  code: Type.String(),
  level: StringEnum(['province', 'commune'] as const),
  provinceCode: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'tinh | thanh_pho | xa | phuong | dac_khu, as of `at`' }),
  fullName: Type.String(),
  areaKm2: Type.Union([Type.Number(), Type.Null()]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  counts: Type.Optional(Counts),
});
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export async function unitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'List administrative units in your scope',
        querystring: Type.Object({
          level: Type.Optional(StringEnum(['province', 'commune'] as const)),
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'province code' })),
          type: Type.Optional(StringEnum(['xa', 'phuong', 'dac_khu', 'tinh', 'thanh_pho'] as const)),
          q: Type.Optional(
            Type.String({ maxLength: 100, description: 'name; ignores diacritics, tone-mark placement and case' }),
          ),
          at: At,
          ...Paging,
          lang: Lang,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(UnitItem),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            at: Type.String(),
          }),
        },
      },
    },
    (req) =>
      listUnits(app.database.db, actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );

  r.get(
    '/api/units/names',
    {
      schema: {
        tags: ['units'],
        summary: 'Codes and names of the units of a province (for pickers); any user of that province',
        querystring: Type.Object({
          province: Type.String({ pattern: '^\\d{2}$' }),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          at: At,
          lang: Lang,
        }),
      },
    },
    (req) => unitNames(app.database.db, actorOf(req), req.query.province, req.query),
  );

  r.get(
    '/api/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with its province, dated versions, former units (lineage) and counts',
        params: Type.Object({ code: UnitCode }),
        querystring: Type.Object({ at: At, lang: Lang }),
      },
    },
    (req) => getUnit(app.database.db, actorOf(req), req.params.code, req.query.at),
  );

  r.patch(
    '/api/units/:code/profile',
    {
      schema: {
        tags: ['units'],
        summary: "Update the unit's contact details (audited; repeating the same request changes nothing)",
        params: Type.Object({ code: UnitCode }),
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' }))),
            email: Type.Optional(Nullable(Type.String({ maxLength: 200, pattern: '^$|^[^@\\s]+@[^@\\s]+$' }))),
            chairName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => updateProfile(app.database.db, actorOf(req), req.params.code, req.body),
  );
}
