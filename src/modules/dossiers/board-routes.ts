import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import { XLSX_TYPE, XlsxFile } from '../../core/schemas.js';
import { dossierTrend } from './board.js';
import { exportBoard } from './board-export.js';
import { BoardExportQuery, BoardTrend, BoardTrendQuery } from './contract.js';

/** The board's trend by month and its Excel export (the board itself and congestion: routes.ts). */
export async function dossierBoardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/dashboards/dossiers/trend',
    {
      schema: {
        tags: ['dossiers'],
        summary: "The board's figures by month over the last 12 months (country, a province or a commune)",
        querystring: BoardTrendQuery,
        response: { 200: BoardTrend },
      },
    },
    (req) => dossierTrend(app.database.db, actorOf(req), { unit: req.query.unit, field: req.query.field }, app.clock),
  );

  r.get(
    '/api/dashboards/dossiers/export',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'The board as an Excel workbook: key figures, by field, by unit (with names) and by month',
        querystring: BoardExportQuery,
        produces: [XLSX_TYPE],
        response: { 200: XlsxFile },
      },
    },
    async (req, reply) => {
      const now = app.clock.now();
      const to = req.query.to ?? app.clock.localDate(now);
      const from = req.query.from ?? app.clock.localDate(new Date(now.getTime() - 29 * 86_400_000));
      if (from > to) throw invalid('from', 'invalid_value', { detail: `> ${to}` });
      const out = await exportBoard(
        app.database.db,
        actorOf(req),
        { unit: req.query.unit, from, to, field: req.query.field },
        app.clock,
        req.lang ?? 'vi',
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="bang-dieu-hanh-${out.place}-${out.today}.xlsx"`)
        .send(out.file);
    },
  );
}
