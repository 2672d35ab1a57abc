/**
 * Generates the demo nation into a PGlite data directory in a process of its own (forked by `preparePlatform`):
 * PGlite's WebAssembly heap keeps the high-water mark of the generation for as long as its process lives, so the
 * server that opens the directory afterwards starts from a small one. Options come from the environment
 * (HAICAP_DEMO_*), progress and the result go back over the IPC channel.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { generateDemoNation } from './generate.js';

const env = process.env;
const reply = (m: { log: string } | { made: Record<string, number> | null } | { error: string }) =>
  new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : (console.log(JSON.stringify(m)), resolve())));

try {
  const database = await openDatabase({ dataDir: env.HAICAP_DEMO_DATA_DIR! });
  const made = await generateDemoNation(
    database,
    { seed: Number(env.HAICAP_DEMO_SEED), scale: Number(env.HAICAP_DEMO_SCALE), password: env.HAICAP_DEMO_PASSWORD! },
    (line) => void reply({ log: line }),
  );
  // Fresh statistics for the planner: PGlite has no autovacuum, and bulk-loaded tables otherwise look empty.
  if (made) await database.db.execute(sql`ANALYZE`);
  await database.close();
  await reply({ made });
} catch (e) {
  await reply({ error: (e as Error).stack ?? String(e) });
  process.exitCode = 1;
}
