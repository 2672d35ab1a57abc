// The front door of the workforce module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { workforceDemoModule } from './demo.js';
export { makeNationalId } from './domain/national-id.js';
export { MAX_ROWS, importWorkforce, type ImportPhase } from './io/import.js';
export { workforceIoRoutes } from './io/routes.js';
export { workforceRows, workforceXlsx, type FileUnit } from './io/synthetic.js';
export { workforceRoutes } from './routes.js';
export { personPlace } from './queries.js';
export {
  assignmentSpans,
  personNamed,
  personNames,
  personNamesJoin,
  staffCounts,
  staffOfYearSql,
  unitLeaders,
  unitStaff,
  unitStaffCount,
} from './for-assessments.js';
export { audienceSql, peopleListSql, type AudienceFilter } from './for-trainings.js';
