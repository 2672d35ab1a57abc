import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { Lang, Paging } from '../../core/schemas.js';
import { listAudit } from './service.js';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries of the places in your scope, newest first',
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ pattern: '^\\d{2}$|^\\d{5}$' })),
          entity: Type.Optional(Type.String({ maxLength: 50 })),
          ...Paging,
          lang: Lang,
        }),
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
