import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  LangQuery,
  ProfilePatch,
  UnitDetail,
  UnitDetailQuery,
  UnitNames,
  UnitNamesQuery,
  UnitPage,
  UnitParams,
  UnitsQuery,
} from './contract.js';
import { getUnit, listUnits, unitNames, updateProfile } from './service.js';

export async function unitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'List administrative units in your scope',
        querystring: UnitsQuery,
        response: { 200: UnitPage },
      },
    },
    (req) =>
      listUnits(app.database.db, actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );

  r.get(
    '/api/units/names',
    {
      schema: {
        tags: ['units'],
        summary: 'Codes and names of the units of a province (for pickers); any user of that province',
        querystring: UnitNamesQuery,
        response: { 200: UnitNames },
      },
    },
    (req) => unitNames(app.database.db, actorOf(req), req.query.province, req.query),
  );

  r.get(
    '/api/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with its province, dated versions, former units (lineage) and counts',
        params: UnitParams,
        querystring: UnitDetailQuery,
        response: { 200: UnitDetail },
      },
    },
    (req) => getUnit(app.database.db, actorOf(req), req.params.code, req.query.at),
  );

  r.patch(
    '/api/units/:code/profile',
    {
      schema: {
        tags: ['units'],
        summary: "Update the unit's contact details (audited; repeating the same request changes nothing)",
        params: UnitParams,
        querystring: LangQuery,
        body: ProfilePatch,
        response: { 200: UnitDetail },
      },
    },
    (req) => updateProfile(app.database.db, actorOf(req), req.params.code, req.body),
  );
}
