import { describe, expect, it } from 'vitest';
import { buildReportDocument, roman, shortName, type DocumentSectionInput } from './build-document.js';
import type { StoredFigures } from './figures.js';

const source = {
  module: 'dossiers',
  query: 'dossierBoard',
  period: '2026-H1',
  scope: { kind: 'province' as const, provinceCode: '01', unitCode: '01' },
  computedAt: '2026-07-05T03:00:00.000Z',
  link: '/board',
};
const dossiers: StoredFigures = {
  available: true,
  module: 'dossiers',
  figures: [
    { key: 'received', value: 12345, format: 'int', previous: 10000, source },
    { key: 'onTimeRate', value: 97.5, format: 'percent', previous: null, source },
    { key: 'index766', value: null, format: 'percent', previous: null, source },
  ],
  tables: [
    {
      key: 'byUnit',
      columns: [
        { key: 'received', format: 'int' },
        { key: 'onTimeRate', format: 'percent' },
      ],
      rows: [
        { unit: '00004', values: [500, 98.1] },
        { unit: '00008', values: [420, null] },
      ],
      source,
    },
  ],
};
const sections: DocumentSectionInput[] = [
  {
    key: 'dossiers',
    title: 'Giải quyết thủ tục hành chính',
    provider: 'dossiers',
    text: 'Đoạn một.\nĐoạn hai.',
    figures: dossiers,
  },
  {
    key: 'training',
    title: 'Tập huấn',
    provider: 'training',
    text: '',
    figures: { available: false, module: 'training', figures: [], tables: [] },
  },
  {
    key: 'proposals',
    title: 'Kiến nghị, đề xuất',
    provider: null,
    text: 'Đề nghị Bộ Nội vụ hướng dẫn.',
    figures: null,
  },
];
const names = {
  unit: 'Thành phố Hà Nội',
  province: 'Thành phố Hà Nội',
  units: { '00004': 'Phường Ba Đình', '00008': 'Phường Ngọc Hà' },
};
const opts = { outlineTitle: 'Kết quả thực hiện mô hình chính quyền địa phương hai cấp', date: '2026-07-05' };

describe("the document model (Decree 30/2020's layout, numbers left to the renderer)", () => {
  it("a province's report: the Department of Home Affairs under the province's People's Committee", () => {
    const d = buildReportDocument(
      { level: 'province', kind: 'semiannual', period: '2026-H1', status: 'submitted', number: 15 },
      sections,
      names,
      opts,
    );
    expect(d.header).toEqual({
      parentBody: 'UBND THÀNH PHỐ HÀ NỘI',
      issuingBody: 'SỞ NỘI VỤ',
      number: 15,
      symbol: 'BC-SNV',
      place: 'Hà Nội',
      date: '2026-07-05',
    });
    expect(d.kindTitle).toBe('BÁO CÁO');
    expect(d.title).toBe('Kết quả thực hiện mô hình chính quyền địa phương hai cấp 6 tháng đầu năm 2026');
    expect(d.draft).toBe(true);
    expect(d.signature).toEqual({ authority: null, position: 'GIÁM ĐỐC', signerName: null });
    expect(d.recipients).toEqual(['- Bộ Nội vụ (để báo cáo);', '- UBND thành phố Hà Nội;', '- Lưu: VT, SNV.']);
    expect(d.preamble).toContain('Sở Nội vụ thành phố Hà Nội báo cáo kết quả thực hiện');
  });

  it('sections numbered I, II, III: figures as numbers with the previous period, the text, the table and its chart', () => {
    const d = buildReportDocument(
      { level: 'province', kind: 'semiannual', period: '2026-H1', status: 'approved', number: 15 },
      sections,
      names,
      opts,
    );
    expect(d.draft).toBe(false);
    expect(d.sections.map((s) => [s.number, s.title])).toEqual([
      ['I', 'Giải quyết thủ tục hành chính'],
      ['II', 'Tập huấn'],
      ['III', 'Kiến nghị, đề xuất'],
    ]);
    const [figures, text, table, chart] = d.sections[0]!.blocks;
    expect(figures).toEqual({
      kind: 'figures',
      items: [
        { label: 'Hồ sơ tiếp nhận', value: 12345, format: 'int', previous: 10000 },
        { label: 'Tỷ lệ giải quyết đúng hạn', value: 97.5, format: 'percent', previous: null },
        {
          label: 'Điểm Bộ chỉ số 766 (%)',
          value: null,
          format: 'percent',
          previous: null,
          missingText: 'chưa có số liệu',
        },
      ],
    });
    expect(text).toEqual({ kind: 'paragraph', text: 'Đoạn một.\nĐoạn hai.' });
    expect(table).toEqual({
      kind: 'table',
      title: 'Giải quyết thủ tục hành chính theo đơn vị',
      columns: [
        { label: 'Đơn vị', format: 'text' },
        { label: 'Tiếp nhận', format: 'int' },
        { label: 'Đúng hạn (%)', format: 'percent' },
      ],
      rows: [
        ['Phường Ba Đình', 500, 98.1],
        ['Phường Ngọc Hà', 420, null],
      ],
    });
    expect(chart).toMatchObject({ kind: 'chart', type: 'bar', categories: ['Phường Ba Đình', 'Phường Ngọc Hà'] });
    expect(chart).toMatchObject({ series: [{ values: [500, 420] }], format: 'int' });
    // A module without figures says so; a text section holds the author's text only.
    expect(d.sections[1]!.blocks).toEqual([{ kind: 'notice', text: 'Chưa có số liệu trên hệ thống.' }]);
    expect(d.sections[2]!.blocks).toEqual([{ kind: 'paragraph', text: 'Đề nghị Bộ Nội vụ hướng dẫn.' }]);
  });

  it("a commune's report: its People's Committee signs on its behalf (TM.), a draft has no number yet", () => {
    const d = buildReportDocument(
      { level: 'commune', kind: 'monthly', period: '2026-05', status: 'draft', number: null },
      [],
      { unit: 'Xã Đại Đồng', province: 'Tỉnh Bắc Ninh', units: {} },
      { ...opts, outlineTitle: 'Tình hình hoạt động của chính quyền địa phương' },
    );
    expect(d.header).toMatchObject({
      parentBody: null,
      issuingBody: 'ỦY BAN NHÂN DÂN XÃ ĐẠI ĐỒNG',
      number: null,
      symbol: 'BC-UBND',
      place: 'Đại Đồng',
    });
    expect(d.title).toBe('Tình hình hoạt động của chính quyền địa phương tháng 5 năm 2026');
    expect(d.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signerName: null });
    expect(d.recipients).toEqual(['- UBND tỉnh Bắc Ninh;', '- Sở Nội vụ;', '- Lưu: VT.']);
  });

  it("the Ministry's national report", () => {
    const d = buildReportDocument(
      { level: 'country', kind: 'annual', period: '2026', status: 'published', number: 3 },
      [],
      { unit: '', province: null, units: {} },
      { ...opts, outlineTitle: 'Kết quả công tác nội vụ' },
    );
    expect(d.header).toMatchObject({ parentBody: null, issuingBody: 'BỘ NỘI VỤ', symbol: 'BC-BNV', place: 'Hà Nội' });
    expect(d.title).toBe('Kết quả công tác nội vụ năm 2026');
    expect(d.signature.position).toBe('BỘ TRƯỞNG');
  });

  it('helpers', () => {
    expect([1, 4, 9, 12, 14, 19, 40].map(roman)).toEqual(['I', 'IV', 'IX', 'XII', 'XIV', 'XIX', 'XL']);
    expect(shortName('Đặc khu Phú Quốc')).toBe('Phú Quốc');
    expect(shortName('Tỉnh Bắc Ninh')).toBe('Bắc Ninh');
  });
});
