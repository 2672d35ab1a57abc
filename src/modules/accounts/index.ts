// The front door of the accounts module: what other modules, the server and the tools may use. Nothing else of
// the module is imported from outside (test/architecture.test.ts checks it).
export { accountRoutes } from './routes.js';
export { accountByUsername } from './queries.js';
export { communeUserIds, ministryUserIds, provinceUserIds, unitsUserIds } from './for-recommendations.js';
export { userNamesJoin } from './for-reinforcement.js';
export {
  demoLocalAccounts,
  demoPasswordHash,
  insertDemoAccounts,
  personIdsWithAccounts,
  type DemoAccount,
} from './for-demo.js';
export { unitHandlers, type UnitHandler } from './for-dossiers.js';
export { actorForToken, hashPassword, setPassword } from './service.js';
export { oidcConfigFrom, type OidcConfig, type OidcConfigProblem } from './domain/oidc-config.js';

// What a user may open here, for the web's menus (GET /api/auth/me): registered when the door is loaded.
import { registerCapabilities } from '../../core/capabilities.js';
import { accountCapabilities } from './policy.js';
registerCapabilities('accounts', accountCapabilities);
import { registerActorNames, registerActorSearch } from '../../core/actor-names.js';
import { namesOfAccounts, usernamesMatching } from './for-names.js';
registerActorNames(namesOfAccounts);
registerActorSearch(usernamesMatching);
