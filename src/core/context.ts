import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import type { Actor } from './scope.js';
import type { Lang } from './i18n.js';
import { AppError } from './errors.js';
import type { DeadlineClock } from './clock.js';
import type { FileStore } from './file-store.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'haicap_session';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: AppConfig;
    /** time and the working-day calendar (a fixed clock in tests) */
    clock: DeadlineClock;
    fileStore: FileStore;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (health, login, OpenAPI, public lookups). */
    public?: boolean;
  }
}

export interface AppConfig {
  /** The demo nation is loaded: the sign-in page may list demo accounts. */
  demo: boolean;
  demoPassword?: string;
  /** Serve cookies with Secure (behind TLS). */
  secureCookies: boolean;
  /** Folder with the built web app, if any. */
  webDir?: string;
  /**
   * Sign-in through an OpenID Connect provider (docs/decisions/0005), as the accounts module's `oidcConfigFrom` reads
   * it from the environment at start; absent or null: passwords only (its routes answer 404, the page shows no button).
   */
  oidc?: OidcSettings | null;
  /**
   * A long list stops counting its matches past this many and says "more than" (LIST_COUNT_CAP, default 10,000):
   * the Ministry's list of every dossier counted them all on each page.
   */
  listCountCap?: number;
}

/** The provider's registration (the shape of the accounts module's OidcConfig; core imports no module). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** where the provider sends the browser back after signing out there */
  postLogoutRedirectUri: string;
  linkClaim: 'personal_id' | 'email';
  /** the sign-in button's words */
  label: string;
}

/** The signed-in actor; routes that are not public always have one (the auth hook refuses otherwise). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  return req.actor;
}
