/**
 * What each kind of report holds, as data (issue #20): an ordered list of sections, each with its title and the module
 * whose figures it carries (its provider), or none for a section of the author's text only. These are the defaults;
 * the Ministry may change an outline (a versioned, audited setting: the service stores it, `outlineProblem` checks it).
 * The titles are printed in the document as they are (Vietnamese).
 */
import type { ReportKind } from './periods.js';

export const PROVIDERS = [
  'units',
  'workforce',
  'dossiers',
  'recommendations',
  'assessments',
  'reinforcement',
  'training',
  'settlement',
  'archives',
  'organisations',
] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface OutlineSection {
  /** stable key of the section in a report (a-z, digits, _): text and figures are stored under it */
  key: string;
  title: string;
  /** the module whose figures the section carries; null for text only */
  provider: ProviderName | null;
}

export interface Outline {
  kind: ReportKind;
  /** the report's title before the period ("Kết quả ... 6 tháng đầu năm 2026") */
  title: string;
  /** days after the period's end a report is due, by the level that writes it */
  dueDays: { commune: number; province: number; country: number };
  sections: OutlineSection[];
}

const s = (key: string, title: string, provider: ProviderName | null = null): OutlineSection => ({
  key,
  title,
  provider,
});

const CLOSING = [
  s('assessment', 'Đánh giá chung: kết quả nổi bật, tồn tại, hạn chế và nguyên nhân'),
  s('directions', 'Phương hướng, nhiệm vụ trọng tâm kỳ tới'),
  s('proposals', 'Kiến nghị, đề xuất'),
];

export const DEFAULT_OUTLINES: Record<ReportKind, Outline> = {
  semiannual: {
    kind: 'semiannual',
    title: 'Kết quả thực hiện mô hình chính quyền địa phương hai cấp',
    dueDays: { commune: 5, province: 10, country: 20 },
    sections: [
      s('units', 'Tổ chức bộ máy chính quyền địa phương hai cấp', 'units'),
      s('workforce', 'Đội ngũ cán bộ, công chức, biên chế và vị trí còn thiếu', 'workforce'),
      s('dossiers', 'Giải quyết thủ tục hành chính và Bộ chỉ số phục vụ người dân, doanh nghiệp (766)', 'dossiers'),
      s('recommendations', 'Tiếp nhận, trả lời phản ánh, kiến nghị của địa phương', 'recommendations'),
      s('reinforcement', 'Tăng cường cán bộ hỗ trợ cấp xã', 'reinforcement'),
      s('training', 'Tập huấn, bồi dưỡng cán bộ, công chức', 'training'),
      s('settlement', 'Thực hiện chính sách, chế độ đối với người nghỉ việc (Nghị định 178/2024)', 'settlement'),
      s('archives', 'Bàn giao, tiếp nhận tài liệu lưu trữ', 'archives'),
      s('organisations', 'Sắp xếp đơn vị sự nghiệp công lập, doanh nghiệp nhà nước', 'organisations'),
      ...CLOSING,
    ],
  },
  annual: {
    kind: 'annual',
    title: 'Kết quả công tác nội vụ',
    dueDays: { commune: 10, province: 20, country: 31 },
    sections: [
      s('units', 'Tổ chức bộ máy, đơn vị hành chính', 'units'),
      s('workforce', 'Quản lý đội ngũ cán bộ, công chức, viên chức', 'workforce'),
      s('assessments', 'Đánh giá, xếp loại chất lượng cán bộ, công chức', 'assessments'),
      s('dossiers', 'Cải cách hành chính, giải quyết thủ tục hành chính', 'dossiers'),
      s('recommendations', 'Phản ánh, kiến nghị và trả lời', 'recommendations'),
      s('training', 'Đào tạo, bồi dưỡng', 'training'),
      s('settlement', 'Chính sách đối với người nghỉ việc', 'settlement'),
      s('archives', 'Văn thư, lưu trữ', 'archives'),
      s('organisations', 'Sắp xếp đơn vị sự nghiệp công lập, doanh nghiệp nhà nước', 'organisations'),
      ...CLOSING,
    ],
  },
  monthly: {
    kind: 'monthly',
    title: 'Tình hình hoạt động của chính quyền địa phương',
    dueDays: { commune: 3, province: 5, country: 10 },
    sections: [
      s('dossiers', 'Giải quyết thủ tục hành chính', 'dossiers'),
      s('recommendations', 'Phản ánh, kiến nghị', 'recommendations'),
      s('workforce', 'Biên chế và vị trí còn thiếu', 'workforce'),
      s('settlement', 'Chính sách đối với người nghỉ việc', 'settlement'),
      s('proposals', 'Khó khăn, vướng mắc và kiến nghị'),
    ],
  },
};

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The first problem of an edited outline as { field, detail }, or null. */
export function outlineProblem(o: Omit<Outline, 'kind'>): { field: string; detail: string } | null {
  if (!o.title.trim()) return { field: 'title', detail: 'empty' };
  if (o.sections.length === 0 || o.sections.length > 30) return { field: 'sections', detail: '1..30' };
  const seen = new Set<string>();
  for (const [i, sec] of o.sections.entries()) {
    if (!KEY.test(sec.key)) return { field: `sections[${i}].key`, detail: sec.key };
    if (seen.has(sec.key)) return { field: `sections[${i}].key`, detail: `duplicate ${sec.key}` };
    seen.add(sec.key);
    if (!sec.title.trim()) return { field: `sections[${i}].title`, detail: 'empty' };
    if (sec.provider !== null && !PROVIDERS.includes(sec.provider))
      return { field: `sections[${i}].provider`, detail: String(sec.provider) };
  }
  for (const level of ['commune', 'province', 'country'] as const) {
    const d = o.dueDays[level];
    if (!Number.isInteger(d) || d < 0 || d > 90) return { field: `dueDays.${level}`, detail: '0..90' };
  }
  return null;
}

/** The level that writes a report of a unit: the country (the Ministry), a province, a commune. */
export type ReportLevel = 'country' | 'province' | 'commune';
