// The dossier export's words, Vietnamese first (the web's catalogue holds the same labels for the pages).
import type { Lang } from '../../../core/i18n.js';
import type { Status } from '../domain/lifecycle.js';
import type { Field } from '../domain/fields.js';

interface Labels {
  sheet: string;
  columns: readonly string[];
  yes: string;
  status: Record<Status, string>;
  field: Record<Field, string>;
}

export const EXPORT_LABELS: Record<Lang, Labels> = {
  vi: {
    sheet: 'Hồ sơ',
    columns: [
      'STT',
      'Mã hồ sơ',
      'Thủ tục',
      'Lĩnh vực',
      'Người nộp',
      'Đơn vị giải quyết',
      'Đơn vị tiếp nhận',
      'Ngày tiếp nhận',
      'Hạn trả kết quả',
      'Trạng thái',
      'Ngày có kết quả',
      'Quá hạn',
    ],
    yes: 'Có',
    status: {
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
    },
    field: {
      ho_tich: 'Hộ tịch',
      chung_thuc: 'Chứng thực',
      cu_tru: 'Cư trú',
      bao_tro_xa_hoi: 'Bảo trợ xã hội',
      dat_dai: 'Đất đai',
      thi_dua_khen_thuong: 'Thi đua – khen thưởng',
      tin_nguong_ton_giao: 'Tín ngưỡng, tôn giáo',
      nguoi_co_cong: 'Người có công',
    },
  },
  en: {
    sheet: 'Dossiers',
    columns: [
      'No.',
      'Receipt code',
      'Procedure',
      'Field',
      'Applicant',
      'Handling unit',
      'Receiving unit',
      'Received on',
      'Due',
      'Status',
      'Result on',
      'Overdue',
    ],
    yes: 'Yes',
    status: {
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
    },
    field: {
      ho_tich: 'Civil status',
      chung_thuc: 'Certification',
      cu_tru: 'Residence',
      bao_tro_xa_hoi: 'Social protection',
      dat_dai: 'Land',
      thi_dua_khen_thuong: 'Emulation and commendation',
      tin_nguong_ton_giao: 'Beliefs and religion',
      nguoi_co_cong: 'People with meritorious services',
    },
  },
};
