/**
 * The configuration of sign-in through an OpenID Connect provider (docs/decisions/0005-openid-connect-sign-in.md), read
 * from the environment at start (src/server/main.ts refuses to start on a problem). Pure: the environment is passed
 * in. The sign-in itself is oidc.ts, by the certified `openid-client` library.
 */

/** The claims that can name the person behind an account. */
export const OIDC_LINK_CLAIMS = ['personal_id', 'email'] as const;
export type OidcLinkClaim = (typeof OIDC_LINK_CLAIMS)[number];

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /**
   * Where the provider sends the browser after ending its own session on sign-out (RP-initiated logout): the
   * platform's home page by default (the redirect's origin), registered at the provider.
   */
  postLogoutRedirectUri: string;
  linkClaim: OidcLinkClaim;
  /** the sign-in button's words */
  label: string;
}

export type OidcConfigProblem =
  'issuer_invalid' | 'client_missing' | 'redirect_invalid' | 'post_logout_redirect_invalid' | 'link_claim_invalid';

const httpsOrLocal = (u: URL) =>
  u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));

function url(text: string | undefined): URL | null {
  try {
    return text ? new URL(text) : null;
  } catch {
    return null;
  }
}

/**
 * The configuration, null when OIDC_ISSUER is unset (passwords only), or the first problem of an incomplete one (the
 * start refuses it): the issuer and the redirect over HTTPS (plain HTTP on this machine only, for tests), the
 * redirect on `/api/auth/oidc/callback`, a client id and secret, a known link claim; the address after sign-out at
 * the provider (OIDC_POST_LOGOUT_REDIRECT_URI, the home page by default) over HTTPS too.
 */
export function oidcConfigFrom(
  env: Readonly<Record<string, string | undefined>>,
): OidcConfig | null | { problem: OidcConfigProblem } {
  if (!env.OIDC_ISSUER) return null;
  const issuer = url(env.OIDC_ISSUER);
  if (!issuer || !httpsOrLocal(issuer)) return { problem: 'issuer_invalid' };
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return { problem: 'client_missing' };
  const redirect = url(env.OIDC_REDIRECT_URI);
  if (!redirect || !httpsOrLocal(redirect) || redirect.pathname !== '/api/auth/oidc/callback')
    return { problem: 'redirect_invalid' };
  const afterLogout = env.OIDC_POST_LOGOUT_REDIRECT_URI
    ? url(env.OIDC_POST_LOGOUT_REDIRECT_URI)
    : new URL('/', redirect);
  if (!afterLogout || !httpsOrLocal(afterLogout)) return { problem: 'post_logout_redirect_invalid' };
  const linkClaim = (env.OIDC_LINK_CLAIM ?? 'personal_id') as OidcLinkClaim;
  if (!OIDC_LINK_CLAIMS.includes(linkClaim)) return { problem: 'link_claim_invalid' };
  return {
    // as given: the provider's discovery document must name the very same issuer
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: redirect.toString(),
    postLogoutRedirectUri: afterLogout.toString(),
    linkClaim,
    label: env.OIDC_LABEL?.trim() || 'Đăng nhập một lần',
  };
}
