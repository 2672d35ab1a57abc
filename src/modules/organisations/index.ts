// The front door of the organisations module (public service units, state-owned enterprises, rearrangement plans):
// what the server and the demo may use. Nothing else of the module is imported from outside.
export { organisationRoutes } from './routes.js';
export { organisationsDemoModule } from './demo.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { ORG_POLICY } from './policy.js';
registerCapabilities('organisations', (actor) => capabilitiesFrom(ORG_POLICY, { read: 'organisations.read' }, actor));

// The figures of the periodic reports (issue #20), read by the reports module.
export { organisationFigures } from './for-reports.js';
