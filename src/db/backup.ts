import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { migrationsFolder, openDatabase, runMigrations } from './client.js';

/**
 * Backup and restore of the whole platform: the database and the file store (uploaded documents, attachments, scans).
 *
 * One file, gzip-compressed, made of frames: a JSON header line `{ kind, …, bytes }` then `bytes` raw bytes.
 *  - `meta`: format version, when, the database kind and method, the migration level, every table's row count;
 *  - `table` (method `logical`): one table's rows in PostgreSQL's COPY text format (exact for every type);
 *  - `pg_dump` (method `pg_dump`): a `pg_dump --format=custom` archive of the server database;
 *  - `file`: one file of the file store, by its key;
 *  - `end`: the number of frames before it (a cut-off backup is refused).
 *
 * The logical method reads every table in one REPEATABLE READ transaction (one snapshot); pg_dump is given that same
 * snapshot, so the counts in `meta` are the counts of the dump. Restore re-creates the schema with the migrations of
 * this version (the backup's migration level must be the same), loads the tables in the order of their foreign keys
 * and sets the sequences; then it compares every table's count with `meta`.
 */

export const BACKUP_FORMAT = 'haicap-backup/1';

export type BackupMethod = 'logical' | 'pg_dump';

export interface BackupTarget {
  /** postgres://… ; else the embedded database in `dataDir`. */
  url?: string;
  dataDir?: string;
  /** The file store's folder. */
  filesDir: string;
}

export interface BackupMeta {
  format: string;
  madeAt: string;
  kind: 'pglite' | 'postgres';
  method: BackupMethod;
  migrations: { count: number; last: string };
  counts: Record<string, number>;
  files: number;
}

interface Sql {
  /** Rows of a statement. */
  rows<T>(text: string): Promise<T[]>;
  exec(text: string): Promise<void>;
  copyOut(table: string, columns: string[]): Promise<Buffer>;
  copyIn(table: string, columns: string[], data: Buffer): Promise<void>;
}

function migrationLevel() {
  const all = readMigrationFiles({ migrationsFolder });
  return { count: all.length, last: all.at(-1)?.hash ?? '' };
}

function one<T>(rows: T[]): T {
  if (!rows[0]) throw new Error('no row');
  return rows[0];
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the public schema in an order where every table comes after those its foreign keys point at. */
async function tablesInOrder(sql: Sql): Promise<{ name: string; columns: string[] }[]> {
  const tables = await sql.rows<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const refs = await sql.rows<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  const cols = await sql.rows<{ table: string; name: string }>(
    `SELECT c.relname AS table, a.attname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const r of refs) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name)) return;
    if (path.has(name)) throw new Error(`foreign keys form a cycle through ${name}`);
    path.add(name);
    for (const p of parents.get(name) ?? []) visit(p, path);
    path.delete(name);
    done.add(name);
    ordered.push(name);
  };
  for (const t of tables) visit(t.name, new Set());
  return ordered.map((name) => ({ name, columns: cols.filter((c) => c.table === name).map((c) => c.name) }));
}

function pgliteSql(pglite: PGlite): Sql {
  return {
    rows: async <T>(text: string) => (await pglite.query<T>(text)).rows,
    exec: async (text) => void (await pglite.exec(text)),
    copyOut: async (table, columns) => {
      const r = await pglite.query(`COPY (SELECT ${columns.map(q).join(', ')} FROM ${q(table)}) TO '/dev/blob'`);
      return r.blob ? Buffer.from(await r.blob.arrayBuffer()) : Buffer.alloc(0);
    },
    copyIn: async (table, columns, data) => {
      await pglite.query(`COPY ${q(table)} (${columns.map(q).join(', ')}) FROM '/dev/blob'`, [], {
        blob: new Blob([new Uint8Array(data)]),
      });
    },
  };
}

/** A value as COPY's text format writes it: `\N` for NULL; backslash, newline, carriage return and tab escaped. */
export function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

function postgresSql(tx: postgres.Sql | postgres.TransactionSql): Sql {
  return {
    rows: async <T>(text: string) => (await tx.unsafe(text)) as unknown as T[],
    exec: async (text) => void (await tx.unsafe(text)),
    copyOut: async (table, columns) => {
      // Not `COPY … TO STDOUT`: postgres.js's COPY stream now and then pauses its socket for good (the server waits in
      // ClientWrite: the backup of the test nation hung on a different table each time). The same text is made from
      // the columns' text output read through a cursor, escaped as COPY
      // escapes them.
      const parts: string[] = [];
      // format('%s') calls the type's output function, as COPY does (a cast to text may differ: `true`, not `t`).
      const text = (c: string) => `CASE WHEN ${q(c)} IS NULL THEN NULL ELSE format('%s', ${q(c)}) END`;
      const select = `SELECT ${columns.map(text).join(', ')} FROM ${q(table)}`;
      for await (const rows of tx.unsafe(select).values().cursor(5000)) {
        for (const row of rows as unknown as (string | null)[][]) parts.push(row.map(copyText).join('\t') + '\n');
      }
      return Buffer.from(parts.join(''), 'utf8');
    },
    copyIn: async (table, columns, data) => {
      const stream = await tx.unsafe(`COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN`).writable();
      stream.end(data);
      await once(stream, 'finish');
    },
  };
}

/** The file store's keys (paths relative to its folder, with `/`). */
function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

class FrameWriter {
  private gzip = createGzip({ level: 6 });
  private out;
  frames = 0;
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.out = createWriteStream(path);
    this.gzip.pipe(this.out);
  }
  async write(header: Record<string, unknown>, bytes: Buffer = Buffer.alloc(0)) {
    this.frames++;
    const line = Buffer.from(JSON.stringify({ ...header, bytes: bytes.length }) + '\n');
    if (!this.gzip.write(line)) await once(this.gzip, 'drain');
    if (bytes.length && !this.gzip.write(bytes)) await once(this.gzip, 'drain');
  }
  async close() {
    await this.write({ kind: 'end', frames: this.frames });
    this.gzip.end();
    await once(this.out, 'close');
  }
}

export type Frame = { header: Record<string, unknown> & { kind: string; bytes: number }; bytes: Buffer };

/**
 * Reads the frames of a backup file one by one. The gunzipped chunks are queued and joined once a frame's bytes are
 * all there: joining each chunk onto what came before copied a large table's frame over and over (an 88 MB frame in
 * 16 kB chunks: ~240 GB of copying, the "stalled" restore of the embedded database).
 */
export async function* readFrames(path: string): AsyncGenerator<Frame> {
  const source = createReadStream(path).pipe(createGunzip())[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let queued = 0;
  let ended = false;
  const more = async () => {
    if (ended) return false;
    const next = await source.next();
    if (next.done) {
      ended = true;
      return false;
    }
    chunks.push(next.value as Buffer);
    queued += (next.value as Buffer).length;
    return true;
  };
  /** Takes `n` bytes off the front of the queue. */
  const take = (n: number): Buffer => {
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = chunks[0]!;
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) chunks.shift();
      else chunks[0] = c.subarray(k);
    }
    queued -= n;
    return out;
  };
  /** The position of the first newline in the queue, or -1. */
  let searched = 0; // chunks already searched for the newline of the current header
  let searchedBytes = 0;
  const newline = (): number => {
    for (; searched < chunks.length; searched++) {
      const i = chunks[searched]!.indexOf(10);
      if (i >= 0) return searchedBytes + i;
      searchedBytes += chunks[searched]!.length;
    }
    return -1;
  };
  for (;;) {
    searched = 0;
    searchedBytes = 0;
    let nl = newline();
    while (nl < 0) {
      if (!(await more())) {
        if (queued) throw new Error('the backup file is cut off');
        return;
      }
      nl = newline();
    }
    const header = JSON.parse(
      take(nl + 1)
        .subarray(0, nl)
        .toString('utf8'),
    ) as Frame['header'];
    while (queued < header.bytes) {
      if (!(await more())) throw new Error('the backup file is cut off');
    }
    yield { header, bytes: take(header.bytes) };
  }
}

function pgMajor(binary: string): number | null {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const m = r.status === 0 ? /(\d+)(?:\.\d+)?/.exec(r.stdout) : null;
  return m ? Number(m[1]) : null;
}

/** pg_dump when it is installed and not older than the server (else the logical export), or as `BACKUP_METHOD` says. */
export function chooseMethod(serverVersionNum: number, wanted = process.env.BACKUP_METHOD): BackupMethod {
  if (wanted === 'logical' || wanted === 'pg_dump') return wanted;
  const dump = pgMajor('pg_dump');
  const restore = pgMajor('pg_restore');
  const server = Math.floor(serverVersionNum / 10000);
  return dump !== null && restore !== null && dump >= server ? 'pg_dump' : 'logical';
}

/** Writes a backup of the database and the file store to `file`. */
export async function backup(
  target: BackupTarget,
  file: string,
  log: (l: string) => void = () => {},
): Promise<BackupMeta> {
  const out = new FrameWriter(file);
  let meta: BackupMeta;
  try {
    if (target.url) meta = await backupPostgres(target.url, out, log);
    else meta = await backupPglite(target.dataDir!, out, log);
    const keys = listFiles(target.filesDir);
    for (const key of keys) await out.write({ kind: 'file', key }, readFileSync(join(target.filesDir, key)));
    meta.files = keys.length;
    await out.write({ kind: 'meta-files', files: keys.length });
  } finally {
    await out.close();
  }
  log(`backup written: ${file} (${statSync(file).size.toLocaleString('en')} bytes, ${meta.files} files)`);
  return meta;
}

async function writeTables(sql: Sql, out: FrameWriter, meta: BackupMeta, log: (l: string) => void) {
  const tables = await tablesInOrder(sql);
  for (const t of tables) {
    const { n } = one(await sql.rows<{ n: string | number }>(`SELECT count(*) AS n FROM ${q(t.name)}`));
    meta.counts[t.name] = Number(n);
  }
  await out.write({ kind: 'meta', meta });
  if (meta.method !== 'logical') return tables;
  for (const t of tables) {
    // A large table goes in several frames cut at row ends (COPY's text format escapes newlines within values), so
    // that restoring holds one part in memory at a time.
    for (const part of rowParts(await sql.copyOut(t.name, t.columns))) {
      await out.write({ kind: 'table', name: t.name, columns: t.columns }, part);
    }
  }
  const seqs = await sql.rows<{ name: string; value: string; called: boolean }>(
    `SELECT s.relname AS name, (pg_sequence_last_value(s.oid))::text AS value, true AS called
     FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  await out.write({ kind: 'sequences', sequences: seqs.filter((s) => s.value !== null) });
  log(`database: ${tables.length} tables, ${Object.values(meta.counts).reduce((a, b) => a + b, 0)} rows`);
  return tables;
}

/** Bytes of one table frame, at most (a row longer than that goes whole in its own frame). */
export const TABLE_FRAME_BYTES = 8 * 1024 * 1024;

/** COPY text cut into parts of about `TABLE_FRAME_BYTES`, each ending at a row's end. */
export function rowParts(data: Buffer, max = TABLE_FRAME_BYTES): Buffer[] {
  if (data.length <= max) return [data];
  const parts: Buffer[] = [];
  let from = 0;
  while (from < data.length) {
    if (data.length - from <= max) {
      parts.push(data.subarray(from));
      break;
    }
    let cut = data.lastIndexOf(10, from + max - 1);
    if (cut < from) cut = data.indexOf(10, from + max);
    if (cut < 0) cut = data.length - 1;
    parts.push(data.subarray(from, cut + 1));
    from = cut + 1;
  }
  return parts;
}

function newMeta(kind: BackupMeta['kind'], method: BackupMethod): BackupMeta {
  return {
    format: BACKUP_FORMAT,
    madeAt: new Date().toISOString(),
    kind,
    method,
    migrations: migrationLevel(),
    counts: {},
    files: 0,
  };
}

async function checkLevel(sql: Sql) {
  const { n } = one(await sql.rows<{ n: string | number }>(`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`));
  const level = migrationLevel();
  if (Number(n) !== level.count)
    throw new Error(`the database has ${n} migrations, this version ${level.count}: start the platform once first`);
}

async function backupPglite(dataDir: string, out: FrameWriter, log: (l: string) => void): Promise<BackupMeta> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`no embedded database in ${dataDir}`);
  const database = await openDatabase({ dataDir });
  try {
    const sql = pgliteSql(database.pglite!);
    await checkLevel(sql);
    const meta = newMeta('pglite', 'logical');
    await sql.exec('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      await writeTables(sql, out, meta, log);
    } finally {
      await sql.exec('ROLLBACK');
    }
    return meta;
  } finally {
    await database.close();
  }
}

async function backupPostgres(url: string, out: FrameWriter, log: (l: string) => void): Promise<BackupMeta> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const { v } = one(await client.unsafe<{ v: string }[]>('SHOW server_version_num'));
    const method = chooseMethod(Number(v));
    const meta = newMeta('postgres', method);
    await client.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
      const sql = postgresSql(tx);
      await checkLevel(sql);
      const { snapshot } = one(await sql.rows<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot'));
      await writeTables(sql, out, meta, log);
      if (method !== 'pg_dump') return;
      const dir = await mkdtemp(join(tmpdir(), 'haicap-dump-'));
      try {
        const path = join(dir, 'db.dump');
        const r = spawnSync(
          'pg_dump',
          ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, '--file', path, url],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr || r.error}`);
        await out.write({ kind: 'pg_dump' }, await readFile(path));
        log(`database: pg_dump of ${Object.keys(meta.counts).length} tables`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    return meta;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export interface RestoreOptions {
  /** Replace a database that already holds data (the embedded folder is kept beside as `<dir>.before-restore`). */
  force?: boolean;
}

/**
 * Restores a backup: the database (a new embedded folder, or the server database, which must be empty unless
 * `force`) and the file store (replaced whole). Answers the backup's meta once every table's count matched it.
 */
export async function restore(
  target: BackupTarget,
  file: string,
  opts: RestoreOptions = {},
  log: (l: string) => void = () => {},
): Promise<BackupMeta> {
  // The whole file is read once before anything is touched: a backup cut short or damaged is refused at once, not
  // after loading the tables it still holds (~3 s for the test nation's 35 MB).
  await checkFrames(file);
  const frames = readFrames(file);
  const first = await frames.next();
  if (first.done || first.value.header.kind !== 'meta') throw new Error('not a haicap backup');
  const meta = first.value.header.meta as BackupMeta;
  if (meta.format !== BACKUP_FORMAT) throw new Error(`unknown backup format ${meta.format}`);
  const level = migrationLevel();
  if (meta.migrations.count !== level.count || meta.migrations.last !== level.last)
    throw new Error(
      `the backup was made at migration ${meta.migrations.count}, this version is at ${level.count}: ` +
        'restore with the version that made it, then start this one',
    );
  const filesNew = `${target.filesDir}.restoring`;
  await rm(filesNew, { recursive: true, force: true });
  mkdirSync(filesNew, { recursive: true });
  let files = 0;
  let expectedFiles = -1;
  let frameCount = 1;
  let ended = false;
  const onFile = async (f: Frame) => {
    const key = String(f.header.key);
    if (key.split('/').includes('..') || key.startsWith('/')) throw new Error(`bad file key in backup: ${key}`);
    const p = join(filesNew, key);
    mkdirSync(dirname(p), { recursive: true });
    await writeFile(p, f.bytes);
    files++;
  };
  const rest = async function* () {
    for await (const f of frames) {
      if (f.header.kind === 'end') {
        if (Number(f.header.frames) !== frameCount) throw new Error('the backup file is incomplete');
        ended = true;
        continue;
      }
      frameCount++;
      if (f.header.kind === 'file') await onFile(f);
      else if (f.header.kind === 'meta-files') expectedFiles = Number(f.header.files);
      else yield f;
    }
  };
  let finish: () => void;
  if (target.url) finish = await restorePostgres(target.url, meta, rest(), opts, log);
  else finish = await restorePglite(target.dataDir!, meta, rest(), opts, log);
  if (!ended) throw new Error('the backup file is incomplete');
  if (files !== expectedFiles) throw new Error(`the backup holds ${files} files, ${expectedFiles} expected`);
  meta.files = files;
  // Everything checked: put the database and the files in place.
  finish();
  await rm(target.filesDir, { recursive: true, force: true });
  mkdirSync(dirname(target.filesDir), { recursive: true });
  renameSync(filesNew, target.filesDir);
  log(`restored ${Object.keys(meta.counts).length} tables and ${files} files from ${meta.madeAt}`);
  return meta;
}

/** Reads every frame of a backup: throws unless it ends with the end mark counting the frames before it. */
async function checkFrames(file: string): Promise<void> {
  let count = 0;
  for await (const f of readFrames(file)) {
    if (f.header.kind === 'end') {
      if (Number(f.header.frames) !== count) throw new Error('the backup file is incomplete');
      return;
    }
    count++;
  }
  throw new Error('the backup file is incomplete');
}

async function loadTables(sql: Sql, meta: BackupMeta, frames: AsyncIterable<Frame>, log: (l: string) => void) {
  // A freshly migrated database may hold rows the migrations wrote: emptied first (the audit log is empty then).
  const tables = await tablesInOrder(sql);
  // The rows were consistent when read (one snapshot): checking every foreign key row by row again costs minutes.
  // Skipped where the role may (a superuser, as on the embedded database); the table order keeps it correct anyway.
  const [role] = await sql.rows<{ su: boolean }>('SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user');
  if (role?.su) await sql.exec('SET LOCAL session_replication_role = replica');
  const names = tables.map((t) => t.name).filter((n) => n !== 'audit_log');
  if (names.length) await sql.exec(`TRUNCATE ${names.map(q).join(', ')} RESTART IDENTITY`);
  // Indexes that no constraint holds are dropped for the load and built again after it: one sort per index instead
  // of an insertion per row (91 indexes of the test nation: ~5 s).
  const indexes = await sql.rows<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND NOT EXISTS (
       SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conindid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = i.indexname)`,
  );
  for (const i of indexes) await sql.exec(`DROP INDEX public.${q(i.name)}`);
  for await (const f of frames) {
    if (f.header.kind === 'table') {
      const t0 = Date.now();
      if (f.bytes.length) await sql.copyIn(String(f.header.name), f.header.columns as string[], f.bytes);
      if (Date.now() - t0 > 2000) log(`  ${String(f.header.name)}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } else if (f.header.kind === 'sequences') {
      for (const s of f.header.sequences as { name: string; value: string }[]) {
        await sql.rows(`SELECT setval('public.${q(s.name)}', ${BigInt(s.value).toString()}, true)`);
      }
    }
  }
  const t0 = Date.now();
  for (const i of indexes) await sql.exec(i.def);
  log(`  ${indexes.length} indexes built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await checkCounts(sql, meta);
}

async function checkCounts(sql: Sql, meta: BackupMeta) {
  for (const [table, expected] of Object.entries(meta.counts)) {
    const { n } = one(await sql.rows<{ n: string | number }>(`SELECT count(*) AS n FROM ${q(table)}`));
    if (Number(n) !== expected) throw new Error(`restored ${table} holds ${n} rows, the backup ${expected}`);
  }
}

async function restorePglite(
  dataDir: string,
  meta: BackupMeta,
  frames: AsyncIterable<Frame>,
  opts: RestoreOptions,
  log: (l: string) => void,
): Promise<() => void> {
  if (meta.method !== 'logical') throw new Error('a pg_dump backup restores into PostgreSQL only (DATABASE_URL)');
  if (existsSync(join(dataDir, 'PG_VERSION')) && !opts.force)
    throw new Error(`${dataDir} holds a database: stop the platform and restore with --force to replace it`);
  const fresh = `${dataDir}.restoring`;
  await rm(fresh, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: fresh });
  try {
    await runMigrations(database);
    log('schema made');
    const sql = pgliteSql(database.pglite!);
    await sql.exec('BEGIN');
    await loadTables(sql, meta, frames, log);
    await sql.exec('COMMIT');
    // The planner's figures (the embedded database runs no autovacuum); VACUUM would add ~10 s for nothing to reclaim.
    await sql.exec('ANALYZE');
  } finally {
    await database.close();
  }
  log(`database restored into ${dataDir}`);
  return () => {
    if (existsSync(dataDir)) {
      rmSync(`${dataDir}.before-restore`, { recursive: true, force: true });
      renameSync(dataDir, `${dataDir}.before-restore`);
    }
    renameSync(fresh, dataDir);
  };
}

async function restorePostgres(
  url: string,
  meta: BackupMeta,
  frames: AsyncIterable<Frame>,
  opts: RestoreOptions,
  log: (l: string) => void,
): Promise<() => void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const { n } = one(
      await client.unsafe<{ n: string }[]>(
        `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname IN ('public', 'drizzle') AND c.relkind = 'r'`,
      ),
    );
    if (Number(n) > 0) {
      if (!opts.force) throw new Error('the database is not empty: restore with --force to replace it');
      await client.unsafe(
        'DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public',
      );
    }
    if (meta.method === 'pg_dump') {
      let dump: Buffer | undefined;
      for await (const f of frames) if (f.header.kind === 'pg_dump') dump = f.bytes;
      if (!dump) throw new Error('the backup holds no pg_dump archive');
      const dir = await mkdtemp(join(tmpdir(), 'haicap-restore-'));
      try {
        await writeFile(join(dir, 'db.dump'), dump);
        const r = spawnSync(
          'pg_restore',
          ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '-d', url, join(dir, 'db.dump')],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(`pg_restore failed: ${r.stderr || r.error}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      await checkCounts(postgresSql(client), meta);
    } else {
      const database = await openDatabase({ url });
      try {
        await runMigrations(database);
      } finally {
        await database.close();
      }
      await client.begin(async (tx) => loadTables(postgresSql(tx), meta, frames, log));
    }
    await client.unsafe('ANALYZE');
  } finally {
    await client.end({ timeout: 5 });
  }
  log('database restored');
  return () => {};
}

/** For the test: the files of a store with their bytes. */
export function readFileStore(root: string): Map<string, Buffer> {
  return new Map(listFiles(root).map((k) => [k, readFileSync(join(root, k))]));
}
