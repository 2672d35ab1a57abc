import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { Database } from '../db/client.js';
import { appMeta } from '../db/meta.js';
import { eq } from 'drizzle-orm';
import type { AppConfig } from '../core/context.js';
import { registerAuth } from './auth.js';
import { frameworkError, registerErrorHandler } from './error-handler.js';
import { refuseUnstorableText } from './text-guard.js';
import { refuseUnreadableNumbers } from './number-guard.js';
import { registerSecurityHeaders } from './security-headers.js';
import { API_FORMATS } from '../core/schemas.js';
import { registerIdempotency } from './idempotency.js';
import { sendPage } from './page.js';
import { t } from '../core/i18n.js';
import { unitRoutes } from '../modules/units/index.js';
import { accountRoutes } from '../modules/accounts/index.js';
import { auditRoutes } from '../modules/audit/index.js';
import { calendarRoutes } from '../modules/calendar/index.js';
import { referenceDir } from '../modules/units/index.js';
import '../core/context.js';
import { dossierRoutes, dossierBoardRoutes, dossierComplaintRoutes } from '../modules/dossiers/index.js';
import { workforceRoutes } from '../modules/workforce/index.js';
import { workforceIoRoutes } from '../modules/workforce/index.js';
import { dossierFormRoutes } from '../modules/dossiers/index.js';
import { procedureImportRoutes } from '../modules/dossiers/index.js';
import { recommendationRoutes } from '../modules/recommendations/index.js';
import { reinforcementRoutes } from '../modules/reinforcement/index.js';
import { assessmentRoutes } from '../modules/assessments/index.js';
import { settlementRoutes } from '../modules/settlement/index.js';
import { reportRoutes } from '../modules/reports/index.js';
import { archiveRoutes } from '../modules/archives/index.js';
import { organisationRoutes } from '../modules/organisations/index.js';
import { trainingRoutes } from '../modules/training/index.js';
import { systemClock } from '../core/clock.js';
import type { DeadlineClock } from '../core/clock.js';
import { defaultFileStore, type FileStore } from '../core/file-store.js';
import { HealthResponse, MetaResponse } from '../core/system-contract.js';

/** Sent as the file's bytes (never serialized): the schema documents the shape. */
const ProvincesGeoJson = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'one GeoJSON Feature a province' }),
  },
  { description: 'GeoJSON FeatureCollection of the province boundaries' },
);

export interface BuildOptions {
  database: Database;
  config: AppConfig;
  logger?: boolean;
  clock?: DeadlineClock;
  fileStore?: FileStore;
}

/**
 * How many proxies in front of the server append to X-Forwarded-For (TRUST_PROXY=<hops>, default none): the client's
 * address is the entry that many hops back, never what the client itself wrote at the start of the header (issue #14;
 * `true` would trust every hop and take the forgeable first entry). Anything but a whole number ≥ 1 trusts none.
 */
export function trustedProxyHops(value: string | undefined): number | false {
  const hops = Number(value);
  return Number.isInteger(hops) && hops >= 1 && hops <= 10 ? hops : false;
}

/** Fastify's trust function for that many hops (proxy-addr counts the hops from the connection: 0, 1, …). */
const trustHops = (hops: number | false) => (hops ? (_address: string, hop: number) => hop < hops : false);

/** Assembles the whole platform on one database: API, OpenAPI, and the built web app when present. */
export async function buildApp({
  database,
  config,
  logger = false,
  clock = systemClock(),
  fileStore = defaultFileStore(),
}: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: process.env.LOG_LEVEL ?? 'warn' } : false,
    trustProxy: trustHops(trustedProxyHops(process.env.TRUST_PROXY)),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false, formats: API_FORMATS } },
    frameworkErrors: frameworkError,
  });
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('fileStore', fileStore);
  await app.register(cookie);
  await registerSecurityHeaders(app, { secure: config.secureCookies });
  // Weak connections: compress JSON, the map's GeoJSON and the web app's assets.
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'haicap API',
        version: '0.1.0',
        description:
          'Operations platform of the Home Affairs sector. Sign in with POST /api/auth/login; send x-csrf-token on writes.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'haicap_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerErrorHandler(app);
  app.addHook('preValidation', refuseUnstorableText);
  app.addHook('preValidation', refuseUnreadableNumbers);
  registerAuth(app);
  registerIdempotency(app);

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        response: { 200: HealthResponse },
      },
    },
    async () => {
      await database.db.select().from(appMeta).where(eq(appMeta.key, 'demo'));
      return { status: 'ok' as const, database: database.kind };
    },
  );

  app.get(
    '/api/meta',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'What the sign-in page needs: demo mode and its accounts, sign-in through a provider',
        response: { 200: MetaResponse },
      },
    },
    async () => ({
      demo: config.demo,
      demoAccounts:
        config.demo && config.demoPassword
          ? { password: config.demoPassword, examples: ['ministry', 'province-01', 'commune-00004', 'admin'] }
          : null,
      oidc: config.oidc ? { label: config.oidc.label } : null,
    }),
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  // The province boundaries, for the map (public reference data).
  const geo = join(referenceDir, 'provinces.geojson');
  app.get(
    '/api/geo/provinces',
    {
      config: { public: true },
      schema: { tags: ['units'], summary: 'Province boundaries (GeoJSON)', response: { 200: ProvincesGeoJson } },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=86400').type('application/json');
      return readFileSync(geo);
    },
  );

  await app.register(unitRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(dossierRoutes);
  await app.register(dossierBoardRoutes);
  await app.register(dossierComplaintRoutes);
  await app.register(workforceRoutes);
  await app.register(workforceIoRoutes);
  await app.register(dossierFormRoutes);
  await app.register(procedureImportRoutes);
  await app.register(recommendationRoutes);
  await app.register(reinforcementRoutes);
  await app.register(assessmentRoutes);
  await app.register(settlementRoutes);
  await app.register(archiveRoutes);
  await app.register(organisationRoutes);
  await app.register(trainingRoutes);
  await app.register(reportRoutes);

  const webDir = config.webDir;
  const hasWeb = !!webDir && existsSync(join(webDir, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDir!,
      wildcard: false,
      // the page itself is made per request (./page.ts); only the build's files are served as they are
      index: false,
      allowedPath: (path) => path !== '/index.html',
      // Weak connections: the build's assets carry a hash in their names, kept a year and never asked again; the page
      // and files without a hash are revalidated each time (a new build is seen at once).
      cacheControl: false,
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });

  const page = hasWeb ? readFileSync(join(webDir!, 'index.html'), 'utf8') : null;
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && page !== null && (req.method === 'GET' || req.method === 'HEAD'))
      return sendPage(app, req, reply, page);
    return reply.status(404).send({
      error: { code: 'not_found', message: t(req.lang ?? 'vi', 'route_not_found', { path: req.url.split('?')[0]! }) },
    });
  });
  return app;
}
