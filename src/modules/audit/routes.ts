import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { AuditPage, AuditQuery } from './contract.js';
import { listAudit } from './service.js';

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
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );
}
