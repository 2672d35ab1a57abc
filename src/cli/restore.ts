// Restores a backup made by `npm run backup`: `npm run restore -- <file> [--force]` (DATABASE_URL or DATA_DIR,
// FILES_DIR). Stop the platform first. See docs/operations.md.
import { resolve } from 'node:path';
import { restore } from '../db/backup.js';
import { openDatabase } from '../db/client.js';
import { optionsFromEnv } from '../server/setup.js';
import { verifyAuditChain } from '../modules/audit/index.js';

const argv = process.argv.slice(2);
const file = argv.filter((a) => !a.startsWith('--'))[0];
if (!file) {
  console.error('usage: npm run restore -- <file> [--force]');
  process.exit(2);
}
const opts = optionsFromEnv(argv);
const target = {
  url: opts.databaseUrl,
  dataDir: opts.databaseUrl ? undefined : opts.dataDir,
  filesDir: resolve(process.env.FILES_DIR ?? 'data/files'),
};
const t0 = Date.now();
try {
  const meta = await restore(target, resolve(file), { force: argv.includes('--force') }, (l) => console.log(l));
  const database = await openDatabase({ url: target.url, dataDir: target.dataDir });
  const chain = await verifyAuditChain(database);
  await database.close();
  if (!chain.ok) throw new Error(`the restored audit chain is broken at entry ${chain.firstBadId}`);
  console.log(
    `restore done in ${((Date.now() - t0) / 1000).toFixed(1)} s: backup of ${meta.madeAt}, ` +
      `audit chain intact (${chain.checked} entries)`,
  );
} catch (e) {
  console.error(`restore failed: ${(e as Error).message}`);
  process.exit(1);
}
