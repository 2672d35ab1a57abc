// Verifies the audit log's hash chain: `npm run audit:verify` (uses DATABASE_URL or the embedded data).
import { openDatabase } from '../db/client.js';
import { optionsFromEnv } from '../server/setup.js';
import { verifyAuditChain } from '../modules/audit/index.js';

const opts = optionsFromEnv(process.argv.slice(2));
const database = await openDatabase({ url: opts.databaseUrl, dataDir: opts.databaseUrl ? undefined : opts.dataDir });
const result = await verifyAuditChain(database);
await database.close();
if (result.ok) {
  console.log(`audit chain intact: ${result.checked} entries verified`);
} else {
  console.error(`audit chain BROKEN at entry ${result.firstBadId} (${result.checked} entries before it verified)`);
  process.exit(1);
}
