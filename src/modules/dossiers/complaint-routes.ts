import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { rateLimiter } from '../../core/rate-limit.js';
import {
  CitizenComplaintInput,
  Complaint,
  ComplaintList,
  IdParams,
  LangQuery,
  ReceiptCodeParams,
  StaffComplaintInput,
} from './contract.js';
import { citizenComplaint, dossierComplaintList, staffComplaint } from './service/complaints.js';

/**
 * Complaints about a dossier (phản ánh, kiến nghị): the citizen's on the public look-up, the staff's for one brought to
 * them; counted once per dossier with the dissatisfied ratings in the 766 satisfaction (docs/dossier-figures.md).
 */
export async function dossierComplaintRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const publicLimit = rateLimiter(Number(process.env.PUBLIC_RATE_LIMIT ?? 30), 60_000);

  r.post(
    '/api/public/dossiers/:receiptCode/complaints',
    {
      config: { public: true },
      onRequest: publicLimit,
      schema: {
        tags: ['public'],
        summary: "The citizen's complaint about a dossier, with the receipt's rating code or ID digits (rate-limited)",
        params: ReceiptCodeParams,
        querystring: LangQuery,
        body: CitizenComplaintInput,
        response: { 201: Complaint },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await citizenComplaint(app.database.db, req.params.receiptCode, req.body, app.clock)),
  );

  r.post(
    '/api/dossiers/:id/complaints',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Record a complaint about the dossier brought to the counter, by phone or in writing',
        params: IdParams,
        querystring: LangQuery,
        body: StaffComplaintInput,
        response: { 201: Complaint },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await staffComplaint(app.database.db, actorOf(req), req.params.id, req.body, app.clock)),
  );

  r.get(
    '/api/dossiers/:id/complaints',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The complaints about the dossier, oldest first',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: ComplaintList },
      },
    },
    (req) => dossierComplaintList(app.database.db, actorOf(req), req.params.id),
  );
}
