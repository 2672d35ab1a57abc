// The one schema both drivers use; drizzle-kit reads this file.
export * from '../modules/units/schema.js';
export * from '../modules/accounts/schema.js';
export * from '../modules/audit/schema.js';
export * from './meta.js';
export * from '../modules/dossiers/schema.js';
export * from '../modules/workforce/schema.js';
export * from '../modules/recommendations/schema.js';
export * from '../modules/reinforcement/schema.js';
export * from '../modules/assessments/schema.js';
export * from '../modules/settlement/schema.js';
export * from '../modules/archives/schema.js';
export * from '../modules/organisations/schema.js';
export * from '../modules/training/schema.js';
export * from '../modules/reports/schema.js';
