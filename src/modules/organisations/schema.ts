import { pgTable, text, integer, bigint, date, timestamp, uuid, serial, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A public service unit (đơn vị sự nghiệp công lập) or a state-owned enterprise, under a province, a commune or a
 * ministry. province_code / unit_code: where it lies (null for a ministry's: `ministry` names the owner). A unit exists
 * over [valid_from, valid_to): a completed plan closes the units before it and opens those after it.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['public_service_unit', 'state_enterprise'] }).notNull(),
    provinceCode: text('province_code'),
    unitCode: text('unit_code'),
    ministry: text('ministry'),
    name: text('name').notNull(),
    searchKey: text('search_key').notNull(),
    /** public service unit: its field (education, health…) and autonomy group (Decree 60/2021: 1–4) */
    field: text('field'),
    autonomy: integer('autonomy'),
    staff: integer('staff'),
    budgetVnd: bigint('budget_vnd', { mode: 'number' }),
    /** enterprise: its owner agency, charter capital and employees */
    ownerAgency: text('owner_agency'),
    charterCapitalVnd: bigint('charter_capital_vnd', { mode: 'number' }),
    employees: integer('employees'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** the plan that made it (its lineage), if any */
    madeByPlan: uuid('made_by_plan'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('org_units_place_idx').on(t.provinceCode, t.unitCode), index('org_units_ministry_idx').on(t.ministry)],
);

/** A rearrangement plan: its kind, decision, target date, the units before and after, staff moved and its state. */
export const orgPlans = pgTable(
  'org_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code'),
    unitCode: text('unit_code'),
    ministry: text('ministry'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date', { mode: 'string' }),
    targetDate: date('target_date', { mode: 'string' }).notNull(),
    state: text('state').notNull().default('draft'),
    staffMoved: integer('staff_moved').notNull().default(0),
    /** the new owner of a transfer */
    newOwner: text('new_owner'),
    doneOn: date('done_on', { mode: 'string' }),
    note: text('note'),
    clientRef: text('client_ref'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('org_plans_place_idx').on(t.provinceCode, t.state),
    uniqueIndex('org_plans_client_ref_uq').on(t.createdBy, t.clientRef),
  ],
);

/** The units before a plan (existing) and after it (named in the plan, made when it is completed). */
export const orgPlanUnits = pgTable(
  'org_plan_units',
  {
    id: serial('id').primaryKey(),
    planId: uuid('plan_id').notNull(),
    provinceCode: text('province_code'),
    side: text('side', { enum: ['before', 'after'] }).notNull(),
    orgUnitId: uuid('org_unit_id'),
    name: text('name').notNull(),
  },
  (t) => [index('org_plan_units_plan_idx').on(t.planId), index('org_plan_units_unit_idx').on(t.orgUnitId)],
);
