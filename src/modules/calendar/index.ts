// The front door of the calendar module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { calendarRoutes } from './routes.js';
