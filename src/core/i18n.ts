export type Lang = 'vi' | 'en';

/** User-facing messages of the API, Vietnamese first. `{x}` is replaced by params.x. */
const catalogue = {
  vi: {
    route_not_found: 'Không tìm thấy địa chỉ {path}.',
    bad_url: 'Địa chỉ yêu cầu không hợp lệ hoặc có tham số quá dài.',
    not_found: 'Không tìm thấy {what}.',
    invalid_value: 'Giá trị của trường «{field}» không hợp lệ: {detail}.',
    required: 'Thiếu trường bắt buộc «{field}».',
    party_join_before_18: '«{field}» phải từ ngày đủ 18 tuổi trở đi (Điều lệ Đảng).',
    date_in_future: 'Trường «{field}» không thể là một ngày chưa tới: chỉ ghi khi việc đã diễn ra.',
    number_out_of_range: 'Giá trị của trường «{field}» không phải là một số trong giới hạn cho phép.',
    unstorable_text: 'Trường «{field}» chứa ký tự không hợp lệ (ký tự NUL hoặc mã UTF-16 không trọn vẹn).',
    unauthenticated: 'Vui lòng đăng nhập.',
    invalid_credentials: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    account_locked:
      'Tài khoản tạm khóa trên thiết bị này do đăng nhập sai nhiều lần. ' +
      'Thử lại sau {minutes} phút, hoặc nhờ quản trị đơn vị đặt lại mật khẩu.',
    address_throttled: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Thử lại sau {minutes} phút.',
    account_throttled:
      'Tài khoản đang bị dò mật khẩu từ nhiều nơi: tạm thời chỉ đăng nhập được từ thiết bị đã dùng trước đây. ' +
      'Thử lại sau {minutes} phút, hoặc nhờ quản trị đơn vị đặt lại mật khẩu.',
    password_attempts: 'Nhập sai mật khẩu hiện tại quá nhiều lần. Thử lại sau {minutes} phút.',
    csrf_invalid: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo x-csrf-token). Vui lòng tải lại trang.',
    forbidden: 'Bạn không có quyền thực hiện thao tác này.',
    unit_role_beyond_own:
      'Vai trò lãnh đạo chỉ do tài khoản của đơn vị hoặc quản trị hệ thống giao; ' +
      'tài khoản giữ vai trò này cũng chỉ do họ sửa, khoá hoặc đặt lại mật khẩu.',
    unit_role_own: 'Không tự giao thêm vai trò cho chính mình: một quản trị viên khác của đơn vị giao vai trò này.',
    out_of_scope: 'Đơn vị {code} nằm ngoài phạm vi quản lý của bạn.',
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    password_too_short: 'Mật khẩu mới phải có ít nhất {min} ký tự.',
    date_before_registry: 'Ngày «{field}» phải từ 01/07/2025 (ngày chính quyền địa phương hai cấp có hiệu lực).',
    username_taken: 'Tên đăng nhập «{username}» đã được sử dụng.',
    person_has_account: 'Người này đã có tài khoản cá nhân đang hoạt động; mỗi người chỉ có một tài khoản.',
    password_sign_in_off:
      'Tài khoản này chỉ đăng nhập qua hệ thống đăng nhập một lần (nút bên dưới), không đăng nhập bằng mật khẩu.',
    no_password_to_change: 'Tài khoản của bạn đăng nhập qua hệ thống đăng nhập một lần nên không có mật khẩu để đổi.',
    provider_sign_in_not_configured: 'Hệ thống chưa cấu hình đăng nhập một lần: tài khoản cần có mật khẩu.',
    password_sign_in_needs_password:
      'Để cho phép đăng nhập bằng mật khẩu, hãy dùng «Đặt lại mật khẩu» để đặt mật khẩu mới cho tài khoản.',
    invalid_scope: 'Phạm vi không phù hợp với vai trò: {detail}.',
    too_many_requests: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    internal: 'Đã xảy ra lỗi hệ thống. Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại.',
    bad_json: 'Nội dung gửi lên không phải JSON hợp lệ.',
    empty_body: 'Yêu cầu thiếu nội dung (JSON) gửi lên.',
    body_too_large: 'Nội dung gửi lên quá lớn.',
    unsupported_media_type: 'Kiểu nội dung gửi lên không được hỗ trợ (dùng application/json).',
    bad_request: 'Yêu cầu không hợp lệ.',
    idempotency_key_format:
      'Khóa chống gửi lặp (tiêu đề Idempotency-Key) phải gồm 8–100 ký tự: chữ, số hoặc các dấu _ . : -.',
    idempotency_key_reused:
      'Khóa chống gửi lặp này đã được dùng cho một yêu cầu khác; yêu cầu mới cần một khóa mới. Không có gì được lưu.',
    too_deep: 'Trường «{field}» lồng nhau quá sâu (tối đa {max} cấp).',
    duplicate_record: 'Bản ghi này đã có (có thể do yêu cầu được gửi hai lần). Vui lòng tải lại để xem.',
    request_in_progress: 'Yêu cầu giống hệt đang được xử lý. Vui lòng chờ giây lát rồi thử lại.',
    illegal_transition: 'Không thể «{action}» khi hồ sơ đang ở trạng thái «{status}». Thao tác được phép: {allowed}.',
    version_conflict: 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.',
    steps_required:
      'Đơn vị giải quyết hồ sơ theo quy trình nội bộ: hồ sơ phải được phân công, chuyên viên xử lý, lãnh đạo phê duyệt và trả kèm kết quả.',
    not_in_steps: 'Hồ sơ này không được giải quyết theo quy trình nội bộ của đơn vị.',
    step_not_now: 'Hồ sơ đang chờ công dân bổ sung, nộp phí hoặc đã kết thúc: chưa thể thực hiện bước này.',
    step_already_taken: 'Hồ sơ đã được {name} nhận xử lý trước bạn.',
    step_wrong_step: 'Hồ sơ không ở bước này của quy trình (có thể người khác vừa chuyển bước). Vui lòng tải lại.',
    step_not_your_role: 'Bước này do người có vai trò khác trong đơn vị thực hiện.',
    step_not_a_person:
      'Tài khoản chung của đơn vị không xử lý, thẩm định hay phê duyệt hồ sơ: việc này do cán bộ đăng nhập bằng tài khoản cá nhân.',
    step_not_assignee: 'Hồ sơ được phân công cho chuyên viên khác.',
    step_assignee_not_specialist: 'Người được phân công phải là chuyên viên xử lý của đơn vị giải quyết.',
    step_own_work: 'Lãnh đạo không phê duyệt hồ sơ do chính mình xử lý.',
    step_reason_required: 'Phải nêu lý do trả lại hồ sơ cho chuyên viên (ít nhất 5 ký tự).',
    step_result_required: 'Chỉ trả kết quả khi có số, ngày, người ký và tệp kết quả.',
    process_steps_order: 'Các bước của quy trình phải theo thứ tự, mỗi bước một lần.',
    process_step_missing: 'Quy trình thiếu một bước bắt buộc (tiếp nhận, phân công, xử lý, phê duyệt, trả kết quả).',
    process_shares_total: 'Tổng thời gian các bước phải bằng 100% thời hạn giải quyết.',
    process_share_invalid: 'Thời gian của mỗi bước là số nguyên phần trăm từ 0 đến 100.',
    process_roles_missing: 'Mỗi bước phải có người thực hiện.',
    process_roles_invalid: 'Người thực hiện bước phải là cán bộ tiếp nhận, chuyên viên hoặc lãnh đạo.',
    not_boundary_free: 'Thủ tục {procedure} không được tiếp nhận không phụ thuộc địa giới: chỉ {unit} tiếp nhận.',
    other_province: 'Đơn vị {code} thuộc tỉnh khác: chỉ tiếp nhận và chuyển hồ sơ trong phạm vi tỉnh.',
    apology_already_issued: 'Hồ sơ đã có phiếu xin lỗi và hẹn lại một lần; không được hẹn lại lần nữa.',
    apology_too_late: 'Phải xin lỗi và hẹn lại chậm nhất 01 ngày trước hạn ({latest}).',
    apology_not_open: 'Hồ sơ không còn trong quá trình giải quyết.',
    apology_date_not_later: 'Ngày hẹn mới phải sau ngày hẹn hiện tại ({due}).',
    apology_date_not_working_day: 'Ngày hẹn mới phải là ngày làm việc (không phải thứ Bảy, Chủ nhật hay ngày nghỉ).',
    rating_not_yet: 'Chỉ đánh giá được sau khi đã có kết quả.',
    rating_done: 'Hồ sơ này đã được đánh giá.',
    rating_proof_invalid:
      'Mã đánh giá (in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả) hoặc 4 số cuối số định danh cá nhân của người nộp không đúng.',
    form_no_receipt: 'Chưa lập được Mẫu 01: hồ sơ chưa được tiếp nhận đủ nên chưa có ngày hẹn trả kết quả.',
    form_no_supplement: 'Không có Mẫu 02: hồ sơ chưa từng được yêu cầu bổ sung, hoàn thiện.',
    form_no_refusal: 'Không có Mẫu 03: hồ sơ không bị từ chối tiếp nhận, giải quyết.',
    form_no_apology: 'Không có Mẫu 04: hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    national_id_taken: 'Số định danh cá nhân này đã có trong hồ sơ của người khác.',
    dossier: 'hồ sơ {code}',
    procedure: 'thủ tục {code}',
    unit: 'đơn vị hành chính {code}',
    user: 'người dùng',
    recommendation: 'kiến nghị {code}',
    phase: 'đợt tăng cường {code}',
    visit: 'nhật ký làm việc {code}',
    report: 'báo cáo {code}',
    recommendation_illegal_transition:
      'Không thể «{action}» khi kiến nghị đang ở trạng thái «{status}». Thao tác được phép: {allowed}.',
    recommendation_not_publishable: 'Chỉ công bố được kiến nghị đã được trả lời.',
    recommendation_already_published: 'Kiến nghị này đã được công bố.',
    record_version_conflict: 'Dữ liệu vừa được người khác cập nhật. Vui lòng tải lại và thử lại.',
    officer_not_assigned: 'Bạn không được phân công tăng cường tại tỉnh {province} trong đợt đang diễn ra.',
    officer_not_ministry: 'Cán bộ tăng cường phải là người dùng của Bộ Nội vụ (vai trò ministry).',
    commune_not_in_province: 'Xã {code} không thuộc tỉnh được phân công ({province}).',
    week_start_not_monday: 'Tuần làm việc phải bắt đầu vào thứ Hai.',
    outside_phase: 'Ngày {date} nằm ngoài thời gian của đợt tăng cường ({from} – {to}).',
    phase_dates: 'Ngày kết thúc phải sau ngày bắt đầu.',
    report_submitted: 'Báo cáo đã gửi, không sửa được nữa.',
    person: 'cán bộ, công chức {code}',
    assessment_task: 'nhiệm vụ {code}',
    assessment_period: 'kỳ đánh giá {code}',
    assessment_review: 'phiếu đánh giá {code}',
    annual_rating: 'kết quả xếp loại năm {code}',
    period_closed:
      'Kỳ đánh giá {period} đã khóa: điểm không sửa trực tiếp được nữa, mọi thay đổi phải qua đề nghị điều chỉnh có lý do.',
    period_not_closed: 'Kỳ đánh giá {period} chưa khóa: sửa trực tiếp trong kỳ, không cần điều chỉnh.',
    not_own_record: 'Chỉ người được giao nhiệm vụ mới được báo cáo kết quả và tự đánh giá của mình.',
    exemption_reason_required: 'Miễn trừ vì lý do khách quan phải ghi rõ lý do đã được xác nhận («{field}»).',
    band_raise_refused: 'Chỉ được hạ mức xếp loại so với kết quả chấm điểm ({band}), không được nâng.',
    leave_over_months_worked:
      'Số tháng nghỉ ({absent}) cộng số tháng nghỉ thai sản ({maternity}) vượt quá số tháng công tác trong năm ({worked}).',
    product_kind_unknown: 'Loại sản phẩm «{kind}» chưa có trong bảng quy đổi. Các loại hiện có: {kinds}.',
    settings_invalid: 'Cấu hình đánh giá không hợp lệ ở «{field}»: {detail}.',
    general_over_max: 'Điểm tiêu chí «{field}» tối đa {max}.',
    due_outside_year: 'Hạn hoàn thành phải thuộc các năm {year}.',
    rating_confirmed: 'Kết quả xếp loại năm đã được xác nhận; mọi thay đổi phải qua điều chỉnh có lý do.',
    // Workforce Excel import (src/modules/workforce/io)
    import_required: 'Thiếu giá trị bắt buộc.',
    import_missing_column: 'Tệp thiếu cột bắt buộc «{column}».',
    import_date: 'Ngày «{value}» không hợp lệ: ghi theo dạng dd/mm/yyyy.',
    import_date_range: 'Ngày sinh không hợp lý (từ năm 1900, đủ 15 tuổi).',
    import_enum: 'Giá trị «{value}» không hợp lệ: chỉ nhận {allowed}.',
    import_too_long: 'Độ dài không hợp lệ (tối đa {max} ký tự).',
    import_format: 'Sai định dạng.',
    import_number: 'Phải là số từ {min} đến {max}.',
    import_id_format: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    import_id_province: 'Ba chữ số đầu ({prefix}) không phải mã tỉnh nơi đăng ký khai sinh.',
    import_id_birth: 'Số định danh cá nhân không khớp với năm sinh.',
    import_id_sex: 'Số định danh cá nhân không khớp với giới tính.',
    import_id_elsewhere:
      'Số định danh cá nhân này đã có trong hồ sơ của một người thuộc đơn vị ngoài phạm vi quản lý của bạn.',
    import_duplicate_in_file: 'Trùng số định danh cá nhân với dòng {row} của tệp.',
    import_unit_unknown: 'Không có đơn vị hành chính mã «{code}».',
    import_unit_ambiguous:
      'Mã «{value}» bị Excel lưu dạng số nên không rõ là mã tỉnh hay mã xã: nhập dạng văn bản (ví dụ 00004 hoặc 04).',
    import_unit_move:
      'Người này đang thuộc đơn vị {code}: chuyển đơn vị phải làm bằng điều động (phân công) để giữ quá trình công tác.',
    import_party_date: 'Ngày vào Đảng phải từ khi đủ 18 tuổi và không sau ngày hôm nay.',
    import_not_xlsx: 'Không đọc được tệp: cần tệp Excel (.xlsx).',
    import_not_xlsx_named: 'Không đọc được tệp «{file}»: cần tệp Excel (.xlsx).',
    import_unpacks_too_much:
      'Tệp «{file}» bị từ chối: khi giải nén vượt quá {max} MB, không bảng tính nhân sự nào lớn như vậy (có thể là tệp độc hại).',
    import_file_too_large: 'Tệp «{file}» quá lớn (tối đa {max} MB): chia thành nhiều tệp.',
    import_no_header:
      'Không tìm thấy dòng tiêu đề của mẫu (cần ít nhất các cột «Họ và tên» và «Số định danh cá nhân»).',
    import_no_file: 'Chưa gửi tệp (trường «file» của biểu mẫu multipart).',
    import_too_many_rows: 'Tệp có quá {max} dòng: chia thành nhiều tệp.',
    import_rejected: 'Không nhập dòng nào: có {errors} lỗi ở {rows} dòng. Sửa các ô được chỉ ra rồi nhập lại cả tệp.',
    import_done: 'Đã nhập {rows} dòng: {created} thêm mới, {updated} cập nhật, {unchanged} không thay đổi.',
    import_failed: 'Nhập không thành công, không có dòng nào được ghi: {detail}',
    import_job: 'phiên nhập {code}',
    import_interrupted:
      'Phiên nhập bị gián đoạn (máy chủ xử lý đã dừng giữa chừng), không có dòng nào được ghi: hãy nhập lại tệp.',
    settlement_case: 'hồ sơ nghỉ việc {code}',
    settlement_agency: 'cơ quan, đơn vị {code}',
    settlement_person: 'hồ sơ cán bộ, công chức {code}',
    settlement_required: 'Thiếu «{field}» ({clause}).',
    settlement_invalid_value: 'Giá trị của «{field}» không hợp lệ ({clause}).',
    settlement_leave_before_decision: 'Ngày nghỉ việc phải sau ngày quyết định sắp xếp tổ chức bộ máy.',
    settlement_not_early:
      'Ngày nghỉ việc không sớm hơn thời điểm nghỉ hưu ({retirementDate}): không phải nghỉ hưu trước tuổi ({clause}).',
    settlement_too_early:
      'Nghỉ sớm {months} tháng, quá 10 năm so với tuổi nghỉ hưu: không áp dụng nghỉ hưu trước tuổi; xem xét thôi việc ({clause}).',
    settlement_streamlining_over_five_years:
      'Người không trực tiếp chịu tác động chỉ được nghỉ hưu trước tuổi khi còn tối đa 5 năm (nghỉ sớm {months} tháng) ({clause}).',
    settlement_pension_not_earned: 'Chưa đủ {years} năm đóng bảo hiểm xã hội bắt buộc để hưởng lương hưu ({clause}).',
    settlement_quit_under_two_years:
      'Chỉ được thôi việc khi còn từ đủ 2 năm đến tuổi nghỉ hưu; còn {months} tháng (nghỉ hưu từ {retirementDate}) ({clause}).',
    settlement_ineligible: 'Không đủ điều kiện hưởng chính sách: {reasons}.',
    settlement_step_not_allowed: 'Không thực hiện được bước này ở trạng thái hiện tại của hồ sơ. Vui lòng tải lại.',
    settlement_correct_closed: 'Chỉ sửa được thông tin trước khi có quyết định nghỉ việc.',
    settlement_person_elsewhere: 'Hồ sơ cán bộ không thuộc cơ quan, đơn vị đã chọn.',
    settlement_nothing_to_correct: 'Không có thông tin nào thay đổi.',
    // Archives (src/modules/archives)
    archive_handover: 'hồ sơ giao nhận tài liệu lưu trữ {code}',
    archive_minutes: 'biên bản giao nhận của {code}',
    digitization_plan: 'kế hoạch số hóa {code}',
    digitization_batch: 'đợt số hóa {code}',
    digitization_upload: 'phiên tải lên {code}',
    digitization_scan: 'tệp số hóa {code}',
    digitization_description: 'biên mục tài liệu',
    handover_illegal_transition:
      'Không thể «{action}» khi việc giao nhận tài liệu đang ở trạng thái «{status}». Thao tác được phép: {allowed}.',
    handover_not_a_successor: 'Đơn vị nhận tài liệu phải là một đơn vị kế thừa theo nghị quyết sắp xếp: {options}.',
    batch_illegal_transition:
      'Không thể «{action}» khi đợt số hóa đang ở bước «{status}». Thao tác được phép: {allowed}.',
    batch_no_scans: 'Đợt số hóa chưa có tệp quét nào: chưa thể kết thúc bước quét.',
    batch_not_described: 'Còn {missing} tệp quét chưa được mô tả (biên mục): chưa thể kết thúc bước mô tả.',
    batch_not_scanning: 'Đợt số hóa đã kết thúc bước quét: không tải thêm tệp được nữa.',
    batch_published: 'Đợt số hóa đã đưa ra sử dụng: không sửa mô tả được nữa.',
    upload_offset_mismatch: 'Phần tệp gửi không khớp vị trí đã nhận ({offset} byte). Tiếp tục tải từ vị trí này.',
    upload_checksum_mismatch:
      'Tệp nhận được không khớp mã kiểm tra SHA-256 đã khai (có phần bị hỏng trên đường truyền). Vui lòng tải lại từ đầu.',
    org_plan: 'phương án sắp xếp {code}',
    org_unit_elsewhere: 'Đơn vị «{name}» không thuộc cùng tỉnh hoặc bộ với phương án.',
    org_plan_illegal_transition:
      'Không thể «{action}» khi phương án đang ở trạng thái «{status}». Thao tác được phép: {allowed}.',
    org_plan_needs_decision: 'Cần số và ngày của quyết định phê duyệt phương án.',
    org_unit_closed: 'Một đơn vị trước sắp xếp đã chấm dứt hoạt động theo phương án khác.',
    proc_import_code:
      'Mã thủ tục «{value}» không hợp lệ: ghi dạng 1.001193 (định dạng ô là Văn bản để Excel không đổi thành số).',
    proc_import_level: 'Cấp thực hiện «{value}» không rõ: ghi «Cấp Xã» hoặc «Cấp Tỉnh».',
    proc_import_time:
      'Thời hạn giải quyết «{value}» không đọc được: ghi số ngày làm việc (ví dụ «05 ngày làm việc» hoặc «Trong ngày»).',
    proc_import_fee: 'Phí, lệ phí «{value}» không đọc được: ghi số tiền (ví dụ «8.000 đồng») hoặc «Không».',
    proc_import_date: 'Ngày «{value}» không đọc được: ghi ngày/tháng/năm (ví dụ «02/03/2026»).',
    proc_import_documents: 'Thành phần hồ sơ có quá {max} giấy tờ.',
    proc_import_duplicate: 'Trùng mã thủ tục với dòng {row} của tệp.',
    proc_import_later_version:
      'Tỉnh đã có phiên bản của thủ tục này áp dụng từ {date}, sau ngày hiệu lực của lần nhập.',
    proc_import_done:
      'Đã nhập danh mục thủ tục: {created} thêm mới, {updated} cập nhật, {unchanged} không thay đổi, {refused} dòng bị từ chối.',
    proc_import_too_large: 'Tệp lớn hơn {max} MB: danh mục thủ tục của một tỉnh không cần tệp lớn như vậy.',
    proc_import_no_header:
      'Không thấy dòng tiêu đề có cột «Mã thủ tục» và «Tên thủ tục» trong 20 dòng đầu của các trang tính.',
    training_event: 'hội nghị tập huấn',
    training_bridge: 'điểm cầu {code}',
    training_attendee: 'người tham dự',
    training_certificate: 'giấy chứng nhận',
    training_question: 'câu hỏi',
    training_material: 'tài liệu',
    training_question_answered:
      'Câu hỏi này giống kiến nghị đã được trả lời {code} («{title}»): xem câu trả lời trước; nếu vẫn cần, gửi lại và chọn «vẫn gửi».',
    training_ends_before_start: 'Giờ kết thúc phải sau giờ bắt đầu.',
    training_too_long: 'Một hội nghị kéo dài tối đa 3 ngày.',
    training_at_in_future: 'Thời điểm báo cáo ở tương lai: kiểm tra đồng hồ của thiết bị.',
    training_check_in_too_early:
      'Chỉ báo kết nối từ {hours} giờ trước giờ khai mạc; trước đó hãy báo kết quả kiểm tra đường truyền.',
    training_check_in_closed: 'Hội nghị đã kết thúc quá 1 giờ: không nhận báo cáo điểm cầu nữa.',
    training_failed_test_needs_note: 'Kiểm tra đường truyền không đạt: ghi rõ sự cố để Bộ hỗ trợ.',
    training_leave_before_join: 'Giờ ra phải sau giờ vào.',
    training_not_attended: 'Chưa đủ thời gian tham dự để cấp giấy chứng nhận ({minutes}/{required} phút).',
    training_not_ended: 'Giấy chứng nhận được cấp khi hội nghị kết thúc ({end}): khi đó số phút tham dự mới đủ.',
    training_started: 'Hội nghị đã bắt đầu: không sửa được nữa.',
    training_audience_cancels:
      'Đối tượng mới không còn gồm {count} người đã được đăng ký: đăng ký của họ sẽ bị hủy. Hãy xem danh sách và xác nhận.',
    training_starts_in_past: 'Giờ bắt đầu mới phải ở sau thời điểm hiện tại.',
    training_scan_bad_code: 'Mã điểm danh không đúng: hãy quét lại mã QR đang hiển thị tại điểm cầu.',
    training_scan_expired: 'Mã điểm danh đã hết hạn: hãy quét lại mã QR mới đang hiển thị tại điểm cầu.',
    training_scan_no_person:
      'Tài khoản này không gắn với hồ sơ cán bộ: hãy đăng nhập bằng tài khoản cá nhân của người tham dự.',
    training_scan_not_registered:
      'Bạn chưa có trong danh sách tham dự hội nghị này: đề nghị cán bộ phụ trách điểm cầu đăng ký.',
    training_scan_other_bridge: 'Mã này là của điểm cầu khác: bạn được đăng ký tham dự tại điểm cầu của đơn vị mình.',
    training_scan_too_early: 'Điểm danh mở từ {minutes} phút trước giờ khai mạc.',
    training_scan_closed: 'Hội nghị đã kết thúc: không điểm danh được nữa.',
    training_import_missing: 'Dòng {row}: thiếu «{column}».',
    training_import_bad_time: 'Dòng {row}: «{value}» không phải giờ hợp lệ (HH:MM hoặc DD/MM/YYYY HH:MM).',
    training_import_leave_before_join: 'Dòng {row}: giờ ra {value} trước giờ vào.',
    training_import_unknown_person:
      'Dòng {row}: mã cán bộ «{value}» không có trong danh sách đăng ký của điểm cầu thuộc phạm vi của bạn.',
    reports_invalid_period:
      'Kỳ báo cáo «{value}» không hợp lệ («{field}»): 6 tháng ghi 2026-H1 hoặc 2026-H2, năm ghi 2026, tháng ghi 2026-05.',
    reports_period_kind:
      'Kỳ «{value}» không đúng loại báo cáo («{field}»): báo cáo 6 tháng ghi 2026-H1, năm ghi 2026, tháng ghi 2026-05.',
    reports_locked: 'Báo cáo đã gửi, không sửa được nữa (chỉ sửa khi là dự thảo hoặc bị trả lại).',
    reports_step_not_allowed: 'Không thực hiện được bước này ở trạng thái hiện tại của báo cáo. Vui lòng tải lại.',
    reports_comment_required: 'Trả lại báo cáo phải ghi rõ ý kiến («{field}»).',
    report_section: 'mục {code} của báo cáo',
  },
  en: {
    route_not_found: 'No such address: {path}.',
    bad_url: 'The address of the request is malformed or has a parameter that is too long.',
    not_found: 'Not found: {what}.',
    invalid_value: 'Invalid value for field "{field}": {detail}.',
    required: 'Missing required field "{field}".',
    party_join_before_18: '"{field}" must be on or after the 18th birthday (Party Charter).',
    date_in_future: 'The field "{field}" cannot be a day still to come: record it once it has happened.',
    number_out_of_range: 'The value of field "{field}" is not a number within the allowed range.',
    unstorable_text:
      'The field "{field}" contains a character that cannot be stored (a NUL character or a broken UTF-16 code).',
    unauthenticated: 'Please sign in.',
    invalid_credentials: 'Wrong username or password.',
    account_locked:
      'Account locked on this device after repeated failed sign-ins. ' +
      'Try again in {minutes} minutes, or ask your unit administrator to reset the password.',
    address_throttled: 'Too many failed sign-ins from this address. Try again in {minutes} minutes.',
    account_throttled:
      'This account is being guessed from many places: for now it signs in only from a device used before. ' +
      'Try again in {minutes} minutes, or ask your unit administrator to reset the password.',
    password_attempts: 'Too many wrong current passwords. Try again in {minutes} minutes.',
    csrf_invalid: 'Invalid session (missing x-csrf-token anti-forgery token). Please reload the page.',
    forbidden: 'You are not allowed to do this.',
    unit_role_beyond_own:
      "Only the unit's own account or the platform's administrator gives the leader role, " +
      'and changes, closes or resets the password of an account holding it.',
    unit_role_own: "You cannot give yourself a new role: another of the unit's administrators gives it.",
    out_of_scope: 'Unit {code} is outside your scope.',
    wrong_password: 'The current password is wrong.',
    password_too_short: 'The new password must have at least {min} characters.',
    date_before_registry:
      'Date "{field}" must be on or after 2025-07-01 (when the two-level local government took effect).',
    username_taken: 'Username "{username}" is already taken.',
    person_has_account: 'This person already has an open personal account; each person has one.',
    password_sign_in_off: 'This account signs in only through single sign-on (the button below), not with a password.',
    no_password_to_change: 'Your account signs in through single sign-on, so it has no password to change.',
    provider_sign_in_not_configured: 'Single sign-on is not configured: the account needs a password.',
    password_sign_in_needs_password:
      'To allow password sign-in, use "Reset password" to give the account a new password.',
    invalid_scope: 'Scope does not fit the role: {detail}.',
    too_many_requests: 'Too many requests. Please try again later.',
    internal: 'A system error occurred. Saved data is not affected; please try again.',
    bad_json: 'The body sent is not valid JSON.',
    empty_body: 'The request has no (JSON) body.',
    body_too_large: 'The body sent is too large.',
    unsupported_media_type: 'The body’s content type is not supported (use application/json).',
    bad_request: 'The request is not valid.',
    idempotency_key_format: 'The Idempotency-Key header must have 8–100 characters: letters, digits or _ . : -.',
    idempotency_key_reused:
      'This Idempotency-Key was used for another request; a new request needs a new key. Nothing was saved.',
    too_deep: 'The field "{field}" is nested too deeply (at most {max} levels).',
    duplicate_record: 'This record already exists (the request may have been sent twice). Reload to see it.',
    request_in_progress: 'The same request is still being processed. Wait a moment and try again.',
    illegal_transition:
      'The step "{action}" cannot be taken while the dossier is "{status}". Allowed steps: {allowed}.',
    version_conflict: 'Someone else has just updated this dossier. Reload and try again.',
    steps_required:
      'The unit works dossiers by its internal process: a dossier is assigned, processed by a specialist, ' +
      'approved by a leader and returned with its result.',
    not_in_steps: "This dossier is not worked by the unit's internal process.",
    step_not_now: 'The dossier waits for the applicant (papers, payment) or has ended: this step cannot be taken now.',
    step_already_taken: 'The dossier was taken by {name} before you.',
    step_wrong_step: 'The dossier is not at this step (someone may have just moved it). Reload the page.',
    step_not_your_role: 'This step is taken by someone with another role in the unit.',
    step_not_a_person:
      "A unit's shared account does not process, verify or approve dossiers: officials do, signed in with their personal accounts.",
    step_not_assignee: 'The dossier is assigned to another specialist.',
    step_assignee_not_specialist: 'The person assigned must be a specialist of the handling unit.',
    step_own_work: 'A leader does not approve a dossier they processed themselves.',
    step_reason_required: 'Give the reason for sending the dossier back to the specialist (at least 5 characters).',
    step_result_required: 'A result is returned only with its number, date, signer and file.',
    process_steps_order: "The process's steps must be in order, each once.",
    process_step_missing: 'The process lacks a required step (receive, assign, process, approve, return).',
    process_shares_total: "The steps' shares must add up to 100% of the time limit.",
    process_share_invalid: "Each step's share is a whole percent from 0 to 100.",
    process_roles_missing: 'Each step needs someone to take it.',
    process_roles_invalid: 'A step is taken by a receiving officer, a specialist or a leader.',
    not_boundary_free: 'Procedure {procedure} is not received regardless of boundary: only {unit} receives it.',
    other_province: 'Unit {code} is in another province: dossiers are received and transferred within the province.',
    apology_already_issued: 'This dossier already had its one apology and new date; it cannot be rescheduled again.',
    apology_too_late: 'The apology with a new date must be issued at least one day before the deadline ({latest}).',
    apology_not_open: 'The dossier is no longer being handled.',
    apology_date_not_later: 'The new date must be after the current due date ({due}).',
    apology_date_not_working_day: 'The new date must be a working day (not a weekend or a day off).',
    rating_not_yet: 'A dossier can be rated once its result is ready.',
    rating_done: 'This dossier has already been rated.',
    rating_proof_invalid:
      "The rating code (printed on the receipt and appointment slip) or the last 4 digits of the applicant's ID number do not match.",
    form_no_receipt: 'No Form 01 yet: the dossier has not been received as complete, so it has no appointment date.',
    form_no_supplement: 'No Form 02: no supplement was ever requested for this dossier.',
    form_no_refusal: 'No Form 03: this dossier was not refused.',
    form_no_apology: 'No Form 04: this dossier has no apology with a new date.',
    national_id_taken: "This personal identification number is already on another person's record.",
    dossier: 'dossier {code}',
    procedure: 'procedure {code}',
    unit: 'administrative unit {code}',
    user: 'user',
    recommendation: 'recommendation {code}',
    phase: 'reinforcement phase {code}',
    visit: 'visit log {code}',
    report: 'report {code}',
    recommendation_illegal_transition:
      'The step "{action}" cannot be taken while the recommendation is "{status}". Allowed steps: {allowed}.',
    recommendation_not_publishable: 'Only answered recommendations can be published.',
    recommendation_already_published: 'This recommendation is already published.',
    record_version_conflict: 'Someone else has just updated this record. Reload and try again.',
    officer_not_assigned: 'You are not assigned as a reinforcement officer to province {province} in a current phase.',
    officer_not_ministry: 'A reinforcement officer must be a Ministry user (role ministry).',
    commune_not_in_province: 'Commune {code} is not in the province of the assignment ({province}).',
    week_start_not_monday: 'A work week starts on a Monday.',
    outside_phase: 'Date {date} is outside the phase ({from} – {to}).',
    phase_dates: 'The last day must be after the first day.',
    report_submitted: 'The report has been sent and can no longer be changed.',
    person: 'staff member {code}',
    assessment_task: 'task {code}',
    assessment_period: 'assessment period {code}',
    assessment_review: 'assessment {code}',
    annual_rating: 'annual rating {code}',
    period_closed:
      'Assessment period {period} is closed: its scores are frozen and any change goes through a correction with a reason.',
    period_not_closed: 'Assessment period {period} is still open: change it directly, no correction is needed.',
    not_own_record: 'Only the person a task is assigned to reports its delivery and writes their own self-assessment.',
    exemption_reason_required: 'An exemption for an objective cause needs the confirmed reason ("{field}").',
    band_raise_refused: 'A rating may only be lowered from the scored band ({band}), never raised.',
    leave_over_months_worked:
      'Months absent ({absent}) plus months of maternity leave ({maternity}) exceed the months worked in the year ({worked}).',
    product_kind_unknown: 'Product kind "{kind}" is not in the conversion table. Kinds: {kinds}.',
    settings_invalid: 'Invalid assessment setting "{field}": {detail}.',
    general_over_max: 'Criterion "{field}" is at most {max} points.',
    due_outside_year: 'The due date must fall in the years {year}.',
    rating_confirmed: 'The annual rating has been confirmed; any change goes through a correction with a reason.',
    // Workforce Excel import (src/modules/workforce/io)
    import_required: 'A value is required.',
    import_missing_column: 'The file lacks the required column "{column}".',
    import_date: 'Invalid date "{value}": write it as dd/mm/yyyy.',
    import_date_range: 'Implausible date of birth (from 1900, at least 15 years old).',
    import_enum: 'Invalid value "{value}": allowed {allowed}.',
    import_too_long: 'Invalid length (at most {max} characters).',
    import_format: 'Wrong format.',
    import_number: 'Must be a number from {min} to {max}.',
    import_id_format: 'The personal identification number must have exactly 12 digits.',
    import_id_province: 'The first three digits ({prefix}) are not a province of birth registration.',
    import_id_birth: 'The personal identification number does not match the year of birth.',
    import_id_sex: 'The personal identification number does not match the sex.',
    import_id_elsewhere: 'This personal identification number belongs to a person of a unit outside your scope.',
    import_duplicate_in_file: 'Same personal identification number as row {row} of the file.',
    import_unit_unknown: 'No administrative unit has code "{code}".',
    import_unit_ambiguous:
      'Excel stored "{value}" as a number, so it is unclear whether it is a province or a commune code: ' +
      'enter it as text (e.g. 00004 or 04).',
    import_unit_move:
      'This person belongs to unit {code}: a move between units is made as an assignment, to keep the service history.',
    import_party_date: 'The Party membership date must be from the 18th birthday and not after today.',
    import_not_xlsx: 'The file cannot be read: an Excel (.xlsx) file is needed.',
    import_not_xlsx_named: 'The file "{file}" cannot be read: an Excel (.xlsx) file is needed.',
    import_unpacks_too_much:
      'The file "{file}" was refused: it unpacks to more than {max} MB, which no personnel workbook does (it may be hostile).',
    import_file_too_large: 'The file "{file}" is too large (at most {max} MB): split it into several files.',
    import_no_header:
      'No header row of the template was found (at least the columns "Họ và tên" and "Số định danh cá nhân" are needed).',
    import_no_file: 'No file was sent (the "file" field of a multipart form).',
    import_too_many_rows: 'The file has more than {max} rows: split it into several files.',
    import_rejected:
      'Nothing was imported: {errors} errors in {rows} rows. Correct the cells shown and import the whole file again.',
    import_done: 'Imported {rows} rows: {created} created, {updated} updated, {unchanged} unchanged.',
    import_failed: 'The import failed and nothing was written: {detail}',
    import_job: 'import {code}',
    import_interrupted:
      'The import was interrupted (the server running it stopped) and nothing was written: import the file again.',
    settlement_case: 'leaving case {code}',
    settlement_agency: 'agency {code}',
    settlement_person: 'staff record {code}',
    settlement_required: '«{field}» is missing ({clause}).',
    settlement_invalid_value: 'The value of «{field}» is not valid ({clause}).',
    settlement_leave_before_decision: 'The leaving date must come after the restructuring decision.',
    settlement_not_early:
      'The leaving date is not before the retirement date ({retirementDate}): this is not early retirement ({clause}).',
    settlement_too_early:
      '{months} months early, more than 10 years before retirement age: early retirement does not apply; consider quitting ({clause}).',
    settlement_streamlining_over_five_years:
      'People not directly affected may retire early only within 5 years of retirement age ({months} months early) ({clause}).',
    settlement_pension_not_earned:
      'Fewer than {years} years of compulsory social insurance: no pension is earned ({clause}).',
    settlement_quit_under_two_years:
      'Quitting needs 2 years or more to retirement age; {months} months are left (retirement from {retirementDate}) ({clause}).',
    settlement_ineligible: 'Not eligible for the policy: {reasons}.',
    settlement_step_not_allowed: 'This step cannot be taken in the case’s current state. Please reload.',
    settlement_correct_closed: 'Values can be corrected only before the leaving decision.',
    settlement_person_elsewhere: 'The staff record does not belong to the chosen agency.',
    settlement_nothing_to_correct: 'Nothing was changed.',
    // Archives (src/modules/archives)
    archive_handover: 'archive hand-over {code}',
    archive_minutes: 'hand-over minutes of {code}',
    digitization_plan: 'digitization plan {code}',
    digitization_batch: 'digitization batch {code}',
    digitization_upload: 'upload {code}',
    digitization_scan: 'scanned file {code}',
    digitization_description: 'document description',
    handover_illegal_transition:
      'The step "{action}" cannot be taken while the archive hand-over is "{status}". Allowed steps: {allowed}.',
    handover_not_a_successor:
      'The unit receiving the archive must be a successor under the rearrangement resolution: {options}.',
    batch_illegal_transition:
      'The step "{action}" cannot be taken while the batch is "{status}". Allowed steps: {allowed}.',
    batch_no_scans: 'The batch has no scanned file yet: scanning cannot end.',
    batch_not_described: '{missing} scanned files have no description yet: describing cannot end.',
    batch_not_scanning: 'Scanning of this batch has ended: no more files can be uploaded.',
    batch_published: 'The batch is published for use: its descriptions can no longer change.',
    upload_offset_mismatch:
      'The piece sent does not start where the upload stands ({offset} bytes). Resume from there.',
    upload_checksum_mismatch:
      'The file received does not match the declared SHA-256 checksum (a piece was damaged on the way). Please upload it again.',
    org_plan: 'rearrangement plan {code}',
    org_unit_elsewhere: 'The unit "{name}" does not lie in the same province or ministry as the plan.',
    org_plan_illegal_transition:
      'The step "{action}" cannot be taken while the plan is "{status}". Allowed steps: {allowed}.',
    org_plan_needs_decision: 'The number and date of the decision approving the plan are needed.',
    org_unit_closed: 'A unit before the rearrangement was already closed by another plan.',
    proc_import_code:
      'Invalid procedure code "{value}": write it as 1.001193 (format the cell as Text so Excel keeps it).',
    proc_import_level: 'Unclear level "{value}": write "Cấp Xã" (commune) or "Cấp Tỉnh" (province).',
    proc_import_time:
      'Time limit "{value}" not understood: write the working days (e.g. "05 ngày làm việc" or "Trong ngày").',
    proc_import_fee: 'Fee "{value}" not understood: write the amount (e.g. "8.000 đồng") or "Không".',
    proc_import_date: 'Date "{value}" not understood: write day/month/year (e.g. "02/03/2026").',
    proc_import_documents: 'More than {max} required papers.',
    proc_import_duplicate: 'The same procedure code as row {row} of the file.',
    proc_import_later_version:
      'The province already has a version of this procedure from {date}, after this import takes effect.',
    proc_import_done:
      'Procedure list imported: {created} created, {updated} updated, {unchanged} unchanged, {refused} rows refused.',
    proc_import_too_large: "The file is larger than {max} MB: a province's procedure list needs no such file.",
    proc_import_no_header:
      'No header row with the columns "Mã thủ tục" and "Tên thủ tục" in the first 20 rows of the sheets.',
    training_event: 'training conference',
    training_bridge: 'bridge point {code}',
    training_attendee: 'attendee',
    training_certificate: 'certificate',
    training_question: 'question',
    training_material: 'material',
    training_question_answered:
      'This question looks like the answered item {code} ("{title}"): read its answer first; ' +
      'if still needed, send it again choosing "send anyway".',
    training_ends_before_start: 'The end must be after the start.',
    training_too_long: 'A conference lasts at most 3 days.',
    training_at_in_future: 'The report is dated in the future: check the device’s clock.',
    training_check_in_too_early:
      'Connections are reported from {hours} hours before the opening; before that, report the connection test.',
    training_check_in_closed: 'The conference ended more than an hour ago: bridge reports are closed.',
    training_failed_test_needs_note: 'The connection test failed: describe the problem so the Ministry can help.',
    training_leave_before_join: 'The leaving time must be after the joining time.',
    training_not_attended: 'Not present long enough for a certificate ({minutes}/{required} minutes).',
    training_not_ended: 'Certificates are issued when the conference has ended ({end}): the minutes are final then.',
    training_started: 'The conference has started: it can no longer be edited.',
    training_audience_cancels:
      'The new audience leaves out {count} registered people: their registration will be cancelled. Review the list and confirm.',
    training_starts_in_past: 'The new start must be later than now.',
    training_scan_bad_code: 'This check-in code is not valid: scan the QR code shown at the bridge again.',
    training_scan_expired: 'This check-in code has expired: scan the new QR code shown at the bridge.',
    training_scan_no_person: 'This account is not linked to a staff record: sign in with the attendee’s own account.',
    training_scan_not_registered:
      'You are not on the list of this conference: ask the officer in charge of the bridge to register you.',
    training_scan_other_bridge: 'This code belongs to another bridge: you are registered at your own unit’s bridge.',
    training_scan_too_early: 'Check-in opens {minutes} minutes before the opening.',
    training_scan_closed: 'The conference has ended: check-in is closed.',
    training_import_missing: 'Row {row}: "{column}" is missing.',
    training_import_bad_time: 'Row {row}: "{value}" is not a valid time (HH:MM or DD/MM/YYYY HH:MM).',
    training_import_leave_before_join: 'Row {row}: leaving time {value} is before the joining time.',
    training_import_unknown_person: 'Row {row}: staff number "{value}" is not registered at a bridge in your scope.',
    reports_invalid_period:
      'The report period "{value}" is not valid ("{field}"): a half year is 2026-H1 or 2026-H2, a year 2026, a month 2026-05.',
    reports_period_kind:
      'The period "{value}" does not fit the kind of report ("{field}"): 6-month 2026-H1, annual 2026, monthly 2026-05.',
    reports_locked: 'The report has been submitted and can no longer be changed (only a draft or a returned report).',
    reports_step_not_allowed: "This step is not possible in the report's current state. Reload and try again.",
    reports_comment_required: 'A returned report needs a comment saying why ("{field}").',
    report_section: 'section {code} of the report',
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
