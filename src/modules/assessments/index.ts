// The front door of the assessments module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { assessmentDemoModule } from './demo.js';
export { assessmentRoutes } from './routes.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { assessmentCapabilities } from './policy.js';
registerCapabilities('assessments', assessmentCapabilities);

// The figures of the periodic reports (issue #20), read by the reports module.
export { assessmentFigures } from './for-reports.js';
