// The front door of the reinforcement module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { channelDemoModule } from './demo.js';
export { reinforcementRoutes } from './routes.js';

// The channel asks after the officers through this directory (it never imports this module): registered as soon as
// the module is loaded, by the server or the demo, so no path can raise or answer items without it.
import { registerOfficerDirectory } from '../recommendations/index.js';
import { officerDirectory } from './officers.js';
export { officerReach } from './officers.js';
registerOfficerDirectory(officerDirectory);

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { reinforcementCapabilities } from './policy.js';
registerCapabilities('reinforcement', reinforcementCapabilities);

// The figures of the periodic reports (issue #20), read by the reports module.
export { reinforcementFigures } from './for-reports.js';
