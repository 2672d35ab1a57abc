/**
 * Training conferences, by section (service/): events and their bridge points, editing, check-ins and the live
 * board, attendance, presence at the door, certificates.
 * Every list is scoped (`scopeWhere`), every record checked by the policy table, every change audited; retried
 * writes (a phone on a weak connection) are idempotent by their clientRef as well as by the Idempotency-Key.
 */
export { CHECK_IN_OPENS_MINUTES, CHECK_IN_CLOSES_MINUTES, bridgeOut } from './service/common.js';
export { createEvent, listEvents, myEvents, getEvent, type EventInput } from './service/events.js';
export { updateEvent, previewChanges, type EventChanges } from './service/editing.js';
export { listBridges, board, silentBridges, checkIn, type BridgesQuery, type CheckInInput } from './service/bridges.js';
export { registerAttendees, listAttendees, type AttendeesQuery } from './service/registration.js';
export {
  recordPresence,
  importPresence,
  setAbsence,
  attendanceReport,
  type PresenceInput,
} from './service/attendance.js';
export { certificateOf, certificateStatus, verifyCertificate } from './service/certificates.js';
export { presenceCode, scanPresence, PRESENCE_CODE_TTL_SECONDS, SCAN_OPENS_MINUTES } from './service/presence.js';
export { BRIDGE_STATES } from './domain/bridges.js';
