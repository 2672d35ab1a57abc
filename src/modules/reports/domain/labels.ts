/**
 * The names of the reports' figures, tables and columns, Vietnamese (what the document prints) and English (the web's
 * other language). Keyed `<module>.<key>`; the web imports this file (it is pure).
 */
type Label = { vi: string; en: string };

export const FIGURE_LABELS: Record<string, Label> = {
  'units.provinces': { vi: 'Số tỉnh, thành phố', en: 'Provinces' },
  'units.communes': { vi: 'Số đơn vị hành chính cấp xã', en: 'Communes, wards and special zones' },
  'units.xa': { vi: 'Trong đó: xã', en: 'of which communes (xã)' },
  'units.phuong': { vi: 'Trong đó: phường', en: 'of which wards (phường)' },
  'units.dac_khu': { vi: 'Trong đó: đặc khu', en: 'of which special zones' },
  'workforce.staff': { vi: 'Số cán bộ, công chức hiện có', en: 'Staff in post' },
  'workforce.approvedHeadcount': { vi: 'Biên chế được giao', en: 'Approved headcount' },
  'workforce.headcountGap': { vi: 'Biên chế còn thiếu so với được giao', en: 'Headcount not filled' },
  'workforce.leadershipVacancies': { vi: 'Vị trí lãnh đạo còn trống', en: 'Leadership posts vacant' },
  'workforce.notMeetingRequirements': {
    vi: 'Người chưa đáp ứng tiêu chuẩn vị trí',
    en: 'Staff not meeting their post requirements',
  },
  'workforce.secondments': { vi: 'Người đang biệt phái', en: 'Staff on secondment' },
  'dossiers.received': { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  'dossiers.receivedOnline': { vi: 'Trong đó: trực tuyến', en: 'of which online' },
  'dossiers.finished': { vi: 'Hồ sơ đã giải quyết', en: 'Dossiers finished' },
  'dossiers.finishedOnTime': { vi: 'Trong đó: đúng hạn', en: 'of which on time' },
  'dossiers.onTimeRate': { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate' },
  'dossiers.onlineRate': { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Online share' },
  'dossiers.digitizationRate': { vi: 'Tỷ lệ số hóa hồ sơ, kết quả', en: 'Digitization rate' },
  'dossiers.satisfactionRate': { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction rate' },
  'dossiers.index766': { vi: 'Điểm Bộ chỉ số 766 (%)', en: 'Index 766 score (%)' },
  'dossiers.inProgress': { vi: 'Hồ sơ đang giải quyết', en: 'Dossiers in progress' },
  'dossiers.overdue': { vi: 'Trong đó: quá hạn', en: 'of which overdue' },
  'recommendations.raised': { vi: 'Phản ánh, kiến nghị tiếp nhận', en: 'Recommendations raised' },
  'recommendations.answered': { vi: 'Phản ánh, kiến nghị đã trả lời', en: 'Answered' },
  'recommendations.answeredLate': { vi: 'Trong đó: trả lời quá hạn', en: 'of which late' },
  'recommendations.onTimeRate': { vi: 'Tỷ lệ trả lời đúng hạn', en: 'Answered on time' },
  'recommendations.openNow': { vi: 'Đang chờ trả lời', en: 'Awaiting an answer' },
  'recommendations.overdueNow': { vi: 'Trong đó: quá hạn', en: 'of which overdue' },
  'settlement.cases': { vi: 'Số người nghỉ việc', en: 'Leaving cases' },
  'settlement.approved': { vi: 'Đã được phê duyệt', en: 'Approved' },
  'settlement.decided': { vi: 'Đã có quyết định nghỉ việc', en: 'With a leaving decision' },
  'settlement.paid': { vi: 'Đã chi trả', en: 'Paid' },
  'settlement.refused': { vi: 'Không đủ điều kiện', en: 'Refused' },
  'settlement.settledShare': { vi: 'Tỷ lệ đã giải quyết xong', en: 'Share settled' },
  'settlement.totalAmount': { vi: 'Tổng kinh phí (đồng)', en: 'Total amount (VND)' },
  'settlement.paidAmount': { vi: 'Kinh phí đã chi trả (đồng)', en: 'Paid (VND)' },
  'settlement.late': { vi: 'Trường hợp chậm so với thời hạn', en: 'Cases late' },
  'archives.handovers': { vi: 'Số cuộc bàn giao tài liệu', en: 'Archive hand-overs' },
  'archives.received': { vi: 'Đã tiếp nhận', en: 'Received' },
  'archives.receivedShare': { vi: 'Tỷ lệ đã tiếp nhận', en: 'Share received' },
  'archives.notStarted': { vi: 'Chưa bắt đầu', en: 'Not started' },
  'archives.shortfallFiles': { vi: 'Hồ sơ còn thiếu khi tiếp nhận', en: 'Files missing at receipt' },
};

export const TABLE_LABELS: Record<string, Label> = {
  'workforce.byProvince': { vi: 'Biên chế theo tỉnh, thành phố', en: 'Headcount by province' },
  'workforce.byUnit': { vi: 'Biên chế theo đơn vị', en: 'Headcount by unit' },
  'dossiers.byUnit': { vi: 'Giải quyết thủ tục hành chính theo đơn vị', en: 'Dossiers by unit' },
  'settlement.byUnit': { vi: 'Tiến độ giải quyết chính sách nghỉ việc', en: 'Settlement progress by unit' },
  'archives.byProvince': { vi: 'Tiếp nhận tài liệu lưu trữ theo tỉnh', en: 'Archive hand-overs by province' },
};

/** Column names: `<module>.<key>` first, then the figure's label. */
export const COLUMN_LABELS: Record<string, Label> = {
  'workforce.staff': { vi: 'Hiện có', en: 'Staff' },
  'workforce.approvedHeadcount': { vi: 'Được giao', en: 'Approved' },
  'workforce.leadershipVacancies': { vi: 'Lãnh đạo còn trống', en: 'Leadership vacant' },
  'dossiers.received': { vi: 'Tiếp nhận', en: 'Received' },
  'dossiers.finished': { vi: 'Đã giải quyết', en: 'Finished' },
  'dossiers.onTimeRate': { vi: 'Đúng hạn (%)', en: 'On time (%)' },
  'dossiers.index766': { vi: 'Chỉ số 766 (%)', en: 'Index 766 (%)' },
  'settlement.cases': { vi: 'Số người', en: 'Cases' },
  'settlement.paid': { vi: 'Đã chi trả', en: 'Paid' },
  'settlement.settledShare': { vi: 'Đã xong (%)', en: 'Settled (%)' },
  'archives.handovers': { vi: 'Số cuộc bàn giao', en: 'Hand-overs' },
  'archives.receivedShare': { vi: 'Đã tiếp nhận (%)', en: 'Received (%)' },
};

/** The statement a section prints when its module gives no figures yet (never invented figures). */
export const NO_FIGURES: Label = { vi: 'Chưa có số liệu trên hệ thống.', en: 'No figures in the platform yet.' };

export const labelOf = (table: Record<string, Label>, key: string, lang: 'vi' | 'en' = 'vi') =>
  table[key]?.[lang] ?? key;
