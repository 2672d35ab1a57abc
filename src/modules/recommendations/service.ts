// The recommendations channel's service, by section (service/): what the routes and the door use.
export { channelCalendar, present, searchConditions, settingFor, type FieldSetting } from './service/common.js';
export { listSettings, putSetting } from './service/settings.js';
export { raiseInTx, raiseRecommendation, type RaiseInput } from './service/raising.js';
export { getRecommendation, listRecommendations, type ListQuery } from './service/reading.js';
export { actOnRecommendation, type ActInput } from './service/actions.js';
export { getKnowledge, listKnowledge, publishRecommendation, similarRecommendations } from './service/knowledge.js';
export { dueSoon, sendDeadlineWarnings } from './service/deadlines.js';
export { recommendationStats } from './service/stats.js';
export { addAttachments, getAttachment } from './service/attachments.js';
