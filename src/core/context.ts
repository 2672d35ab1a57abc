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
}

/** The signed-in actor; routes that are not public always have one (the auth hook refuses otherwise). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  return req.actor;
}
