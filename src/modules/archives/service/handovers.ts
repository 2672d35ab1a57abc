import { and, asc, count, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../../db/client.js';
import { bulkInsert } from '../../../db/bulk.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { scopeWhere, type Actor } from '../../../core/scope.js';
import { withStagedFiles, storeAttachments, type AttachmentInput } from '../../../core/attachments.js';
import type { FileStore } from '../../../core/file-store.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { searchKey } from '../../../core/text.js';
import { recordAudit } from '../../audit/index.js';
import { lineageForArchives, unitShortNames } from '../../units/index.js';
import { archiveHandovers } from '../schema.js';
import { handoverPlace, handoverSeeds, type HandoverSeed } from '../domain/generation.js';
import {
  allowedHandoverActions,
  extentProblems,
  nextHandoverState,
  receiptProblems,
  recordProblems,
  HANDOVER_STATES,
  type HandoverAction,
  type HandoverState,
  type Problem,
} from '../domain/handover.js';
import { mayArchive, mustArchive } from '../policy.js';
import type { Handover, HandoverActBody, HandoverBoard, HandoverBoardRow } from '../contract.js';

type Row = typeof archiveHandovers.$inferSelect;

const DESIGNABLE: readonly HandoverState[] = ['not_started', 'inventoried'];

/** The record as the API shows it, with what the caller may do now. */
export function toHandover(r: Row, actor: Actor): Handover {
  const place = handoverPlace(r);
  const state = r.state as HandoverState;
  const actions: string[] = mayArchive('record_handover', actor, place) ? allowedHandoverActions(state) : [];
  if (mayArchive('record_handover', actor, place) && state !== 'not_started') actions.push('attach_minutes');
  if (r.options.length > 1 && DESIGNABLE.includes(state) && mayArchive('designate_successor', actor, place))
    actions.push('designate');
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    formerLevel: r.formerLevel,
    formerCode: r.formerCode,
    formerName: r.formerName,
    formerParentName: r.formerParentName,
    formerProvinceName: r.formerProvinceName,
    successorCode: r.successorCode,
    successorName: r.successorName,
    successorLevel: r.successorLevel,
    suggestedCode: r.suggestedCode,
    suggestionBasis: r.suggestionBasis,
    designated: r.designated === 1,
    options: r.options,
    state,
    extent:
      r.files === null
        ? null
        : {
            shelfMetres: r.shelfMetres ?? 0,
            boxes: r.boxes ?? 0,
            files: r.files,
            yearFrom: r.yearFrom ?? 0,
            yearTo: r.yearTo ?? 0,
            permanentFiles: r.permanentFiles ?? 0,
            fixedTermFiles: r.fixedTermFiles ?? 0,
          },
    handedOverOn: r.handedOverOn,
    recordNumber: r.recordNumber,
    signatories: r.signatories,
    minutes: r.minutes
      ? {
          name: r.minutes.name,
          contentType: r.minutes.contentType,
          sizeBytes: r.minutes.sizeBytes,
          sha256: r.minutes.sha256,
        }
      : null,
    receivedOn: r.receivedOn,
    shortfalls: r.shortfalls,
    note: r.note,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    actions,
  };
}

const HANDOVER_COLUMNS = {
  province_code: 'text',
  former_level: 'text',
  former_code: 'text',
  former_name: 'text',
  former_search_key: 'text',
  former_parent_name: 'text',
  former_province_code: 'text',
  former_province_name: 'text',
  successor_code: 'text',
  successor_name: 'text',
  successor_level: 'text',
  suggested_code: 'text',
  suggestion_basis: 'text',
  options: 'jsonb',
  state: 'text',
  shelf_metres: 'float8',
  boxes: 'int',
  files: 'int',
  year_from: 'int',
  year_to: 'int',
  permanent_files: 'int',
  fixed_term_files: 'int',
  handed_over_on: 'date',
  record_number: 'text',
  signatories: 'jsonb',
  received_on: 'date',
  shortfalls: 'jsonb',
};

/** What a hand-over holds beyond its former unit and successor (the demo generates hand-overs already under way). */
export type HandoverProgress = Partial<
  Record<
    | 'state'
    | 'shelf_metres'
    | 'boxes'
    | 'files'
    | 'year_from'
    | 'year_to'
    | 'permanent_files'
    | 'fixed_term_files'
    | 'handed_over_on'
    | 'record_number'
    | 'signatories'
    | 'received_on'
    | 'shortfalls',
    unknown
  >
>;

const NOT_STARTED: HandoverProgress = { state: 'not_started', signatories: [], shortfalls: [] };

/**
 * Creates the hand-overs the lineage calls for that do not exist yet: one per former unit (domain/generation.ts).
 * Running it again adds nothing; a hand-over already begun is never touched. One audit entry records the run.
 */
export async function generateHandovers(
  database: Database,
  actor: Actor | null,
  progress: (seed: HandoverSeed) => HandoverProgress = () => NOT_STARTED,
) {
  const seeds = handoverSeeds(await lineageForArchives(database.db));
  return database.db.transaction(async (tx) => {
    // One generation at a time (two Ministry users pressing the button together).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727190)`);
    const existing = await tx
      .select({ level: archiveHandovers.formerLevel, code: archiveHandovers.formerCode })
      .from(archiveHandovers);
    const have = new Set(existing.map((e) => `${e.level}:${e.code}`));
    const fresh = seeds.filter((s) => !have.has(`${s.formerLevel}:${s.formerCode}`));
    await bulkInsert(
      tx as unknown as Db,
      'archive_handovers',
      HANDOVER_COLUMNS,
      fresh.map((s) => ({
        province_code: s.provinceCode,
        former_level: s.formerLevel,
        former_code: s.formerCode,
        former_name: s.formerName,
        former_search_key: searchKey(s.formerName),
        former_parent_name: s.formerParentName,
        former_province_code: s.formerProvinceCode,
        former_province_name: s.formerProvinceName,
        successor_code: s.successorCode,
        successor_name: s.successorName,
        successor_level: s.successorLevel,
        suggested_code: s.successorCode,
        suggestion_basis: s.basis,
        options: s.options,
        ...NOT_STARTED,
        ...progress(s),
      })),
    );
    const byLevel = { commune: 0, district: 0, province: 0 };
    for (const s of fresh) byLevel[s.formerLevel]++;
    if (fresh.length)
      await recordAudit(tx as unknown as Db, actor, {
        action: 'generate',
        entity: 'archive_handovers',
        entityId: 'lineage',
        provinceCode: null,
        unitCode: null,
        after: { created: fresh.length, byLevel },
      });
    return { created: fresh.length, total: have.size + fresh.length, byLevel };
  });
}

export interface HandoverListQuery {
  province?: string;
  level?: 'commune' | 'district' | 'province';
  state?: HandoverState;
  successor?: string;
  missing?: boolean;
  toDesignate?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

const t = archiveHandovers;
const placeCols = { provinceCode: t.provinceCode, unitCode: t.successorCode };

export async function listHandovers(db: Db, actor: Actor, q: HandoverListQuery) {
  mustArchive('read', actor); // the role first: a scope filter alone would show a staff account its unit's
  const conds: (SQL | undefined)[] = [scopeWhere(actor, placeCols)];
  if (q.province) conds.push(eq(t.provinceCode, q.province));
  if (q.level) conds.push(eq(t.formerLevel, q.level));
  if (q.state) conds.push(eq(t.state, q.state));
  if (q.successor) conds.push(eq(t.successorCode, q.successor));
  if (q.missing) conds.push(ne(t.state, 'received'));
  if (q.toDesignate) conds.push(and(eq(t.suggestionBasis, 'none'), eq(t.designated, 0)));
  const key = q.q ? searchKey(q.q) : '';
  if (key) conds.push(sql`${t.formerSearchKey} LIKE ${'%' + key.replace(/[%_\\]/g, '\\$&') + '%'}`);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(t)
      .where(where)
      .orderBy(asc(t.provinceCode), asc(t.formerLevel), asc(t.formerCode))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(t).where(where),
  ]);
  return { items: rows.map((r) => toHandover(r, actor)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function load(db: Db, id: string, lock = false) {
  const q = db.select().from(t).where(eq(t.id, id));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw notFound('archive_handover', { code: id });
  return r;
}

export async function getHandover(db: Db, actor: Actor, id: string) {
  const r = await load(db, id);
  mustArchive('read', actor, handoverPlace(r));
  return toHandover(r, actor);
}

const refuse = (problems: Problem[]) => {
  if (problems.length) throw invalid(problems[0]!.field, 'invalid_value', { detail: problems[0]!.detail });
};

function illegal(action: string, state: HandoverState) {
  return new AppError(
    409,
    'illegal_transition',
    'handover_illegal_transition',
    { action, status: state, allowed: allowedHandoverActions(state).join(', ') || '—' },
    'action',
  );
}

/** A step of the hand-over (inventory, minutes, receipt, shortfalls made up), by the receiving unit or its province. */
export async function actOnHandover(db: Db, actor: Actor, id: string, input: HandoverActBody, clock: DeadlineClock) {
  const now = clock.now();
  const today = clock.localDate(now);
  return db.transaction(async (tx) => {
    const r = await load(tx, id, true);
    mustArchive('read', actor, handoverPlace(r));
    mustArchive('record_handover', actor, handoverPlace(r));
    if (input.version !== undefined && input.version !== r.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const action = input.action as HandoverAction;
    const from = r.state as HandoverState;
    const to = nextHandoverState(from, action, input.shortfalls ?? []);
    if (!to) throw illegal(action, from);
    const patch: Partial<Row> = { state: to, version: r.version + 1, updatedAt: now };
    if (input.note !== undefined) patch.note = input.note || null;
    if (action === 'inventory') {
      if (!input.extent) throw invalid('extent', 'required', { field: 'extent' });
      refuse(extentProblems(input.extent, Number(today.slice(0, 4))));
      Object.assign(patch, input.extent);
    } else if (action === 'hand_over') {
      if (!input.handedOverOn) throw invalid('handedOverOn', 'required', { field: 'handedOverOn' });
      const record = {
        handedOverOn: input.handedOverOn,
        recordNumber: input.recordNumber ?? '',
        signatories: input.signatories ?? [],
      };
      refuse(recordProblems(record, today));
      Object.assign(patch, record);
    } else if (action === 'receive') {
      if (!input.receivedOn) throw invalid('receivedOn', 'required', { field: 'receivedOn' });
      refuse(receiptProblems(input.receivedOn, r.handedOverOn, today, input.shortfalls ?? []));
      patch.receivedOn = input.receivedOn;
      patch.shortfalls = input.shortfalls ?? [];
    } else if (action === 'resolve_shortfalls') {
      // The shortfalls stay listed (what was missing and made up later); the note says how.
      if (!input.note?.trim()) throw invalid('note', 'required', { field: 'note' });
    }
    const [after] = await tx.update(t).set(patch).where(eq(t.id, id)).returning();
    await recordAudit(tx, actor, {
      action: `handover_${action}`,
      entity: 'archive_handover',
      entityId: id,
      provinceCode: r.provinceCode,
      unitCode: r.successorCode,
      before: { state: from },
      after: { state: to, ...Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'updatedAt')) },
    });
    return toHandover(after!, actor);
  });
}

/** The province designates which successor receives a split unit's archive (before it is handed over). */
export async function designateSuccessor(
  db: Db,
  actor: Actor,
  id: string,
  input: { successorCode: string; version?: number },
  clock: DeadlineClock,
) {
  return db.transaction(async (tx) => {
    const r = await load(tx, id, true);
    mustArchive('read', actor, handoverPlace(r));
    mustArchive('designate_successor', actor, handoverPlace(r));
    if (input.version !== undefined && input.version !== r.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    if (!DESIGNABLE.includes(r.state as HandoverState)) throw illegal('designate', r.state as HandoverState);
    const option = r.options.find((o) => o.code === input.successorCode);
    if (!option)
      throw invalid('successorCode', 'handover_not_a_successor', {
        options: r.options.map((o) => `${o.name} (${o.code})`).join(', '),
      });
    const provinceCode = option.provinceCode ?? r.provinceCode;
    // The new successor must lie in the designating province too (a province does not hand work to another).
    mustArchive('designate_successor', actor, { provinceCode, unitCode: option.code });
    const [after] = await tx
      .update(t)
      .set({
        successorCode: option.code,
        successorName: option.name,
        provinceCode,
        designated: 1,
        version: r.version + 1,
        updatedAt: clock.now(),
      })
      .where(eq(t.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'handover_designate',
      entity: 'archive_handover',
      entityId: id,
      provinceCode,
      unitCode: option.code,
      before: { successorCode: r.successorCode },
      after: { successorCode: option.code },
    });
    return toHandover(after!, actor);
  });
}

/** Keeps the scanned minutes of the hand-over (the bytes go to the file store, by checksum). */
export async function attachMinutes(
  db: Db,
  actor: Actor,
  id: string,
  file: AttachmentInput,
  clock: DeadlineClock,
  store: FileStore,
) {
  const r0 = await load(db, id);
  mustArchive('read', actor, handoverPlace(r0));
  mustArchive('record_handover', actor, handoverPlace(r0));
  if (r0.state === 'not_started') throw illegal('attach_minutes', 'not_started');
  // Stored after the checks above; removed again if the transaction fails.
  return withStagedFiles(store, async (staged) => {
    const [meta] = await storeAttachments(staged, `archives/${r0.provinceCode}/minutes`, [file]);
    return db.transaction(async (tx) => {
      const r = await load(tx, id, true);
      const [after] = await tx
        .update(t)
        .set({ minutes: meta!, version: r.version + 1, updatedAt: clock.now() })
        .where(eq(t.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'handover_minutes',
        entity: 'archive_handover',
        entityId: id,
        provinceCode: r.provinceCode,
        unitCode: r.successorCode,
        before: r.minutes ? { sha256: r.minutes.sha256 } : null,
        after: { name: meta!.name, sha256: meta!.sha256, sizeBytes: meta!.sizeBytes },
      });
      return toHandover(after!, actor);
    });
  });
}

export async function getMinutes(db: Db, actor: Actor, id: string, store: FileStore) {
  const r = await load(db, id);
  mustArchive('read', actor, handoverPlace(r));
  if (!r.minutes) throw notFound('archive_minutes', { code: r.formerName });
  const m = r.minutes;
  return { name: m.name, contentType: m.contentType, sha256: m.sha256, bytes: await store.get(m.storageKey) };
}

const emptyStates = () => Object.fromEntries(HANDOVER_STATES.map((s) => [s, 0])) as Record<HandoverState, number>;

/**
 * The share of hand-overs received per province (the Ministry's map; a province sees its own row): received in full
 * or with shortfalls, over all its former units; with what waits for a designation and the files still missing.
 */
export async function handoverBoard(db: Db, actor: Actor): Promise<HandoverBoard> {
  mustArchive('read', actor);
  const rows = await db
    .select({
      provinceCode: t.provinceCode,
      state: t.state,
      n: count(),
      toDesignate: sql<number>`count(*) FILTER (WHERE ${t.suggestionBasis} = 'none' AND ${t.designated} = 0)::int`,
      shortfallFiles: sql<number>`COALESCE(SUM((SELECT SUM((x->>'files')::int) FROM jsonb_array_elements(${t.shortfalls}) x))
        FILTER (WHERE ${t.state} = 'received_with_shortfalls'), 0)::int`,
    })
    .from(t)
    .where(scopeWhere(actor, placeCols))
    .groupBy(t.provinceCode, t.state);
  const names = await unitShortNames(db, [...new Set(rows.map((r) => r.provinceCode))]);
  const byProvince = new Map<string, HandoverBoardRow>();
  const blank = (code: string, name: string): HandoverBoardRow => ({
    provinceCode: code,
    provinceName: name,
    total: 0,
    states: emptyStates(),
    toDesignate: 0,
    shortfallFiles: 0,
    receivedShare: 0,
  });
  const total = blank('', '');
  for (const r of rows) {
    const row = byProvince.get(r.provinceCode) ?? blank(r.provinceCode, names.get(r.provinceCode) ?? r.provinceCode);
    byProvince.set(r.provinceCode, row);
    for (const target of [row, total]) {
      target.total += r.n;
      target.states[r.state as HandoverState] += r.n;
      target.toDesignate += Number(r.toDesignate);
      target.shortfallFiles += Number(r.shortfallFiles);
    }
  }
  const share = (x: HandoverBoardRow) => {
    x.receivedShare = x.total ? (x.states.received + x.states.received_with_shortfalls) / x.total : 0;
  };
  const list = [...byProvince.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
  list.forEach(share);
  share(total);
  return { rows: list, total };
}
