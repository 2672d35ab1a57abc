import type { Field } from '../recommendations/index.js';

/** Problems communes really raised in the first months of the two-level model, as templates for the demo. */
export interface ProblemTemplate {
  field: Field;
  title: string;
  content: string;
  legalBasis: string | null;
  answer: string;
  answerLegalBasis: string;
}

export const PROBLEMS: ProblemTemplate[] = [
  {
    field: 'personnel',
    title: 'Bố trí công chức chuyên môn về đất đai còn thiếu',
    content:
      'Sau sắp xếp, xã chưa có công chức có chuyên môn đất đai, xây dựng; đề nghị hướng dẫn việc điều động, biệt phái từ tỉnh.',
    legalBasis: 'Nghị định 170/2025/NĐ-CP',
    answer:
      'Đề nghị Sở Nội vụ tham mưu UBND tỉnh điều động, biệt phái công chức có chuyên môn phù hợp về xã trong thời hạn của đợt sắp xếp.',
    answerLegalBasis: 'Nghị định 170/2025/NĐ-CP, Điều 31',
  },
  {
    field: 'personnel',
    title: 'Chế độ cán bộ không chuyên trách cấp xã sau sắp xếp',
    content:
      'Xã còn nhiều người hoạt động không chuyên trách chưa được giải quyết chế độ; đề nghị hướng dẫn thời điểm thôi hưởng phụ cấp.',
    legalBasis: 'Nghị định 154/2025/NĐ-CP',
    answer:
      'Người hoạt động không chuyên trách thôi việc từ 01/8/2025 được hưởng chính sách theo Nghị định 154/2025/NĐ-CP; ' +
      'UBND tỉnh quyết định danh sách.',
    answerLegalBasis: 'Nghị định 154/2025/NĐ-CP, Điều 4',
  },
  {
    field: 'personnel',
    title: 'Xếp lương công chức cấp xã chuyển từ cấp huyện',
    content:
      'Công chức từ cấp huyện cũ chuyển về xã đề nghị hướng dẫn việc giữ nguyên ngạch, bậc lương và phụ cấp chức vụ.',
    legalBasis: 'Luật Cán bộ, công chức 2025',
    answer:
      'Công chức chuyển về cấp xã được giữ nguyên ngạch, bậc lương hiện hưởng; phụ cấp chức vụ thực hiện theo vị trí mới được bổ nhiệm.',
    answerLegalBasis: 'Luật Cán bộ, công chức số 80/2025/QH15, Điều 45',
  },
  {
    field: 'organisation',
    title: 'Số lượng phòng chuyên môn thuộc UBND xã',
    content: 'Xã có quy mô dân số lớn đề nghị được thành lập thêm phòng chuyên môn ngoài khung quy định.',
    legalBasis: 'Nghị định 150/2025/NĐ-CP',
    answer:
      'Số lượng phòng chuyên môn thực hiện theo khung của Nghị định 150/2025/NĐ-CP và Nghị định 370/2025/NĐ-CP; ' +
      'không thành lập thêm ngoài khung.',
    answerLegalBasis: 'Nghị định 150/2025/NĐ-CP, Điều 5; Nghị định 370/2025/NĐ-CP',
  },
  {
    field: 'organisation',
    title: 'Vị trí việc làm của Trung tâm phục vụ hành chính công xã',
    content:
      'Đề nghị hướng dẫn xác định vị trí việc làm và số lượng người làm việc tại Trung tâm phục vụ hành chính công cấp xã.',
    legalBasis: null,
    answer:
      'Trung tâm phục vụ hành chính công xã sử dụng công chức các phòng chuyên môn được cử đến; ' +
      'vị trí việc làm xác định theo hướng dẫn của Bộ Nội vụ.',
    answerLegalBasis: 'Nghị định 118/2025/NĐ-CP, Điều 7',
  },
  {
    field: 'procedures',
    title: 'Thẩm quyền chứng thực hợp đồng giao dịch đất đai tại xã',
    content:
      'Sau khi không còn cấp huyện, người dân hỏi xã có được chứng thực hợp đồng chuyển nhượng quyền sử dụng đất không.',
    legalBasis: 'Nghị định 23/2015/NĐ-CP',
    answer:
      'UBND cấp xã chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất theo phân cấp mới; ' +
      'người yêu cầu có thể lựa chọn tổ chức hành nghề công chứng.',
    answerLegalBasis: 'Nghị định 120/2025/NĐ-CP, Điều 10',
  },
  {
    field: 'procedures',
    title: 'Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính',
    content:
      'Xã lúng túng khi tiếp nhận hồ sơ của người dân xã khác trong tỉnh; đề nghị hướng dẫn quy trình chuyển hồ sơ.',
    legalBasis: 'Nghị định 118/2025/NĐ-CP',
    answer:
      'Bộ phận một cửa tiếp nhận, số hóa và chuyển hồ sơ điện tử đến cơ quan có thẩm quyền ' +
      'qua hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.',
    answerLegalBasis: 'Nghị định 118/2025/NĐ-CP, Điều 11',
  },
  {
    field: 'procedures',
    title: 'Thủ tục đăng ký khai sinh cho trẻ ở xã cũ đã sáp nhập',
    content:
      'Giấy tờ của người dân còn ghi địa danh xã cũ; đề nghị hướng dẫn có phải điều chỉnh giấy tờ trước khi làm thủ tục không.',
    legalBasis: 'Luật Hộ tịch 2014',
    answer:
      'Giấy tờ ghi địa danh cũ vẫn có giá trị sử dụng; không yêu cầu người dân điều chỉnh giấy tờ khi thực hiện thủ tục hành chính.',
    answerLegalBasis: 'Nghị quyết 190/2025/QH15, Điều 10',
  },
  {
    field: 'decentralisation',
    title: 'Thẩm quyền xử phạt vi phạm hành chính của Chủ tịch UBND xã',
    content:
      'Đề nghị làm rõ thẩm quyền xử phạt của Chủ tịch UBND xã đối với các hành vi trước đây thuộc thẩm quyền Chủ tịch UBND huyện.',
    legalBasis: 'Luật Xử lý vi phạm hành chính',
    answer:
      'Thẩm quyền của Chủ tịch UBND cấp huyện được chuyển cho Chủ tịch UBND cấp xã theo Nghị định phân định thẩm quyền của Chính phủ.',
    answerLegalBasis: 'Nghị định 189/2025/NĐ-CP, Điều 3',
  },
  {
    field: 'decentralisation',
    title: 'Phân cấp cấp giấy chứng nhận quyền sử dụng đất',
    content:
      'Xã chưa rõ việc cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình thuộc thẩm quyền xã hay Văn phòng đăng ký đất đai.',
    legalBasis: 'Luật Đất đai 2024',
    answer:
      'Chủ tịch UBND cấp xã cấp giấy chứng nhận lần đầu cho hộ gia đình, cá nhân theo phân quyền của Nghị định 151/2025/NĐ-CP.',
    answerLegalBasis: 'Nghị định 151/2025/NĐ-CP, Điều 5',
  },
  {
    field: 'it_infrastructure',
    title: 'Đường truyền mạng và thiết bị tại trụ sở xã mới',
    content: 'Trụ sở xã mới chưa có đường truyền số liệu chuyên dùng, máy quét còn thiếu, ảnh hưởng số hóa hồ sơ.',
    legalBasis: null,
    answer:
      'Đề nghị UBND tỉnh bố trí kinh phí đầu tư thiết bị; ' +
      'Bộ Nội vụ đã kiến nghị Bộ Khoa học và Công nghệ ưu tiên kết nối mạng truyền số liệu chuyên dùng.',
    answerLegalBasis: 'Quyết định 1846/QĐ-TTg năm 2025',
  },
  {
    field: 'it_infrastructure',
    title: 'Tài khoản hệ thống một cửa điện tử chưa được cấp',
    content:
      'Công chức mới điều động về xã chưa có tài khoản trên hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.',
    legalBasis: null,
    answer:
      'Sở Khoa học và Công nghệ cấp tài khoản theo đề nghị của UBND xã trong 02 ngày làm việc; đề nghị xã gửi danh sách.',
    answerLegalBasis: 'Nghị định 45/2020/NĐ-CP, Điều 30',
  },
  {
    field: 'policy_regimes',
    title: 'Chính sách nghỉ hưu trước tuổi theo Nghị định 178',
    content: 'Cán bộ xã đề nghị hướng dẫn cách tính trợ cấp khi nghỉ hưu trước tuổi do sắp xếp tổ chức bộ máy.',
    legalBasis: 'Nghị định 178/2024/NĐ-CP',
    answer:
      'Trợ cấp tính theo tiền lương tháng hiện hưởng và số năm nghỉ sớm theo Điều 7 Nghị định 178/2024/NĐ-CP, ' +
      'sửa đổi bởi Nghị định 67/2025/NĐ-CP.',
    answerLegalBasis: 'Nghị định 178/2024/NĐ-CP, Điều 7; Nghị định 67/2025/NĐ-CP',
  },
  {
    field: 'policy_regimes',
    title: 'Phụ cấp công vụ và phụ cấp khu vực sau sáp nhập xã',
    content: 'Xã mới gồm địa bàn có và không có phụ cấp khu vực; đề nghị hướng dẫn mức phụ cấp áp dụng.',
    legalBasis: 'Thông tư 11/2005/TTLT-BNV-BLĐTBXH-BTC-UBDT',
    answer: 'Giữ nguyên mức phụ cấp khu vực theo địa bàn cũ đến khi có quyết định mới của cơ quan có thẩm quyền.',
    answerLegalBasis: 'Nghị quyết 190/2025/QH15, Điều 12',
  },
  {
    field: 'archives',
    title: 'Tiếp nhận, bảo quản hồ sơ lưu trữ của cấp huyện cũ',
    content: 'Hồ sơ, tài liệu của UBND huyện cũ chưa được bàn giao; xã không có kho lưu trữ đạt chuẩn.',
    legalBasis: 'Luật Lưu trữ 2024',
    answer:
      'Tài liệu của cấp huyện cũ được giao cho cơ quan lưu trữ lịch sử của tỉnh quản lý; ' +
      'xã tiếp nhận bản sao phục vụ giải quyết công việc.',
    answerLegalBasis: 'Luật Lưu trữ 2024, Điều 16; Công văn hướng dẫn của Bộ Nội vụ',
  },
  {
    field: 'archives',
    title: 'Chỉnh lý tài liệu của các xã trước sáp nhập',
    content: 'Khối lượng tài liệu tồn đọng của các xã cũ lớn, chưa chỉnh lý; đề nghị hỗ trợ kinh phí và nhân lực.',
    legalBasis: null,
    answer:
      'UBND tỉnh bố trí kinh phí chỉnh lý tài liệu tồn đọng; Sở Nội vụ hướng dẫn nghiệp vụ và có thể thuê dịch vụ lưu trữ.',
    answerLegalBasis: 'Luật Lưu trữ 2024, Điều 23',
  },
  {
    field: 'other',
    title: 'Con dấu và tên gọi của xã mới trên văn bản',
    content: 'Đề nghị hướng dẫn việc sử dụng con dấu cũ trong thời gian chờ khắc dấu mới.',
    legalBasis: 'Nghị định 30/2020/NĐ-CP',
    answer: 'Không sử dụng con dấu của xã cũ; UBND xã mới sử dụng con dấu được cơ quan công an cấp theo tên gọi mới.',
    answerLegalBasis: 'Nghị định 99/2016/NĐ-CP, Điều 13',
  },
  {
    field: 'other',
    title: 'Trụ sở làm việc quá xa trung tâm xã mới',
    content: 'Trụ sở đặt tại xã cũ, người dân đi lại xa; đề nghị được bố trí điểm tiếp nhận hồ sơ tại các xã cũ.',
    legalBasis: null,
    answer:
      'UBND xã có thể bố trí điểm tiếp nhận hồ sơ tại trụ sở các xã cũ thuộc Trung tâm phục vụ hành chính công xã.',
    answerLegalBasis: 'Nghị định 118/2025/NĐ-CP, Điều 8',
  },
];

export const MET_WITH = [
  'Chủ tịch UBND xã và Văn phòng HĐND – UBND',
  'Bí thư Đảng ủy, Chủ tịch UBND xã',
  'Phó Chủ tịch UBND xã và Phòng Văn hóa – Xã hội',
  'Trung tâm phục vụ hành chính công xã',
  'Phòng Kinh tế và công chức địa chính',
  'lãnh đạo UBND xã và các phòng chuyên môn',
];

export const FINDINGS = [
  'Bộ máy cơ bản đã ổn định; Trung tâm phục vụ hành chính công hoạt động, tiếp nhận trung bình 30 hồ sơ/ngày.',
  'Thiếu công chức chuyên môn đất đai, xây dựng; hồ sơ tồn đọng ở lĩnh vực đất đai.',
  'Thiết bị số hóa còn thiếu, đường truyền chập chờn; tỷ lệ hồ sơ trực tuyến thấp.',
  'Công chức mới từ cấp huyện cũ chưa quen quy trình một cửa điện tử của tỉnh.',
  'Tài liệu lưu trữ của các xã cũ chưa được chỉnh lý, bảo quản tạm tại hội trường.',
  'Việc chi trả chế độ cho người hoạt động không chuyên trách thôi việc còn chậm.',
];

export const RESOLVED = [
  'Hướng dẫn quy trình tiếp nhận hồ sơ không phụ thuộc địa giới.',
  'Hướng dẫn lập danh sách vị trí việc làm.',
  'Hướng dẫn sử dụng hệ thống một cửa điện tử.',
  null,
  null,
];
