// The system routes' contract (health, the sign-in page's meta): the server's assembly serves them, the web imports
// the types.
import { Type, type Static } from 'typebox';
import { OrNull } from './schemas.js';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});

export const MetaResponse = Type.Object({
  demo: Type.Boolean(),
  demoAccounts: OrNull(
    Type.Object({
      password: Type.String({ description: 'the password of every demo account' }),
      examples: Type.Array(Type.String(), { description: 'usernames to try' }),
    }),
  ),
  oidc: OrNull(
    Type.Object(
      { label: Type.String({ description: "the button's words, e.g. Đăng nhập bằng VNeID" }) },
      { description: 'sign-in through an OpenID Connect provider (GET /api/auth/oidc/start), when configured' },
    ),
  ),
});
export type Meta = Static<typeof MetaResponse>;
