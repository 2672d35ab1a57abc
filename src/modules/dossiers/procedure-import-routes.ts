import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { ProcedureImportQuery, ProcedureImportReport } from './contract.js';
import { importProvinceProcedures, MAX_PROCEDURE_FILE_BYTES } from './service/procedure-import.js';

/**
 * POST /api/procedures/import (multipart, field `file`): a province's official procedure list from the national
 * procedure database's Excel export. Its own plugin: the multipart parser (with the strict size limit) serves this
 * route only.
 */
export async function procedureImportRoutes(app: FastifyInstance) {
  // One file, at most the import's size: a larger upload is cut off by the parser before it is buffered.
  await app.register(multipart, { limits: { fileSize: MAX_PROCEDURE_FILE_BYTES + 1, files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/procedures/import',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          "Import a province's official procedure list from the national procedure database's Excel export (.xlsx, multipart field `file`)",
        description:
          "Each good row becomes the province's own version from `validFrom`; a row that cannot be read is refused, " +
          'naming the row and the column, and the others are imported. Importing the same file again changes nothing. ' +
          'The columns accepted are listed in docs/procedure-catalogue.md.',
        consumes: ['multipart/form-data'],
        querystring: ProcedureImportQuery,
        response: { 200: ProcedureImportReport },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const province = req.query.province ?? actor.provinceCode;
      if (!province) throw invalid('province', 'required', { field: 'province' });
      if (!req.isMultipart()) throw invalid('file', 'import_no_file');
      const part = await req.file();
      if (!part) throw invalid('file', 'import_no_file');
      const file = await part.toBuffer().catch(() => {
        throw invalid('file', 'proc_import_too_large', { max: MAX_PROCEDURE_FILE_BYTES / 1024 / 1024 });
      });
      return importProvinceProcedures(app.database.db, actor, province, file, {
        lang: req.lang,
        validFrom: req.query.validFrom ?? app.clock.localDate(app.clock.now()),
      });
    },
  );
}
