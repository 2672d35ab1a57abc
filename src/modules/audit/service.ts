import { send } from '../../db/pipeline.js';
import { and, asc, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { auditLog } from './schema.js';
import { tableShape } from '../../db/statements.js';
import { GENESIS_HASH, contentText, verifyEntries, type AuditContent } from './domain/chain.js';
import { scopeWhere, type Actor } from '../../core/scope.js';
import { mustAudit } from './policy.js';
import { actorNames, usernamesNamed } from '../../core/actor-names.js';
import { unitNamesOn } from '../units/index.js';
import { auditWorkbook } from './export.js';
import type { AuditLang } from './domain/words.js';

// Every change writes an entry: its two statements are templates (src/db/statements.ts).
const auditShape = tableShape(auditLog);

export interface AuditChange {
  action: string;
  entity: string;
  entityId: string;
  provinceCode: string | null;
  unitCode: string | null;
  before?: unknown;
  after?: unknown;
}

/** A system actor for changes made by the platform itself (imports, the demo generator, CLI). */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'system',
  role: 'admin',
  provinceCode: null,
  communeCode: null,
  ip: null,
};

const chainWhere = (provinceCode: string | null) =>
  provinceCode === null ? isNull(auditLog.provinceCode) : eq(auditLog.provinceCode, provinceCode);

/**
 * Appends one entry to its province's chain (one chain per province, '' for national records, so provinces never wait
 * on each other): `audit_append` writes it as pending, and at the commit of the transaction that made the change a
 * deferred trigger (migration 0040) takes the chain's lock, reads its last hash and writes the entry after it, hashed
 * in PostgreSQL (`entryHash`'s very bytes: sha256 of the previous hash, a newline and the canonical JSON of the
 * content, made here). The lock is held from inside the COMMIT to its end, never across a round trip to this process
 * (issue #14: holding it from the call to the commit made the chain the office day's first wait). One statement, sent
 * when the function is called. Given the database itself rather than a transaction, the entry commits alone.
 */
export function appendAudit(tx: Db, actor: Actor | null, change: AuditChange): Promise<void> {
  const who = actor ?? SYSTEM_ACTOR;
  const content: AuditContent = {
    at: new Date().toISOString(),
    actorId: who === SYSTEM_ACTOR ? null : who.id,
    actorUsername: who.username,
    ip: who.ip,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    provinceCode: change.provinceCode,
    unitCode: change.unitCode,
    before: change.before ?? null,
    after: change.after ?? null,
  };
  const p = (key: keyof typeof content) => auditShape.param(key, content[key]);
  return send(
    tx.execute(
      sql`SELECT audit_append(${p('at')}::timestamptz,
            ${p('actorId')}::uuid, ${p('actorUsername')}::text, ${p('ip')}::text, ${p('action')}::text,
            ${p('entity')}::text, ${p('entityId')}::text, ${p('provinceCode')}::text, ${p('unitCode')}::text,
            ${p('before')}::jsonb, ${p('after')}::jsonb, ${contentText(content)}::text)`,
    ),
  ).then(() => undefined);
}

/**
 * Appends one entry to its province's chain. Call it inside the transaction that makes the change,
 * so the change and its record commit together. The advisory lock keeps each chain a single line.
 */
export async function recordAudit(tx: Db, actor: Actor | null, change: AuditChange): Promise<void> {
  await appendAudit(tx, actor, change);
}

/** Re-computes every province's chain in batches; names the first broken entry. */
export async function verifyAuditChain(
  database: Database,
  batch = 5000,
): Promise<{ ok: boolean; checked: number; firstBadId: number | null }> {
  const chains = await database.db.selectDistinct({ provinceCode: auditLog.provinceCode }).from(auditLog);
  let checked = 0;
  for (const { provinceCode } of chains) {
    let lastId = 0;
    let lastHash = GENESIS_HASH;
    for (;;) {
      const rows = await database.db
        .select()
        .from(auditLog)
        .where(and(chainWhere(provinceCode), gt(auditLog.id, lastId)))
        .orderBy(asc(auditLog.id))
        .limit(batch);
      if (rows.length === 0) break;
      const r = verifyEntries(rows, lastHash);
      checked += r.checked;
      if (!r.ok) return { ok: false, checked, firstBadId: r.firstBadId };
      lastHash = r.lastHash;
      lastId = rows[rows.length - 1]!.id;
    }
  }
  return { ok: true, checked, firstBadId: null };
}

export interface AuditFilter {
  unit?: string;
  entity?: string;
  action?: string;
  /** a name (or part of one) of the person who acted */
  who?: string;
  /** days, inclusive, in Vietnam's time */
  from?: string;
  to?: string;
}

/** The filter as SQL, inside the actor's scope; null when "who" names no one (nothing can match). */
async function auditWhere(db: Db, actor: Actor, q: AuditFilter): Promise<SQL | undefined | null> {
  const conds: (SQL | undefined)[] = [
    scopeWhere(actor, { provinceCode: auditLog.provinceCode, unitCode: auditLog.unitCode }),
  ];
  if (q.unit) conds.push(q.unit.length === 2 ? eq(auditLog.provinceCode, q.unit) : eq(auditLog.unitCode, q.unit));
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.from) conds.push(sql`${auditLog.at} >= (${q.from}::date - interval '7 hours')`);
  if (q.to) conds.push(sql`${auditLog.at} < (${q.to}::date + interval '17 hours')`);
  if (q.who) {
    const names = await usernamesNamed(db, q.who);
    if (!names.length) return null;
    conds.push(inArray(auditLog.actorUsername, names));
  }
  return and(...conds);
}

/** The entries with who acted (name and post) and the unit's name, as the pages and the export show them. */
async function withNames(db: Db, actor: Actor, items: (typeof auditLog.$inferSelect)[]) {
  const codes = [...new Set(items.map((e) => e.unitCode).filter((c): c is string => !!c))];
  const [names, units] = await Promise.all([
    actorNames(
      db,
      items.map((e) => e.actorUsername),
    ),
    codes.length ? unitNamesOn(db, codes, new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)) : [],
  ]);
  const unitName = new Map(units.map((u) => [u.code, u.fullName ?? u.name]));
  // The address a change came from is personal data: administrators only (issue #14). The hash covers it, so
  // the chain is verified on the server (npm run audit:verify), not by readers of this list.
  return items.map((e) => ({
    ...e,
    ip: actor.role === 'admin' ? e.ip : null,
    at: new Date(e.at).toISOString(),
    actor: names.get(e.actorUsername) ?? null,
    unitName: e.unitCode ? (unitName.get(e.unitCode) ?? null) : null,
  }));
}

/** Entries the actor may see: those of places inside its scope, filtered by who, what, unit and dates. */
export async function listAudit(db: Db, actor: Actor, q: AuditFilter & { page: number; pageSize: number }) {
  mustAudit('read', actor);
  const where = await auditWhere(db, actor, q);
  if (where === null) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return {
    items: await withNames(db, actor, items),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The most entries one export carries (newest first); the sheet says when there were more. */
export const AUDIT_EXPORT_MAX = 20_000;

/** The filtered entries as an Excel workbook, in words (audit/domain/words.ts): never a code or raw JSON. */
export async function exportAudit(db: Db, actor: Actor, q: AuditFilter, lang: AuditLang): Promise<Buffer> {
  mustAudit('read', actor);
  const where = await auditWhere(db, actor, q);
  const rows =
    where === null
      ? []
      : await db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(AUDIT_EXPORT_MAX + 1);
  const items = await withNames(db, actor, rows.slice(0, AUDIT_EXPORT_MAX));
  return auditWorkbook(items, lang, actor.role === 'admin', rows.length > AUDIT_EXPORT_MAX);
}
