// The units API's contract: every route's request and response schemas (the routes import them; the web
// imports the types). Built once at module level.
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, OrNull, Paging, StringEnum } from '../../core/schemas.js';
import { UNIT_ACTIONS } from './domain/actions.js';

const At = Type.Optional(IsoDate('answer as of this date (YYYY-MM-DD); default today in Vietnam'));
const UnitCode = Type.String({ pattern: '^\\d{2}$|^\\d{5}$', description: '2-digit province or 5-digit commune code' });
const Level = StringEnum(['province', 'commune'] as const);

export const Counts = Type.Object({
  xa: Type.Integer(),
  phuong: Type.Integer(),
  dac_khu: Type.Integer(),
  total: Type.Integer(),
});
export const FormerName = Type.Object({
  name: Type.String({ description: "the former unit's full name, e.g. Phường Trúc Bạch" }),
  level: StringEnum(['province', 'district', 'commune'] as const),
  districtName: OrNull(Type.String()),
  provinceName: OrNull(Type.String()),
  relation: StringEnum(['whole', 'part'] as const, { description: 'whole: merged whole into this unit; part: split' }),
});
export const UnitItem = Type.Object({
  code: Type.String(),
  level: Level,
  provinceCode: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'tinh | thanh_pho | xa | phuong | dac_khu, as of `at`' }),
  fullName: Type.String(),
  areaKm2: OrNull(Type.Number()),
  population: OrNull(Type.Integer()),
  counts: Type.Optional(Counts),
  formerly: Type.Optional(
    Type.Array(FormerName, { description: 'former units (before 1/7/2025) whose name matched the search `q`' }),
  ),
});

export const UnitsQuery = Type.Object({
  level: Type.Optional(Level),
  province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'province code' })),
  type: Type.Optional(StringEnum(['xa', 'phuong', 'dac_khu', 'tinh', 'thanh_pho'] as const)),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'name; ignores diacritics, tone-mark placement and case' }),
  ),
  at: At,
  ...Paging,
  lang: Lang,
});
export const UnitPage = Type.Object({
  items: Type.Array(UnitItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  at: Type.String(),
});

export const UnitNamesQuery = Type.Object({
  province: Type.String({ pattern: '^\\d{2}$' }),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  at: At,
  lang: Lang,
});
export const UnitName = Type.Object({
  code: Type.String(),
  level: Level,
  fullName: Type.String(),
  type: Type.String(),
});
export const UnitNames = Type.Object({ items: Type.Array(UnitName), at: Type.String() });

export const UnitParams = Type.Object({ code: UnitCode });
export const UnitDetailQuery = Type.Object({ at: At, lang: Lang });
export const LangQuery = Type.Object({ lang: Lang });

/** The days and hours the unit's one-stop is open (src/modules/units/domain/office-hours.ts). */
export const OfficeHours = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1,
      maxItems: 7,
      description: 'ISO weekdays: 1 Monday … 7 Sunday',
    }),
    periods: Type.Array(
      Type.Object(
        { from: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), to: Type.String({ pattern: '^\\d{2}:\\d{2}$' }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
);
export type OfficeHours = Static<typeof OfficeHours>;

export const Profile = Type.Object({
  address: OrNull(Type.String()),
  phone: OrNull(Type.String()),
  email: OrNull(Type.String()),
  chairName: OrNull(Type.String()),
  officeHours: OrNull(OfficeHours),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const FormerUnit = Type.Object({
  code: OrNull(Type.String()),
  name: Type.String(),
  level: Type.String(),
  type: OrNull(Type.String()),
  parentName: OrNull(Type.String()),
  provinceCode: OrNull(Type.String()),
  provinceName: OrNull(Type.String()),
  relation: Type.String(),
  note: OrNull(Type.String()),
  otherSuccessors: Type.Array(Type.Object({ code: Type.String(), fullName: Type.String() })),
});
export const UnitDetail = Type.Object({
  ...UnitItem.properties,
  gisAreaKm2: OrNull(Type.Number()),
  statsFlags: Type.String(),
  at: Type.String(),
  province: OrNull(
    Type.Object({ code: Type.String(), name: Type.String(), fullName: Type.String(), type: Type.String() }),
  ),
  versions: Type.Array(
    Type.Object({
      validFrom: Type.String(),
      validTo: OrNull(Type.String()),
      type: Type.String(),
      fullName: Type.String(),
      legalBasis: OrNull(Type.String()),
    }),
  ),
  pendingAmendments: Type.Array(
    Type.Object({ typeAfter: Type.String(), fullNameAfter: Type.String(), legalBasis: Type.String() }),
  ),
  formerUnits: Type.Array(FormerUnit),
  profile: OrNull(Profile),
  actions: Type.Array(StringEnum(UNIT_ACTIONS), { description: 'what the caller may do with this unit' }),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
export const ProfilePatch = Type.Object(
  {
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200, pattern: '^$|^[^@\\s]+@[^@\\s]+$' }))),
    chairName: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    officeHours: Type.Optional(Type.Union([OfficeHours, Type.Null()], { description: 'null: the default hours' })),
  },
  { additionalProperties: false },
);

export type Counts = Static<typeof Counts>;
export type UnitItem = Static<typeof UnitItem>;
export type UnitPage = Static<typeof UnitPage>;
export type UnitName = Static<typeof UnitName>;
export type Profile = Static<typeof Profile>;
export type FormerUnit = Static<typeof FormerUnit>;
export type UnitDetail = Static<typeof UnitDetail>;
export type UnitAction = (typeof UNIT_ACTIONS)[number];

export const CommuneGeoQuery = Type.Object({
  province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'a province: all its communes' })),
  around: Type.Optional(Type.String({ pattern: '^\\d{5}$', description: 'a commune: it and its neighbours' })),
});
export const CommuneGeo = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        properties: Type.Object({
          code: Type.String(),
          name: Type.String(),
          fullName: Type.String(),
          provinceCode: Type.String(),
        }),
        geometry: Type.Object({ type: StringEnum(['Polygon', 'MultiPolygon'] as const), coordinates: Type.Unknown() }),
      }),
    ),
  },
  { description: "GeoJSON of communes (simplified 2025 boundaries): a province's, or one and its neighbours first" },
);
