/**
 * The reports' part of the demo nation (issue #20): the 6-month reviews of 2025-H2 and 2026-H1 at every level in the
 * states a real half year leaves them. 2025-H2: nearly every commune approved by its province, a few still submitted
 * or returned, a few never handed up (late); the provinces mostly approved by the Ministry; the national review
 * published. 2026-H1: a mix of drafts, submissions, returns with the province's comment and approvals, the late ones
 * among the drafts. Bulk-inserted (about 6,700 reports, 80,000 sections): their figures are computed when a report is
 * first opened, as for the schedule's drafts.
 */
import type { DemoContext, DemoModule } from '../../core/demo.js';
import type { Rng } from '../../core/random.js';
import { insertReports, type NewReport } from './bulk.js';
import type { ReportStatus } from './domain/lifecycle.js';
import { DEFAULT_OUTLINES } from './domain/outline.js';
import { addDays, parsePeriod } from './domain/periods.js';
import type { ReportTarget } from './policy.js';
import { reportingUnits } from './schedule.js';

const TEXTS: Record<string, string[]> = {
  assessment: [
    'Bộ máy chính quyền hai cấp vận hành ổn định, thông suốt; ' +
      'việc tiếp nhận và giải quyết thủ tục hành chính cơ bản bảo đảm đúng hạn. ' +
      'Còn thiếu công chức chuyên môn về đất đai, xây dựng và công nghệ thông tin.',
    'Các cơ quan, đơn vị đã kiện toàn tổ chức, bố trí cán bộ theo vị trí việc làm. ' +
      'Hạ tầng công nghệ thông tin ở một số nơi chưa đáp ứng yêu cầu; ' +
      'một số thủ tục còn trễ hạn do hồ sơ phải bổ sung nhiều lần.',
  ],
  directions: [
    'Tiếp tục rà soát, sắp xếp đội ngũ cán bộ, công chức; nâng cao tỷ lệ hồ sơ trực tuyến và số hóa kết quả; ' +
      'hoàn thành việc tiếp nhận tài liệu lưu trữ của các đơn vị cũ.',
  ],
  proposals: [
    'Đề nghị cấp trên bổ sung biên chế công chức lĩnh vực đất đai, xây dựng; ' +
      'hỗ trợ kinh phí nâng cấp trang thiết bị tại Trung tâm phục vụ hành chính công.',
    'Đề nghị sớm ban hành hướng dẫn về chế độ, chính sách đối với người hoạt động không chuyên trách sau sắp xếp.',
  ],
};
const RETURN_COMMENTS = [
  'Đề nghị bổ sung số liệu về biên chế và giải trình các vị trí còn thiếu.',
  'Phần đánh giá còn chung chung, đề nghị nêu rõ tồn tại và nguyên nhân.',
  'Đề nghị bổ sung kiến nghị cụ thể về thủ tục hành chính còn trễ hạn.',
];

/** The share of each state (the rest are drafts). */
interface Mix {
  published?: number;
  approved: number;
  submitted: number;
  returned: number;
}
const MIXES: Record<string, Record<'commune' | 'province' | 'country', Mix>> = {
  '2025-H2': {
    commune: { approved: 0.9, submitted: 0.04, returned: 0.02 },
    province: { approved: 0.85, submitted: 0.1, returned: 0.05 },
    country: { published: 1, approved: 0, submitted: 0, returned: 0 },
  },
  '2026-H1': {
    commune: { approved: 0.35, submitted: 0.3, returned: 0.1 },
    province: { approved: 0.3, submitted: 0.35, returned: 0.12 },
    country: { approved: 0, submitted: 0, returned: 0 },
  },
};

const author = (t: ReportTarget) =>
  t.level === 'country' ? 'ministry' : t.level === 'province' ? `province-${t.unitCode}` : `commune-${t.unitCode}`;
const approver = (t: ReportTarget) => (t.level === 'commune' ? `province-${t.provinceCode}` : 'ministry');
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

function draw(rng: Rng, mix: Mix): ReportStatus {
  const x = rng.next();
  let acc = mix.published ?? 0;
  if (x < acc) return 'published';
  for (const s of ['approved', 'submitted', 'returned'] as const) if (x < (acc += mix[s])) return s;
  return 'draft';
}

function demoReport(rng: Rng, target: ReportTarget, periodKey: string): NewReport {
  const period = parsePeriod(periodKey)!;
  const outline = DEFAULT_OUTLINES.semiannual;
  const due = addDays(period.to, outline.dueDays[target.level]);
  const status = draw(rng, MIXES[periodKey]![target.level]);
  const by = author(target);
  const above = approver(target);
  const created = at(addDays(period.to, 1), 7);
  const events: NewReport['events'] = [
    { action: 'schedule', fromStatus: null, toStatus: 'draft', by: 'system', at: created },
  ];
  // Most hand up by the due day; some a few days late.
  const submitted = at(addDays(due, rng.next() < 0.8 ? -rng.int(0, 4) : rng.int(1, 6)), 9 + rng.int(0, 7));
  let submittedAt: Date | null = null;
  if (status !== 'draft') {
    events.push({ action: 'submit', fromStatus: 'draft', toStatus: 'submitted', by, at: submitted });
    submittedAt = submitted;
    const later = (days: number) => new Date(submitted.getTime() + days * 86_400_000);
    if (status === 'returned' || rng.next() < 0.15) {
      events.push({
        action: 'return',
        fromStatus: 'submitted',
        toStatus: 'returned',
        comment: rng.pick(RETURN_COMMENTS),
        by: above,
        at: later(2),
      });
      if (status !== 'returned') {
        events.push({ action: 'submit', fromStatus: 'returned', toStatus: 'submitted', by, at: later(4) });
        submittedAt = later(4);
      }
    }
    if (status === 'approved' || status === 'published')
      events.push({ action: 'approve', fromStatus: 'submitted', toStatus: 'approved', by: above, at: later(6) });
    if (status === 'published')
      events.push({ action: 'publish', fromStatus: 'approved', toStatus: 'published', by: above, at: later(7) });
  }
  const texts =
    status === 'draft' && rng.next() < 0.6
      ? {}
      : Object.fromEntries(Object.entries(TEXTS).map(([k, options]) => [k, rng.pick(options)]));
  return {
    target,
    kind: 'semiannual',
    period: periodKey,
    status,
    number: status === 'draft' ? null : 1,
    dueDate: due,
    createdBy: 'system',
    createdAt: created,
    submittedAt,
    texts,
    events,
  };
}

export const reportsDemoModule: DemoModule = {
  name: 'periodic reports',
  weight: 3,
  async generate({ database, rng }: DemoContext) {
    const r = rng.fork('reports');
    const units = await reportingUnits(database.db);
    const list = ['2025-H2', '2026-H1'].flatMap((p) => units.map((u) => demoReport(r, u, p)));
    const made = await insertReports(database.db, list, DEFAULT_OUTLINES.semiannual, 0);
    return { reports: made };
  },
};
