import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from '../../core/schemas.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  AgencyList,
  CalculateBody,
  Calculation,
  CaseBody,
  CaseDetail,
  CasePage,
  CorrectBody,
  ErrorBody,
  ExportQuery,
  IdParams,
  ImportBody,
  ImportResult,
  LangQuery,
  ListQuery,
  OverrideBody,
  Progress,
  ProgressQuery,
  Settings,
  SettingsBody,
  StepBody,
  Docx,
  Pdf,
  Xlsx,
} from './contract.js';
import { casesWorkbook, progressWorkbook } from './export.js';
import { settlementSheet } from './sheet.js';
import { settlementSheetPdf } from './sheet-pdf.js';
import { pdfFonts } from '../../core/pdf/index.js';
import { importTemplate, parseCaseList } from './import.js';
import { t, type MessageKey } from '../../core/i18n.js';
import {
  agencyList,
  calculate,
  casesForExport,
  correctCase,
  getCase,
  getSettings,
  importCases,
  listCases,
  overrideCase,
  progress,
  proposeCase,
  putSettings,
  stepCase,
} from './service.js';

const tags = ['settlement'];

export async function settlementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const clock = () => app.clock;

  r.post(
    '/api/settlement/calculate',
    {
      schema: {
        tags,
        summary:
          'What would I get: the benefit under Decree 178/2024 (as amended by Decree 67/2025), line by line; stores nothing',
        querystring: LangQuery,
        body: CalculateBody,
        response: { 200: Calculation, 422: ErrorBody },
      },
    },
    (req) => calculate(db(), actorOf(req), req.body, req.lang),
  );

  r.get(
    '/api/settlement/cases',
    {
      schema: {
        tags,
        summary: 'Leaving cases in your scope, newest first',
        querystring: ListQuery,
        response: { 200: CasePage },
      },
    },
    (req) => listCases(db(), actorOf(req), req.query, clock(), req.lang),
  );

  r.post(
    '/api/settlement/cases',
    {
      schema: {
        tags,
        summary: 'Propose a leaving case: eligibility checked, the benefit computed and stored with its lines',
        querystring: LangQuery,
        body: CaseBody,
        response: { 200: CaseDetail, 201: CaseDetail, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const r = await proposeCase(db(), actorOf(req), req.body, clock(), req.lang);
      return reply.status(r.created ? 201 : 200).send(r.detail);
    },
  );

  r.get(
    '/api/settlement/cases/:id',
    {
      schema: {
        tags,
        summary: 'A leaving case with its benefit lines, deadlines and steps',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: CaseDetail },
      },
    },
    (req) => getCase(db(), actorOf(req), req.params.id, clock(), req.lang),
  );

  r.get(
    '/api/settlement/cases/:id/sheet.docx',
    {
      schema: {
        tags,
        summary:
          "The person's settlement sheet (Word, official format) with the lines and the legal basis, for signing",
        params: IdParams,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        response: { 200: Docx },
      },
    },
    async (req, reply) => {
      const c = await getCase(db(), actorOf(req), req.params.id, clock(), 'vi');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="bang-tinh-${c.code}.docx"`)
        .send(await settlementSheet(c));
    },
  );

  r.get(
    '/api/settlement/cases/:id/sheet.pdf',
    {
      schema: {
        tags,
        summary: "The person's settlement sheet as PDF: the Word sheet's lines and legal basis, same access",
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: Pdf },
      },
    },
    async (req, reply) => {
      const c = await getCase(db(), actorOf(req), req.params.id, clock(), 'vi');
      const bytes = await settlementSheetPdf(c, await pdfFonts(), clock().now());
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="bang-tinh-${c.code}.pdf"`)
        .send(Buffer.from(bytes));
    },
  );

  r.patch(
    '/api/settlement/cases/:id',
    {
      schema: {
        tags,
        summary: 'Correct the values of a case (with a reason, before the leaving decision); the benefit is recomputed',
        params: IdParams,
        querystring: LangQuery,
        body: CorrectBody,
        response: { 200: CaseDetail, 422: ErrorBody },
      },
    },
    (req) => correctCase(db(), actorOf(req), req.params.id, req.body, clock(), req.lang),
  );

  r.post(
    '/api/settlement/cases/:id/steps',
    {
      schema: {
        tags,
        summary: 'Approve, refuse (with the reason), record the leaving decision, the payment, or close',
        params: IdParams,
        querystring: LangQuery,
        body: StepBody,
        response: { 200: CaseDetail },
      },
    },
    (req) => stepCase(db(), actorOf(req), req.params.id, req.body, clock(), req.lang),
  );

  r.post(
    '/api/settlement/cases/:id/override',
    {
      schema: {
        tags,
        summary: 'Set the amount instead of the computed total (approvers, with a reason); both stay visible',
        params: IdParams,
        querystring: LangQuery,
        body: OverrideBody,
        response: { 200: CaseDetail },
      },
    },
    (req) => overrideCase(db(), actorOf(req), req.params.id, req.body, clock(), req.lang),
  );

  r.get(
    '/api/settlement/progress',
    {
      schema: {
        tags,
        summary:
          'Progress: per province (x of 34) and per ministry or central agency (y of 27); your units for a province',
        querystring: ProgressQuery,
        response: { 200: Progress },
      },
    },
    (req) => progress(db(), actorOf(req), clock(), req.lang, req.query.today),
  );

  r.get(
    '/api/settlement/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The case list or the progress board as Excel',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: Xlsx },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const buf =
        req.query.kind === 'cases'
          ? await casesWorkbook(await casesForExport(db(), actor, req.query.status, clock(), req.lang), req.lang)
          : await progressWorkbook(await progress(db(), actor, clock(), req.lang), req.lang);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="nghi-viec-${req.query.kind === 'cases' ? 'danh-sach' : 'tien-do'}.xlsx"`,
        )
        .send(buf);
    },
  );

  r.post(
    '/api/settlement/import',
    {
      bodyLimit: 15_000_000,
      schema: {
        tags,
        summary: "Import an agency's case list (Excel, Vietnamese headers): all or nothing, errors by row and column",
        querystring: LangQuery,
        body: ImportBody,
        response: { 200: ImportResult, 422: ImportResult },
      },
    },
    async (req, reply) => {
      const parsed = await parseCaseList(Buffer.from(req.body.fileBase64, 'base64'), req.body.agency, req.lang);
      const message = (e: { messageKey: MessageKey; params: Record<string, string | number> }) => {
        const params = { ...e.params };
        if (typeof params.whatKey === 'string') params.what = t(req.lang, params.whatKey as MessageKey, params);
        return t(req.lang, e.messageKey, params);
      };
      const result = await importCases(
        db(),
        actorOf(req),
        req.body.agency,
        parsed.rows,
        parsed.errors,
        clock(),
        req.lang,
        message,
      );
      return reply.status(result.errors.length ? 422 : 200).send(result);
    },
  );

  r.get(
    '/api/settlement/import-template.xlsx',
    {
      schema: {
        tags,
        summary: 'A blank case list with the headers the import reads',
        produces: [XLSX_TYPE],
        response: { 200: Xlsx },
      },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="mau-danh-sach-nghi-viec.xlsx"')
        .send(await importTemplate()),
  );

  r.get(
    '/api/settlement/agencies',
    {
      schema: {
        tags,
        summary: 'The ministries and central agencies outside the unit tree',
        querystring: LangQuery,
        response: { 200: AgencyList },
      },
    },
    (req) => agencyList(req.lang),
  );

  r.get(
    '/api/settlement/settings',
    {
      schema: {
        tags,
        summary: 'The dated settings of the rules (base salary, deadlines)',
        response: { 200: Settings },
      },
    },
    (req) => getSettings(db(), actorOf(req)),
  );

  r.put(
    '/api/settlement/settings',
    {
      schema: {
        tags,
        summary: 'Change the national settings (Ministry)',
        body: SettingsBody,
        response: { 200: Settings },
      },
    },
    (req) => putSettings(db(), actorOf(req), req.body, clock()),
  );
}
