// The front door of the accounts module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { accountRoutes } from './routes.js';
export { accountByUsername } from './queries.js';
export { communeUserIds, ministryUserIds, provinceUserIds } from './for-recommendations.js';
export { userNamesJoin } from './for-reinforcement.js';
export { actorForToken, hashPassword, setPassword } from './service.js';
