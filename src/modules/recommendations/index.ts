// The front door of the recommendations module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { DEFAULT_ANSWER_WORKING_DAYS } from './domain/deadline.js';
export { FIELDS, URGENCIES, type Field } from './domain/lifecycle.js';
export { Notifier, notifyUnits, sendMails } from './notify.js';
export { actsAsOfficer, registerOfficerDirectory, type OfficerDirectory } from './officers.js';
export { recommendationRoutes } from './routes.js';
export { type AttachmentMeta } from './schema.js';
export { channelCalendar, raiseInTx, type RaiseInput } from './service.js';
export { itemsOfVisit, itemsOfVisits, visitItemsJoin } from './for-reinforcement.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { channelCapabilities } from './policy.js';
registerCapabilities('channel', channelCapabilities);
export { answeredLike } from './for-training.js';
export { insertDemoRecommendations } from './for-demo.js';
export { recommendationFigures } from './for-reports.js';
