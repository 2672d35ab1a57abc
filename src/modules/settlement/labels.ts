/** The words the API and the exports show for the module's codes, in Vietnamese and English (no code reaches a user). */
import type { Lang } from '../../core/i18n.js';

type Labels = Record<string, { vi: string; en: string }>;

export const LINE_LABELS: Labels = {
  pension_lump_sum: {
    vi: 'Trợ cấp hưu trí một lần cho số tháng nghỉ sớm',
    en: 'One-time pension sum for the months early',
  },
  early_years: { vi: 'Trợ cấp cho số năm nghỉ sớm', en: 'Allowance per early year' },
  service_years: {
    vi: 'Trợ cấp theo thời gian công tác có đóng BHXH bắt buộc',
    en: 'Allowance for the years of compulsory social insurance',
  },
  severance: { vi: 'Trợ cấp thôi việc', en: 'Severance allowance' },
  insurance_years: {
    vi: 'Trợ cấp 1,5 tháng lương cho mỗi năm đóng BHXH bắt buộc',
    en: '1.5 months per year of compulsory social insurance',
  },
  job_search: { vi: 'Trợ cấp 3 tháng lương để tìm việc làm', en: "Three months' job-search allowance" },
};

export const SALARY_LABELS: Labels = {
  grade: { vi: 'Lương theo ngạch, bậc', en: 'Salary by grade and step' },
  leadership: { vi: 'Phụ cấp chức vụ lãnh đạo', en: 'Leadership allowance' },
  seniority_beyond_frame: { vi: 'Phụ cấp thâm niên vượt khung', en: 'Seniority beyond the frame' },
  professional_seniority: { vi: 'Phụ cấp thâm niên nghề', en: 'Professional seniority allowance' },
  occupational: { vi: 'Phụ cấp ưu đãi theo nghề', en: 'Occupational preference allowance' },
  public_service: { vi: 'Phụ cấp công vụ (25%)', en: 'Public-service allowance (25 %)' },
  other_coefficient: { vi: 'Phụ cấp khác (theo hệ số)', en: 'Other allowances (coefficients)' },
  other_amount: { vi: 'Phụ cấp khác (số tiền)', en: 'Other allowances (amount)' },
};

export const WARNING_LABELS: Labels = {
  from_13th_month: {
    vi: 'Nghỉ từ tháng thứ 13 kể từ quyết định sắp xếp: mức trợ cấp giảm một nửa',
    en: 'Leaving from the 13th month after the restructuring decision: the sum is halved',
  },
  odd_early_months_not_counted: {
    vi: 'Số tháng lẻ của năm nghỉ sớm không tính (mỗi năm nghỉ sớm phải đủ 12 tháng)',
    en: 'Odd months of the early years are not counted (each early year is a full 12 months)',
  },
  months_capped: { vi: 'Số tháng tính trợ cấp tối đa 60 tháng', en: 'Months counted are capped at 60' },
  unemployment_insurance: {
    vi: 'Viên chức, người lao động hưởng bảo hiểm thất nghiệp thay cho trợ cấp tìm việc làm',
    en: 'Public employees receive unemployment insurance instead of the job-search allowance',
  },
  under_two_years_pension_only: {
    vi: 'Còn dưới 2 năm đến tuổi nghỉ hưu: hưởng lương hưu không bị trừ tỷ lệ và trợ cấp một lần cho số tháng nghỉ sớm',
    en: 'Under 2 years to retirement: the pension without reduction and the one-time sum only',
  },
};

export const ELIGIBILITY_LABELS: Labels = {
  group_not_covered: { vi: 'không thuộc đối tượng áp dụng', en: 'not in a covered group' },
  regime_not_for_group: {
    vi: 'chế độ không áp dụng cho nhóm đối tượng này',
    en: 'the regime does not apply to this group',
  },
  maternity_or_young_child: {
    vi: 'đang mang thai, nghỉ thai sản hoặc nuôi con dưới 36 tháng tuổi (không tự nguyện)',
    en: 'pregnant, on maternity leave or raising a child under 36 months (not volunteering)',
  },
  under_discipline: {
    vi: 'đang bị xem xét kỷ luật, truy cứu trách nhiệm hình sự hoặc thanh tra, kiểm tra',
    en: 'under discipline, prosecution or inspection',
  },
  assessments_missing: {
    vi: 'thiếu kết quả đánh giá, xếp loại 3 năm gần nhất',
    en: "the last three years' assessment results are missing",
  },
};

export const DEADLINE_LABELS: Labels = {
  decision: { vi: 'Ban hành quyết định nghỉ việc', en: 'Leaving decision' },
  leave: { vi: 'Thời điểm nghỉ việc', en: 'Leaving date' },
  payment: { vi: 'Chi trả chế độ', en: 'Payment' },
};

export const STATUS_LABELS: Labels = {
  proposed: { vi: 'Đề nghị', en: 'Proposed' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  decided: { vi: 'Đã có quyết định nghỉ', en: 'Decision issued' },
  paid: { vi: 'Đã chi trả', en: 'Paid' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  refused: { vi: 'Không chấp thuận', en: 'Refused' },
};

export const REGIME_LABELS: Labels = {
  early_retirement: { vi: 'Nghỉ hưu trước tuổi (Điều 7)', en: 'Early retirement (Art. 7)' },
  early_retirement_streamlining: { vi: 'Nghỉ hưu trước tuổi (Điều 7a)', en: 'Early retirement (Art. 7a)' },
  early_retirement_not_reelected: { vi: 'Nghỉ hưu trước tuổi (Điều 7b)', en: 'Early retirement (Art. 7b)' },
  quit: { vi: 'Nghỉ thôi việc (Điều 9, 10)', en: 'Quitting (Art. 9, 10)' },
};

export const CATEGORY_LABELS: Labels = {
  civil_servant: { vi: 'Công chức', en: 'Civil servant' },
  commune_cadre: { vi: 'Cán bộ, công chức cấp xã', en: 'Commune cadre or civil servant' },
  public_employee: { vi: 'Viên chức', en: 'Public employee' },
  contract_worker: { vi: 'Người lao động', en: 'Contract worker' },
};

export const label = (table: Labels, code: string, lang: Lang) => table[code]?.[lang] ?? code;
