// The front door of the units module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { loadReferenceUnits, referenceDir } from './reference.js';
export { unitRoutes } from './routes.js';
export { communeCodesOf, formerDistrictsOf, unitAddress, unitNamesOn, unitPlace } from './for-dossiers.js';
export { unitProfiles, unitVersions, units } from './schema.js';
