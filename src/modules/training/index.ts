// The front door of the training module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { trainingRoutes } from './routes.js';
export { trainingDemoModule } from './demo.js';
export { listenerCount } from './live.js';
