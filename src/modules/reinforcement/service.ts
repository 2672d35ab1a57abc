// The reinforcement service, by section (service/): what the routes and the door use.
export { listPhases, getPhase, createPhase, assignOfficer, removeOfficer } from './service/phases.js';
export { putSchedule, listSchedules } from './service/schedules.js';
export { logVisit, listVisits, getVisit, getVisitPhoto, addVisitPhotos, type VisitInput } from './service/visits.js';
export { draftReport, editReport, submitReport, listReports, getReport } from './service/reports.js';
export { coverage, reportsStatus, officersOverview } from './service/views.js';
