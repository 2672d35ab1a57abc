import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { XLSX_TYPE, XlsxFile } from '../../core/schemas.js';
import { AuditExportQuery, AuditPage, AuditQuery } from './contract.js';
import { exportAudit, listAudit } from './service.js';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries of the places in your scope, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    (req) =>
      listAudit(app.database.db, actorOf(req), {
        unit: req.query.unit,
        entity: req.query.entity,
        action: req.query.action,
        who: req.query.who,
        from: req.query.from,
        to: req.query.to,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );
  r.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit entries as an Excel workbook, in words (at most 20,000, newest first)',
        querystring: AuditExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: XlsxFile },
      },
    },
    async (req, reply) => {
      const { lang: _lang, ...filter } = req.query;
      const file = await exportAudit(app.database.db, actorOf(req), filter, req.lang ?? 'vi');
      const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="nhat-ky-${day}.xlsx"`)
        .send(file);
    },
  );
}
