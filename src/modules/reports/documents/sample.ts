/**
 * A commune's 6-month report as the renderers' tests and a developer's eye see it: every kind of block, a table long
 * enough to cross pages, a chart of each type. Not used by the service.
 */
import type { ReportDocument } from '../domain/document-model.js';

export function sampleReport(o: { rows?: number; draft?: boolean } = {}): ReportDocument {
  const rows = o.rows ?? 60;
  return {
    header: {
      parentBody: 'UBND tỉnh Bắc Ninh',
      issuingBody: 'Ủy ban nhân dân xã Đại Đồng',
      number: 5,
      symbol: 'BC-UBND',
      place: 'Bắc Ninh',
      date: '2026-07-05',
    },
    kindTitle: 'Báo cáo',
    title: 'Kết quả thực hiện mô hình chính quyền địa phương hai cấp 6 tháng đầu năm 2026',
    draft: o.draft ?? true,
    preamble: 'Thực hiện Công văn số 1234/SNV-CQĐP của Sở Nội vụ, Ủy ban nhân dân xã Đại Đồng báo cáo như sau:',
    sections: [
      {
        number: 'I',
        title: 'TÌNH HÌNH TỔ CHỨC BỘ MÁY VÀ BIÊN CHẾ',
        blocks: [
          {
            kind: 'paragraph',
            text: 'Bộ máy của xã được kiện toàn theo Nghị định số 150/2025/NĐ-CP.\nCác phòng chuyên môn hoạt động ổn định.',
          },
          {
            kind: 'figures',
            items: [
              { label: 'Tổng số cán bộ, công chức', value: 1234567, format: 'int', previous: 1200000 },
              { label: 'Tỷ lệ hồ sơ giải quyết đúng hạn', value: 87.5, format: 'percent', previous: 85.25 },
              { label: 'Kinh phí chi trả chế độ', value: 2500000000, format: 'vnd' },
              { label: 'Số vị trí việc làm còn thiếu', value: null, format: 'int', missingText: 'chưa có số liệu' },
            ],
          },
        ],
        subsections: [
          {
            number: '1',
            title: 'Biên chế theo phòng chuyên môn',
            blocks: [
              {
                kind: 'table',
                title: 'Biên chế và số người hiện có theo thôn',
                columns: [
                  { label: 'Đơn vị', format: 'text' },
                  { label: 'Biên chế giao', format: 'int' },
                  { label: 'Hiện có', format: 'int' },
                  { label: 'Tỷ lệ', format: 'percent' },
                ],
                rows: Array.from({ length: rows }, (_, i) => [
                  `Thôn số ${i + 1}`,
                  1000 + i * 37,
                  900 + i * 31,
                  Math.round(((900 + i * 31) / (1000 + i * 37)) * 1000) / 10,
                ]),
                note: 'Số liệu tính đến ngày 30/6/2026.',
              },
            ],
          },
        ],
      },
      {
        number: 'II',
        title: 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
        blocks: [
          {
            kind: 'chart',
            title: 'Hồ sơ tiếp nhận theo tháng',
            type: 'bar',
            categories: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6'],
            series: [
              { name: 'Tiếp nhận', values: [1200, 980, 1430, 1510, 1620, 1705] },
              { name: 'Đúng hạn', values: [1100, 900, 1300, 1400, 1500, null] },
            ],
            format: 'int',
          },
          {
            kind: 'chart',
            title: 'Tỷ lệ đúng hạn',
            type: 'line',
            categories: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6'],
            series: [{ name: 'Tỷ lệ', values: [91.7, 91.8, null, 92.7, 92.6, 93.1] }],
            format: 'percent',
          },
          { kind: 'notice', text: 'Chưa có số liệu lưu trữ trên hệ thống.' },
        ],
      },
    ],
    signature: { authority: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', signerName: 'Nguyễn Văn An' },
    recipients: ['- UBND tỉnh Bắc Ninh;', '- Sở Nội vụ;', '- Lưu: VT.'],
  };
}
