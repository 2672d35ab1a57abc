// The front door of the reinforcement module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { channelDemoModule } from './demo.js';
export { reinforcementRoutes } from './routes.js';
