// The front door of the settlement module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { settlementRoutes } from './routes.js';
export { settlementDemoModule } from './demo.js';
export { calculateBenefit, type BenefitInput } from './domain/benefits.js';
export { generateSettlement, REPORTED_DECISIONS } from './demo.js';
export { progress as settlementProgress } from './service.js';
export { settlementFigures } from './for-reports.js';
export { DEFAULT_SETTINGS as SETTLEMENT_DEFAULT_SETTINGS } from './domain/settings.js';
import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { settlementPolicy } from './policy.js';
registerCapabilities('settlement', (actor) =>
  capabilitiesFrom(settlementPolicy, { 'case.read': 'settlement.read' }, actor),
);
