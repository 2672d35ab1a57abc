import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../../core/context.js';
import { FormParams, FormPdf, LangQuery } from '../contract.js';
import { dossierForm } from './service.js';

/** The printable one-stop forms 01–05 of a dossier, as PDF. */
export async function dossierFormRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/dossiers/:id/forms/:form',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'A printable form (Circular 01/2018, A5) as PDF: 01 receipt and appointment, 02 supplement request, 03 refusal, ' +
          '04 apology and new date, 05 control slip; 409 when the form does not fit the dossier',
        params: FormParams,
        querystring: LangQuery,
        produces: ['application/pdf'],
        response: { 200: FormPdf },
      },
    },
    async (req, reply) => {
      const { model, pdf } = await dossierForm(
        app.database.db,
        actorOf(req),
        req.params.id,
        req.params.form,
        app.clock,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${model.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
