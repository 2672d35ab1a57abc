/**
 * The first preparation of an embedded database (migrations, real units, procedure catalogue, demo nation), or the
 * first demo generation on a server, in a process of its own forked by `prepareInChildProcess`: PGlite's WebAssembly heap
 * (and Node's) keeps the high-water mark of a bulk load for as long as its process lives, so the server that opens
 * the database afterwards starts from a small one. Options come in as JSON in HAICAP_PREPARE; log lines and the
 * result go back over the IPC channel.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { currentWalSegment, dropSpareWal, openPgliteInThread } from '../db/pglite-thread.js';
import type { PlatformOptions } from './setup.js';

type Message = { log: string } | { made: Record<string, number> | null } | { error: string };
const reply = (m: Message) =>
  new Promise<void>((resolve) =>
    process.send ? process.send(m, () => resolve()) : (console.log(JSON.stringify(m)), resolve()),
  );

// Stop when the server that forked us is gone (the listener is removed at the end, or it would keep us alive).
const orphaned = () => process.exit(1);
process.on('disconnect', orphaned);

try {
  const { opts, wantDemo } = JSON.parse(process.env.HAICAP_PREPARE ?? '{}') as {
    opts: Pick<PlatformOptions, 'databaseUrl' | 'dataDir' | 'seed' | 'scale' | 'demoPassword'>;
    wantDemo: boolean;
  };
  // An embedded database runs in a worker thread here: the demo's generators make the next rows meanwhile. Its
  // start (a new cluster, ~3.5 s) runs while this thread loads the platform's modules (~3 s), hence the late import.
  const opening = opts.databaseUrl ? openDatabase({ url: opts.databaseUrl }) : openPgliteInThread(opts.dataDir);
  opening.catch(() => {}); // its error is thrown where it is awaited, below
  const { prepareDatabase } = await import('./setup.js');
  const database = await opening;
  // An embedded database is prepared here in a directory of its own, thrown away whole if this fails: its bulk steps
  // may build their indexes once at their end. A server's database is kept as it is.
  const made = await prepareDatabase(
    database,
    { ...opts, deferIndexes: !opts.databaseUrl },
    wantDemo,
    (line) => void reply({ log: line }),
  );
  if (opts.databaseUrl) await database.close();
  else {
    // A checkpoint, then the log's spare segments go (a gigabyte after the demo's bulk load): the directory is
    // what a user keeps, and what the browser tests copy for each server.
    await database.db.execute(sql`CHECKPOINT`);
    const current = await currentWalSegment(database);
    await database.close();
    dropSpareWal(opts.dataDir, current);
  }
  await reply({ made });
} catch (e) {
  await reply({ error: (e as Error).stack ?? String(e) });
  // now: the database's worker thread would keep this process alive, and the server waits for it to end
  process.exit(1);
}
process.off('disconnect', orphaned);
