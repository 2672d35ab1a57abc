// The front door of the training module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { trainingRoutes } from './routes.js';
export { trainingDemoModule } from './demo.js';
export { listenerCount } from './live.js';
export { startNoticeSweep as startTrainingNoticeSweep } from './service/notices.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { TRAINING_POLICY } from './policy.js';
// `trainings.read`: the conferences' page of the units (bridges, map, lists); `trainings.own`: the signed-in person's
// own conferences (registration, time present, certificates): a staff account's only page of them, and a unit's
// personal account's (a linked staff record) beside the units' page.
registerCapabilities('trainings', (actor) => [
  ...capabilitiesFrom(TRAINING_POLICY, { read_bridges: 'trainings.read' }, actor),
  ...(actor.personId ? ['trainings.own'] : []),
]);

// The figures of the periodic reports (issue #20), read by the reports module.
export { trainingFigures } from './for-reports.js';
