/**
 * Assessment service: periods, tasks, deliveries, reviews, corrections and annual ratings, one file per section
 * in service/ (settings, periods, tasks, reviews, annual, compare; common helpers). Who may do what is policy.ts:
 * - the unit's management accounts (commune, province, Ministry, in their scope) act as the head:
 *   they assign and review tasks, judge the general criteria, close periods and rate the year;
 * - an account linked to a staff record (users.person_id) reports its own deliveries and writes its
 *   own self-assessment; a viewer account linked to a person sees only that person's assessment;
 * - other read-only accounts see their subtree.
 */
export { settingsFor, getSettings, putSettings } from './service/settings.js';
export { listPeriods, getPeriod, closePeriod } from './service/periods.js';
export {
  assignTask,
  listTasks,
  getTask,
  deliverTask,
  reviewTask,
  type AssignInput,
  type TaskReviewInput,
} from './service/tasks.js';
export { getReview, selfAssess, headAssess, correctReview, personAssessments } from './service/reviews.js';
export { computeAnnual, updateRating, confirmRating, unitAnnual, publishUnitYear } from './service/annual.js';
export { dueDate } from './service/common.js';
export { compareUnits, overdueAssessments } from './service/compare.js';
export { calculateScore, calculateAnnual } from './service/calculator.js';
