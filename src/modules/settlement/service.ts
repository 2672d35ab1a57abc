/**
 * Settlement service, by section (service/): the calculator, the leaving cases (propose, correct, approve, refuse,
 * decide, pay, close, override) and the national progress. Every list is scoped with scopeWhere, every record checked by policy.ts, every
 * change audited through audit's door, a retried proposal made safe by its clientRef (and the Idempotency-Key the
 * server handles). Benefits are computed by the pure calculator (domain/benefits.ts) and stored with their lines and
 * the rule version.
 */
export { loadSettings, getSettings, putSettings } from './service/settings.js';
export { refusalError, presentBenefit, calculate } from './service/calculator.js';
export { listCases, getCase } from './service/reading.js';
export { proposeCase } from './service/proposing.js';
export { correctCase, stepCase, overrideCase } from './service/changing.js';
export { progress, agencyList, casesForExport } from './service/progress.js';
export { importCases, type ImportRowError } from './service/importing.js';
