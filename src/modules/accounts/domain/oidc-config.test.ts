import { describe, expect, it } from 'vitest';
import { oidcConfigFrom } from './oidc-config.js';

const complete = {
  OIDC_ISSUER: 'https://sso.hanoi.gov.vn/realms/canbo/',
  OIDC_CLIENT_ID: 'haicap',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URI: 'https://haicap.hanoi.gov.vn/api/auth/oidc/callback',
};

describe('the OpenID Connect configuration', () => {
  it('is off without an issuer: passwords only', () => {
    expect(oidcConfigFrom({})).toBeNull();
  });

  it('reads a complete configuration, linking by the citizen ID by default', () => {
    expect(oidcConfigFrom({ ...complete, OIDC_LABEL: 'Đăng nhập bằng VNeID' })).toEqual({
      issuer: 'https://sso.hanoi.gov.vn/realms/canbo/',
      clientId: 'haicap',
      clientSecret: 's3cret',
      redirectUri: 'https://haicap.hanoi.gov.vn/api/auth/oidc/callback',
      // after signing out at the provider, back to the platform's home page unless told otherwise
      postLogoutRedirectUri: 'https://haicap.hanoi.gov.vn/',
      linkClaim: 'personal_id',
      label: 'Đăng nhập bằng VNeID',
    });
  });

  it('refuses an incomplete or unsafe one, naming the problem', () => {
    expect(oidcConfigFrom({ ...complete, OIDC_ISSUER: 'http://sso.example.vn' })).toEqual({
      problem: 'issuer_invalid',
    });
    expect(oidcConfigFrom({ ...complete, OIDC_CLIENT_SECRET: '' })).toEqual({ problem: 'client_missing' });
    expect(oidcConfigFrom({ ...complete, OIDC_REDIRECT_URI: 'https://haicap.vn/callback' })).toEqual({
      problem: 'redirect_invalid',
    });
    expect(oidcConfigFrom({ ...complete, OIDC_LINK_CLAIM: 'sub' })).toEqual({ problem: 'link_claim_invalid' });
    expect(oidcConfigFrom({ ...complete, OIDC_POST_LOGOUT_REDIRECT_URI: 'http://haicap.vn/bye' })).toEqual({
      problem: 'post_logout_redirect_invalid',
    });
    expect(
      oidcConfigFrom({ ...complete, OIDC_POST_LOGOUT_REDIRECT_URI: 'https://portal.hanoi.gov.vn/' }),
    ).toMatchObject({ postLogoutRedirectUri: 'https://portal.hanoi.gov.vn/' });
    // a provider on this machine (the tests' own) may speak plain HTTP
    expect(
      oidcConfigFrom({
        ...complete,
        OIDC_ISSUER: 'http://127.0.0.1:9400',
        OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/api/auth/oidc/callback',
      }),
    ).toMatchObject({ issuer: 'http://127.0.0.1:9400' });
  });
});
