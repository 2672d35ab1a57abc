// The front door of the archives module: what other modules, the server and the demo may use. Nothing else of the
// module is imported from outside (test/architecture.test.ts checks it).
export { archiveRoutes } from './routes.js';
export { generateHandovers } from './service/handovers.js';
export { archivesDemoModule } from './demo.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { ARCHIVE_POLICY } from './policy.js';
registerCapabilities('archives', (actor) => capabilitiesFrom(ARCHIVE_POLICY, { read: 'archives.read' }, actor));
export { archiveFigures } from './for-reports.js';
