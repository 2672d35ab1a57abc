import { bulkInsert } from '../../db/bulk.js';
import type { DemoModule } from '../../core/demo.js';
import type { Rng } from '../../core/random.js';
import { demoPasswordHash, hashPassword, insertDemoAccounts, type DemoAccount } from '../accounts/index.js';
import { setAssignmentStarts, staffSpansJson } from '../workforce/index.js';
import { addDays, vietnamLocal, weekday } from '../../core/calendar/dates.js';
import { DEFAULT_SETTINGS, type AssessmentSettings, type Band } from './domain/settings.js';
import {
  annualRating,
  monthsInYear,
  periodScore,
  periodsOfYear,
  quotaCheck,
  type PeriodScore,
  type ScoredTask,
} from './domain/scoring.js';
import {
  freezeScore,
  leaderOrder,
  managedFailed,
  managedStaff,
  scoreUnitPeriod,
  type ReviewRow,
  type TaskRow,
} from './domain/period.js';
import type { GeneralScores } from './schema.js';

/**
 * A year of assessments for the demo nation: quarterly periods of every unit (the past quarters
 * closed, the current one open), every person's frozen scores of the closed quarters, detailed tasks
 * in a few showcase units (the first commune of each province and Hà Nội's Department), the annual
 * ratings under way (some units confirmed, some proposed, the rest not started before 15 December),
 * and a staff account per showcase unit (`staff-<code>`, demo password) that sees its own tasks.
 *
 * Every score comes from the domain's pure functions (scoreUnitPeriod, annualRating), so the frozen
 * totals, bands and annual ratings are what the rules give for the inputs stored next to them.
 */

type Tier = 'top' | 'good' | 'fair' | 'weak';

interface Person {
  id: string;
  provinceCode: string;
  unitCode: string;
  fullName: string;
  nationalId: string;
  spans: {
    start: string;
    end: string | null;
    unitCode: string;
    leader: boolean;
    /** the post's agency kind and code (null: an assignment without a post): whom a leader manages */
    agencyKind: string | null;
    postCode: string | null;
  }[];
  tier: Tier;
}

interface TierRules {
  /** chance that nothing of a task is delivered */
  miss: number;
  /** chance that a task of several products falls short, and by how much at most */
  short: number;
  shortBy: number;
  /** chance of major errors in a task / of a delay, and how many at most */
  error: number;
  delay: number;
  most: number;
  /** the head's general judgement per criterion (qualities, competence, innovation) */
  general: [[number, number], [number, number], [number, number]];
  /** a leader's organisation of the unit's work, % */
  organisation: [number, number];
}

/** How people of each tier work in a quarter (a quarter may go a tier better or worse). */
const TIERS: Record<Tier, TierRules> = {
  top: {
    miss: 0,
    short: 0.01,
    shortBy: 0.2,
    error: 0.04,
    delay: 0.05,
    most: 1,
    general: [
      [9, 10],
      [9, 10],
      [8, 10],
    ],
    organisation: [90, 100],
  },
  good: {
    miss: 0.01,
    short: 0.08,
    shortBy: 0.4,
    error: 0.3,
    delay: 0.35,
    most: 2,
    general: [
      [7, 8],
      [6, 7],
      [5, 6],
    ],
    organisation: [75, 95],
  },
  fair: {
    miss: 0.05,
    short: 0.4,
    shortBy: 0.6,
    error: 0.55,
    delay: 0.55,
    most: 1,
    general: [
      [6, 8],
      [5, 7],
      [4, 6],
    ],
    organisation: [60, 85],
  },
  weak: {
    miss: 0.2,
    short: 0.6,
    shortBy: 1,
    error: 0.7,
    delay: 0.7,
    most: 3,
    general: [
      [4, 7],
      [3, 6],
      [2, 5],
    ],
    organisation: [50, 75],
  },
};

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Task titles by product kind: {q} the quarter, {y} the year, {n} the next year, {m} a month of the quarter. */
const TITLES: Record<string, string[]> = {
  report: [
    'Báo cáo kết quả cải cách hành chính quý {q}',
    'Báo cáo tình hình kinh tế - xã hội tháng {m}',
    'Báo cáo kết quả giải quyết thủ tục hành chính quý {q}',
    'Báo cáo công tác dân tộc, tôn giáo quý {q}',
    'Báo cáo thống kê số lượng, chất lượng cán bộ, công chức',
    'Báo cáo công tác thi đua, khen thưởng quý {q}',
    'Báo cáo kết quả thực hiện chuyển đổi số quý {q}',
  ],
  document: [
    'Soạn thảo văn bản trả lời kiến nghị của cử tri',
    'Tham mưu công văn hướng dẫn kê khai tài sản, thu nhập',
    'Dự thảo quyết định kiện toàn Tổ công tác cải cách hành chính',
    'Soạn thảo thông báo kết luận cuộc họp giao ban tháng {m}',
    'Tham mưu văn bản đôn đốc giải quyết hồ sơ quá hạn',
  ],
  plan: [
    'Xây dựng kế hoạch cải cách hành chính năm {n}',
    'Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm {n}',
    'Kế hoạch kiểm tra công tác văn thư, lưu trữ quý {q}',
    'Kế hoạch tuyên truyền phổ biến giáo dục pháp luật năm {n}',
    'Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {n}',
  ],
  draft_regulation: [
    'Dự thảo Quy chế làm việc của Ủy ban nhân dân',
    'Dự thảo Quy chế văn hóa công vụ tại cơ quan',
    'Dự thảo Quy định vị trí việc làm và cơ cấu ngạch công chức',
    'Dự thảo Quy chế chi tiêu nội bộ năm {n}',
  ],
  dossier: [
    'Thẩm định hồ sơ đăng ký hộ tịch',
    'Giải quyết hồ sơ chứng thực bản sao, chữ ký',
    'Thẩm định hồ sơ cấp giấy chứng nhận quyền sử dụng đất',
    'Tiếp nhận, xử lý hồ sơ trợ cấp xã hội',
    'Thẩm định hồ sơ đăng ký hộ kinh doanh',
  ],
  inspection: [
    'Kiểm tra công tác văn thư, lưu trữ tại các thôn, tổ dân phố',
    'Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính',
    'Kiểm tra việc niêm yết công khai thủ tục hành chính',
  ],
  meeting: [
    'Tổ chức hội nghị triển khai nhiệm vụ quý {q}',
    'Chuẩn bị nội dung họp giao ban tháng {m}',
    'Tổ chức đối thoại với Nhân dân về cải cách hành chính',
  ],
  field_visit: [
    'Khảo sát thực địa hiện trạng sử dụng đất',
    'Kiểm tra thực tế công trình nông thôn mới',
    'Khảo sát tình hình thiệt hại sau mưa lũ tại các thôn',
  ],
  other: [
    'Cập nhật dữ liệu cán bộ, công chức trên Hệ thống quản lý',
    'Số hóa hồ sơ lưu trữ năm {y}',
    'Cập nhật cơ sở dữ liệu hộ tịch điện tử',
  ],
};

/** How often each kind is assigned, and how many products a task of the kind usually asks for. */
const KIND_WEIGHTS: [string, number, [number, number]][] = [
  ['report', 28, [1, 2]],
  ['document', 20, [1, 4]],
  ['plan', 8, [1, 1]],
  ['draft_regulation', 3, [1, 1]],
  ['dossier', 18, [12, 60]],
  ['inspection', 5, [1, 2]],
  ['meeting', 8, [1, 3]],
  ['field_visit', 6, [1, 3]],
  ['other', 4, [1, 2]],
];
const KIND_TOTAL = KIND_WEIGHTS.reduce((s, k) => s + k[1], 0);

const EXEMPT_TASK = [
  'Nhiệm vụ tạm dừng theo chỉ đạo của UBND tỉnh',
  'Điều chỉnh nhiệm vụ do sắp xếp lại bộ máy',
  'Nghỉ ốm có giấy xác nhận của cơ sở y tế',
];
const EXEMPT_TIME = [
  'Chậm do mưa lũ, được Chủ tịch UBND xác nhận',
  'Chờ ý kiến của Sở chuyên ngành',
  'Hệ thống phần mềm gián đoạn, có xác nhận của đơn vị quản lý',
];
const REVIEW_NOTES = [
  'Có sai sót về thể thức văn bản, đã yêu cầu chỉnh sửa',
  'Số liệu chưa khớp với báo cáo tháng trước',
  'Nộp chậm so với thời hạn được giao',
];
const SELF_COMMENTS = [
  'Hoàn thành các nhiệm vụ được giao đúng tiến độ, chủ động phối hợp với các bộ phận.',
  'Cơ bản hoàn thành nhiệm vụ; một số báo cáo còn chậm do khối lượng hồ sơ tăng.',
  'Chấp hành tốt nội quy, quy chế; cần nâng cao kỹ năng ứng dụng công nghệ thông tin.',
  'Hoàn thành tốt nhiệm vụ, tích cực tham gia chuyển đổi số tại đơn vị.',
];
const COLLECTIVE = [
  'Tập thể thống nhất với tự đánh giá của đồng chí.',
  'Đề nghị đồng chí khắc phục tình trạng chậm nộp báo cáo.',
  'Tập thể ghi nhận tinh thần trách nhiệm, phối hợp tốt.',
];
const HEAD_COMMENTS = [
  'Hoàn thành tốt nhiệm vụ được giao.',
  'Cần chủ động hơn trong tham mưu.',
  'Chất lượng sản phẩm ổn định, đúng hạn.',
  'Còn chậm tiến độ một số nhiệm vụ.',
];
const SANCTIONS = [
  'Khiển trách do vi phạm quy chế làm việc',
  'Cảnh cáo do vi phạm quy định về giải quyết thủ tục hành chính',
  'Khiển trách do chậm trễ, gây phiền hà cho người dân',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Day arithmetic over a table of the days around the year: the calendar's addDays validates each date, too slow for ~10⁶ calls. */
function dayTable(year: number) {
  const days: string[] = [];
  for (let d = `${year - 1}-12-01`; d < `${year + 1}-02-01`; d = addDays(d, 1)) days.push(d);
  const index = new Map(days.map((d, i) => [d, i]));
  return (d: string, n: number) => {
    const i = index.get(d);
    return i !== undefined && i + n >= 0 && i + n < days.length ? days[i + n]! : addDays(d, n);
  };
}
const at = (date: string, r: Rng) => `${date}T${pad(r.int(8, 16))}:${pad(r.int(0, 59))}:00+07:00`;
/** A working day: a weekend date moves back to the Friday (or on to the Monday). */
const workday = (d: string) => (weekday(d) === 6 ? addDays(d, -1) : weekday(d) === 0 ? addDays(d, -2) : d);
const workdayOnward = (d: string) => (weekday(d) === 6 ? addDays(d, 2) : weekday(d) === 0 ? addDays(d, 1) : d);
const between = (r: Rng, from: string, to: string) => {
  const n = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, r.int(0, Math.max(0, n)));
};

/** A quarter's products of someone outside the showcase units: only what scoring needs (nothing is stored). */
function quickTasks(r: Rng, t: TierRules, count: number): ScoredTask[] {
  const out: ScoredTask[] = [];
  for (let i = 0; i < count; i++) {
    const [kind, [qmin, qmax]] = pickKind(r);
    const quantity = r.int(qmin, qmax);
    const x = r.next();
    const exemption: ScoredTask['exemption'] = x < 0.015 ? 'task' : x < 0.04 ? 'timeliness' : 'none';
    const delivered =
      exemption === 'task' || r.next() < t.miss
        ? 0
        : quantity > 1 && r.next() < t.short
          ? quantity - Math.max(1, Math.round((quantity - 1) * r.next() * t.shortBy))
          : quantity;
    const delays = exemption === 'timeliness' || r.next() < t.delay ? r.int(1, t.most) : 0;
    const majorErrors = r.next() < t.error ? r.int(1, t.most) : 0;
    out.push({
      productKind: kind,
      quantity,
      weight: r.next() < 0.15 ? r.pick([0.5, 1.5, 2]) : 1,
      delivered,
      majorErrors,
      delays,
      exemption,
    });
  }
  return out;
}

function pickKind(r: Rng): [string, [number, number]] {
  let x = r.next() * KIND_TOTAL;
  for (const [k, w, q] of KIND_WEIGHTS) if ((x -= w) <= 0) return [k, q];
  return ['other', [1, 2]];
}

function title(r: Rng, kind: string, year: number, q: number): string {
  const m = (q - 1) * 3 + r.int(1, 3);
  return r
    .pick(TITLES[kind]!)
    .replace('{q}', ROMAN[q - 1]!)
    .replace('{y}', String(year - r.int(3, 8)))
    .replace('{n}', String(year + 1))
    .replace('{m}', String(m));
}

function evidence(r: Rng, kind: string, delivered: number, on: string): string {
  const d = `${on.slice(8, 10)}/${on.slice(5, 7)}/${on.slice(0, 4)}`;
  if (kind === 'dossier') return `Đã giải quyết ${delivered} hồ sơ trên Hệ thống thông tin giải quyết TTHC`;
  if (kind === 'meeting') return `Biên bản cuộc họp ngày ${d}`;
  if (kind === 'inspection' || kind === 'field_visit') return `Biên bản kiểm tra ngày ${d}`;
  if (kind === 'plan') return `Kế hoạch số ${r.int(10, 320)}/KH-UBND ngày ${d}`;
  if (kind === 'report') return `Báo cáo số ${r.int(10, 480)}/BC-UBND ngày ${d}`;
  return `Văn bản số ${r.int(10, 900)}/UBND-VP ngày ${d}`;
}

/** A quarter can go a tier worse or better than usual. */
function drift(r: Rng, tier: Tier): Tier {
  const x = r.next();
  if (x < 0.06) return tier === 'top' ? 'good' : tier === 'good' ? 'fair' : tier;
  if (x > 0.95) return tier === 'weak' ? 'fair' : tier === 'fair' ? 'good' : 'top';
  return tier;
}

/**
 * Time-ordered ids (the UUID version 7 layout: a millisecond stamp, then a counter): rows of a
 * province go into the primary-key and period indexes at their ends instead of at random places.
 */
function orderedIds(r: Rng) {
  const stamp = Date.now().toString(16).padStart(12, '0');
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  const tail = hex(r.int(0, 0xffffff), 6);
  let n = 0;
  return () => {
    const c = n++;
    return (
      `${stamp.slice(0, 8)}-${stamp.slice(8, 12)}-7${hex((c >>> 24) & 0xfff, 3)}-${hex(0x8000 | ((c >>> 12) & 0xfff), 4)}-` +
      `${hex(c & 0xfff, 3)}${hex(r.int(0, 0xfff), 3)}${tail}`
    );
  };
}

const overlaps = (s: { start: string; end: string | null }, from: string, to: string) =>
  s.start <= to && (s.end === null || s.end > from);

export const assessmentDemoModule: DemoModule = {
  name: 'assessments',
  bulkTables: ['assessment_reviews', 'annual_ratings', 'assessment_tasks'],
  weight: 45,
  async generate({ database, units, rng: root, password, progress: reportProgress }) {
    const rng = root.fork('assessments');
    const S: AssessmentSettings = DEFAULT_SETTINGS;
    const now = new Date();
    const today = vietnamLocal(now).date;
    const year = Number(today.slice(0, 4));
    const add = dayTable(year);
    const newId = orderedIds(rng.fork('ids'));
    // The year's quarters up to the current one: the past ones closed early in the following month.
    const quarters = periodsOfYear(year, 'quarter').filter((q) => q.start <= today);
    const closedSeqs = new Set(quarters.filter((q) => add(q.end, 8) < today).map((q) => q.seq));

    // Showcase units with detailed tasks: the first commune (lowest code) of each province, and Hà Nội's Department.
    const firstCommune = new Map<string, string>();
    for (const u of units)
      if (u.level === 'commune' && (!firstCommune.has(u.provinceCode) || u.code < firstCommune.get(u.provinceCode)!))
        firstCommune.set(u.provinceCode, u.code);
    const showcase = new Set<string>(['01', ...firstCommune.values()]);
    const unitOf = new Map(units.map((u) => [u.code, u]));
    const headOf = (code: string) => (unitOf.get(code)?.level === 'province' ? `province-${code}` : `commune-${code}`);

    // Everyone, with the spans of their assignments (and whether each is a leadership post).
    // One row per person and assignment, read as one JSON text: ~127,000 rows parse far faster that way.
    const json = await staffSpansJson(database);
    type Row = [
      id: string,
      province: string,
      unit: string,
      fullName: string,
      nationalId: string,
      aId: string | null,
      aUnit: string,
      start: string,
      end: string | null,
      leader: boolean,
      kind: string,
      agencyKind: string | null,
      postCode: string | null,
    ];
    const rows = (JSON.parse(json) as Row[]).map(
      ([
        id,
        province_code,
        unit_code,
        full_name,
        national_id,
        a_id,
        a_unit,
        start_date,
        end_date,
        leader,
        kind,
        ...post
      ]) => ({
        id,
        province_code,
        unit_code,
        full_name,
        national_id,
        a_id,
        a_unit,
        start_date,
        end_date,
        leader,
        kind,
        agency_kind: post[0],
        post_code: post[1],
      }),
    );
    type Span = {
      id: string;
      unit_code: string;
      start_date: string;
      end_date: string | null;
      leader: boolean;
      kind: string;
      agency_kind: string | null;
      post_code: string | null;
    };
    const spansOf = new Map<string, Span[]>();
    const peopleOf = new Map<string, (typeof rows)[number]>();
    for (const x of rows) {
      if (!peopleOf.has(x.id)) peopleOf.set(x.id, x);
      if (!x.a_id) continue;
      const s: Span = {
        id: x.a_id,
        unit_code: x.a_unit,
        start_date: x.start_date,
        end_date: x.end_date,
        leader: x.leader,
        kind: x.kind,
        agency_kind: x.agency_kind,
        post_code: x.post_code,
      };
      const l = spansOf.get(x.id);
      if (l) l.push(s);
      else spansOf.set(x.id, [s]);
    }
    // In a stable order, so that the same seed draws the same numbers for the same people.
    const peopleRows = [...peopleOf.values()].sort((a, b) =>
      a.province_code < b.province_code
        ? -1
        : a.province_code > b.province_code
          ? 1
          : a.unit_code < b.unit_code
            ? -1
            : a.unit_code > b.unit_code
              ? 1
              : a.national_id < b.national_id
                ? -1
                : 1,
    );

    // A few recruits of the second half of the year (after 1 July): fewer than 6 months, not rated.
    const recruitFrom = `${year}-07-10`;
    const recruitTo = [add(today, -20), `${year}-10-20`].sort()[0]!;
    const recruits: { id: string; start_date: string }[] = [];
    const byUnit = new Map<string, Person[]>();
    for (const p of peopleRows) {
      const r = rng.fork(p.national_id);
      const spans = spansOf.get(p.id) ?? [];
      const x = r.next();
      const tier: Tier = x < 0.09 ? 'top' : x < 0.85 ? 'good' : x < 0.99 ? 'fair' : 'weak';
      if (
        recruitTo > recruitFrom &&
        spans.length === 1 &&
        !spans[0]!.leader &&
        spans[0]!.end_date === null &&
        spans[0]!.kind === 'regular' &&
        r.next() < 0.012
      ) {
        spans[0]!.start_date = between(r, recruitFrom, recruitTo);
        recruits.push({ id: spans[0]!.id, start_date: spans[0]!.start_date });
      }
      const person: Person = {
        id: p.id,
        provinceCode: p.province_code,
        unitCode: p.unit_code,
        fullName: p.full_name,
        nationalId: p.national_id,
        tier,
        spans: spans.map((s) => ({
          start: s.start_date,
          end: s.end_date,
          unitCode: s.unit_code,
          leader: s.leader,
          agencyKind: s.agency_kind,
          postCode: s.post_code,
        })),
      };
      const l = byUnit.get(p.unit_code);
      if (l) l.push(person);
      else byUnit.set(p.unit_code, [person]);
    }
    if (recruits.length) {
      await setAssignmentStarts(database.db, recruits);
    }

    const made = {
      assessmentPeriods: 0,
      assessmentTasks: 0,
      assessmentReviews: 0,
      annualRatings: 0,
      assessmentUnitYears: 0,
      staffAccounts: 0,
    };
    let periodRows: Record<string, unknown>[] = [];
    let taskRows: Record<string, unknown>[] = [];
    let reviewRows: Record<string, unknown>[] = [];
    let showcaseReviewRows: Record<string, unknown>[] = [];
    let ratingRows: Record<string, unknown>[] = [];
    const unitYearRows: Record<string, unknown>[] = [];
    const staffCandidates = new Map<string, Person[]>();

    const flush = async () => {
      const t = 'text';
      await bulkInsert(
        database.db,
        'assessment_periods',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          year: 'int',
          kind: t,
          seq: 'int',
          start_date: 'date',
          end_date: 'date',
          status: t,
          closed_at: 'timestamptz',
          closed_by: t,
        },
        periodRows,
      );
      await bulkInsert(
        database.db,
        'assessment_tasks',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          period_id: 'uuid',
          person_id: 'uuid',
          title: t,
          product_kind: t,
          quantity: 'int',
          weight: 'float8',
          due_date: 'date',
          assigned_by: t,
          assigned_at: 'timestamptz',
          status: t,
          delivered_quantity: 'int',
          delivered_on: 'date',
          evidence: t,
          accepted_quantity: 'int',
          major_errors: 'int',
          delays: 'int',
          exemption: t,
          exemption_reason: t,
          review_note: t,
          reviewed_by: t,
          reviewed_at: 'timestamptz',
        },
        taskRows,
      );
      // The frozen scores of everyone: the columns that matter only, so that ~380,000 rows go in quickly.
      await bulkInsert(
        database.db,
        'assessment_reviews',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          period_id: 'uuid',
          person_id: 'uuid',
          head_general: 'json',
          head_by: t,
          head_at: 'timestamptz',
          organisation_percent: 'float8',
          frozen: 'json',
        },
        reviewRows,
        10_000,
      );
      await bulkInsert(
        database.db,
        'assessment_reviews',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          period_id: 'uuid',
          person_id: 'uuid',
          self_general: 'json',
          self_comment: t,
          self_at: 'timestamptz',
          head_general: 'json',
          head_comment: t,
          head_by: t,
          head_at: 'timestamptz',
          collective_comment: t,
          collective_at: 'timestamptz',
          organisation_percent: 'float8',
          frozen: 'json',
        },
        showcaseReviewRows,
      );
      await bulkInsert(
        database.db,
        'annual_ratings',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          person_id: 'uuid',
          year: 'int',
          months_worked: 'float8',
          months_absent: 'float8',
          maternity_months: 'float8',
          sanctioned: 'boolean',
          sanction_note: t,
          average: 'float8',
          periods_scored: 'int',
          scored_band: t,
          band: t,
          caps: 'jsonb',
          not_rated_reason: t,
          lowered_reason: t,
          status: t,
          confirmed_by: t,
          confirmed_at: 'timestamptz',
        },
        ratingRows,
      );
      made.assessmentPeriods += periodRows.length;
      made.assessmentTasks += taskRows.length;
      made.assessmentReviews += reviewRows.length + showcaseReviewRows.length;
      made.annualRatings += ratingRows.length;
      periodRows = [];
      taskRows = [];
      reviewRows = [];
      showcaseReviewRows = [];
      ratingRows = [];
    };

    /** A quarter's tasks of one person, as the head assigned and (in closed quarters) judged them. */
    const tasksOf = (
      r: Rng,
      p: Person,
      q: { seq: number; start: string; end: string },
      count: number,
      head: string,
      closed: boolean,
      detailed: boolean,
    ): TaskRow[] => {
      const tier = TIERS[p.tier];
      const out: TaskRow[] = [];
      for (let i = 0; i < count; i++) {
        const [kind, [qmin, qmax]] = pickKind(r);
        const quantity = r.int(qmin, qmax);
        const weight = r.next() < 0.15 ? r.pick([0.5, 1.5, 2]) : 1;
        const due = workday(between(r, add(q.start, 10), q.end));
        let status: TaskRow['status'] = 'reviewed';
        if (!closed)
          status =
            due < add(today, -5)
              ? r.next() < 0.65
                ? 'reviewed'
                : r.next() < 0.85
                  ? 'delivered'
                  : 'assigned'
              : due <= today
                ? r.next() < 0.45
                  ? 'delivered'
                  : 'assigned'
                : r.next() < 0.12
                  ? 'delivered'
                  : 'assigned';
        const x = r.next();
        const exemption: TaskRow['exemption'] = x < 0.015 ? 'task' : x < 0.04 ? 'timeliness' : 'none';
        const short = r.next() < tier.short;
        const deliveredQty =
          exemption === 'task' || r.next() < tier.miss
            ? 0
            : quantity > 1 && short
              ? quantity - Math.max(1, Math.round((quantity - 1) * r.next() * tier.shortBy))
              : quantity;
        const late = exemption === 'timeliness' || r.next() < tier.delay;
        const delays = late ? r.int(1, tier.most) : 0;
        let deliveredOn: string | null = late ? add(due, r.int(2, 12) * delays) : add(due, -r.int(0, 6));
        if (!closed && deliveredOn > today) deliveredOn = status === 'assigned' ? null : today;
        // In a closed quarter everything was delivered and judged before the period closed.
        if (closed && deliveredOn && deliveredOn > add(q.end, 2)) deliveredOn = add(q.end, 2);
        const errors = r.next() < tier.error ? r.int(1, tier.most) : 0;
        const row: TaskRow = {
          personId: p.id,
          productKind: kind,
          quantity,
          weight,
          dueDate: due,
          status,
          deliveredQuantity: status === 'assigned' || exemption === 'task' ? null : deliveredQty,
          deliveredOn: status === 'assigned' || exemption === 'task' ? null : deliveredOn,
          acceptedQuantity: status === 'reviewed' ? deliveredQty : null,
          majorErrors: status === 'reviewed' ? errors : 0,
          delays: status === 'reviewed' ? (deliveredOn && deliveredOn > due ? Math.max(1, delays) : 0) : 0,
          exemption: status === 'reviewed' ? exemption : 'none',
        };
        out.push(row);
        if (detailed) {
          const reviewedOn = row.deliveredOn
            ? [add(row.deliveredOn, r.int(1, 5)), closed ? add(q.end, 3) : today].sort()[0]!
            : add(q.end, 2);
          taskRows.push({
            id: newId(),
            province_code: p.provinceCode,
            unit_code: p.unitCode,
            period_id: '',
            person_id: p.id,
            title: title(r, kind, year, q.seq),
            product_kind: kind,
            quantity,
            weight,
            due_date: due,
            assigned_by: head,
            assigned_at: at([add(due, -r.int(10, 30)), q.start].sort().reverse()[0]!, r),
            status,
            delivered_quantity: row.deliveredQuantity,
            delivered_on: row.deliveredOn,
            evidence: row.deliveredOn ? evidence(r, kind, row.deliveredQuantity ?? 0, row.deliveredOn) : null,
            accepted_quantity: row.acceptedQuantity,
            major_errors: row.majorErrors,
            delays: row.delays,
            exemption: row.exemption,
            exemption_reason:
              row.exemption === 'task'
                ? r.pick(EXEMPT_TASK)
                : row.exemption === 'timeliness'
                  ? r.pick(EXEMPT_TIME)
                  : null,
            review_note:
              status === 'reviewed' && (row.majorErrors || row.delays) && row.exemption === 'none'
                ? r.pick(REVIEW_NOTES)
                : null,
            reviewed_by: status === 'reviewed' ? head : null,
            reviewed_at: status === 'reviewed' ? at(reviewedOn, r) : null,
          });
        }
      }
      return out;
    };

    const general = (r: Rng, tier: Tier | TierRules, lenient: boolean): GeneralScores => {
      const g = ([lo, hi]: [number, number]) => Math.min(10, r.int(lo, hi) + (lenient && r.next() < 0.5 ? 1 : 0));
      const [q, c, i] = (typeof tier === 'string' ? TIERS[tier] : tier).general;
      return { qualities: g(q), competence: g(c), innovation: g(i) };
    };

    const ordered = [...units].sort(
      (a, b) =>
        a.provinceCode.localeCompare(b.provinceCode) ||
        (a.level === 'province' ? -1 : 1) ||
        a.code.localeCompare(b.code),
    );
    for (const [i, u] of ordered.entries()) {
      const r = rng.fork(u.code);
      const head = headOf(u.code);
      const detailed = showcase.has(u.code);
      const staff = byUnit.get(u.code) ?? [];
      // A lenient head here and there: more excellent marks than the quota allows.
      const lenient = r.next() < 0.05;
      const scoresOf = new Map<string, (number | null)[]>();
      for (const q of quarters) {
        const closed = closedSeqs.has(q.seq);
        const closeDay = [workdayOnward(add(q.end, r.int(4, 8))), add(today, -1)].sort()[0]!;
        const closedAt = closed ? at(closeDay, r) : null;
        const periodId = newId();
        periodRows.push({
          id: periodId,
          province_code: u.provinceCode,
          unit_code: u.code,
          year,
          kind: 'quarter',
          seq: q.seq,
          start_date: q.start,
          end_date: q.end,
          status: closed ? 'closed' : 'open',
          closed_at: closedAt,
          closed_by: closed ? head : null,
        });
        if (!closed && !detailed) continue;
        const firstTask = taskRows.length;
        const present = staff.filter((p) => p.spans.some((s) => s.unitCode === u.code && overlaps(s, q.start, q.end)));
        const leaders = new Set(
          present
            .filter((p) => p.spans.some((s) => s.unitCode === u.code && s.leader && overlaps(s, q.start, q.end)))
            .map((p) => p.id),
        );
        // Whom each leader manages, from the posts held in the unit during the quarter (as the service scores it).
        const managed = managedStaff(
          present.flatMap((p) =>
            p.spans
              .filter((s) => s.unitCode === u.code && s.postCode !== null && overlaps(s, q.start, q.end))
              .map((s) => ({
                personId: p.id,
                agencyKind: s.agencyKind ?? '',
                postCode: s.postCode!,
                postKind: s.leader ? ('leadership' as const) : ('job_position' as const),
              })),
          ),
        );
        if (!detailed) {
          // Outside the showcase units only the frozen scores are kept: scored as scoreUnitPeriod does, the staff
          // first, then the leaders (those below first) on whether everyone each manages completed.
          const judged = present.map((p) => {
            const pr = r.fork(`${p.nationalId}${q.seq}`);
            const tier = TIERS[drift(pr, p.tier)];
            const leader = leaders.has(p.id);
            return {
              p,
              leader,
              tasks: quickTasks(pr, tier, pr.int(2, 3)),
              general: general(pr, tier, lenient),
              organisationPercent: leader ? pr.int(...tier.organisation) : null,
              score: null as PeriodScore | null,
            };
          });
          for (const j of judged) if (!j.leader) j.score = periodScore(S, { tasks: j.tasks, general: j.general });
          const judgedOf = new Map(judged.map((j) => [j.p.id, j]));
          for (const id of leaderOrder(
            judged.filter((j) => j.leader).map((j) => j.p.id),
            managed,
          )) {
            const j = judgedOf.get(id)!;
            const failed = managedFailed(id, managed, (m) => judgedOf.get(m)?.score?.band);
            j.score = periodScore(S, {
              tasks: j.tasks,
              general: j.general,
              leader: { allSubordinatesCompleted: !failed, organisationPercent: j.organisationPercent ?? 0 },
            });
          }
          const headAt = at(add(q.end, -r.int(0, 4)), r);
          for (const j of judged) {
            const frozen = freezeScore({ ...j.score!, leader: j.leader });
            const list = scoresOf.get(j.p.id);
            if (list) list.push(frozen.total);
            else scoresOf.set(j.p.id, [frozen.total]);
            reviewRows.push({
              id: newId(),
              province_code: u.provinceCode,
              unit_code: u.code,
              period_id: periodId,
              person_id: j.p.id,
              head_general: j.general,
              head_by: head,
              head_at: headAt,
              organisation_percent: j.organisationPercent,
              frozen,
            });
          }
          continue;
        }
        const tasks: TaskRow[] = [];
        const reviews: ReviewRow[] = [];
        const extra = new Map<string, Record<string, unknown>>();
        for (const p of present) {
          const pr = r.fork(`${p.nationalId}${q.seq}`);
          // A quarter can go better or worse than usual.
          const tier = drift(pr, p.tier);
          tasks.push(...tasksOf(pr, { ...p, tier }, q, pr.int(3, 6), head, closed, detailed));
          const headAt = closed ? at(add(q.end, -pr.int(0, 4)), pr) : null;
          const judged = closed || pr.next() < 0.15;
          const hg = judged ? general(pr, tier, lenient) : null;
          const organisationPercent = leaders.has(p.id) && judged ? pr.int(...TIERS[tier].organisation) : null;
          reviews.push({ personId: p.id, headGeneral: hg, organisationPercent });
          if (detailed) {
            const self = closed ? pr.next() < 0.8 : pr.next() < 0.4;
            const sg = self
              ? {
                  qualities: Math.min(10, (hg?.qualities ?? 8) + pr.int(0, 1)),
                  competence: Math.min(10, (hg?.competence ?? 8) + pr.int(0, 1)),
                  innovation: Math.min(10, (hg?.innovation ?? 8) + pr.int(0, 1)),
                }
              : null;
            const collective = closed ? pr.next() < 0.3 : pr.next() < 0.08;
            if (!closed && !sg && !hg && !collective) continue;
            extra.set(p.id, {
              self_general: sg,
              self_comment: sg ? pr.pick(SELF_COMMENTS) : null,
              self_at: sg ? at(closed ? add(q.end, -pr.int(3, 8)) : add(today, -pr.int(0, 10)), pr) : null,
              head_comment: hg && pr.next() < 0.5 ? pr.pick(HEAD_COMMENTS) : null,
              head_at: hg ? (headAt ?? at(add(today, -pr.int(0, 5)), pr)) : null,
              collective_comment: collective ? pr.pick(COLLECTIVE) : null,
              collective_at: collective ? at(closed ? add(q.end, -pr.int(1, 3)) : add(today, -pr.int(0, 6)), pr) : null,
            });
          }
        }
        for (let k = firstTask; k < taskRows.length; k++) taskRows[k]!.period_id = periodId;
        const scores = closed ? scoreUnitPeriod(S, tasks, reviews, leaders, managed) : null;
        for (const rv of reviews) {
          const s = scores?.get(rv.personId);
          const frozen = s ? freezeScore(s) : null;
          if (closed) scoresOf.set(rv.personId, [...(scoresOf.get(rv.personId) ?? []), frozen?.total ?? null]);
          const base = {
            province_code: u.provinceCode,
            unit_code: u.code,
            period_id: periodId,
            person_id: rv.personId,
            head_general: rv.headGeneral,
            head_by: rv.headGeneral ? head : null,
            organisation_percent: rv.organisationPercent,
            frozen,
          };
          const e = extra.get(rv.personId);
          if (e) showcaseReviewRows.push({ id: newId(), ...base, ...e });
        }
        if (detailed && !closed)
          for (const p of present)
            if (!leaders.has(p.id) && tasks.some((t) => t.personId === p.id))
              staffCandidates.set(u.code, [...(staffCandidates.get(u.code) ?? []), p]);
        if (detailed && !closed && !staffCandidates.has(u.code))
          for (const p of present)
            if (tasks.some((t) => t.personId === p.id))
              staffCandidates.set(u.code, [...(staffCandidates.get(u.code) ?? []), p]);
      }

      // The annual rating: ~35 % of units done and confirmed, ~20 % proposed, the rest not started.
      const x = r.next();
      const progress = x < 0.35 ? 'confirmed' : x < 0.55 ? 'proposed' : 'none';
      if (progress !== 'none' && staff.length) {
        const rated: { row: Record<string, unknown>; band: Band | null }[] = [];
        for (const p of staff) {
          const pr = r.fork(`${p.nationalId}annual`);
          const monthsWorked = monthsInYear(year, p.spans);
          const absence = pr.next();
          const monthsAbsent = absence < 0.006 ? pr.int(3, 5) : absence < 0.03 ? pr.int(1, 2) : 0;
          // About one in a hundred on maternity leave for part of the year: neither absence nor a cap (Decree 48/2023).
          const maternityMonths = absence >= 0.03 && absence < 0.04 ? pr.int(4, 7) : 0;
          const sanctioned = pr.next() < 0.001;
          const scores = scoresOf.get(p.id) ?? [];
          const a = annualRating(S, { periodScores: scores, monthsWorked, monthsAbsent, maternityMonths, sanctioned });
          const values = a.rated
            ? { average: a.average, scored_band: a.scoredBand, band: a.band, caps: a.caps, not_rated_reason: null }
            : { average: a.average, scored_band: null, band: null, caps: [], not_rated_reason: a.reason };
          const row: Record<string, unknown> = {
            id: newId(),
            province_code: p.provinceCode,
            unit_code: u.code,
            person_id: p.id,
            year,
            months_worked: monthsWorked,
            months_absent: monthsAbsent,
            maternity_months: Math.min(maternityMonths, monthsWorked),
            sanctioned,
            sanction_note: sanctioned ? `${pr.pick(SANCTIONS)} (Quyết định số ${pr.int(5, 90)}/QĐ-UBND)` : null,
            periods_scored: scores.filter((s) => s !== null).length,
            ...values,
            lowered_reason: null,
            status: 'proposed',
            confirmed_by: null,
            confirmed_at: null,
          };
          rated.push({ row, band: values.band });
        }
        const quota = quotaCheck(
          S,
          rated.map((x) => x.band).filter((b): b is Band => !!b),
        );
        if (progress === 'confirmed') {
          // Before confirming, the head keeps to the quota: the lowest excellent averages become good, with the reason.
          if (quota.exceeded) {
            const excellent = rated
              .filter((x) => x.band === 'excellent')
              .sort((a, b) => (a.row.average as number) - (b.row.average as number));
            for (const x of excellent.slice(0, quota.excellent - quota.quota))
              Object.assign(x.row, { band: 'good', lowered_reason: 'Giữ tỷ lệ xuất sắc theo Quy định số 366-QĐ/TW' });
          }
          const confirmedOn = add(today, -r.int(2, 20));
          for (const x of rated)
            Object.assign(x.row, { status: 'confirmed', confirmed_by: head, confirmed_at: at(confirmedOn, r) });
          const published = r.next() < 0.6;
          const outstanding = r.next() < 0.04;
          if (published || outstanding)
            unitYearRows.push({
              province_code: u.provinceCode,
              unit_code: u.code,
              year,
              outstanding,
              published_at: published ? at(add(confirmedOn, 1), r) : null,
              published_by: published ? head : null,
            });
        } else if (r.next() < 0.03)
          unitYearRows.push({
            province_code: u.provinceCode,
            unit_code: u.code,
            year,
            outstanding: true,
            published_at: null,
            published_by: null,
          });
        ratingRows.push(...rated.map((x) => x.row));
      }
      if (ordered[i + 1]?.provinceCode !== u.provinceCode) {
        await flush();
        reportProgress?.((i + 1) / ordered.length);
      }
    }
    await flush();
    await bulkInsert(
      database.db,
      'assessment_unit_years',
      {
        province_code: 'text',
        unit_code: 'text',
        year: 'int',
        outstanding: 'boolean',
        published_at: 'timestamptz',
        published_by: 'text',
      },
      unitYearRows,
    );
    made.assessmentUnitYears = unitYearRows.length;

    // Staff accounts of the showcase units: they see and report their own tasks.
    const passwordHash = (await demoPasswordHash(database)) ?? (await hashPassword(password));
    const accounts: DemoAccount[] = [];
    for (const code of [...showcase].sort()) {
      const candidates = staffCandidates.get(code);
      if (!candidates?.length) continue;
      const p = candidates[0]!;
      const u = unitOf.get(code)!;
      accounts.push({
        username: `staff-${code}`,
        displayName: p.fullName,
        role: 'staff',
        provinceCode: u.provinceCode,
        communeCode: u.level === 'commune' ? code : null,
        personId: p.id,
        passwordHash,
      });
    }
    await insertDemoAccounts(database, accounts);
    made.staffAccounts = accounts.length;
    return made;
  },
};
