import type { Requirements } from './requirements.js';

/**
 * The organisation of a commune-level unit under Law 72/2025 and Decree 150/2025/NĐ-CP:
 * the Party Committee, the People's Council, the People's Committee, the office, two departments
 * (the economic one is "Kinh tế, Hạ tầng và Đô thị" in wards and in the Phú Quốc special zone) and the public
 * administration service center — each with its leadership posts and job positions and what they require.
 * Deputy heads: Resolution 332/NQ-CP (15/10/2025) sets on average 2 deputies per commune department or centre
 * (replacing Decree 118/2025 Art. 10(3)'s one deputy director of the centre): 2 seats each, so vacancies are counted for
 * deputies too. `itCertificate`: the basic IT skills standard (chuẩn kỹ năng sử dụng CNTT cơ bản, Circular
 * 03/2014/TT-BTTTT), which replaced the old A/B/C certificates; the field keeps its name.
 */
export interface PostTemplate {
  code: string;
  title: string;
  kind: 'leadership' | 'job_position';
  seats: number;
  requirements: Requirements;
}
export interface AgencyTemplate {
  kind: string;
  name: (unitType: string, unitFullName: string) => string;
  /** share of the unit's approved headcount */
  headcountShare: number;
  posts: PostTemplate[];
}

/** Deputy heads per department or centre: on average 2 (Resolution 332/NQ-CP, 15/10/2025). */
export const DEPUTIES = 2;

const leader = (code: string, title: string, seats = 1, extra: Requirements = {}): PostTemplate => ({
  code,
  title,
  kind: 'leadership',
  seats,
  requirements: {
    minEducation: 'bachelor',
    minPoliticalTheory: 'intermediate',
    minStateManagement: 'specialist',
    ...extra,
  },
});
const position = (code: string, title: string, seats: number, requirements: Requirements): PostTemplate => ({
  code,
  title,
  kind: 'job_position',
  seats,
  requirements,
});

export const COMMUNE_AGENCIES: AgencyTemplate[] = [
  {
    kind: 'party_committee',
    name: (_t, n) => `Đảng ủy ${n}`,
    headcountShare: 0.05,
    posts: [
      leader('party_secretary', 'Bí thư Đảng ủy', 1, { minPoliticalTheory: 'advanced' }),
      leader('party_deputy_secretary', 'Phó Bí thư Đảng ủy', 1),
    ],
  },
  {
    kind: 'people_council',
    name: (_t, n) => `Hội đồng nhân dân ${n}`,
    headcountShare: 0.08,
    posts: [
      leader('council_chair', 'Chủ tịch HĐND'),
      leader('council_vice_chair', 'Phó Chủ tịch HĐND'),
      leader('council_board_head', 'Trưởng ban HĐND', 2),
    ],
  },
  {
    kind: 'people_committee',
    name: (_t, n) => `Ủy ban nhân dân ${n}`,
    headcountShare: 0.08,
    posts: [
      leader('committee_chair', 'Chủ tịch UBND', 1, { minPoliticalTheory: 'advanced' }),
      leader('committee_vice_chair', 'Phó Chủ tịch UBND', 2),
    ],
  },
  {
    kind: 'office',
    name: () => 'Văn phòng HĐND và UBND',
    headcountShare: 0.22,
    posts: [
      leader('office_head', 'Chánh Văn phòng'),
      leader('office_deputy_head', 'Phó Chánh Văn phòng', DEPUTIES),
      position('justice_civil_status', 'Tư pháp – hộ tịch', 2, {
        minEducation: 'bachelor',
        educationFields: ['law'],
        itCertificate: true,
      }),
      position('office_admin', 'Hành chính – văn phòng, tổng hợp', 3, {
        minEducation: 'bachelor',
        itCertificate: true,
      }),
    ],
  },
  {
    kind: 'economic_dept',
    // Wards, and the Phú Quốc special zone (an urban island, organised as the wards are).
    name: (t, n) => (t === 'phuong' || /Phú Quốc/.test(n) ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế'),
    headcountShare: 0.22,
    posts: [
      leader('economic_dept_head', 'Trưởng phòng Kinh tế'),
      leader('economic_dept_deputy_head', 'Phó Trưởng phòng Kinh tế', DEPUTIES),
      position('finance_planning', 'Tài chính – kế hoạch', 2, {
        minEducation: 'bachelor',
        educationFields: ['finance', 'accounting', 'economics'],
      }),
      position('land_construction', 'Địa chính – xây dựng – đô thị', 3, {
        minEducation: 'bachelor',
        educationFields: ['land_management', 'construction'],
      }),
      position('agriculture_environment', 'Nông nghiệp – môi trường', 2, {
        minEducation: 'bachelor',
        educationFields: ['agriculture', 'environment'],
      }),
    ],
  },
  {
    kind: 'culture_social_dept',
    name: () => 'Phòng Văn hóa – Xã hội',
    headcountShare: 0.2,
    posts: [
      leader('culture_dept_head', 'Trưởng phòng Văn hóa – Xã hội'),
      leader('culture_dept_deputy_head', 'Phó Trưởng phòng Văn hóa – Xã hội', DEPUTIES),
      position('home_affairs', 'Nội vụ (tổ chức, cải cách hành chính, thi đua, văn thư – lưu trữ)', 2, {
        minEducation: 'bachelor',
        educationFields: ['public_administration', 'law', 'archives'],
      }),
      position('labour_social', 'Lao động – thương binh – xã hội', 2, {
        minEducation: 'bachelor',
        educationFields: ['social_work', 'economics', 'law'],
      }),
      position('culture_education_health', 'Văn hóa – giáo dục – y tế – chuyển đổi số', 2, {
        minEducation: 'bachelor',
        itCertificate: true,
      }),
    ],
  },
  {
    kind: 'service_center',
    name: () => 'Trung tâm Phục vụ hành chính công',
    headcountShare: 0.15,
    posts: [
      leader('service_center_director', 'Giám đốc Trung tâm Phục vụ hành chính công'),
      leader('service_center_deputy_director', 'Phó Giám đốc Trung tâm Phục vụ hành chính công', DEPUTIES),
      position('one_stop_officer', 'Tiếp nhận và trả kết quả (một cửa)', 4, {
        minEducation: 'bachelor',
        itCertificate: true,
      }),
    ],
  },
];

/** The leadership posts the Ministry tracks for vacancies. */
export const LEADERSHIP_CODES = COMMUNE_AGENCIES.flatMap((a) =>
  a.posts.filter((p) => p.kind === 'leadership').map((p) => p.code),
);

/**
 * Approved headcount of a commune (one provincial orientation in the brief, §E): about 32, plus one
 * per 2,000 residents above 16,000, capped at 50 for a xã and 70 for a phường.
 */
export function approvedHeadcount(unitType: string, population: number | null): number {
  const extra = population && population > 16_000 ? Math.floor((population - 16_000) / 2_000) : 0;
  return Math.min(32 + extra, unitType === 'phuong' ? 70 : 50);
}

/** The province's Department of Home Affairs (Sở Nội vụ), whose staff are seconded to communes. */
export const PROVINCE_HOME_AFFAIRS: AgencyTemplate = {
  kind: 'home_affairs_dept',
  name: () => 'Sở Nội vụ',
  headcountShare: 1,
  posts: [
    leader('department_director', 'Giám đốc Sở', 1, {
      minPoliticalTheory: 'advanced',
      minStateManagement: 'principal_specialist',
    }),
    leader('department_deputy_director', 'Phó Giám đốc Sở', 3, {
      minPoliticalTheory: 'advanced',
      minStateManagement: 'principal_specialist',
    }),
    position('organisation_staff', 'Tổ chức, biên chế và công chức', 12, {
      minEducation: 'bachelor',
      educationFields: ['public_administration', 'law', 'economics'],
    }),
    position('local_government', 'Chính quyền địa phương', 8, {
      minEducation: 'bachelor',
      educationFields: ['public_administration', 'law'],
    }),
  ],
};
