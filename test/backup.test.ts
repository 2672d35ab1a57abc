/**
 * Backup and restore (issue #14): `npm run backup -- <file>` then `npm run restore -- <file> --force` brings back the
 * database and the file store as they were at the backup, whatever was done in between; the audit chain verifies.
 * PGlite through the real commands on a data folder; PostgreSQL (when DATABASE_URL is set) with pg_dump and with the
 * logical export, each restored into a fresh database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/db/client.js';
import { backup, readFileStore, restore } from '../src/db/backup.js';
import { buildApp } from '../src/server/app.js';
import { DiskFileStore } from '../src/core/file-store.js';
import { verifyAuditChain } from '../src/modules/audit/index.js';
import { DEMO_PASSWORD, signIn } from './helpers.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'haicap-backup-'));

async function tableCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.rows<{ name: string }>(
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await database.rows<{ n: string | number }>(sql.raw(`SELECT count(*) AS n FROM "${t.name}"`));
    out[t.name] = Number(row!.n);
  }
  return out;
}

type Session = Awaited<ReturnType<typeof signIn>>;
type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * Runs the app on the data folder, lets `work` act as Ba Đình's receiving officer, closes everything. `counted`: every
 * table's count taken before signing in (a sign-in adds a session row).
 */
async function withApp<T>(
  dataDir: string,
  filesDir: string,
  work: (s: Session, database: Database, app: App, counted: Record<string, number>) => Promise<T>,
  opts: { loadDataDir?: Blob; count?: boolean } = {},
): Promise<T> {
  const database = await openDatabase({ dataDir, loadDataDir: opts.loadDataDir });
  const app = await buildApp({
    database,
    config: { demo: true, demoPassword: DEMO_PASSWORD, secureCookies: false },
    fileStore: new DiskFileStore(filesDir),
  });
  try {
    const counted = opts.count ? await tableCounts(database) : {};
    return await work(await signIn(app, '00004-tiepnhan-1'), database, app, counted);
  } finally {
    await app.close();
    await database.close();
  }
}

async function intakeWithScan(s: Awaited<ReturnType<typeof signIn>>, text: string): Promise<string> {
  const res = await s.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Trần Văn Sao Lưu',
    applicantIdNumber: '001190054321',
  });
  expect(res.statusCode).toBe(201);
  const id = (res.json() as { id: string }).id;
  const doc = await s.send('POST', `/api/dossiers/${id}/documents`, {
    kind: 'input',
    name: 'to-khai.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from(`%PDF-1.4 ${text}`).toString('base64'),
  });
  expect(doc.statusCode).toBe(201);
  return id;
}

describe.skipIf(!!process.env.DATABASE_URL)('backup and restore on the embedded database', () => {
  it('brings back the tables and the uploaded files as they were, through npm run backup / restore', async () => {
    const dataDir = join(root, 'pglite');
    const filesDir = join(root, 'files');
    const file = join(root, 'backup.haicap.gz');
    const snapshot = new Blob([readFileSync(inject('snapshot'))]);
    const env = { ...process.env, DATA_DIR: dataDir, FILES_DIR: filesDir, DATABASE_URL: '' };

    const before = await withApp(
      dataDir,
      filesDir,
      async (s, database) => {
        const kept = await intakeWithScan(s, 'before the backup');
        const keptStatus = String(((await s.get(`/api/dossiers/${kept}`)).json() as { status: string }).status);
        return { kept, keptStatus, counts: await tableCounts(database), files: readFileStore(filesDir) };
      },
      { loadDataDir: snapshot },
    );
    const { kept, keptStatus } = before;
    expect(before.files.size).toBe(1);

    const t0 = Date.now();
    const made = await run('node_modules/.bin/tsx', ['src/cli/backup.ts', file], { env });
    const backupSeconds = (Date.now() - t0) / 1000;
    expect(made.stdout).toMatch(/backup done/);

    // Work after the backup: a new dossier with its scan, and the first one handed on.
    const lost = await withApp(dataDir, filesDir, async (s, _database, app) => {
      const id = await intakeWithScan(s, 'after the backup');
      // Handed on by the commune's office account (the receiving officer only receives, in the one-stop's steps).
      const office = await signIn(app, 'commune-00004');
      const moved = await office.send('POST', `/api/dossiers/${kept}/transitions`, { action: 'request_supplement' });
      expect(moved.statusCode).toBe(200);
      return id;
    });
    expect(readFileStore(filesDir).size).toBe(2);

    // A running or existing database is not replaced by mistake.
    await expect(run('node_modules/.bin/tsx', ['src/cli/restore.ts', file], { env })).rejects.toMatchObject({
      stderr: expect.stringMatching(/--force/),
    });
    const t1 = Date.now();
    const restored = await run('node_modules/.bin/tsx', ['src/cli/restore.ts', file, '--force'], { env });
    const restoreSeconds = (Date.now() - t1) / 1000;
    expect(restored.stdout).toMatch(/audit chain intact/);

    await withApp(
      dataDir,
      filesDir,
      async (s, database, _app, counted) => {
        expect(counted).toEqual(before.counts);
        expect(readFileStore(filesDir)).toEqual(before.files);
        expect((await s.get(`/api/dossiers/${lost}`)).statusCode).toBe(404);
        const back = (await s.get(`/api/dossiers/${kept}`)).json() as { status: string; documents: unknown[] };
        expect(back.documents).toHaveLength(1);
        expect(back.status).toBe(keptStatus);
        expect((await verifyAuditChain(database)).ok).toBe(true);
      },
      { count: true },
    );
    console.log(`backup ${backupSeconds.toFixed(1)} s, restore ${restoreSeconds.toFixed(1)} s (PGlite, test nation)`);
  }, 300_000);

  it('refuses a backup cut short', async () => {
    const file = join(root, 'backup.haicap.gz');
    const cut = join(root, 'cut.gz');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = { dataDir: join(root, 'cut-db'), filesDir: join(root, 'cut-files') };
    await expect(restore(target, cut)).rejects.toThrow();
    expect(readFileStore(target.filesDir).size).toBe(0);
  }, 120_000);
});

describe.skipIf(!process.env.DATABASE_URL)('backup and restore on PostgreSQL', () => {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://x/y');
  const made: string[] = [];
  afterAll(async () => {
    const admin = postgres({ ...pgOptions(url), database: 'postgres', max: 1, onnotice: () => {} });
    for (const name of made) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  // The logical method (no pg_dump on the machine) copies every table through the driver: minutes on a shared
  // machine, so it runs with BACKUP_TESTS=1; pg_dump's always runs.
  for (const method of ['pg_dump', 'logical'] as const) {
    it.skipIf(method === 'logical' && !process.env.BACKUP_TESTS)(
      `restores a backup (${method}) into a fresh database with the same counts and a verifying chain`,
      async () => {
        const filesDir = join(root, `pg-files-${method}`);
        mkdirSync(join(filesDir, 'ab'), { recursive: true });
        writeFileSync(join(filesDir, 'ab', 'scan.pdf'), '%PDF-1.4 a scan');
        const file = join(root, `pg-${method}.gz`);
        process.env.BACKUP_METHOD = method;
        const meta = await backup({ url: url.href, filesDir }, file).finally(() => delete process.env.BACKUP_METHOD);
        expect(meta.method).toBe(method);

        const name = `${url.pathname.slice(1)}_restore_${method}`;
        const admin = postgres({ ...pgOptions(url), database: 'postgres', max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.unsafe(`CREATE DATABASE "${name}"`);
        await admin.end();
        made.push(name);
        const target = new URL(url.href);
        target.pathname = `/${name}`;
        const restoredFiles = join(root, `pg-restored-${method}`);
        await restore({ url: target.href, filesDir: restoredFiles }, file);

        const database = await openDatabase({ url: target.href });
        try {
          expect(await tableCounts(database)).toEqual(meta.counts);
          expect((await verifyAuditChain(database)).ok).toBe(true);
        } finally {
          await database.close();
        }
        expect(readFileStore(restoredFiles)).toEqual(readFileStore(filesDir));
        // Not into a database that holds data, unless asked.
        await expect(restore({ url: target.href, filesDir: restoredFiles }, file)).rejects.toThrow(/--force/);
      },
      600_000,
    );
  }
});

function pgOptions(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password) || undefined,
  };
}
