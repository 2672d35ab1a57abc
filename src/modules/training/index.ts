// The front door of the training module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { trainingRoutes } from './routes.js';
export { trainingDemoModule } from './demo.js';
export { listenerCount } from './live.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { TRAINING_POLICY } from './policy.js';
registerCapabilities('trainings', (actor) =>
  capabilitiesFrom(TRAINING_POLICY, { read_bridges: 'trainings.read' }, actor),
);

// The figures of the periodic reports (issue #20), read by the reports module.
export { trainingFigures } from './for-reports.js';
