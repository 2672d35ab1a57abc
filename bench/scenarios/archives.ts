/**
 * Archives (issue 19): N described records (10 million in the full run, 100,000 with --quick), their batches (one per
 * 200 descriptions) and their units' plans (two years, every commune and province), made server-side (INSERT … SELECT
 * generate_series) over the 3,321 communes with a population skew, then VACUUM ANALYZE. Timed, p50/p99 over repeated
 * calls of the service functions themselves:
 *  - `digitizationBoard` for the country, a province and a commune, against a plain GROUP BY over the descriptions
 *    (what a board counting described records directly would cost);
 *  - `searchDescriptions` (a word typed without diacritics, a Ministry account and a commune account; a rare word, the
 *    name of a commune, and a common one, a topic), first WITHOUT the trigram index (dropped: the sequential scan the
 *    search had before migration 0027), then with it rebuilt (its build time is reported), against a plain count of
 *    the same LIKE.
 */
import { sql } from 'drizzle-orm';
import { makeClock } from '../../src/core/clock.js';
import type { Actor } from '../../src/core/scope.js';
import { searchKey } from '../../src/core/text.js';
import { digitizationBoard, digitizationBoardLive, searchDescriptions } from '../../src/modules/archives/index.js';
import { count, openHarnessDb } from '../db.js';
import { percentile, prepareSyntheticTables, round, type Scenario, type ScenarioResult } from '../lib.js';

const actor = (role: Actor['role'], provinceCode: string | null, communeCode: string | null): Actor => ({
  id: '00000000-0000-4000-8000-00000000b019',
  username: `bench-${role}`,
  displayName: 'bench',
  role,
  provinceCode,
  communeCode,
  ip: null,
});

const KINDS = ['Quyết định', 'Công văn', 'Báo cáo', 'Tờ trình', 'Kế hoạch', 'Thông báo', 'Biên bản', 'Nghị quyết'];
const TOPICS = [
  'giao đất ở cho hộ gia đình',
  'cấp giấy chứng nhận quyền sử dụng đất',
  'tiếp công dân định kỳ',
  'phòng chống lụt bão',
  'xây dựng nông thôn mới',
  'tuyển dụng công chức cấp xã',
  'khen thưởng thành tích thi đua',
  'quyết toán ngân sách',
  'giải quyết khiếu nại',
  'chuyển đổi cơ cấu cây trồng',
  'tiêm chủng mở rộng',
  'sáp nhập thôn tổ dân phố',
  'bầu cử đại biểu Hội đồng nhân dân',
  'đăng ký hộ tịch',
  'kiểm kê đất đai',
  'hỗ trợ hộ nghèo',
  'sửa chữa trường học',
  'quản lý chợ',
  'bảo vệ rừng',
  'nạo vét kênh mương',
];
const BODIES = ['Ủy ban nhân dân xã', 'Hội đồng nhân dân xã', 'Đảng ủy xã', 'Văn phòng HĐND và UBND', 'Công an xã'];
const SYMBOLS = ['QĐ-UBND', 'CV-UBND', 'BC-UBND', 'TTr-UBND', 'KH-UBND', 'TB-UBND', 'BB-UBND', 'NQ-HĐND'];
/** 1 in N descriptions per group of batches (a batch holds 200) */
const PER_BATCH = 200;

const arr = (xs: string[]) => `(ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}])`;

/** Batches [from, to] of `year`: a commune drawn with the population skew, stages spread, dates in the year. */
function batchesSql(from: number, to: number, communes: number, year: number, month: number): string {
  return `
INSERT INTO digitization_batches (id, plan_id, province_code, unit_code, year, name, stage, files, pages,
  scanned_on, checked_on, described_on, published_on)
SELECT md5('b' || j)::uuid, p.id, c.province_code, c.code, ${year}, 'Lô ' || j, s.stage, ${PER_BATCH}, ${PER_BATCH} * (8 + j % 15),
  CASE WHEN s.k >= 1 THEN d.day END, CASE WHEN s.k >= 2 THEN d.day + 3 END,
  CASE WHEN s.k >= 3 THEN d.day + 7 END, CASE WHEN s.k >= 4 THEN d.day + 12 END
FROM (SELECT j, random() AS r1, random() AS r2, random() AS r3 FROM generate_series(${from}, ${to}) j) g
JOIN bench_communes c ON c.i = 1 + least(${communes - 1}, floor(power(g.r1, 2) * ${communes})::int)
JOIN digitization_plans p ON p.unit_code = c.code AND p.year = ${year}
  AND p.retention = CASE WHEN g.j % 3 = 0 THEN 'fixed_term' ELSE 'permanent' END
CROSS JOIN LATERAL (SELECT CASE WHEN g.r2 < 0.4 THEN 4 WHEN g.r2 < 0.6 THEN 3 WHEN g.r2 < 0.75 THEN 2
                                WHEN g.r2 < 0.9 THEN 1 ELSE 0 END AS k) k0
CROSS JOIN LATERAL (SELECT k0.k, (ARRAY['scanning','scanned','checked','described','published'])[k0.k + 1] AS stage) s
CROSS JOIN LATERAL (SELECT make_date(${year}, 1, 1) + floor(g.r3 * (${month} * 30 - 12))::int AS day) d`;
}

/** Descriptions [from, to]: description i in batch 1 + (i - 1) / PER_BATCH, its summary naming the batch's commune. */
function descriptionsSql(from: number, to: number, kindKeys: string[], topicKeys: string[], bodyKeys: string[]) {
  const symbolKeys = SYMBOLS.map(searchKey);
  return `
INSERT INTO digitization_descriptions (batch_id, province_code, unit_code, fonds, file_code, doc_number, doc_symbol,
  doc_date, issuing_body, summary, page_count, retention, access, search_key)
SELECT b.id, b.province_code, b.unit_code, 'Phông UBND xã ' || b.name_vi, f.file_code, f.num, ${arr(SYMBOLS)}[f.sy],
  make_date(1976 + f.i % 49, 1 + f.i % 12, 1 + f.i % 28), ${arr(BODIES)}[f.bo] || ' ' || b.name_vi,
  ${arr(KINDS)}[f.ki] || ' về ' || ${arr(TOPICS)}[f.tp] || ' tại xã ' || b.name_vi, 1 + f.i % 30,
  CASE WHEN f.i % 3 = 0 THEN 'fixed_term' ELSE 'permanent' END,
  CASE WHEN f.i % 5 = 0 THEN 'restricted' ELSE 'open' END,
  f.num || ' ' || ${arr(symbolKeys)}[f.sy] || ' ' || ${arr(kindKeys)}[f.ki] || ' ve ' || ${arr(topicKeys)}[f.tp]
    || ' tai xa ' || b.key || ' ' || ${arr(bodyKeys)}[f.bo] || ' ' || b.key || ' ' || lower(f.file_code)
FROM (SELECT i, 1 + (i - 1) / ${PER_BATCH} AS j, (1 + (i::bigint * 7919) % 997)::text AS num,
        'HS' || (1 + (i - 1) / 20) AS file_code,
        1 + i % ${SYMBOLS.length} AS sy, 1 + (i / 7) % ${KINDS.length} AS ki,
        1 + (i * 31) % ${TOPICS.length} AS tp, 1 + (i / 3) % ${BODIES.length} AS bo
      FROM generate_series(${from}, ${to}) i) f
JOIN bench_batches b ON b.j = f.j`;
}

export const archives: Scenario = {
  name: 'archives',
  async run(ctx) {
    const target = ctx.quick ? 100_000 : 10_000_000;
    const nBatches = Math.ceil(target / PER_BATCH);
    const year = 2026;
    const month = 9;
    const clock = makeClock(() => new Date('2026-09-20T03:00:00Z'));
    const h = await openHarnessDb(ctx, 'archives');
    try {
      const { database } = h;
      const counts = await prepareSyntheticTables(database);
      if (ctx.kind === 'postgres')
        await h.exec(`SET maintenance_work_mem = '512MB'; SET synchronous_commit = off; SET work_mem = '64MB'`);
      const t0 = performance.now();
      // plans: every commune and province, two years, both retentions
      await h.exec(`
        INSERT INTO digitization_plans (province_code, unit_code, year, fonds, retention, planned_files, planned_pages)
        SELECT u.province_code, u.code, y, 'Phông ' || u.name, r, 400 + (hashtext(u.code) & 1023), 0
        FROM units u CROSS JOIN (VALUES (${year - 1}), (${year})) ys(y) CROSS JOIN (VALUES ('permanent'), ('fixed_term')) rs(r);
        UPDATE digitization_plans SET planned_pages = planned_files * 15`);
      // batches, in a numbered table the descriptions join (their unit and the commune's name)
      await h.exec(batchesSql(1, nBatches, counts.communes, year, month));
      await h.exec(
        `CREATE TABLE bench_batches AS SELECT b.id, b.province_code,
           b.unit_code, u.name AS name_vi, u.search_key AS key, substr(b.name, 4)::int AS j
         FROM digitization_batches b JOIN units u ON u.code = b.unit_code;
         CREATE UNIQUE INDEX ON bench_batches (j); ANALYZE bench_batches`,
      );
      // descriptions: loaded without their secondary indexes and key, which are built after (the fixture)
      const idx = await database.rows<{ name: string; def: string }>(
        sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'digitization_descriptions'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'digitization_descriptions'::regclass)`,
      );
      const cons = await database.rows<{ name: string; def: string }>(
        sql`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
              WHERE conrelid = 'digitization_descriptions'::regclass AND contype IN ('p', 'u')`,
      );
      for (const i of idx) await h.exec(`DROP INDEX "${i.name}"`);
      for (const c of cons) await h.exec(`ALTER TABLE digitization_descriptions DROP CONSTRAINT "${c.name}"`);
      const kindKeys = KINDS.map(searchKey);
      const topicKeys = TOPICS.map(searchKey);
      const bodyKeys = BODIES.map(searchKey);
      const step = ctx.kind === 'postgres' ? 1_000_000 : 100_000;
      for (let from = 1; from <= target; from += step) {
        const to = Math.min(target, from + step - 1);
        await h.exec(descriptionsSql(from, to, kindKeys, topicKeys, bodyKeys));
        if (ctx.kind === 'pglite') await h.exec('CHECKPOINT');
        if (to % (step * 2) === 0 || to === target)
          ctx.log(`  loaded ${to.toLocaleString('en')} descriptions (${round((performance.now() - t0) / 1000, 0)} s)`);
      }
      const loadS = (performance.now() - t0) / 1000;
      const tIdx = performance.now();
      const trgm = idx.find((i) => i.def.includes('gin_trgm_ops'));
      for (const c of cons) await h.exec(`ALTER TABLE digitization_descriptions ADD CONSTRAINT "${c.name}" ${c.def}`);
      for (const i of idx) if (i !== trgm) await h.exec(i.def);
      for (const t of ['digitization_descriptions', 'digitization_batches', 'digitization_plans', 'digitization_board'])
        await h.exec(`VACUUM ANALYZE ${t}`);
      const indexS = (performance.now() - tIdx) / 1000;
      const n = await count(database, 'digitization_descriptions');
      const nb = await count(database, 'digitization_batches');
      const np = await count(database, 'digitization_plans');
      const [size] = await database.rows<{ s: string }>(
        sql`SELECT pg_size_pretty(pg_total_relation_size('digitization_descriptions')) AS s`,
      );
      ctx.log(
        `  ${n.toLocaleString('en')} descriptions (${size!.s}), ${nb.toLocaleString('en')} batches, ` +
          `${np.toLocaleString('en')} plans: load ${round(loadS, 0)} s, keys + indexes + vacuum ${round(indexS, 0)} s`,
      );

      // the places: the province with the most batches, its commune with the most; a mid commune's name to search
      const [top] = await database.rows<{ p: string; c: string }>(sql`
        SELECT province_code AS p, unit_code AS c FROM digitization_batches
        WHERE province_code = (SELECT province_code FROM digitization_batches GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
        GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`);
      const [rare] = await database.rows<{ key: string }>(sql`
        SELECT u.search_key AS key FROM bench_communes c JOIN units u ON u.code = c.code
        WHERE c.i BETWEEN 200 AND 400 AND length(u.search_key) >= 8
          AND (SELECT count(*) FROM units v WHERE v.search_key = u.search_key) = 1
        ORDER BY c.i LIMIT 1`);
      const words = { rare: rare!.key, common: searchKey('nông thôn mới') };
      const calls = ctx.quick ? 30 : 50;
      const time = async (f: () => Promise<unknown>, k = calls) => {
        await f();
        const ms: number[] = [];
        for (let i = 0; i < k; i++) {
          const a = performance.now();
          await f();
          ms.push(performance.now() - a);
        }
        return { p50: round(percentile(ms, 50), 1), p99: round(percentile(ms, 99), 1) };
      };
      const out: ScenarioResult[] = [];
      const pTarget = ctx.kind === 'postgres' ? 100 : 300;
      const sizeNote = n >= 10_000_000 ? '' : `; met left open: ${n.toLocaleString('en')} descriptions, not 10M`;

      // (1) the board
      const boardScopes = [
        { name: 'country', actor: actor('ministry', null, null), where: 'true', by: 'province_code' },
        {
          name: 'province',
          actor: actor('province', top!.p, null),
          where: `province_code = '${top!.p}'`,
          by: 'unit_code',
        },
        {
          name: 'commune',
          actor: actor('commune', top!.p, top!.c),
          where: `province_code = '${top!.p}' AND unit_code = '${top!.c}'`,
          by: 'unit_code',
        },
      ];
      for (const s of boardScopes) {
        const b = await time(() => digitizationBoard(database.db, s.actor, { year, month }, clock));
        // the same board grouped live from the plans and batches (the code before migration digitization_board)
        const live = await time(() => digitizationBoardLive(database.db, s.actor, { year, month }, clock));
        const plain = await time(
          () =>
            database.rows(
              sql.raw(`SELECT ${s.by}, count(*), sum(page_count) FROM digitization_descriptions
                       WHERE ${s.where} GROUP BY 1`),
            ),
          ctx.quick ? 5 : 3,
        );
        const board = await digitizationBoard(database.db, s.actor, { year, month }, clock);
        const same =
          JSON.stringify(board) ===
          JSON.stringify(await digitizationBoardLive(database.db, s.actor, { year, month }, clock));
        if (!same) throw new Error(`board ${s.name}: the kept figures differ from the live grouping`);
        ctx.log(
          `  board ${s.name}: p50 ${b.p50} ms, p99 ${b.p99} ms; grouped live p50 ${live.p50} ms, p99 ${live.p99} ms; ` +
            `plain GROUP BY p50 ${plain.p50} ms`,
        );
        out.push({
          name: `archives board: ${s.name} (${n.toLocaleString('en')} descriptions)`,
          figure: b.p99,
          unit: 'ms p99',
          reference: plain.p50,
          referenceUnit: 'ms plain GROUP BY over the descriptions (p50)',
          ratio: b.p50 ? round(plain.p50 / b.p50, 1) : null,
          target: `p99 < ${pTarget} ms on ${ctx.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} over 10M descriptions`,
          met: n >= 10_000_000 ? b.p99 < pTarget : null,
          notes:
            `p50 ${b.p50} ms over ${calls} calls; ${board.rows.length} rows, ${board.total.done.described.files} files ` +
            `described; the board reads the figures kept by triggers (migration digitization_board), not the ` +
            `${nb.toLocaleString('en')} batches nor the descriptions; the same board grouped live from the batches ` +
            `(before) p50 ${live.p50} ms, p99 ${live.p99} ms, equal figures; ratio = plain ÷ board p50${sizeNote}`,
          details: { board: b, live, plain, rows: n, batches: nb, plans: np, loadS: round(loadS, 0) },
        });
      }

      // (2) the search, before and after the trigram index (BENCH_ARCHIVES_SEARCH=0: the board only)
      if (process.env.BENCH_ARCHIVES_SEARCH === '0') return out;
      const searchScopes = [
        { name: 'Ministry', actor: actor('ministry', null, null) },
        { name: 'commune', actor: actor('commune', top!.p, top!.c) },
      ];
      const search = async (phase: 'seq' | 'trgm', k: number) => {
        const res: Record<string, { p50: number; p99: number; total: number }> = {};
        for (const [wk, word] of Object.entries(words)) {
          const likes = word.split(' ').map((w) => sql`search_key LIKE ${'%' + w + '%'}`);
          const plain = await time(
            () =>
              database.rows(sql`SELECT count(*) FROM digitization_descriptions WHERE ${sql.join(likes, sql` AND `)}`),
            Math.min(k, 5),
          );
          for (const s of searchScopes) {
            const q = { q: word, page: 1, pageSize: 20 };
            const t = await time(() => searchDescriptions(database.db, s.actor, q), k);
            const r = await searchDescriptions(database.db, s.actor, q);
            res[`${wk} ${s.name}`] = { ...t, total: r.total };
            ctx.log(
              `  search ${phase} "${word}" as ${s.name}: p50 ${t.p50} ms, p99 ${t.p99} ms, ${r.total} found; ` +
                `plain count p50 ${plain.p50} ms`,
            );
            out.push({
              name: `archives search (${phase === 'seq' ? 'no trigram index' : 'trigram index'}): ${wk} word, ${s.name}`,
              figure: t.p99,
              unit: 'ms p99',
              reference: plain.p50,
              referenceUnit: 'ms plain count(*) of the same LIKE (p50)',
              ratio: t.p50 ? round(plain.p50 / t.p50, 2) : null,
              target: `p99 < ${pTarget} ms (aim, as the board) over 10M descriptions`,
              met: phase === 'trgm' && n >= 10_000_000 ? t.p99 < pTarget : null,
              notes:
                `"${word}": ${r.total.toLocaleString('en')} found (page of 20 + total); p50 ${t.p50} ms over ${k} calls` +
                (phase === 'seq' ? '; the index dropped: the search as before migration 0027' : '') +
                sizeNote,
              details: { ...t, total: r.total, plain, word, rows: n },
            });
          }
        }
        return res;
      };
      await search('seq', ctx.quick ? 10 : 3);
      const tTrgm = performance.now();
      if (trgm) await h.exec(trgm.def);
      await h.exec('ANALYZE digitization_descriptions');
      const trgmS = round((performance.now() - tTrgm) / 1000, 0);
      const [tsize] = await database.rows<{ s: string }>(
        sql`SELECT pg_size_pretty(pg_relation_size('digitization_descriptions_search_trgm_idx')) AS s`,
      );
      ctx.log(`  trigram index built in ${trgmS} s (${tsize!.s})`);
      await search('trgm', calls);
      out.push({
        name: `archives search: trigram index build (${n.toLocaleString('en')} descriptions)`,
        figure: trgmS,
        unit: 's',
        reference: round(indexS, 0),
        referenceUnit: 's key + other indexes + vacuum',
        ratio: null,
        target: 'reported (a one-off at migration)',
        met: null,
        notes: `GIN gin_trgm_ops on search_key: ${tsize!.s}; table with its other indexes ${size!.s}`,
      });
      return out;
    } finally {
      await h.close();
    }
  },
};
