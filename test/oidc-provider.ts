/**
 * A minimal OpenID Connect provider for the tests, in the test's own process (docs/decisions/0005): discovery
 * document, JWKS, an authorization endpoint that signs in whoever the test names and redirects back with a code, and
 * a token endpoint that checks the client, the redirect, the PKCE verifier and the code's single use, and answers an
 * ID token signed RS256. A test can spoil the next ID token (wrong nonce, expired, signed by another key). Its
 * end-session endpoint (RP-initiated logout) records each request and sends the browser back to the registered
 * address after sign-out; `endSession: false` starts a provider without one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from 'jose';

export interface ProviderUser {
  sub: string;
  personal_id?: string;
  email?: string;
  email_verified?: boolean;
}
export interface Spoil {
  nonce?: string;
  /** seconds since the token expired */
  expiredFor?: number;
  /** signed by a key the provider does not publish */
  otherKey?: boolean;
}

interface Grant {
  user: ProviderUser;
  nonce: string;
  challenge: string;
  redirectUri: string;
  used: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who signs in at the next authorization request */
  user: ProviderUser | null;
  /** applied to the next ID token, then forgotten */
  spoil: Spoil | null;
  /** token requests answered (for a test that counts them) */
  tokenRequests: number;
  /**
   * The sign-outs asked at the end-session endpoint: the subject of a valid `id_token_hint` (null without one, or
   * 'invalid' for a hint the provider did not sign for this client) and where the browser was sent back.
   */
  signOuts: { subject: string | null; back: string | null }[];
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');
const body = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
};

export async function startTestProvider(opts: {
  redirectUri: string;
  /** where the provider may send the browser after signing out (registered, as a real provider asks) */
  postLogoutRedirectUri?: string;
  /** publish an end-session endpoint (default true) */
  endSession?: boolean;
}): Promise<TestProvider> {
  const afterLogout = opts.postLogoutRedirectUri ?? new URL('/', opts.redirectUri).href;
  const keys = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const clientId = 'haicap-test';
  const clientSecret = b64url(randomBytes(24));

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 500, { error: 'server_error', detail: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    user: null,
    spoil: null,
    tokenRequests: 0,
    signOuts: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function idToken(grant: Grant) {
    const spoil = provider.spoil ?? {};
    provider.spoil = null;
    const now = Math.floor(Date.now() / 1000);
    const exp = spoil.expiredFor ? now - spoil.expiredFor : now + 300;
    const { sub, ...claims } = grant.user;
    return new SignJWT({ ...claims, nonce: spoil.nonce ?? grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setSubject(sub)
      .setAudience(clientId)
      .setIssuedAt(Math.min(now, exp - 300))
      .setExpirationTime(exp)
      .sign((spoil.otherKey ? stranger.privateKey : keys.privateKey) as CryptoKey);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'email'],
        ...(opts.endSession === false ? {} : { end_session_endpoint: `${issuer}/logout` }),
      });
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [publicJwk] });

    if (req.method === 'GET' && url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== clientId || p.get('redirect_uri') !== opts.redirectUri)
        return json(res, 400, { error: 'invalid_request' }); // never redirect to an unregistered address
      const back = new URL(opts.redirectUri);
      if (p.get('state')) back.searchParams.set('state', p.get('state')!);
      const ok =
        p.get('response_type') === 'code' &&
        (p.get('scope') ?? '').split(' ').includes('openid') &&
        p.get('code_challenge_method') === 'S256' &&
        !!p.get('code_challenge') &&
        !!p.get('nonce');
      if (!ok || !provider.user) {
        back.searchParams.set('error', ok ? 'access_denied' : 'invalid_request');
      } else {
        const code = b64url(randomBytes(24));
        grants.set(code, {
          user: provider.user,
          nonce: p.get('nonce')!,
          challenge: p.get('code_challenge')!,
          redirectUri: p.get('redirect_uri')!,
          used: false,
        });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { location: back.href });
      return res.end();
    }

    if (req.method === 'GET' && url.pathname === '/logout' && opts.endSession !== false) {
      const p = url.searchParams;
      let subject: string | null = null;
      const hint = p.get('id_token_hint');
      if (hint)
        subject = await jwtVerify(hint, keys.publicKey, { issuer, audience: clientId }).then(
          (v) => v.payload.sub ?? null,
          () => 'invalid',
        );
      const back = p.get('post_logout_redirect_uri');
      provider.signOuts.push({ subject, back });
      if (back !== afterLogout || p.get('client_id') !== clientId) return json(res, 400, { error: 'invalid_request' });
      res.writeHead(302, { location: back });
      return res.end();
    }

    if (req.method === 'POST' && url.pathname === '/token') {
      provider.tokenRequests++;
      // client_secret_basic: each part form-urlencoded, then base64 (RFC 6749 §2.3.1)
      const [id, secret] = Buffer.from(req.headers.authorization?.replace(/^Basic /i, '') ?? '', 'base64')
        .toString()
        .split(':')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
      const form = new URLSearchParams(await body(req));
      if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
      const grant = grants.get(form.get('code') ?? '');
      if (!grant || grant.used) return json(res, 400, { error: 'invalid_grant', error_description: 'code used' });
      grant.used = true; // a code is good once, whatever follows
      if (form.get('redirect_uri') !== grant.redirectUri) return json(res, 400, { error: 'invalid_grant' });
      const verifier = form.get('code_verifier') ?? '';
      if (b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge)
        return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verifier' });
      return json(res, 200, {
        access_token: b64url(randomBytes(24)),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: await idToken(grant),
      });
    }
    json(res, 404, { error: 'not_found' });
  }

  return provider;
}
