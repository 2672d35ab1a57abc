// The front door of the units module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { loadReferenceUnits, referenceDir } from './reference.js';
export { unitRoutes } from './routes.js';
export { unitPlace } from './queries.js';
export { communeCodesOf, formerDistrictsOf, unitAddress, unitContact, unitNamesOn } from './for-dossiers.js';
export { allUnitPlaces, unitFullNames } from './for-workforce.js';
export { unitProvince } from './for-accounts.js';
export { demoUnits } from './for-demo.js';
export { unitNameVersions } from './for-assessments.js';
export { unitEmail, unitEmails } from './for-recommendations.js';
export { communesOf, isProvince, unitNamedPlace, unitShortNames } from './for-reinforcement.js';
export { provinceList } from './for-settlement.js';
export { lineageForArchives } from './for-archives.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { unitCapabilities } from './policy.js';
registerCapabilities('units', unitCapabilities);
export { unitsWithContactsOn } from './for-trainings.js';
export { unitFigures } from './for-reports.js';
