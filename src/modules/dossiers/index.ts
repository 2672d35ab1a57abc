// The front door of the dossiers module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { dossierBoard } from './board.js';
export { dossierDemoModule } from './demo.js';
export { dossierFormRoutes } from './forms/routes.js';
export { loadProcedureCatalogue } from './reference.js';
export { procedureImportRoutes } from './procedure-import-routes.js';
export { dossierRoutes } from './routes.js';
export { dossierBoardRoutes } from './board-routes.js';
export { dossierComplaintRoutes } from './complaint-routes.js';
export { receiveDossier, recountFigures, takeStep } from './service.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { dossierCapabilities } from './policy.js';
registerCapabilities('dossiers', dossierCapabilities);
export { dossierFigures } from './for-reports.js';
