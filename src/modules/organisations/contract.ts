/**
 * The API contract of the organisations module: public service units, state-owned enterprises and their rearrangement
 * plans. The routes import the schemas; the web imports the types.
 */
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, OrNull, Page, Paging, StringEnum } from '../../core/schemas.js';
import { ORG_KINDS, PLAN_ACTIONS, PLAN_KINDS, PLAN_STATES } from './domain/plans.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Uuid = Type.String({ format: 'uuid' });
const ProvinceCode = Type.String({ pattern: '^\\d{2}$' });
const UnitCode = Type.String({ pattern: '^(\\d{2}|\\d{5})$' });
const Money = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'VND' });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });

export const Id = Type.Object({ id: Uuid });
export const LangQuery = Type.Object({ lang: Lang });

export const OrgUnitBody = Type.Object(
  {
    kind: StringEnum(ORG_KINDS),
    provinceCode: Type.Optional(ProvinceCode),
    unitCode: Type.Optional(UnitCode),
    ministry: Type.Optional(Text(200)),
    name: Text(300),
    field: Type.Optional(Type.String({ maxLength: 100 })),
    autonomy: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'autonomy group (Decree 60/2021)' })),
    staff: Type.Optional(Count),
    budgetVnd: Type.Optional(Money),
    ownerAgency: Type.Optional(Type.String({ maxLength: 300 })),
    charterCapitalVnd: Type.Optional(Money),
    employees: Type.Optional(Count),
    validFrom: IsoDate('since when it exists'),
  },
  { additionalProperties: false },
);

export const OrgUnitQuery = Type.Object({
  kind: Type.Optional(StringEnum(ORG_KINDS)),
  province: Type.Optional(ProvinceCode),
  ministry: Type.Optional(Type.String({ maxLength: 200 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  current: Type.Optional(Type.Boolean({ description: 'only those still existing' })),
  ...Paging,
  lang: Lang,
});

export const OrgUnit = Type.Object({
  id: Uuid,
  kind: StringEnum(ORG_KINDS),
  provinceCode: OrNull(Type.String()),
  unitCode: OrNull(Type.String()),
  ministry: OrNull(Type.String()),
  underName: OrNull(Type.String({ description: 'the ministry, commune or province the unit lies under, by name' })),
  name: Type.String(),
  field: OrNull(Type.String()),
  autonomy: OrNull(Type.Integer()),
  staff: OrNull(Type.Integer()),
  budgetVnd: OrNull(Type.Integer()),
  ownerAgency: OrNull(Type.String()),
  charterCapitalVnd: OrNull(Type.Integer()),
  employees: OrNull(Type.Integer()),
  validFrom: Type.String(),
  validTo: OrNull(Type.String()),
  madeByPlan: OrNull(Uuid),
  actions: Type.Array(Type.String()),
});
export const OrgUnitPage = Page(OrgUnit);

export const PlanBody = Type.Object(
  {
    kind: StringEnum(PLAN_KINDS),
    title: Text(300),
    provinceCode: Type.Optional(ProvinceCode),
    ministry: Type.Optional(Text(200)),
    decisionNumber: Type.Optional(Type.String({ maxLength: 60 })),
    decisionDate: Type.Optional(IsoDate('date of the decision')),
    targetDate: IsoDate('when the plan must be carried out'),
    before: Type.Array(Uuid, { maxItems: 100, description: 'the units the plan rearranges' }),
    after: Type.Array(Type.Object({ name: Text(300) }, { additionalProperties: false }), { maxItems: 100 }),
    staffMoved: Type.Optional(Count),
    newOwner: Type.Optional(Type.String({ maxLength: 300 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    clientRef: Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })),
  },
  { additionalProperties: false },
);

export const PlanActBody = Type.Object(
  {
    action: StringEnum(PLAN_ACTIONS),
    decisionNumber: Type.Optional(Type.String({ maxLength: 60 })),
    decisionDate: Type.Optional(IsoDate('date of the decision')),
    doneOn: Type.Optional(IsoDate('the day the rearrangement took effect')),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const PlanQuery = Type.Object({
  kind: Type.Optional(StringEnum(PLAN_KINDS)),
  state: Type.Optional(StringEnum(PLAN_STATES)),
  province: Type.Optional(ProvinceCode),
  overdue: Type.Optional(Type.Boolean()),
  ...Paging,
  lang: Lang,
});

const PlanUnit = Type.Object({ id: OrNull(Uuid), name: Type.String() });
export const OrgPlan = Type.Object({
  id: Uuid,
  provinceCode: OrNull(Type.String()),
  ministry: OrNull(Type.String()),
  kind: StringEnum(PLAN_KINDS),
  title: Type.String(),
  decisionNumber: OrNull(Type.String()),
  decisionDate: OrNull(Type.String()),
  targetDate: Type.String(),
  state: StringEnum(PLAN_STATES),
  staffMoved: Type.Integer(),
  newOwner: OrNull(Type.String()),
  doneOn: OrNull(Type.String()),
  note: OrNull(Type.String()),
  before: Type.Array(PlanUnit),
  after: Type.Array(PlanUnit),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  actions: Type.Array(Type.String()),
});
export const OrgPlanPage = Page(OrgPlan);

export const ProgressRow = Type.Object({
  code: Type.String({ description: 'a province code, or a ministry name' }),
  name: Type.String(),
  owner: StringEnum(['province', 'ministry'] as const),
  plans: Type.Integer(),
  byKind: Type.Record(Type.String(), Type.Integer()),
  byState: Type.Record(Type.String(), Type.Integer()),
  overdue: Type.Integer(),
  unitsBefore: Type.Integer({ description: 'units closed by completed plans' }),
  unitsAfter: Type.Integer({ description: 'units made by completed plans' }),
  currentUnits: Type.Integer(),
});
export const Progress = Type.Object({ rows: Type.Array(ProgressRow) });

export type OrgUnit = Static<typeof OrgUnit>;
export type OrgPlan = Static<typeof OrgPlan>;
export type OrgUnitBody = Static<typeof OrgUnitBody>;
export type PlanBody = Static<typeof PlanBody>;
export type Progress = Static<typeof Progress>;
export type ProgressRow = Static<typeof ProgressRow>;
