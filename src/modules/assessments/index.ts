// The front door of the assessments module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { assessmentDemoModule } from './demo.js';
export { assessmentRoutes } from './routes.js';
