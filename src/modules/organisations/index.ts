// The front door of the organisations module (public service units, state-owned enterprises, rearrangement plans):
// what the server and the demo may use. Nothing else of the module is imported from outside.
export { organisationRoutes } from './routes.js';
export { organisationsDemoModule } from './demo.js';
