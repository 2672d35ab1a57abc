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
