/**
 * The document model of a report (issue #20), built from the report, its sections and the units' names: the header of
 * an administrative document under Decree 30/2020/NĐ-CP (Appendix I: the issuing body under its parent, "Số: …/BC-…",
 * place and date, "BÁO CÁO" and the summary title), the numbered sections with their figures, tables, charts and the
 * author's text, the signature block and "Nơi nhận". Pure: numbers stay numbers (the renderers format them), every
 * text is Vietnamese (renderers print, never translate).
 */
import type { CellValue, DocBlock, DocSection, ReportDocument } from './document-model.js';
import type { StoredFigures } from './figures.js';
import { COLUMN_LABELS, FIGURE_LABELS, NO_FIGURES, TABLE_LABELS } from './labels.js';
import type { ReportLevel } from './outline.js';
import { parsePeriod, periodTitle } from './periods.js';
import type { ReportStatus } from './lifecycle.js';

export interface DocumentReport {
  level: ReportLevel;
  kind: string;
  period: string;
  status: ReportStatus;
  number: number | null;
}

export interface DocumentSectionInput {
  key: string;
  title: string;
  provider: string | null;
  text: string;
  figures: StoredFigures | null;
}

export interface DocumentNames {
  /** the unit's full name: "Phường Ba Đình", "Thành phố Hà Nội"; ignored for the country */
  unit: string;
  /** the province's full name for a commune or a province ("Thành phố Hà Nội"); null for the country */
  province: string | null;
  /** names of the units in the tables' rows, by code (communes of a province, the provinces) */
  units: Record<string, string>;
}

export interface DocumentOptions {
  /** the outline's title ("Kết quả thực hiện mô hình chính quyền địa phương hai cấp") */
  outlineTitle: string;
  /** ISO date of the document (the submission's day once submitted, else today) */
  date: string;
  signerName?: string | null;
}

/** Charts stay readable up to this many categories (the 34 provinces); longer tables are printed as tables only. */
const MAX_CHART_CATEGORIES = 40;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
export const roman = (n: number): string => {
  if (n <= ROMAN.length) return ROMAN[n - 1]!;
  const table: [number, string][] = [
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) [n, out] = [n - v, out + s];
  return out;
};

const upper = (s: string) => s.toLocaleUpperCase('vi');
/** "Phường Ba Đình" → "Ba Đình", "Thành phố Hà Nội" → "Hà Nội", "Đặc khu Phú Quốc" → "Phú Quốc". */
export const shortName = (full: string) => full.replace(/^(Xã|Phường|Đặc khu|Thành phố|Tỉnh)\s+/u, '');
/** "Thành phố Hà Nội" → "thành phố Hà Nội" (inside a sentence). */
const lowerType = (full: string) => full.replace(/^(Xã|Phường|Đặc khu|Thành phố|Tỉnh)/u, (m) => m.toLowerCase());

function header(r: DocumentReport, names: DocumentNames, date: string): ReportDocument['header'] {
  if (r.level === 'country')
    return { parentBody: null, issuingBody: 'BỘ NỘI VỤ', number: r.number, symbol: 'BC-BNV', place: 'Hà Nội', date };
  const province = names.province ?? names.unit;
  if (r.level === 'province')
    return {
      parentBody: `UBND ${upper(province)}`,
      issuingBody: 'SỞ NỘI VỤ',
      number: r.number,
      symbol: 'BC-SNV',
      place: shortName(province),
      date,
    };
  return {
    parentBody: null,
    issuingBody: `ỦY BAN NHÂN DÂN ${upper(names.unit)}`,
    number: r.number,
    symbol: 'BC-UBND',
    place: shortName(names.unit),
    date,
  };
}

function signature(level: ReportLevel, signerName: string | null): ReportDocument['signature'] {
  if (level === 'country') return { authority: null, position: 'BỘ TRƯỞNG', signerName };
  if (level === 'province') return { authority: null, position: 'GIÁM ĐỐC', signerName };
  return { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signerName };
}

function recipients(level: ReportLevel, names: DocumentNames): string[] {
  if (level === 'country')
    return [
      '- Thủ tướng Chính phủ (để báo cáo);',
      '- Văn phòng Chính phủ;',
      '- UBND các tỉnh, thành phố;',
      '- Sở Nội vụ các tỉnh, thành phố;',
      '- Lưu: VT, CQĐP.',
    ];
  const province = names.province ?? names.unit;
  if (level === 'province') return ['- Bộ Nội vụ (để báo cáo);', `- UBND ${lowerType(province)};`, '- Lưu: VT, SNV.'];
  return [`- UBND ${lowerType(province)};`, '- Sở Nội vụ;', '- Lưu: VT.'];
}

function figureBlocks(f: StoredFigures): DocBlock[] {
  if (!f.available) return [{ kind: 'notice', text: NO_FIGURES.vi }];
  const blocks: DocBlock[] = [];
  if (f.figures.length)
    blocks.push({
      kind: 'figures',
      items: f.figures.map((x) => ({
        label: FIGURE_LABELS[`${f.module}.${x.key}`]?.vi ?? x.key,
        value: x.value,
        format: x.format,
        previous: x.previous,
        ...(x.value === null ? { missingText: 'chưa có số liệu' } : {}),
      })),
    });
  return blocks;
}

function tableBlocks(f: StoredFigures, names: DocumentNames): DocBlock[] {
  if (!f.available) return [];
  const blocks: DocBlock[] = [];
  for (const t of f.tables) {
    if (t.rows.length === 0) continue;
    const title = TABLE_LABELS[`${f.module}.${t.key}`]?.vi ?? t.key;
    const columnLabel = (key: string) =>
      COLUMN_LABELS[`${f.module}.${key}`]?.vi ?? FIGURE_LABELS[`${f.module}.${key}`]?.vi ?? key;
    const unitLabel = (code: string) => names.units[code] ?? code;
    blocks.push({
      kind: 'table',
      title,
      columns: [
        { label: 'Đơn vị', format: 'text' },
        ...t.columns.map((c) => ({ label: columnLabel(c.key), format: c.format })),
      ],
      rows: t.rows.map((r): CellValue[] => [unitLabel(r.unit), ...r.values]),
    });
    if (t.rows.length <= MAX_CHART_CATEGORIES && t.columns.length > 0) {
      // The table's first measure as bars, one per unit.
      blocks.push({
        kind: 'chart',
        title: `${title}: ${columnLabel(t.columns[0]!.key).toLocaleLowerCase('vi')}`,
        type: 'bar',
        categories: t.rows.map((r) => unitLabel(r.unit)),
        series: [{ name: columnLabel(t.columns[0]!.key), values: t.rows.map((r) => r.values[0] ?? null) }],
        format: t.columns[0]!.format,
      });
    }
  }
  return blocks;
}

/** The report as the renderers print it. */
export function buildReportDocument(
  report: DocumentReport,
  sections: DocumentSectionInput[],
  names: DocumentNames,
  opts: DocumentOptions,
): ReportDocument {
  const period = parsePeriod(report.period);
  const when = period ? periodTitle(period) : report.period;
  const title = `${opts.outlineTitle} ${when}`;
  const author =
    report.level === 'country'
      ? 'Bộ Nội vụ'
      : report.level === 'province'
        ? `Sở Nội vụ ${lowerType(names.province ?? names.unit)}`
        : `Ủy ban nhân dân ${lowerType(names.unit)}`;
  const docSections: DocSection[] = sections.map((s, i) => {
    const blocks: DocBlock[] = [];
    if (s.provider)
      blocks.push(...figureBlocks(s.figures ?? { available: false, module: s.provider, figures: [], tables: [] }));
    const text = s.text.trim();
    if (text) blocks.push({ kind: 'paragraph', text });
    if (s.figures) blocks.push(...tableBlocks(s.figures, names));
    return { number: roman(i + 1), title: s.title, blocks };
  });
  return {
    header: header(report, names, opts.date),
    kindTitle: 'BÁO CÁO',
    title,
    draft: report.status !== 'approved' && report.status !== 'published',
    preamble: `Thực hiện chế độ báo cáo định kỳ, ${author} báo cáo ${title.charAt(0).toLocaleLowerCase('vi')}${title.slice(1)} như sau:`,
    sections: docSections,
    signature: signature(report.level, opts.signerName ?? null),
    recipients: recipients(report.level, names),
  };
}
