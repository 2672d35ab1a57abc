// Sets (or creates) an administrator's password: `npm run admin:password -- [username]`.
// The password comes from HAICAP_ADMIN_PASSWORD or, when unset, from standard input.
import { createInterface } from 'node:readline/promises';
import { openDatabase, runMigrations } from '../db/client.js';
import { optionsFromEnv } from '../server/setup.js';
import { setPassword } from '../modules/accounts/index.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const username = args[0] ?? 'admin';
const opts = optionsFromEnv(process.argv.slice(2));
let password = opts.adminPassword;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = (await rl.question(`New password for ${username}: `)).trim();
  rl.close();
}
const database = await openDatabase({ url: opts.databaseUrl, dataDir: opts.databaseUrl ? undefined : opts.dataDir });
await runMigrations(database);
await setPassword(database.db, username, password);
await database.close();
console.log(`password set for ${username}`);
