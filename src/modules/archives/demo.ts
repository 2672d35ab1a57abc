import type { DemoModule } from '../../core/demo.js';
import { bulkInsert } from '../../db/bulk.js';
import { personName, type Rng } from '../../core/random.js';
import { searchKey } from '../../core/text.js';
import { generateHandovers, type HandoverProgress } from './service/handovers.js';
import type { HandoverSeed } from './domain/generation.js';
import type { HandoverState } from './domain/handover.js';

const SHORTFALLS = [
  'Thiếu sổ đăng ký hộ tịch các năm 1998–2001',
  'Thiếu hồ sơ địa chính thửa đất công ích',
  'Thiếu biên bản họp HĐND nhiệm kỳ 2011–2016',
  'Một số hồ sơ bị ẩm mốc, chưa giao được bản gốc',
  'Thiếu sổ theo dõi văn bản đi năm 2010',
];
const FONDS = ['Phông UBND', 'Phông HĐND', 'Phông Đảng ủy'];
const SUMMARIES = [
  ['QĐ', 'Quyết định về việc giao đất ở cho hộ gia đình'],
  ['BC', 'Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội'],
  ['KH', 'Kế hoạch tổ chức bầu cử đại biểu Hội đồng nhân dân'],
  ['TB', 'Thông báo kết luận của Chủ tịch UBND tại cuộc họp giao ban'],
  ['NQ', 'Nghị quyết về dự toán ngân sách năm'],
  ['BB', 'Biên bản bàn giao mốc giới hành chính'],
] as const;

const day = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;

/** A state drawn per province: some provinces are ahead, others behind, so the map has something to show. */
function drawState(r: Rng, lead: number): HandoverState {
  const x = r.next() + lead;
  if (x > 0.62) return 'received';
  if (x > 0.52) return 'received_with_shortfalls';
  if (x > 0.38) return 'handed_over';
  if (x > 0.2) return 'inventoried';
  return 'not_started';
}

/** A hand-over under way, drawn per former unit; the province's lead makes some provinces ahead, others behind. */
function demoProgress(rng: Rng) {
  const leads = new Map<string, number>();
  return (h: HandoverSeed): HandoverProgress => {
    const r = rng.fork(`${h.formerLevel}:${h.formerCode}`);
    if (!leads.has(h.provinceCode)) leads.set(h.provinceCode, rng.fork(h.provinceCode).next() * 0.3 - 0.15);
    const state = drawState(r, leads.get(h.provinceCode)!);
    if (state === 'not_started') return { state };
    const big = h.formerLevel === 'commune' ? 1 : 12;
    const files = r.int(150, 1400) * big;
    const permanent = Math.round(files * (0.25 + r.next() * 0.2));
    const boxes = Math.ceil(files / r.int(6, 10));
    const handed = state !== 'inventoried';
    const received = state === 'received' || state === 'received_with_shortfalls';
    const month = r.int(7, 12);
    return {
      state,
      shelf_metres: Math.round(boxes * 1.1) / 10,
      boxes,
      files,
      year_from: r.pick([1976, 1980, 1986, 1990, 1997]),
      year_to: 2025,
      permanent_files: permanent,
      fixed_term_files: files - permanent,
      handed_over_on: handed ? day(2025, month, r.int(1, 28)) : null,
      record_number: handed ? `${r.int(1, 99)}/BB-BGTL` : null,
      signatories: handed
        ? [
            { side: 'handing', name: personName(r).fullName, position: 'Công chức Văn phòng - Thống kê (xã cũ)' },
            { side: 'receiving', name: personName(r).fullName, position: 'Chánh Văn phòng HĐND và UBND' },
          ]
        : [],
      received_on: received ? day(month === 12 ? 2026 : 2025, month === 12 ? 1 : month + 1, r.int(1, 28)) : null,
      shortfalls:
        state === 'received_with_shortfalls' ? [{ description: r.pick(SHORTFALLS), files: r.int(1, 12) }] : [],
    };
  };
}

/**
 * The archives of the demo nation: every hand-over the lineage calls for, in realistic states (provinces ahead and
 * behind), and a year (2026) of digitization: plans for each province's archive and a share of communes, monthly
 * batches through the stages, and descriptions of a few documents per batch.
 */
export const archivesDemoModule: DemoModule = {
  name: 'archives',
  weight: 17,
  bulkTables: ['digitization_descriptions', 'digitization_batches'],
  async generate({ database, units, rng, scale }) {
    const r = rng.fork('archives');
    const generated = await generateHandovers(database, null, demoProgress(r.fork('handovers')));

    const planRows: Record<string, unknown>[] = [];
    const batchRows: Record<string, unknown>[] = [];
    const descriptionRows: Record<string, unknown>[] = [];
    const communeShare = Math.min(1, scale * 2);
    const digitizing = units.filter((u) => u.level === 'province' || r.next() < communeShare);
    const year = 2026;
    for (const u of digitizing) {
      const ur = r.fork(u.code);
      const pace = 0.4 + ur.next() * 0.8; // some units ahead of plan, some behind
      for (const fonds of u.level === 'province' ? FONDS : FONDS.slice(0, 1)) {
        const planId = crypto.randomUUID();
        const plannedFiles = ur.int(100, 600) * (u.level === 'province' ? 5 : 1);
        const plannedPages = plannedFiles * ur.int(20, 45);
        planRows.push({
          id: planId,
          province_code: u.provinceCode,
          unit_code: u.code,
          year,
          fonds: `${fonds} ${u.name}`,
          retention: 'permanent',
          planned_files: plannedFiles,
          planned_pages: plannedPages,
        });
        const months = Math.max(1, Math.min(11, Math.round(11 * pace)));
        for (let m = 1; m <= months; m++) {
          const files = Math.ceil((plannedFiles / 12) * (0.6 + ur.next() * 0.8));
          const pages = files * ur.int(20, 45);
          // Later months are less far along: the last two still being checked or described.
          const stage =
            m <= months - 2 ? 'published' : m === months - 1 ? 'described' : ur.pick(['scanned', 'checked']);
          const reached = ['scanned', 'checked', 'described', 'published'].indexOf(stage);
          const id = crypto.randomUUID();
          batchRows.push({
            id,
            plan_id: planId,
            province_code: u.provinceCode,
            unit_code: u.code,
            year,
            name: `Đợt ${m}/${year}`,
            stage,
            files,
            pages,
            scanned_on: day(year, m, ur.int(5, 20)),
            checked_on: reached >= 1 ? day(year, Math.min(m + 1, 12), ur.int(1, 10)) : null,
            described_on: reached >= 2 ? day(year, Math.min(m + 1, 12), ur.int(11, 20)) : null,
            published_on: reached >= 3 ? day(year, Math.min(m + 1, 12), ur.int(21, 28)) : null,
          });
          if (reached >= 2)
            for (let d = 0; d < 3; d++) {
              const [kind, summary] = ur.pick(SUMMARIES);
              const docYear = ur.int(1990, 2024);
              const number = String(ur.int(1, 250));
              const symbol = `${kind}-UBND`;
              const body = `UBND ${u.fullName}`;
              descriptionRows.push({
                batch_id: id,
                province_code: u.provinceCode,
                unit_code: u.code,
                fonds: `${fonds} ${u.name}`,
                file_code: `${u.code}.${docYear}.${String(ur.int(1, 400)).padStart(3, '0')}`,
                doc_number: number,
                doc_symbol: symbol,
                doc_date: day(docYear, ur.int(1, 12), ur.int(1, 28)),
                issuing_body: body,
                summary: `${summary} ${docYear}`,
                page_count: ur.int(1, 30),
                retention: 'permanent',
                access: ur.next() < 0.8 ? 'open' : 'restricted',
                search_key: searchKey(`${number}/${symbol} ${summary} ${docYear} ${body}`),
              });
            }
        }
      }
    }
    const db = database.db;
    await bulkInsert(
      db,
      'digitization_plans',
      {
        id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        year: 'int',
        fonds: 'text',
        retention: 'text',
        planned_files: 'int',
        planned_pages: 'int',
      },
      planRows,
    );
    await bulkInsert(
      db,
      'digitization_batches',
      {
        id: 'uuid',
        plan_id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        year: 'int',
        name: 'text',
        stage: 'text',
        files: 'int',
        pages: 'int',
        scanned_on: 'date',
        checked_on: 'date',
        described_on: 'date',
        published_on: 'date',
      },
      batchRows,
    );
    await bulkInsert(
      db,
      'digitization_descriptions',
      {
        batch_id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        fonds: 'text',
        file_code: 'text',
        doc_number: 'text',
        doc_symbol: 'text',
        doc_date: 'date',
        issuing_body: 'text',
        summary: 'text',
        page_count: 'int',
        retention: 'text',
        access: 'text',
        search_key: 'text',
      },
      descriptionRows,
    );
    return {
      archiveHandovers: generated.total,
      digitizationPlans: planRows.length,
      digitizationBatches: batchRows.length,
      digitizationDescriptions: descriptionRows.length,
    };
  },
};
