// The front door of the audit module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { auditRoutes } from './routes.js';
export { auditEntriesOf } from './queries.js';
export { appendAudit, recordAudit, verifyAuditChain } from './service.js';
// the words of actions and coded values, for messages that name them (the server's error answers)
export { auditStepWords, auditValueWords } from './domain/words.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { auditCapabilities } from './policy.js';
registerCapabilities('audit', auditCapabilities);
