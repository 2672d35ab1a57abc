// The front door of the workforce module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { workforceDemoModule } from './demo.js';
export { makeNationalId } from './domain/national-id.js';
export { MAX_ROWS, importWorkforce, type ImportPhase } from './io/import.js';
export { workforceIoRoutes } from './io/routes.js';
export { openXlsx, OversizedXlsx, UnsupportedXlsx, type LeanSheet } from './io/xlsx-reader.js';
export { workforceRows, workforceXlsx, type FileUnit } from './io/synthetic.js';
export { workforceRoutes } from './routes.js';
export { personPlace } from './queries.js';
export {
  assignmentSpans,
  personNamed,
  personNames,
  personNamesJoin,
  setAssignmentStarts,
  staffCounts,
  staffOfYearSql,
  staffSpansJson,
  unitLeaders,
  unitPostHolders,
  unitStaff,
  unitStaffCount,
} from './for-assessments.js';
export { personForSettlement } from './for-settlement.js';
export { startWorkforceFiguresWarmup } from './warmup.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { workforceCapabilities } from './policy.js';
registerCapabilities('workforce', workforceCapabilities);
export {
  peopleAtWork,
  peopleIdentifiedBy,
  unitPeopleIds,
  unitServingPeopleIds,
  type PersonAtWork,
} from './for-accounts.js';
export { audienceSql, peopleListSql, personInAudienceSql, type AudienceFilter } from './for-trainings.js';
export { workforceFigures } from './for-reports.js';
