/**
 * The audit log in words (issue #16, "logs in words"): what was done, to what, and each change as "label: before →
 * after", in Vietnamese or English. One catalogue for the page (the web imports this pure file) and the Excel export,
 * so neither shows an action code, a field name or raw JSON. An action or field the catalogue does not know is said in
 * general words ("Thao tác khác", "N chi tiết khác") rather than as its code.
 */
export type AuditLang = 'vi' | 'en';
type Words = Record<string, string>;

interface Catalogue {
  /** `entity.action` first, then `action` */
  action: Words;
  entity: Words;
  field: Words;
  /** statuses, states, bands and other coded values */
  value: Words;
  otherAction: string;
  otherDetails: string;
  empty: string;
  yes: string;
  no: string;
}

const VI: Catalogue = {
  action: {
    create: 'Tạo mới',
    update: 'Cập nhật',
    read: 'Xem toàn bộ thông tin',
    lock: 'Tạm khóa đăng nhập',
    sign_in: 'Đăng nhập',
    sign_in_failed: 'Đăng nhập sai',
    sign_out: 'Đăng xuất',
    close: 'Đóng',
    'user.close': 'Đóng tài khoản',
    'user.create': 'Tạo tài khoản',
    change_roles: 'Đổi vai trò',
    reset_password: 'Đặt lại mật khẩu',
    password_sign_in_off: 'Tắt đăng nhập bằng mật khẩu (chỉ đăng nhập một lần)',
    change_password: 'Đổi mật khẩu',
    set_password: 'Đặt mật khẩu',
    generate: 'Tạo từ dữ liệu',
    'demo_nation.generate': 'Tạo dữ liệu dùng thử',
    'archive_handovers.generate': 'Lập danh sách bàn giao từ lịch sử đơn vị',
    set: 'Thiết lập',
    import: 'Nhập từ tệp Excel',
    // dossiers (the one-stop's steps)
    receive: 'Tiếp nhận',
    accept: 'Tiếp nhận',
    refuse: 'Từ chối',
    start_processing: 'Bắt đầu xử lý',
    request_supplement: 'Yêu cầu bổ sung',
    supplement_received: 'Đã nhận đủ bổ sung',
    request_payment: 'Yêu cầu nghĩa vụ tài chính',
    payment_received: 'Đã hoàn thành nghĩa vụ tài chính',
    request_withdrawal: 'Công dân xin rút hồ sơ',
    stop: 'Dừng giải quyết',
    transfer: 'Chuyển đơn vị có thẩm quyền',
    complete: 'Hoàn thành',
    return_result: 'Trả kết quả',
    apology: 'Xin lỗi và hẹn lại',
    rate: 'Người dân đánh giá',
    add_document: 'Đính kèm tài liệu',
    'dossier.pick': 'Nhận xử lý hồ sơ',
    'dossier.send_back': 'Trả lại để xử lý lại',
    'procedure.adjust_process': 'Điều chỉnh quy trình nội bộ',
    'digitization_batch.describe_correct': 'Sửa mô tả tài liệu',
    'report.recompute': 'Tính lại số liệu',
    'report.accept_figures': 'Nhận số liệu mới',
    'report.return': 'Trả lại báo cáo',
    'dossier.create': 'Tiếp nhận hồ sơ',
    'dossier.accept': 'Tiếp nhận hồ sơ',
    'dossier.complete': 'Hoàn thành giải quyết',
    'dossier.read': 'Xem toàn bộ hồ sơ',
    'person.read': 'Xem toàn bộ hồ sơ cán bộ',
    // the channel
    raise: 'Gửi kiến nghị',
    answer: 'Trả lời',
    forward: 'Chuyển lên cấp trên',
    request_info: 'Yêu cầu bổ sung thông tin',
    provide_info: 'Bổ sung thông tin',
    reopen: 'Mở lại',
    publish: 'Công bố',
    'recommendation.create': 'Gửi kiến nghị',
    'recommendation.accept': 'Chấp nhận câu trả lời',
    'recommendation.publish': 'Công bố vào cơ sở tri thức',
    // workforce
    assign: 'Phân công',
    'person.assign': 'Bố trí, điều động',
    'person.create': 'Thêm cán bộ',
    // assessments
    'assessment_task.assign': 'Giao nhiệm vụ',
    deliver: 'Báo cáo kết quả nhiệm vụ',
    review: 'Đánh giá nhiệm vụ',
    self_assess: 'Tự đánh giá',
    head_assess: 'Thủ trưởng đánh giá',
    correct: 'Điều chỉnh',
    'assessment_period.close': 'Khóa kỳ đánh giá',
    compute_annual: 'Tính xếp loại năm',
    confirm: 'Xác nhận xếp loại',
    // reinforcement
    draft: 'Lập dự thảo báo cáo',
    submit: 'Gửi báo cáo',
    reassign: 'Đổi phân công',
    unassign: 'Thôi phân công',
    teleport: 'Chuyển địa bàn',
    // settlement
    propose: 'Đề nghị',
    approve: 'Phê duyệt',
    decide: 'Ban hành quyết định nghỉ việc',
    pay: 'Chi trả',
    override: 'Điều chỉnh số tiền',
    'settlement_case.close': 'Kết thúc hồ sơ',
    'settlement_case.refuse': 'Không phê duyệt',
    // archives
    handover_inventory: 'Kiểm kê tài liệu',
    handover_hand_over: 'Bàn giao tài liệu',
    handover_receive: 'Nhận tài liệu',
    handover_resolve_shortfalls: 'Xử lý tài liệu còn thiếu',
    handover_minutes: 'Lưu biên bản bàn giao',
    handover_designate: 'Chỉ định đơn vị nhận',
    plan_create: 'Lập kế hoạch số hóa',
    plan_revise: 'Điều chỉnh kế hoạch số hóa',
    batch_create: 'Tạo lô số hóa',
    batch_finish_scanning: 'Hoàn thành quét',
    batch_check: 'Kiểm tra lô số hóa',
    batch_describe: 'Biên mục',
    batch_publish: 'Đưa vào khai thác',
    describe: 'Biên mục tài liệu',
    scan_upload: 'Tải lên bản quét',
    // organisations
    org_unit_create: 'Thêm đơn vị sự nghiệp, doanh nghiệp',
    org_plan_create: 'Lập phương án sắp xếp',
    org_plan_approve: 'Phê duyệt phương án',
    org_plan_start: 'Bắt đầu thực hiện phương án',
    org_plan_complete: 'Hoàn thành phương án',
    org_plan_cancel: 'Hủy phương án',
    // trainings
    register: 'Đăng ký người dự',
    add_materials: 'Thêm tài liệu',
    import_presence: 'Nhập điểm danh',
    check_in: 'Báo điểm cầu sẵn sàng',
    presence: 'Điểm danh',
    absence_reason: 'Ghi lý do vắng',
    cancel_registrations: 'Hủy đăng ký tham dự',
    issue_certificate: 'Cấp giấy chứng nhận',
    ask: 'Đặt câu hỏi',
    'training_question.forward': 'Chuyển câu hỏi vào kênh kiến nghị',
  },
  entity: {
    user: 'Tài khoản',
    unit: 'Đơn vị hành chính',
    unit_profile: 'Thông tin liên hệ của đơn vị',
    demo_nation: 'Dữ liệu dùng thử',
    dossier: 'Hồ sơ thủ tục hành chính',
    procedure: 'Thủ tục hành chính',
    person: 'Hồ sơ cán bộ',
    workforce_import: 'Tệp nhân sự',
    recommendation: 'Kiến nghị',
    recommendation_setting: 'Thời hạn trả lời kiến nghị',
    reinforcement_phase: 'Đợt tăng cường',
    reinforcement_officer: 'Cán bộ tăng cường',
    reinforcement_schedule: 'Kế hoạch tuần',
    reinforcement_visit: 'Nhật ký làm việc',
    reinforcement_report: 'Báo cáo tuần',
    assessment_task: 'Nhiệm vụ',
    assessment_review: 'Phiếu đánh giá',
    assessment_period: 'Kỳ đánh giá',
    assessment_settings: 'Thiết lập đánh giá',
    assessment_unit_year: 'Danh sách xếp loại năm',
    annual_rating: 'Xếp loại năm',
    settlement_case: 'Hồ sơ nghỉ việc',
    settlement_settings: 'Thiết lập chế độ nghỉ việc',
    archive_handover: 'Bàn giao tài liệu lưu trữ',
    archive_handovers: 'Bàn giao tài liệu lưu trữ',
    digitization_plan: 'Kế hoạch số hóa',
    digitization_batch: 'Lô số hóa',
    report: 'Báo cáo định kỳ',
    report_outline: 'Đề cương báo cáo',
    report_section: 'Mục báo cáo',
    org_unit: 'Đơn vị sự nghiệp, doanh nghiệp',
    org_plan: 'Phương án sắp xếp',
    training_event: 'Hội nghị tập huấn',
    training_bridge: 'Điểm cầu',
    training_attendee: 'Người dự tập huấn',
    training_question: 'Câu hỏi tại hội nghị',
  },
  field: {
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    chairName: 'Chủ tịch',
    displayName: 'Họ và tên',
    fullName: 'Họ và tên',
    name: 'Tên',
    title: 'Tiêu đề',
    role: 'Vai trò',
    unitRoles: 'Vai trò trong đơn vị',
    providerOnly: 'Chỉ đăng nhập một lần',
    registered: 'Người đã đăng ký',
    method: 'Cách đăng nhập',
    status: 'Trạng thái',
    state: 'Tình trạng',
    stage: 'Bước',
    reason: 'Lý do',
    note: 'Ghi chú',
    dueDate: 'Hạn',
    newDueDate: 'Hạn mới',
    receiptCode: 'Mã biên nhận',
    applicantName: 'Người nộp',
    procedureName: 'Thủ tục',
    field: 'Lĩnh vực',
    channel: 'Hình thức nộp',
    level: 'Cấp',
    urgency: 'Mức độ khẩn',
    answer: 'Nội dung trả lời',
    legalBasis: 'Căn cứ pháp lý',
    answerWorkingDays: 'Thời hạn trả lời (ngày làm việc)',
    warnWorkingDays: 'Nhắc trước (ngày làm việc)',
    workingDays: 'Số ngày làm việc',
    postTitle: 'Chức vụ',
    post: 'Chức vụ',
    birthDate: 'Ngày sinh',
    kind: 'Loại',
    startDate: 'Từ ngày',
    endDate: 'Đến ngày',
    startsAt: 'Bắt đầu',
    weekStart: 'Tuần bắt đầu',
    visitedOn: 'Ngày làm việc',
    total: 'Tổng điểm',
    band: 'Xếp loại',
    comment: 'Nhận xét',
    year: 'Năm',
    people: 'Số người',
    rows: 'Số dòng',
    created: 'Đã tạo',
    made: 'Đã tạo',
    added: 'Đã thêm',
    updated: 'Đã cập nhật',
    bridges: 'Số điểm cầu',
    files: 'Số tệp',
    minutes: 'Số phút',
    officersCopied: 'Số cán bộ chép sang',
    scale: 'Quy mô',
    leaveDate: 'Ngày nghỉ việc',
    amount: 'Số tiền',
    total_amount: 'Tổng số tiền',
    decisionNo: 'Số quyết định',
    leavingDecisionNo: 'Số quyết định nghỉ việc',
    paidOn: 'Ngày chi trả',
    text: 'Nội dung',
    content: 'Nội dung',
    from: 'Từ',
    to: 'Đến',
    size: 'Dung lượng',
    pages: 'Số trang',
    published: 'Công bố',
    locked: 'Khóa',
    closed: 'Đã đóng',
  },
  value: {
    // digitization batches' stages
    scanning: 'Đang quét',
    scanned: 'Đã quét xong',
    checked: 'Đã kiểm tra',
    described: 'Đã biên mục',
    published: 'Đã đưa vào khai thác',
    // dossiers
    registered: 'Mới đăng ký (trực tuyến)',
    received: 'Đã tiếp nhận',
    not_accepted: 'Không được tiếp nhận',
    in_processing: 'Đang xử lý',
    supplement_requested: 'Chờ bổ sung hồ sơ',
    financial_obligation: 'Chờ thực hiện nghĩa vụ tài chính',
    withdrawal_requested: 'Công dân xin rút hồ sơ',
    stopped: 'Đã dừng giải quyết',
    processed: 'Đã giải quyết xong',
    returned: 'Đã trả kết quả',
    // the channel
    pending: 'Đang chờ trả lời',
    info_requested: 'Chờ bổ sung thông tin',
    answered: 'Đã trả lời',
    accepted: 'Đã chấp nhận',
    commune: 'Cấp xã',
    province: 'Cấp tỉnh',
    ministry: 'Bộ Nội vụ',
    normal: 'Bình thường',
    urgent: 'Khẩn',
    // settlement
    proposed: 'Đã đề nghị',
    approved: 'Đã phê duyệt',
    decided: 'Đã có quyết định',
    paid: 'Đã chi trả',
    closed: 'Đã kết thúc',
    refused: 'Không phê duyệt',
    // archives, organisations
    not_started: 'Chưa bắt đầu',
    inventoried: 'Đã kiểm kê',
    handed_over: 'Đã bàn giao',
    received_with_shortfalls: 'Đã nhận, còn thiếu',
    draft: 'Dự thảo',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    cancelled: 'Đã hủy',
    // assessments
    excellent: 'Hoàn thành xuất sắc nhiệm vụ',
    good: 'Hoàn thành tốt nhiệm vụ',
    completed: 'Hoàn thành nhiệm vụ',
    not_completed: 'Không hoàn thành nhiệm vụ',
    open: 'Đang mở',
    month: 'Tháng',
    quarter: 'Quý',
    // accounts
    receiving: 'Cán bộ tiếp nhận một cửa',
    specialist: 'Chuyên viên xử lý',
    leader: 'Lãnh đạo (phê duyệt, ký)',
    unit_admin: 'Quản trị tài khoản đơn vị',
    staff: 'Cá nhân',
    viewer: 'Chỉ xem',
    admin: 'Quản trị hệ thống',
    // sign-in: how, and why it failed
    password: 'Mật khẩu',
    oidc: 'Đăng nhập một lần',
    oidc_no_account: 'Không có tài khoản cá nhân tương ứng',
    oidc_invalid: 'Xác thực không hợp lệ',
    oidc_provider_refused: 'Bị từ chối tại nơi đăng nhập một lần',
    oidc_flow_expired: 'Lượt đăng nhập đã hết hạn',
    password_sign_in_off: 'Tài khoản không đăng nhập bằng mật khẩu',
    // training
    audience_changed: 'Thay đổi đối tượng tham dự',
  },
  otherAction: 'Thao tác khác',
  otherDetails: '{n} chi tiết khác',
  empty: '(trống)',
  yes: 'Có',
  no: 'Không',
};

const EN: Catalogue = {
  action: {
    create: 'Created',
    update: 'Updated',
    read: 'Full record read',
    lock: 'Sign-in locked',
    sign_in: 'Signed in',
    sign_in_failed: 'Failed sign-in',
    sign_out: 'Signed out',
    close: 'Closed',
    'user.close': 'Account closed',
    'user.create': 'Account created',
    change_roles: 'Roles changed',
    reset_password: 'Password reset',
    password_sign_in_off: 'Password sign-in turned off (single sign-on only)',
    change_password: 'Password changed',
    set_password: 'Password set',
    generate: 'Generated from data',
    'demo_nation.generate': 'Demo data generated',
    'archive_handovers.generate': 'Hand-overs listed from the units’ lineage',
    set: 'Set',
    import: 'Imported from Excel',
    receive: 'Received',
    accept: 'Received',
    refuse: 'Refused',
    start_processing: 'Processing started',
    request_supplement: 'Supplement requested',
    supplement_received: 'Supplement received',
    request_payment: 'Financial obligation requested',
    payment_received: 'Financial obligation met',
    request_withdrawal: 'Withdrawal requested',
    stop: 'Handling stopped',
    transfer: 'Transferred to the competent unit',
    complete: 'Completed',
    return_result: 'Result returned',
    apology: 'Apology and new date',
    rate: 'Rated by the citizen',
    add_document: 'Document attached',
    'dossier.pick': 'Dossier taken up',
    'dossier.send_back': 'Sent back for rework',
    'procedure.adjust_process': 'Internal process adjusted',
    'digitization_batch.describe_correct': 'Record description corrected',
    'report.recompute': 'Figures recomputed',
    'report.accept_figures': 'New figures accepted',
    'report.return': 'Report returned',
    'dossier.create': 'Dossier received',
    'dossier.accept': 'Dossier received',
    'dossier.complete': 'Handling completed',
    'dossier.read': 'Full dossier read',
    'person.read': 'Full staff record read',
    raise: 'Item raised',
    answer: 'Answered',
    forward: 'Forwarded up',
    request_info: 'Information requested',
    provide_info: 'Information provided',
    reopen: 'Reopened',
    publish: 'Published',
    'recommendation.create': 'Item raised',
    'recommendation.accept': 'Answer accepted',
    'recommendation.publish': 'Published to the knowledge base',
    assign: 'Assigned',
    'person.assign': 'Posted or moved',
    'person.create': 'Staff member added',
    'assessment_task.assign': 'Task assigned',
    deliver: 'Task delivered',
    review: 'Task reviewed',
    self_assess: 'Self-assessment',
    head_assess: "Head's assessment",
    correct: 'Corrected',
    'assessment_period.close': 'Period closed',
    compute_annual: 'Annual ratings computed',
    confirm: 'Rating confirmed',
    draft: 'Report drafted',
    submit: 'Report sent',
    reassign: 'Assignment changed',
    unassign: 'Assignment ended',
    teleport: 'Province changed',
    propose: 'Proposed',
    approve: 'Approved',
    decide: 'Leaving decision issued',
    pay: 'Paid',
    override: 'Amount overridden',
    'settlement_case.close': 'Case closed',
    'settlement_case.refuse': 'Not approved',
    handover_inventory: 'Inventory taken',
    handover_hand_over: 'Records handed over',
    handover_receive: 'Records received',
    handover_resolve_shortfalls: 'Shortfalls resolved',
    handover_minutes: 'Hand-over minutes stored',
    handover_designate: 'Receiving unit designated',
    plan_create: 'Digitization plan made',
    plan_revise: 'Digitization plan revised',
    batch_create: 'Batch created',
    batch_finish_scanning: 'Scanning finished',
    batch_check: 'Batch checked',
    batch_describe: 'Batch described',
    batch_publish: 'Batch opened for use',
    describe: 'Record described',
    scan_upload: 'Scan uploaded',
    org_unit_create: 'Unit or enterprise added',
    org_plan_create: 'Rearrangement plan made',
    org_plan_approve: 'Plan approved',
    org_plan_start: 'Plan started',
    org_plan_complete: 'Plan completed',
    org_plan_cancel: 'Plan cancelled',
    register: 'Audience registered',
    add_materials: 'Materials added',
    import_presence: 'Attendance imported',
    check_in: 'Bridge ready',
    presence: 'Attendance taken',
    absence_reason: 'Absence reason recorded',
    cancel_registrations: 'Registrations cancelled',
    issue_certificate: 'Certificate issued',
    ask: 'Question asked',
    'training_question.forward': 'Question sent to the channel',
  },
  entity: {
    user: 'Account',
    unit: 'Administrative unit',
    unit_profile: "Unit's contact details",
    demo_nation: 'Demo data',
    dossier: 'Dossier',
    procedure: 'Procedure',
    person: 'Staff record',
    workforce_import: 'Workforce file',
    recommendation: 'Recommendation',
    recommendation_setting: 'Answer time limit',
    reinforcement_phase: 'Reinforcement phase',
    reinforcement_officer: 'Reinforcement officer',
    reinforcement_schedule: 'Weekly plan',
    reinforcement_visit: 'Visit log',
    reinforcement_report: 'Weekly report',
    assessment_task: 'Task',
    assessment_review: 'Assessment',
    assessment_period: 'Assessment period',
    assessment_settings: 'Assessment settings',
    assessment_unit_year: 'Annual list',
    annual_rating: 'Annual rating',
    settlement_case: 'Leaving case',
    settlement_settings: 'Settlement settings',
    archive_handover: 'Archive hand-over',
    archive_handovers: 'Archive hand-overs',
    digitization_plan: 'Digitization plan',
    digitization_batch: 'Digitization batch',
    report: 'Periodic report',
    report_outline: 'Report outline',
    report_section: 'Report section',
    org_unit: 'Public service unit or enterprise',
    org_plan: 'Rearrangement plan',
    training_event: 'Training conference',
    training_bridge: 'Bridge point',
    training_attendee: 'Attendee',
    training_question: 'Conference question',
  },
  field: {
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    chairName: 'Chair',
    displayName: 'Name',
    fullName: 'Name',
    name: 'Name',
    title: 'Title',
    role: 'Role',
    unitRoles: 'Roles in the unit',
    providerOnly: 'Single sign-on only',
    registered: 'Registered people',
    method: 'Sign-in method',
    status: 'Status',
    state: 'State',
    stage: 'Stage',
    reason: 'Reason',
    note: 'Note',
    dueDate: 'Due date',
    newDueDate: 'New due date',
    receiptCode: 'Receipt code',
    applicantName: 'Applicant',
    procedureName: 'Procedure',
    field: 'Field',
    channel: 'Channel',
    level: 'Level',
    urgency: 'Urgency',
    answer: 'Answer',
    legalBasis: 'Legal basis',
    answerWorkingDays: 'Answer time limit (working days)',
    warnWorkingDays: 'Warn before (working days)',
    workingDays: 'Working days',
    postTitle: 'Post',
    post: 'Post',
    birthDate: 'Date of birth',
    kind: 'Kind',
    startDate: 'From',
    endDate: 'To',
    startsAt: 'Starts',
    weekStart: 'Week of',
    visitedOn: 'Visited on',
    total: 'Total score',
    band: 'Rating',
    comment: 'Comment',
    year: 'Year',
    people: 'People',
    rows: 'Rows',
    created: 'Created',
    made: 'Made',
    added: 'Added',
    updated: 'Updated',
    bridges: 'Bridge points',
    files: 'Files',
    minutes: 'Minutes',
    officersCopied: 'Officers copied',
    scale: 'Scale',
    leaveDate: 'Leaving date',
    amount: 'Amount',
    total_amount: 'Total amount',
    decisionNo: 'Decision number',
    leavingDecisionNo: 'Leaving decision number',
    paidOn: 'Paid on',
    text: 'Text',
    content: 'Content',
    from: 'From',
    to: 'To',
    size: 'Size',
    pages: 'Pages',
    published: 'Published',
    locked: 'Locked',
    closed: 'Closed',
  },
  value: {
    // digitization batches' stages
    scanning: 'Scanning',
    scanned: 'Scanned',
    checked: 'Checked',
    described: 'Described',
    published: 'Published',
    registered: 'Registered online',
    received: 'Received',
    not_accepted: 'Not accepted',
    in_processing: 'In processing',
    supplement_requested: 'Awaiting supplement',
    financial_obligation: 'Awaiting payment',
    withdrawal_requested: 'Withdrawal requested',
    stopped: 'Stopped',
    processed: 'Processed',
    returned: 'Result returned',
    pending: 'Awaiting an answer',
    info_requested: 'Information requested',
    answered: 'Answered',
    accepted: 'Accepted',
    commune: 'Commune',
    province: 'Province',
    ministry: 'Ministry of Home Affairs',
    normal: 'Normal',
    urgent: 'Urgent',
    proposed: 'Proposed',
    approved: 'Approved',
    decided: 'Decided',
    paid: 'Paid',
    closed: 'Closed',
    refused: 'Not approved',
    not_started: 'Not started',
    inventoried: 'Inventoried',
    handed_over: 'Handed over',
    received_with_shortfalls: 'Received with shortfalls',
    draft: 'Draft',
    in_progress: 'In progress',
    done: 'Done',
    cancelled: 'Cancelled',
    excellent: 'Excellent',
    good: 'Good',
    completed: 'Completed',
    not_completed: 'Not completed',
    open: 'Open',
    month: 'Month',
    quarter: 'Quarter',
    receiving: 'One-stop receiving officer',
    specialist: 'Specialist',
    leader: 'Leader (approves, signs)',
    unit_admin: "Unit's account administrator",
    staff: 'Personal',
    viewer: 'Read only',
    admin: 'System administrator',
    // sign-in: how, and why it failed
    password: 'Password',
    oidc: 'Single sign-on',
    oidc_no_account: 'No matching personal account',
    oidc_invalid: 'Invalid authentication',
    oidc_provider_refused: 'Refused at the single sign-on',
    oidc_flow_expired: 'The sign-in attempt expired',
    password_sign_in_off: 'The account does not sign in with a password',
    // training
    audience_changed: 'The audience changed',
  },
  otherAction: 'Other action',
  otherDetails: '{n} other details',
  empty: '(empty)',
  yes: 'Yes',
  no: 'No',
};

export const AUDIT_WORDS: Record<AuditLang, Catalogue> = { vi: VI, en: EN };

/** The audit actions and entities the catalogue names, for the page's "what" filter. */
export const AUDIT_ENTITIES = Object.keys(VI.entity);

export const auditActionWords = (lang: AuditLang, entity: string, action: string): string => {
  const w = AUDIT_WORDS[lang];
  return w.action[`${entity}.${action}`] ?? w.action[action] ?? w.otherAction;
};

/** A step of a workflow in words: as the log names it with the module's prefix ("batch_check"), or bare. */
export const auditStepWords = (lang: AuditLang, prefix: string, action: string): string => {
  const w = AUDIT_WORDS[lang];
  return w.action[`${prefix}${action}`] ?? w.action[action] ?? w.otherAction;
};

/** A coded value (a status, a state, a band) in words, or null when the catalogue does not name it. */
export const auditValueWords = (lang: AuditLang, code: string): string | null => AUDIT_WORDS[lang].value[code] ?? null;

export const auditEntityWords = (lang: AuditLang, entity: string): string =>
  AUDIT_WORDS[lang].entity[entity] ?? AUDIT_WORDS[lang].otherAction;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^[a-z]+$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** A value in words, or null when it can only be said as a code or an identifier (the line is then counted apart). */
function valueWords(w: Catalogue, v: unknown, lang: AuditLang): string | null {
  if (v === null || v === undefined || v === '') return w.empty;
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (typeof v === 'number') return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  if (typeof v === 'string') {
    if (w.value[v]) return w.value[v]!;
    if (UUID.test(v)) return null;
    const day = ISO_DAY.exec(v);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
    const time = ISO_TIME.exec(v);
    if (time) {
      // shown in Vietnam's time (UTC+7), as the rest of the interface
      const d = new Date(new Date(v).getTime() + 7 * 3600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
    }
    if (CODE.test(v)) return null;
    return v;
  }
  if (Array.isArray(v)) {
    const parts = v.map((x) => valueWords(w, x, lang));
    return parts.every((x) => x !== null) ? parts.join(', ') || w.empty : null;
  }
  if (isRecord(v)) {
    const lines = changeWords(lang, null, v);
    return lines.lines.length ? lines.lines.join('; ') : null;
  }
  return null;
}

/**
 * Each changed field as "Label: before → after" (a creation: "Label: value"). Fields the catalogue does not name, and
 * values that are only codes or identifiers, are counted in `hidden` rather than shown.
 */
export function changeWords(lang: AuditLang, before: unknown, after: unknown): { lines: string[]; hidden: number } {
  const w = AUDIT_WORDS[lang];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const lines: string[] = [];
  let hidden = 0;
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const bv = b[k];
    const av = a[k];
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    const label = w.field[k];
    if (!label) {
      hidden++;
      continue;
    }
    const aw = valueWords(w, av, lang);
    const bw = isRecord(before) ? valueWords(w, bv, lang) : '';
    if (aw === null || bw === null) {
      hidden++;
      continue;
    }
    lines.push(isRecord(before) ? `${label}: ${bw} → ${aw}` : `${label}: ${aw}`);
  }
  return { lines, hidden };
}

/** The lines of a change, with "N other details" for what cannot be said in words. */
export function changeSummaryWords(lang: AuditLang, before: unknown, after: unknown): string[] {
  const { lines, hidden } = changeWords(lang, before, after);
  return hidden ? [...lines, AUDIT_WORDS[lang].otherDetails.replace('{n}', String(hidden))] : lines;
}
