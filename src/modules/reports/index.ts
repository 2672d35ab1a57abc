/**
 * The reports module's front door (issue #20): periodic reports drafted from every module's figures. The server
 * registers the routes; the renderers (DOCX, PDF, the Excel annex) print the document model.
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
export { reportRoutes } from './routes.js';
export { loadReportDocument, reportForDocument } from './service.js';
export { buildReportDocument } from './domain/build-document.js';

import { registerCapabilities, capabilitiesFrom } from '../../core/capabilities.js';
import { REPORT_POLICY } from './policy.js';
registerCapabilities('reports', (actor) => capabilitiesFrom(REPORT_POLICY, { read: 'reports.read' }, actor));
export { reportsDemoModule } from './demo.js';
export { draftEndedPeriod, lateReports, runSchedule } from './schedule.js';
