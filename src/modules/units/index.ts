// The front door of the units module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { loadReferenceUnits, referenceDir } from './reference.js';
export { unitRoutes } from './routes.js';
export { unitPlace } from './queries.js';
export { communeCodesOf, formerDistrictsOf, unitAddress, unitNamesOn } from './for-dossiers.js';
export { allUnitPlaces, unitFullNames } from './for-workforce.js';
export { unitProvince } from './for-accounts.js';
export { unitNameVersions } from './for-assessments.js';
export { unitEmail } from './for-recommendations.js';
export { communesOf, isProvince, unitNamedPlace, unitShortNames } from './for-reinforcement.js';
export { unitsWithContactsOn } from './for-trainings.js';
