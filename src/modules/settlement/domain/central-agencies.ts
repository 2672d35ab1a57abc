/**
 * The 27 ministries and central agencies whose staff settle under Decree 178/2024 outside the unit tree (the seeds of
 * issue 18: "18 of 27 ministries and central agencies finished"). Sources: Resolution 176/2025/QH15 (the Government's
 * 14 ministries and 3 ministry-level agencies from 1/3/2025); the Government agencies after the 2025 restructuring;
 * the central judicial, audit and National Assembly bodies. Compiled for this module (docs/settlement.md); a code is
 * the usual abbreviation, shown to no user (the name is).
 */
export interface CentralAgency {
  code: string;
  name: string;
  nameEn: string;
  kind: 'ministry' | 'ministry_level' | 'government_agency' | 'central_body';
}

export const CENTRAL_AGENCIES: readonly CentralAgency[] = [
  { code: 'BQP', name: 'Bộ Quốc phòng', nameEn: 'Ministry of National Defence', kind: 'ministry' },
  { code: 'BCA', name: 'Bộ Công an', nameEn: 'Ministry of Public Security', kind: 'ministry' },
  { code: 'BNG', name: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'ministry' },
  { code: 'BNV', name: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', kind: 'ministry' },
  { code: 'BTP', name: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' },
  { code: 'BTC', name: 'Bộ Tài chính', nameEn: 'Ministry of Finance', kind: 'ministry' },
  { code: 'BCT', name: 'Bộ Công Thương', nameEn: 'Ministry of Industry and Trade', kind: 'ministry' },
  {
    code: 'BNNMT',
    name: 'Bộ Nông nghiệp và Môi trường',
    nameEn: 'Ministry of Agriculture and Environment',
    kind: 'ministry',
  },
  { code: 'BXD', name: 'Bộ Xây dựng', nameEn: 'Ministry of Construction', kind: 'ministry' },
  {
    code: 'BVHTTDL',
    name: 'Bộ Văn hóa, Thể thao và Du lịch',
    nameEn: 'Ministry of Culture, Sports and Tourism',
    kind: 'ministry',
  },
  { code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ', nameEn: 'Ministry of Science and Technology', kind: 'ministry' },
  { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', nameEn: 'Ministry of Education and Training', kind: 'ministry' },
  { code: 'BYT', name: 'Bộ Y tế', nameEn: 'Ministry of Health', kind: 'ministry' },
  {
    code: 'BDTTG',
    name: 'Bộ Dân tộc và Tôn giáo',
    nameEn: 'Ministry of Ethnic and Religious Affairs',
    kind: 'ministry',
  },
  { code: 'NHNN', name: 'Ngân hàng Nhà nước Việt Nam', nameEn: 'State Bank of Vietnam', kind: 'ministry_level' },
  { code: 'TTCP', name: 'Thanh tra Chính phủ', nameEn: 'Government Inspectorate', kind: 'ministry_level' },
  { code: 'VPCP', name: 'Văn phòng Chính phủ', nameEn: 'Office of the Government', kind: 'ministry_level' },
  { code: 'TTXVN', name: 'Thông tấn xã Việt Nam', nameEn: 'Vietnam News Agency', kind: 'government_agency' },
  { code: 'VOV', name: 'Đài Tiếng nói Việt Nam', nameEn: 'Voice of Vietnam', kind: 'government_agency' },
  { code: 'VTV', name: 'Đài Truyền hình Việt Nam', nameEn: 'Vietnam Television', kind: 'government_agency' },
  {
    code: 'VHLKHCN',
    name: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
    nameEn: 'Vietnam Academy of Science and Technology',
    kind: 'government_agency',
  },
  {
    code: 'VHLKHXH',
    name: 'Viện Hàn lâm Khoa học xã hội Việt Nam',
    nameEn: 'Vietnam Academy of Social Sciences',
    kind: 'government_agency',
  },
  {
    code: 'HVCTQG',
    name: 'Học viện Chính trị quốc gia Hồ Chí Minh',
    nameEn: 'Ho Chi Minh National Academy of Politics',
    kind: 'government_agency',
  },
  { code: 'TANDTC', name: 'Tòa án nhân dân tối cao', nameEn: "Supreme People's Court", kind: 'central_body' },
  {
    code: 'VKSNDTC',
    name: 'Viện kiểm sát nhân dân tối cao',
    nameEn: "Supreme People's Procuracy",
    kind: 'central_body',
  },
  { code: 'KTNN', name: 'Kiểm toán nhà nước', nameEn: 'State Audit Office', kind: 'central_body' },
  { code: 'VPQH', name: 'Văn phòng Quốc hội', nameEn: 'Office of the National Assembly', kind: 'central_body' },
];

export const centralAgency = (code: string) => CENTRAL_AGENCIES.find((a) => a.code === code);
