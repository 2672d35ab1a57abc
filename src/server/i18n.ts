export type Lang = 'vi' | 'en';

/** User-facing messages of the API, Vietnamese first. `{x}` is replaced by params.x. */
const catalogue = {
  vi: {
    route_not_found: 'Không tìm thấy địa chỉ {path}.',
    not_found: 'Không tìm thấy {what}.',
    invalid_value: 'Giá trị của trường «{field}» không hợp lệ: {detail}.',
    required: 'Thiếu trường bắt buộc «{field}».',
    unauthenticated: 'Vui lòng đăng nhập.',
    invalid_credentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    account_locked: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {minutes} phút.',
    csrf_invalid: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo x-csrf-token). Vui lòng tải lại trang.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    out_of_scope: 'Đơn vị {code} nằm ngoài phạm vi quản lý của bạn.',
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    password_too_short: 'Mật khẩu mới phải có ít nhất {min} ký tự.',
    date_before_registry: 'Ngày «{field}» phải từ 01/07/2025 (ngày chính quyền địa phương hai cấp có hiệu lực).',
    username_taken: 'Tên đăng nhập «{username}» đã được sử dụng.',
    invalid_scope: 'Phạm vi không phù hợp với vai trò: {detail}.',
    too_many_requests: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    internal: 'Đã xảy ra lỗi hệ thống. Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại.',
    illegal_transition: 'Không thể «{action}» khi hồ sơ đang ở trạng thái «{status}». Thao tác được phép: {allowed}.',
    version_conflict: 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.',
    not_boundary_free: 'Thủ tục {procedure} không được tiếp nhận không phụ thuộc địa giới: chỉ {unit} tiếp nhận.',
    other_province: 'Đơn vị {code} thuộc tỉnh khác: chỉ tiếp nhận và chuyển hồ sơ trong phạm vi tỉnh.',
    apology_already_issued: 'Hồ sơ đã có phiếu xin lỗi và hẹn lại một lần; không được hẹn lại lần nữa.',
    apology_too_late: 'Phải xin lỗi và hẹn lại chậm nhất 01 ngày trước hạn ({latest}).',
    apology_not_open: 'Hồ sơ không còn trong quá trình giải quyết.',
    apology_date_not_later: 'Ngày hẹn mới phải sau ngày hẹn hiện tại ({due}).',
    rating_not_yet: 'Chỉ đánh giá được sau khi đã có kết quả.',
    rating_done: 'Hồ sơ này đã được đánh giá.',
    form_no_receipt: 'Chưa lập được Mẫu 01: hồ sơ chưa được tiếp nhận đủ nên chưa có ngày hẹn trả kết quả.',
    form_no_supplement: 'Không có Mẫu 02: hồ sơ chưa từng được yêu cầu bổ sung, hoàn thiện.',
    form_no_refusal: 'Không có Mẫu 03: hồ sơ không bị từ chối tiếp nhận, giải quyết.',
    form_no_apology: 'Không có Mẫu 04: hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    national_id_taken: 'Số định danh cá nhân này đã có trong hồ sơ của người khác.',
    dossier: 'hồ sơ {code}',
    procedure: 'thủ tục {code}',
    unit: 'đơn vị hành chính {code}',
    user: 'người dùng',
  },
  en: {
    route_not_found: 'No such address: {path}.',
    not_found: 'Not found: {what}.',
    invalid_value: 'Invalid value for field "{field}": {detail}.',
    required: 'Missing required field "{field}".',
    unauthenticated: 'Please sign in.',
    invalid_credentials: 'Wrong username or password.',
    account_locked: 'Account locked after repeated failed sign-ins. Try again in {minutes} minutes.',
    csrf_invalid: 'Invalid session (missing x-csrf-token anti-forgery token). Please reload the page.',
    forbidden: 'You are not allowed to do this.',
    out_of_scope: 'Unit {code} is outside your scope.',
    wrong_password: 'The current password is wrong.',
    password_too_short: 'The new password must have at least {min} characters.',
    date_before_registry: 'Date "{field}" must be on or after 2025-07-01 (when the two-level local government took effect).',
    username_taken: 'Username "{username}" is already taken.',
    invalid_scope: 'Scope does not fit the role: {detail}.',
    too_many_requests: 'Too many requests. Please try again later.',
    internal: 'A system error occurred. Saved data is not affected; please try again.',
    illegal_transition: 'Cannot "{action}" a dossier in status "{status}". Allowed: {allowed}.',
    version_conflict: 'Someone else has just updated this dossier. Reload and try again.',
    not_boundary_free: 'Procedure {procedure} is not received regardless of boundary: only {unit} receives it.',
    other_province: 'Unit {code} is in another province: dossiers are received and transferred within the province.',
    apology_already_issued: 'This dossier already had its one apology and new date; it cannot be rescheduled again.',
    apology_too_late: 'The apology with a new date must be issued at least one day before the deadline ({latest}).',
    apology_not_open: 'The dossier is no longer being handled.',
    apology_date_not_later: 'The new date must be after the current due date ({due}).',
    rating_not_yet: 'A dossier can be rated once its result is ready.',
    rating_done: 'This dossier has already been rated.',
    form_no_receipt: 'No Form 01 yet: the dossier has not been received as complete, so it has no appointment date.',
    form_no_supplement: 'No Form 02: no supplement was ever requested for this dossier.',
    form_no_refusal: 'No Form 03: this dossier was not refused.',
    form_no_apology: 'No Form 04: this dossier has no apology with a new date.',
    national_id_taken: 'This personal identification number is already on another person\'s record.',
    dossier: 'dossier {code}',
    procedure: 'procedure {code}',
    unit: 'administrative unit {code}',
    user: 'user',
  },
} as const;

export type MessageKey = keyof (typeof catalogue)['vi'];

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** `?lang=en` wins, then Accept-Language; Vietnamese by default. */
export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (q === 'en' || q === 'vi') return q;
  if (acceptLanguage && /^\s*en\b/i.test(acceptLanguage)) return 'en';
  return 'vi';
}
