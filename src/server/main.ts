import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv } from './options.js';
import { startFirstPreparation } from './first-preparation.js';
import { servePreparing } from './preparing.js';

const webDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));

async function ensureWebBuilt() {
  // SKIP_WEB_BUILD=1 serves the API alone when nothing is built (tests that start the server in a process of their own)
  if (existsSync(webDir + 'index.html') || process.env.SKIP_WEB_BUILD === '1') return;
  console.log('building the web app (first start)…');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

const t0 = Date.now();
const opts = optionsFromEnv(process.argv.slice(2));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// The port answers from the first second: a browser opened now sees "preparing" with the progress, not a refusal.
const preparing = await servePreparing(port, host);
const log = (l: string) => {
  console.log(l);
  const percent = /^\[\s*(\d+)%\]/.exec(l);
  if (percent) preparing?.progress(Number(percent[1]) / 100);
};
// A new embedded database is made in a process of its own, started before this one loads the platform's modules
// (~3 s of a first start on 2 cores); nothing happens there for an existing directory or a server.
const firstPreparation = startFirstPreparation(opts, log);
firstPreparation.catch(() => {}); // awaited below, in preparePlatform
const [
  { buildApp },
  { preparePlatform },
  { startMaintenance },
  { DEFAULT_UPLOAD_TTL_HOURS, startUploadSweep },
  { startTrainingNoticeSweep },
  { oidcConfigFrom },
  { startWorkforceFiguresWarmup },
  { tuneHeap },
] = await Promise.all([
  import('./app.js'),
  import('./setup.js'),
  import('../db/maintenance.js'),
  import('../modules/archives/index.js'),
  import('../modules/training/index.js'),
  import('../modules/accounts/index.js'),
  import('../modules/workforce/index.js'),
  import('./memory.js'),
]);
// Sign-in through an OpenID Connect provider (docs/decisions/0005): unset OIDC_ISSUER, passwords only; an incomplete
// or unsafe configuration stops the start before the platform opens (a first preparation under way is stopped with
// it: its directory is set aside and made again by the next start).
const oidc = oidcConfigFrom(process.env);
if (oidc && 'problem' in oidc) {
  console.error(`OpenID Connect sign-in is misconfigured (${oidc.problem}): see docs/decisions/0005`);
  process.exit(1);
}
await ensureWebBuilt();
const { database, demo } = await preparePlatform(opts, log, firstPreparation);
tuneHeap();
const app = await buildApp({
  database,
  config: {
    demo,
    demoPassword: demo ? opts.demoPassword : undefined,
    secureCookies: process.env.SECURE_COOKIES === '1',
    webDir,
    oidc,
    ...(Number(process.env.LIST_COUNT_CAP) >= 1 ? { listCountCap: Number(process.env.LIST_COUNT_CAP) } : {}),
  },
  // Warnings and errors only, unless LOG_LEVEL asks for more (LOG_LEVEL=info logs every request).
  logger: process.env.LOG_LEVEL !== 'silent',
});
const stopMaintenance = startMaintenance(database, (l) => app.log.info(l));
// Uploads of scans started and never finished (idle longer than ARCHIVE_UPLOAD_TTL_HOURS, default 24) are removed
// with their stored pieces, at start and hourly.
const uploadTtl = Number(process.env.ARCHIVE_UPLOAD_TTL_HOURS);
const stopUploadSweep = startUploadSweep({
  db: () => app.database.db,
  store: app.fileStore,
  clock: app.clock,
  log: (l) => app.log.info(l),
  ttlHours: Number.isFinite(uploadTtl) && uploadTtl > 0 ? uploadTtl : DEFAULT_UPLOAD_TTL_HOURS,
});
// The day's workforce figures of every province, kept computed so that no reader waits for them (issue #16).
const stopWorkforceWarmup = startWorkforceFiguresWarmup(
  () => app.database.db,
  () => app.clock.localDate(app.clock.now()),
  (l) => app.log.info(l),
);
// Training notices a save could not deliver after its commit (docs/trainings.md): at start and every 5 minutes.
const stopTrainingNotices = startTrainingNoticeSweep(
  () => app.database.db,
  () => app.clock.now(),
  (l) => app.log.warn(l),
);
await preparing?.close();
await app.listen({ port, host });
console.log(
  `\nhaicap is running at http://${host}:${port}  (database: ${database.kind}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(`API documentation: http://${host}:${port}/api/docs`);
if (demo) {
  console.log(
    `Demo accounts (password "${opts.demoPassword}"): admin, ministry, viewer, ` +
      'province-<code> (e.g. province-01), commune-<code> (e.g. commune-00004)',
  );
}
const stop = async () => {
  await stopMaintenance();
  await stopUploadSweep();
  await stopTrainingNotices();
  await stopWorkforceWarmup();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
