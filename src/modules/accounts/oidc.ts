/**
 * Sign-in through an OpenID Connect provider (docs/decisions/0005-openid-connect-sign-in.md): the authorization code
 * flow with PKCE, by the certified `openid-client` library, which checks the state, exchanges the code and validates
 * the ID token (the provider's keys, issuer, audience, expiry, nonce). This file keeps what is ours: the flow's
 * cookie, the link from the token's claim to one open personal account, and the audit of failures.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/index.js';
import { peopleIdentifiedBy } from '../workforce/index.js';
import { users } from './schema.js';
import { isPersonal } from './domain/personal.js';
import type { OidcConfig } from './domain/oidc-config.js';
import { claim, block } from './throttle.js';
import { ADDRESS_BLOCK_MINUTES, LIMITS, throttleKey } from './domain/lockout.js';
import { openSession, resolveAccount } from './service.js';

/** The flow's cookie: state, nonce and PKCE verifier, for ten minutes, sent back only to the callback. */
export const OIDC_COOKIE = 'haicap_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
export const OIDC_FLOW_MINUTES = 10;

/** Why a sign-in through the provider failed, as the audit names it; the sign-in page words each one. */
export type OidcFailure =
  | 'oidc_no_account'
  | 'oidc_invalid'
  | 'oidc_provider_refused'
  | 'oidc_flow_expired'
  | 'oidc_throttled'
  | 'oidc_unavailable';

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** when the flow started (ms) */
  at: number;
}

export class OidcRefusal extends Error {
  constructor(
    readonly reason: OidcFailure,
    readonly detail?: string,
    /** the provider's subject, when the token was valid */
    readonly subject?: string,
  ) {
    super(reason);
  }
}

/** The provider as this process knows it: discovered on first use (a provider down at start does not stop us). */
export class OidcSignIn {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(readonly config: OidcConfig) {}

  private provider(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      // The ID token's signature is checked against the provider's published keys even though it comes straight
      // from the token endpoint (the library would rely on TLS alone): the sign-in rests on a signed statement, and
      // a token signed by any other key is refused. Plain HTTP only for a provider on this machine (the tests');
      // oidcConfigFrom refuses it elsewhere.
      const local = issuer.protocol === 'http:';
      const execute = [oidc.enableNonRepudiationChecks, ...(local ? [oidc.allowInsecureRequests] : [])];
      this.discovered = oidc
        .discovery(issuer, this.config.clientId, undefined, oidc.ClientSecretBasic(this.config.clientSecret), {
          execute,
          timeout: 10,
        })
        .catch((err: unknown) => {
          this.discovered = null; // try again next time
          throw new OidcRefusal('oidc_unavailable', errorCode(err));
        });
    }
    return this.discovered;
  }

  /** The provider's authorization URL and the flow's cookie value. */
  async start(): Promise<{ url: string; cookie: string }> {
    const provider = await this.provider();
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      at: Date.now(),
    };
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.linkClaim === 'email' ? 'openid email' : 'openid',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, cookie: Buffer.from(JSON.stringify(flow)).toString('base64url') };
  }

  /**
   * The callback: the library checks the state against the cookie's, exchanges the code with the PKCE verifier and
   * validates the ID token with the cookie's nonce. Returns the ID token's claims and the token itself (kept with the
   * session for the sign-out at the provider); throws an OidcRefusal.
   */
  async finish(search: string, cookie: string | undefined): Promise<{ claims: oidc.IDToken; idToken: string }> {
    const flow = readFlow(cookie);
    if (!flow || Date.now() - flow.at > OIDC_FLOW_MINUTES * 60_000) throw new OidcRefusal('oidc_flow_expired');
    const provider = await this.provider();
    const current = new URL(this.config.redirectUri);
    current.search = search;
    if (current.searchParams.has('error'))
      throw new OidcRefusal('oidc_provider_refused', current.searchParams.get('error')!.slice(0, 100));
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new OidcRefusal('oidc_invalid', 'no_id_token');
      return { claims, idToken: tokens.id_token };
    } catch (err) {
      if (err instanceof OidcRefusal) throw err;
      throw new OidcRefusal('oidc_invalid', errorCode(err));
    }
  }

  /**
   * Where to send the browser when a holder who signed in here signs out, so the provider ends its own session too
   * (OpenID Connect RP-Initiated Logout 1.0): its `end_session_endpoint` with the session's ID token as
   * `id_token_hint` and our `post_logout_redirect_uri`. Null when the provider publishes no such endpoint or cannot be
   * reached: our own session is ended whatever this answers.
   */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const provider = await this.provider().catch(() => null);
    if (!provider?.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(provider, {
      post_logout_redirect_uri: this.config.postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }
}

function readFlow(cookie: string | undefined): Flow | null {
  if (!cookie) return null;
  try {
    const f = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof f.state === 'string' &&
      typeof f.nonce === 'string' &&
      typeof f.verifier === 'string' &&
      typeof f.at === 'number'
      ? (f as Flow)
      : null;
  } catch {
    return null;
  }
}

/** The library's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED), the provider's OAuth error and the message, for the audit. */
function errorCode(err: unknown): string {
  const e = err as {
    code?: unknown;
    error?: unknown;
    message?: unknown;
    cause?: { error?: unknown; message?: unknown };
  };
  const parts = [e.code, e.error ?? e.cause?.error, e.message, e.cause?.message].filter(
    (p): p is string => typeof p === 'string',
  );
  return parts.join(' ').slice(0, 300) || 'unknown';
}

/**
 * Counts the attempt against the address, as a password sign-in does (domain/lockout.ts): an address that failed too
 * often waits. A sign-in that succeeds gives the claim back (openSession).
 */
export async function claimAddress(db: Db, ip: string | null, now: Date): Promise<void> {
  const key = throttleKey.addr(ip ?? 'unknown');
  const c = await claim(db, key, 'addr', now);
  if (c.blockedUntil) throw new OidcRefusal('oidc_throttled');
  if (c.n > LIMITS.addr.max) {
    await block(db, key, new Date(now.getTime() + ADDRESS_BLOCK_MINUTES * 60_000), now);
    throw new OidcRefusal('oidc_throttled');
  }
}

/** The claim's value, when the token carries a usable one: a 12-digit ID, or a verified e-mail address. */
function linkValue(config: OidcConfig, claims: oidc.IDToken): string | null {
  const v = claims[config.linkClaim];
  if (typeof v !== 'string') return null;
  if (config.linkClaim === 'personal_id') return /^\d{12}$/.test(v) ? v : null;
  return claims.email_verified === true && v.includes('@') && v.length <= 200 ? v : null;
}

/**
 * The one open personal account of the person the token names: the claim finds the staff record through the
 * workforce's door, the record its account. None, several (people or accounts): refused; sign-in creates no account.
 */
export async function accountForClaims(db: Db, config: OidcConfig, claims: oidc.IDToken, now: Date) {
  const value = linkValue(config, claims);
  if (!value) throw new OidcRefusal('oidc_no_account', `no usable ${config.linkClaim} claim`, claims.sub);
  const people = await peopleIdentifiedBy(db, config.linkClaim === 'email' ? 'email' : 'national_id', value);
  const accounts = people.length
    ? await db
        .select()
        .from(users)
        .where(and(inArray(users.personId, people), isNull(users.closedAt)))
        .limit(2)
    : [];
  const personal = accounts.filter(isPersonal);
  if (people.length !== 1 || personal.length !== 1 || accounts.length !== 1)
    throw new OidcRefusal(
      'oidc_no_account',
      `${people.length} staff record(s), ${accounts.length} open account(s)`,
      claims.sub,
    );
  return resolveAccount(db, personal[0]!, now);
}

/** A sign-in through the provider from the callback's query to an open session; throws an OidcRefusal. */
export async function oidcSignIn(
  db: Db,
  signIn: OidcSignIn,
  search: string,
  cookie: string | undefined,
  ip: string | null,
  now = new Date(),
) {
  await claimAddress(db, ip, now);
  const { claims, idToken } = await signIn.finish(search, cookie);
  const account = await accountForClaims(db, signIn.config, claims, now);
  return openSession(db, account, ip, now, { method: 'oidc', idToken });
}

/**
 * A failed sign-in through the provider, audited with its reason (the person is often unknown: the platform acts,
 * from the caller's address; the provider's subject, never the personal ID, names who tried).
 */
export async function auditOidcFailure(db: Db, ip: string | null, refusal: OidcRefusal) {
  await db.transaction((tx) =>
    recordAudit(tx, null, {
      action: 'sign_in_failed',
      entity: 'user',
      entityId: 'oidc',
      provinceCode: null,
      unitCode: null,
      after: {
        method: 'oidc',
        reason: refusal.reason,
        ...(refusal.detail ? { detail: refusal.detail } : {}),
        ...(refusal.subject ? { subject: refusal.subject } : {}),
        ip,
      },
    }),
  );
}
