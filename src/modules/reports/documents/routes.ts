/**
 * The report's documents: Word and PDF in the Decree 30 format, and the Excel annex with every table.
 * The report service owns loading and access: it passes `load`, which answers the report's document model as the
 * caller may see it (the same scope as GET /api/reports/:id: 404 outside it) or throws. These routes only render.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DOCX_TYPE, DocxFile, PDF_TYPE, PdfFile, XLSX_TYPE, XlsxFile, ErrorBody } from '../../../core/schemas.js';
import type { ReportDocument } from '../domain/document-model.js';
import { IdParams as Params } from '../contract.js';
import { renderReportDocx } from './docx.js';
import { renderReportPdf } from './pdf.js';
import { renderReportAnnex } from './xlsx.js';
import { pdfFonts } from '../../../core/pdf/index.js';

export interface LoadedDocument {
  document: ReportDocument;
  /** the file name without extension, e.g. "bao-cao-6-thang-2026-xa-dai-dong" (made ASCII here) */
  fileBase: string;
  /** the period in words for the annex ("6 tháng đầu năm 2026") */
  periodLabel?: string;
  /** the date stamped in the files' metadata: the report's last change, so the same version gives the same bytes */
  stampedAt: Date;
}

export interface DocumentSource {
  load(req: FastifyRequest, id: string): Promise<LoadedDocument>;
}

/** "Báo cáo 6 tháng – Đại Đồng" → "bao-cao-6-thang-dai-dong" (a header-safe ASCII file name). */
export function asciiFileName(base: string): string {
  const s = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || 'bao-cao';
}

export async function reportDocumentRoutes(app: FastifyInstance, source: DocumentSource) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];
  const send = (
    reply: import('fastify').FastifyReply,
    type: string,
    name: string,
    bytes: Uint8Array,
    disposition: 'attachment' | 'inline',
  ) =>
    reply
      .type(type)
      .header('content-disposition', `${disposition}; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes));

  r.get(
    '/api/reports/:id/document.docx',
    {
      schema: {
        tags,
        summary: 'The report as a Word document in the administrative format of Decree 30/2020 (A4, Times New Roman)',
        params: Params,
        produces: [DOCX_TYPE],
        response: { 200: DocxFile, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const d = await source.load(req, req.params.id);
      const bytes = await renderReportDocx(d.document, d.stampedAt);
      return send(reply, DOCX_TYPE, `${asciiFileName(d.fileBase)}.docx`, bytes, 'attachment');
    },
  );

  r.get(
    '/api/reports/:id/document.pdf',
    {
      schema: {
        tags,
        summary: 'The report as PDF, the same layout as the Word document, fonts embedded, page numbers',
        params: Params,
        produces: [PDF_TYPE],
        response: { 200: PdfFile, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const d = await source.load(req, req.params.id);
      const bytes = await renderReportPdf(d.document, await pdfFonts(), d.stampedAt);
      return send(reply, PDF_TYPE, `${asciiFileName(d.fileBase)}.pdf`, bytes, 'inline');
    },
  );

  r.get(
    '/api/reports/:id/annex.xlsx',
    {
      schema: {
        tags,
        summary: "The report's Excel annex: one sheet per table and per chart's data, with the title and period",
        params: Params,
        produces: [XLSX_TYPE],
        response: { 200: XlsxFile, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const d = await source.load(req, req.params.id);
      const bytes = await renderReportAnnex(d.document, d.stampedAt, { periodLabel: d.periodLabel });
      return send(reply, XLSX_TYPE, `${asciiFileName(d.fileBase)}-phu-luc.xlsx`, bytes, 'attachment');
    },
  );
}
