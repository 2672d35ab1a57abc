import {
  jsonb,
  pgTable,
  text,
  integer,
  doublePrecision,
  date,
  serial,
  primaryKey,
  index,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { OfficeHours } from './domain/office-hours.js';

/** One row per administrative unit (province or commune level), as created on 1 July 2025. */
export const units = pgTable(
  'units',
  {
    code: text('code').primaryKey(),
    level: text('level', { enum: ['province', 'commune'] }).notNull(),
    // For a province this is its own code: every row that belongs to a place carries it.
    provinceCode: text('province_code').notNull(),
    name: text('name').notNull(),
    /** Lower-case name without diacritics ("ba dinh"): search ignores tone-mark placement. */
    searchKey: text('search_key').notNull(),
    areaKm2: doublePrecision('area_km2'),
    population: integer('population'),
    gisAreaKm2: doublePrecision('gis_area_km2'),
    statsFlags: text('stats_flags').notNull().default(''),
  },
  (t) => [index('units_province_idx').on(t.provinceCode, t.level)],
);

/** Type and full name of a unit over time: [validFrom, validTo). */
export const unitVersions = pgTable(
  'unit_versions',
  {
    code: text('code').notNull(),
    provinceCode: text('province_code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    type: text('type').notNull(),
    fullName: text('full_name').notNull(),
    legalBasis: text('legal_basis'),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.code, t.validFrom] })],
);

/** Enacted changes whose effective date is not known yet: recorded, not applied. */
export const unitPendingAmendments = pgTable('unit_pending_amendments', {
  id: serial('id').primaryKey(),
  code: text('code').notNull(),
  provinceCode: text('province_code').notNull(),
  typeAfter: text('type_after').notNull(),
  fullNameAfter: text('full_name_after').notNull(),
  legalBasis: text('legal_basis').notNull(),
});

/** Former unit → new unit, one row per pair (a split former commune has several rows). */
export const unitLineage = pgTable(
  'unit_lineage',
  {
    id: serial('id').primaryKey(),
    newUnitCode: text('new_unit_code').notNull(),
    newProvinceCode: text('new_province_code').notNull(),
    newUnitName: text('new_unit_name').notNull(),
    oldUnitCode: text('old_unit_code'),
    oldUnitName: text('old_unit_name').notNull(),
    oldLevel: text('old_level').notNull(),
    oldUnitType: text('old_unit_type'),
    oldParentCode: text('old_parent_code'),
    oldParentName: text('old_parent_name'),
    oldProvinceCode: text('old_province_code'),
    oldProvinceName: text('old_province_name'),
    relation: text('relation').notNull(),
    sourceNote: text('source_note'),
  },
  (t) => [
    index('unit_lineage_new_idx').on(t.newProvinceCode, t.newUnitCode),
    index('unit_lineage_old_idx').on(t.oldUnitCode),
  ],
);

/** Contact details a unit keeps up to date itself (the editable part of a unit). */
export const unitProfiles = pgTable('unit_profiles', {
  code: text('code').primaryKey(),
  provinceCode: text('province_code').notNull(),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  chairName: text('chair_name'),
  /** the days and hours the unit's one-stop is open (domain/office-hours.ts); null: the default */
  officeHours: jsonb('office_hours').$type<OfficeHours>(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
