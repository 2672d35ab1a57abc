// Backs up the database and the file store into one file: `npm run backup -- <file>` (DATABASE_URL or DATA_DIR,
// FILES_DIR). On the embedded database stop the platform first (one process owns the folder). See docs/operations.md.
import { resolve } from 'node:path';
import { backup } from '../db/backup.js';
import { optionsFromEnv } from '../server/setup.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = args[0];
if (!file) {
  console.error('usage: npm run backup -- <file>');
  process.exit(2);
}
const opts = optionsFromEnv(process.argv.slice(2));
const t0 = Date.now();
try {
  const meta = await backup(
    {
      url: opts.databaseUrl,
      dataDir: opts.databaseUrl ? undefined : opts.dataDir,
      filesDir: resolve(process.env.FILES_DIR ?? 'data/files'),
    },
    resolve(file),
    (l) => console.log(l),
  );
  console.log(`backup done in ${((Date.now() - t0) / 1000).toFixed(1)} s (${meta.kind}, ${meta.method})`);
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
