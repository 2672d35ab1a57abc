// The front door of the training module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { trainingRoutes } from './routes.js';
export { trainingDemoModule } from './demo.js';
export { listenerCount } from './live.js';
export { startNoticeSweep as startTrainingNoticeSweep } from './service/notices.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { TRAINING_POLICY, seesOwnEventsOnly } from './policy.js';
// `trainings.read`: the conferences' page of the units (bridges, map, lists); `trainings.own`: a staff account's own
// conferences (registrations, time present, certificates), the only ones it may open.
registerCapabilities('trainings', (actor) => [
  ...capabilitiesFrom(TRAINING_POLICY, { read_bridges: 'trainings.read' }, actor),
  ...(actor.personId && seesOwnEventsOnly(actor) ? ['trainings.own'] : []),
]);

// The figures of the periodic reports (issue #20), read by the reports module.
export { trainingFigures } from './for-reports.js';
