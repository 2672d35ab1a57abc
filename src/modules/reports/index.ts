/**
 * The reports module's front door (issue #20, being built): periodic reports drafted from every module's figures.
 * Other modules import nothing from here yet.
 */
export type {
  ReportDocument,
  DocSection,
  DocBlock,
  DocFigure,
  DocColumn,
  NumberFormat,
  CellValue,
} from './domain/document-model.js';
