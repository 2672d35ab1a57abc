/**
 * One document model for a report, rendered to DOCX, PDF and the Excel annex (issue #20: "one document model
 * rendered to both formats, not two layouts kept by hand"). Pure data: the report service builds it from a report's
 * sections and figures; the renderers lay it out in the administrative format of Decree 30/2020/NĐ-CP
 * (Appendix I: A4, Times New Roman 13–14 pt, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
 * Every text here is already in the document's language (Vietnamese): renderers print, they never translate.
 */

/** A value of a figure or a table cell. Numbers are printed in Vietnamese format by the renderer (1.234,5). */
export type CellValue = string | number | null;

/** How a number is printed: a count, a percentage (the value is already ×100, e.g. 87.5 → "87,5%"), a decimal, money in đồng. */
export type NumberFormat = 'int' | 'percent' | 'decimal' | 'vnd';

export interface DocFigure {
  label: string;
  value: number | null;
  format: NumberFormat;
  /** the same figure for the previous period, printed beside it when present */
  previous?: number | null;
  /** what a null value means ("chưa có số liệu"), printed instead of a number */
  missingText?: string;
}

export interface DocColumn {
  label: string;
  /** text columns align left, numbers right */
  format: NumberFormat | 'text';
}

export type DocBlock =
  /** a paragraph of the author's text or of generated prose; line breaks ("\n") start new paragraphs */
  | { kind: 'paragraph'; text: string; style?: 'regular' | 'bold' | 'italic' }
  /** key figures: one line each, "label: value (kỳ trước: previous)" */
  | { kind: 'figures'; items: DocFigure[] }
  /** a table with a numbered title ("Bảng 1. ...") and an optional note under it; the annex gets one sheet per table */
  | { kind: 'table'; title: string; columns: DocColumn[]; rows: CellValue[][]; note?: string }
  /** a chart rendered as an image: bar or line over categories, one or more series */
  | {
      kind: 'chart';
      title: string;
      type: 'bar' | 'line';
      categories: string[];
      series: { name: string; values: (number | null)[] }[];
      format: NumberFormat;
    }
  /** a plain statement in place of figures, e.g. a module not yet in the platform ("Chưa có số liệu trên hệ thống") */
  | { kind: 'notice'; text: string };

export interface DocSection {
  /** "I", "II" for top sections; "1", "2" for subsections: the renderer prints "I." / "1." */
  number: string;
  title: string;
  blocks: DocBlock[];
  subsections?: DocSection[];
}

export interface ReportDocument {
  header: {
    /** the body above the issuer, upper case in print (e.g. "UBND TỈNH BẮC NINH"); null for the Ministry */
    parentBody: string | null;
    /** the issuing body (e.g. "SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN XÃ ĐẠI ĐỒNG", "BỘ NỘI VỤ") */
    issuingBody: string;
    /** "Số: 15/BC-UBND": number null while a draft (printed "Số:      /BC-UBND") */
    number: number | null;
    /** the symbol after the number, e.g. "BC-UBND", "BC-SNV", "BC-BNV" */
    symbol: string;
    /** the place name in the date line ("Bắc Ninh, ngày 05 tháng 7 năm 2026") */
    place: string;
    /** ISO date of the document */
    date: string;
  };
  /** the kind of document in capitals: "BÁO CÁO" */
  kindTitle: string;
  /** the summary title under it ("Kết quả thực hiện mô hình chính quyền địa phương hai cấp 6 tháng đầu năm 2026") */
  title: string;
  /** a "DỰ THẢO" mark while the report is not approved */
  draft: boolean;
  /** an opening paragraph ("Thực hiện ..., UBND xã báo cáo như sau:") */
  preamble?: string;
  sections: DocSection[];
  signature: {
    /** "TM. ỦY BAN NHÂN DÂN" / "KT. BỘ TRƯỞNG"; null when the signer signs in their own right */
    authority: string | null;
    /** "CHỦ TỊCH", "GIÁM ĐỐC", "THỨ TRƯỞNG" */
    position: string;
    /** null while unsigned */
    signerName: string | null;
  };
  /** "Nơi nhận:" lines, e.g. ["- UBND tỉnh;", "- Sở Nội vụ;", "- Lưu: VT."] */
  recipients: string[];
}
