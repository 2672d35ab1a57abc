import { and, asc, eq, inArray, isNull, lte, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { onBulkInsert } from '../../db/bulk.js';
import { AppError, invalid, notFound, outOfScope, forbidden } from '../../core/errors.js';
import { scopeOf, scopeWhere, type Actor } from '../../core/scope.js';
import { mayUnit, unitActions } from './policy.js';
import { recordAudit } from '../audit/index.js';
import { unitLineage, unitPendingAmendments, unitProfiles, units, unitVersions } from './schema.js';
import { searchKey } from '../../core/text.js';
import { REGISTRY_START } from './domain/versions.js';
import { buildFormerIndex, matchFormer, type FormerIndex, type FormerName } from './domain/former-names.js';
import { normalOfficeHours, officeHoursProblem, type OfficeHours } from './domain/office-hours.js';

export type Level = 'province' | 'commune';
export type CommuneType = 'xa' | 'phuong' | 'dac_khu';

export interface UnitQuery {
  level?: Level;
  province?: string;
  type?: string;
  q?: string;
  at?: string;
  page: number;
  pageSize: number;
}

/** Today's date in Vietnam (UTC+7), the registry's default `at`. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function resolveAt(at: string | undefined): string {
  const d = at ?? todayInVietnam();
  if (d < REGISTRY_START) throw invalid('at', 'date_before_registry');
  return d;
}

/** The version of each unit in force on `at`. */
const versionOn = (at: string) =>
  and(
    eq(unitVersions.code, units.code),
    eq(unitVersions.provinceCode, units.provinceCode),
    lte(unitVersions.validFrom, at),
    or(isNull(unitVersions.validTo), gt(unitVersions.validTo, at)),
  );

/** The rows of `units` the actor may read, as a SQL condition. */
function unitScope(actor: Actor): SQL | undefined {
  return scopeWhere(actor, { provinceCode: units.provinceCode, unitCode: units.code });
}

const unitColumns = {
  code: units.code,
  level: units.level,
  provinceCode: units.provinceCode,
  name: units.name,
  type: unitVersions.type,
  fullName: unitVersions.fullName,
  areaKm2: units.areaKm2,
  population: units.population,
};

type UnitList = Awaited<ReturnType<typeof queryUnits>>;

/**
 * Unit lists are reference data: the registry only changes when it is loaded (`bulkInsert` into the unit
 * tables, which empties this cache). Each list is kept a minute per scope and query, so a busy province's
 * pickers and lists cost no database work; concurrent identical requests share one query.
 */
const LIST_CACHE_MS = 60_000;
const LIST_CACHE_MAX = 2000;
let listCaches = new WeakMap<Db, Map<string, { until: number; value: Promise<UnitList> }>>();
export function forgetUnitLists(): void {
  listCaches = new WeakMap();
}
onBulkInsert((table) => {
  if (table.startsWith('unit')) {
    forgetUnitLists();
    formerIndexes = new WeakMap();
  }
});

/** The former units' names (10,634 lineage rows), indexed once per database: reference data like the lists. */
let formerIndexes = new WeakMap<Db, Promise<FormerIndex>>();
function formerIndex(db: Db): Promise<FormerIndex> {
  let index = formerIndexes.get(db);
  if (!index) {
    index = db
      .select({
        newUnitCode: unitLineage.newUnitCode,
        newProvinceCode: unitLineage.newProvinceCode,
        oldUnitCode: unitLineage.oldUnitCode,
        oldUnitName: unitLineage.oldUnitName,
        oldLevel: unitLineage.oldLevel,
        oldParentCode: unitLineage.oldParentCode,
        oldParentName: unitLineage.oldParentName,
        oldProvinceCode: unitLineage.oldProvinceCode,
        oldProvinceName: unitLineage.oldProvinceName,
        relation: unitLineage.relation,
      })
      .from(unitLineage)
      .then(buildFormerIndex);
    index.catch(() => formerIndexes.delete(db));
    formerIndexes.set(db, index);
  }
  return index;
}

/** At most this many successors are added to a search by former names (a former province leads to one). */
const FORMER_MATCH_MAX = 400;

export async function listUnits(db: Db, actor: Actor, query: UnitQuery): Promise<UnitList> {
  const at = resolveAt(query.at);
  const s = scopeOf(actor);
  const key = JSON.stringify([
    s.kind,
    actor.provinceCode ?? null,
    actor.communeCode ?? null,
    query.level ?? null,
    query.province ?? null,
    query.type ?? null,
    query.q ?? null,
    at,
    query.page,
    query.pageSize,
  ]);
  const now = Date.now();
  let listCache = listCaches.get(db);
  if (!listCache) listCaches.set(db, (listCache = new Map()));
  const hit = listCache.get(key);
  if (hit && hit.until > now) return hit.value;
  if (listCache.size >= LIST_CACHE_MAX) listCache.clear();
  const value = queryUnits(db, actor, query, at);
  listCache.set(key, { until: now + LIST_CACHE_MS, value });
  value.catch(() => {
    if (listCache.get(key)?.value === value) listCache.delete(key);
  });
  return value;
}

async function queryUnits(db: Db, actor: Actor, query: UnitQuery, at: string) {
  const conds: (SQL | undefined)[] = [unitScope(actor)];
  if (query.level) conds.push(eq(units.level, query.level));
  if (query.province) conds.push(eq(units.provinceCode, query.province));
  if (query.type) conds.push(eq(unitVersions.type, query.type));
  let former = new Map<string, FormerName[]>();
  if (query.q) {
    const plain = searchKey(query.q);
    const key = plain.replace(/[%_\\]/g, '\\$&');
    // A unit is found by its name, or by the name of a former unit it succeeded ("Trúc Bạch" → Phường Ba Đình).
    former = matchFormer(await formerIndex(db), plain);
    const codes = [...former.keys()].slice(0, FORMER_MATCH_MAX);
    if (key) {
      const byName = sql`${units.searchKey} LIKE ${'%' + key + '%'}`;
      conds.push(codes.length ? or(byName, inArray(units.code, codes)) : byName);
    }
  }
  const where = and(...conds);
  // One statement: the sort reads every matching unit anyway (a few thousand at most), so the window
  // count comes free; only a page past the end needs a separate count.
  const rows = await db
    .select({ ...unitColumns, total: sql<number>`(count(*) over ())::int` })
    .from(units)
    .innerJoin(unitVersions, versionOn(at))
    .where(where)
    .orderBy(asc(units.level), asc(units.provinceCode), asc(units.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const count = rows.length
    ? { n: rows[0]!.total }
    : query.page === 1
      ? { n: 0 }
      : (
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(units)
            .innerJoin(unitVersions, versionOn(at))
            .where(where)
        )[0];
  const items = rows.map(({ total: _total, ...u }) => {
    const formerly = former.get(u.code);
    return formerly ? { ...u, formerly: formerly.slice(0, 5) } : u;
  });
  const provinceCodes = items.filter((u) => u.level === 'province').map((u) => u.code);
  const counts = await communeCounts(db, provinceCodes, at);
  return {
    items: items.map((u) => (u.level === 'province' ? { ...u, counts: counts.get(u.code) ?? emptyCounts() } : u)),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    at,
  };
}

const emptyCounts = () => ({ xa: 0, phuong: 0, dac_khu: 0, total: 0 });

/** Number of xã / phường / đặc khu of each province on `at`. */
async function communeCounts(db: Db, provinceCodes: string[], at: string) {
  const out = new Map<string, ReturnType<typeof emptyCounts>>();
  if (provinceCodes.length === 0) return out;
  const rows = await db
    .select({ provinceCode: units.provinceCode, type: unitVersions.type, n: sql<number>`count(*)::int` })
    .from(units)
    .innerJoin(unitVersions, versionOn(at))
    .where(and(eq(units.level, 'commune'), inArray(units.provinceCode, provinceCodes)))
    .groupBy(units.provinceCode, unitVersions.type);
  for (const r of rows) {
    const c = out.get(r.provinceCode) ?? emptyCounts();
    c[r.type as CommuneType] = r.n;
    c.total += r.n;
    out.set(r.provinceCode, c);
  }
  return out;
}

async function findUnit(db: Db, code: string, at: string) {
  const [u] = await db
    .select({ ...unitColumns, gisAreaKm2: units.gisAreaKm2, statsFlags: units.statsFlags })
    .from(units)
    .innerJoin(unitVersions, versionOn(at))
    .where(eq(units.code, code));
  return u;
}

/** Loads a unit the actor may read, or fails: 404 when it does not exist, 403 when out of scope. */
async function readableUnit(db: Db, actor: Actor, code: string, at: string) {
  const u = await findUnit(db, code, at);
  if (!u) throw notFound('unit', { code });
  if (!mayUnit('read', actor, { provinceCode: u.provinceCode, unitCode: u.code })) throw outOfScope(code);
  return u;
}

/**
 * Codes and names of the units of a province, for pickers (transfer to the competent commune,
 * boundary-free intake): names are public knowledge, so any user of the province may read them,
 * even one whose records are limited to a single commune.
 */
export async function unitNames(db: Db, actor: Actor, provinceCode: string, q: { q?: string; at?: string }) {
  if (actor.provinceCode && actor.provinceCode !== provinceCode) throw outOfScope(provinceCode);
  const at = resolveAt(q.at);
  const conds: (SQL | undefined)[] = [eq(units.provinceCode, provinceCode)];
  if (q.q) {
    const key = searchKey(q.q).replace(/[%_\\]/g, '\\$&');
    if (key) conds.push(sql`${units.searchKey} LIKE ${'%' + key + '%'}`);
  }
  const items = await db
    .select({ code: units.code, level: units.level, fullName: unitVersions.fullName, type: unitVersions.type })
    .from(units)
    .innerJoin(unitVersions, versionOn(at))
    .where(and(...conds))
    .orderBy(asc(units.level), asc(units.code));
  return { items, at };
}

export async function getUnit(db: Db, actor: Actor, code: string, atParam?: string) {
  const at = resolveAt(atParam);
  const u = await readableUnit(db, actor, code, at);
  const province = u.level === 'province' ? u : await findUnit(db, u.provinceCode, at);

  const [versions, pending, former, [profile]] = await Promise.all([
    db
      .select()
      .from(unitVersions)
      .where(and(eq(unitVersions.provinceCode, u.provinceCode), eq(unitVersions.code, code)))
      .orderBy(asc(unitVersions.validFrom)),
    db.select().from(unitPendingAmendments).where(eq(unitPendingAmendments.code, code)),
    db
      .select()
      .from(unitLineage)
      .where(and(eq(unitLineage.newProvinceCode, u.provinceCode), eq(unitLineage.newUnitCode, code)))
      .orderBy(asc(unitLineage.oldUnitCode)),
    db.select().from(unitProfiles).where(eq(unitProfiles.code, code)),
  ]);

  // A former commune split across several new units: name the other successors.
  const splitCodes = former
    .filter((f) => f.relation !== 'whole' && f.relation !== 'unchanged' && f.oldUnitCode)
    .map((f) => f.oldUnitCode!);
  const siblings = splitCodes.length
    ? await db
        .select({
          oldUnitCode: unitLineage.oldUnitCode,
          code: unitLineage.newUnitCode,
          fullName: unitLineage.newUnitName,
        })
        .from(unitLineage)
        .where(and(inArray(unitLineage.oldUnitCode, splitCodes), sql`${unitLineage.newUnitCode} <> ${code}`))
    : [];

  const counts =
    u.level === 'province' ? ((await communeCounts(db, [code], at)).get(code) ?? emptyCounts()) : undefined;
  return {
    ...u,
    at,
    province: province
      ? { code: province.code, name: province.name, fullName: province.fullName, type: province.type }
      : null,
    versions: versions.map((v) => ({
      validFrom: v.validFrom,
      validTo: v.validTo,
      type: v.type,
      fullName: v.fullName,
      legalBasis: v.legalBasis,
    })),
    pendingAmendments: pending.map((p) => ({
      typeAfter: p.typeAfter,
      fullNameAfter: p.fullNameAfter,
      legalBasis: p.legalBasis,
    })),
    formerUnits: former.map((f) => ({
      code: f.oldUnitCode,
      name: f.oldUnitName,
      level: f.oldLevel,
      type: f.oldUnitType,
      parentName: f.oldParentName,
      provinceCode: f.oldProvinceCode,
      provinceName: f.oldProvinceName,
      relation: f.relation,
      note: f.sourceNote,
      otherSuccessors: siblings
        .filter((s) => s.oldUnitCode === f.oldUnitCode)
        .map((s) => ({ code: s.code, fullName: s.fullName })),
    })),
    counts,
    profile: profile
      ? {
          address: profile.address,
          phone: profile.phone,
          email: profile.email,
          chairName: profile.chairName,
          officeHours: profile.officeHours ?? null,
          updatedAt: profile.updatedAt.toISOString(),
        }
      : null,
    actions: unitActions(actor, { provinceCode: u.provinceCode, unitCode: u.code }),
  };
}

export interface ProfilePatch {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  chairName?: string | null;
  /** null: back to the default hours */
  officeHours?: OfficeHours | null;
}

/** Updates the unit's contact details. Setting the same values again changes nothing (safe to repeat). */
export async function updateProfile(db: Db, actor: Actor, code: string, patch: ProfilePatch) {
  const u = await readableUnit(db, actor, code, todayInVietnam());
  if (!mayUnit('edit_profile', actor, { provinceCode: u.provinceCode, unitCode: u.code })) throw forbidden();
  if (patch.officeHours) {
    const problem = officeHoursProblem(patch.officeHours);
    if (problem)
      throw invalid('officeHours', 'invalid_value', { detail: problem === 'days_invalid' ? '1–7' : 'HH:MM–HH:MM' });
    patch = { ...patch, officeHours: normalOfficeHours(patch.officeHours) };
  }
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(unitProfiles).where(eq(unitProfiles.code, code)).for('update');
    const before = current
      ? {
          address: current.address,
          phone: current.phone,
          email: current.email,
          chairName: current.chairName,
          officeHours: current.officeHours ?? null,
        }
      : { address: null, phone: null, email: null, chairName: null, officeHours: null };
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx
      .insert(unitProfiles)
      .values({ code, provinceCode: u.provinceCode, ...after, updatedAt: new Date() })
      .onConflictDoUpdate({ target: unitProfiles.code, set: { ...after, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: current ? 'update' : 'create',
      entity: 'unit_profile',
      entityId: code,
      provinceCode: u.provinceCode,
      unitCode: code,
      before: current ? before : null,
      after,
    });
  });
  return getUnit(db, actor, code);
}

export { AppError };
