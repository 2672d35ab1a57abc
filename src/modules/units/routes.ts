import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  CommuneGeo,
  CommuneGeoQuery,
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
import { communeShapes } from './geo.js';
import { invalid, notFound } from '../../core/errors.js';

export async function unitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Public reference data, like the provinces' map: a province's communes, or a commune among its neighbours.
  r.get(
    '/api/geo/communes',
    {
      config: { public: true },
      schema: {
        tags: ['units'],
        summary: "Commune boundaries (GeoJSON): a province's communes, or a commune and its neighbours",
        querystring: CommuneGeoQuery,
        response: { 200: CommuneGeo },
      },
    },
    async (req, reply) => {
      const { province, around } = req.query;
      if (!province && !around) throw invalid('province', 'required', { field: 'province' });
      const shapes = communeShapes();
      if (around && !shapes.has(around)) throw notFound('unit', { code: around });
      const features = around ? shapes.around(around) : shapes.province(province!);
      if (!features.length) throw notFound('unit', { code: province! });
      reply.header('cache-control', 'public, max-age=86400');
      return { type: 'FeatureCollection' as const, features };
    },
  );

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
