import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  Id,
  LangQuery,
  OrgPlan,
  OrgPlanPage,
  OrgUnit,
  OrgUnitBody,
  OrgUnitPage,
  OrgUnitQuery,
  PlanActBody,
  PlanBody,
  PlanQuery,
  Progress,
} from './contract.js';
import { actOnPlan, createOrgUnit, createPlan, getPlan, listOrgUnits, listPlans, progress } from './service.js';

export async function organisationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const tags = ['organisations'];
  const page = <T extends { page?: number; pageSize?: number }>(q: T) => ({
    ...q,
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 50,
  });

  r.get(
    '/api/organisations/units',
    {
      schema: {
        tags,
        summary: 'Public service units and state-owned enterprises in your scope',
        querystring: OrgUnitQuery,
        response: { 200: OrgUnitPage },
      },
    },
    (req) => listOrgUnits(db(), actorOf(req), page(req.query)),
  );

  r.post(
    '/api/organisations/units',
    {
      schema: {
        tags,
        summary: 'Register a public service unit or an enterprise (of a province, a commune or a ministry)',
        querystring: LangQuery,
        body: OrgUnitBody,
        response: { 201: OrgUnit },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrgUnit(db(), actorOf(req), req.body, app.clock)),
  );

  r.get(
    '/api/organisations/plans',
    {
      schema: {
        tags,
        summary: 'Rearrangement plans in your scope (overdue: still open after the target date)',
        querystring: PlanQuery,
        response: { 200: OrgPlanPage },
      },
    },
    (req) => listPlans(db(), actorOf(req), page(req.query), app.clock),
  );

  r.post(
    '/api/organisations/plans',
    {
      schema: {
        tags,
        summary:
          'Draw up a plan: merge, split, dissolve, transfer, equitize or divest (the same clientRef gives the first)',
        querystring: LangQuery,
        body: PlanBody,
        response: { 201: OrgPlan },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(db(), actorOf(req), req.body, app.clock)),
  );

  r.get(
    '/api/organisations/plans/:id',
    { schema: { tags, summary: 'One plan', params: Id, querystring: LangQuery, response: { 200: OrgPlan } } },
    (req) => getPlan(db(), actorOf(req), req.params.id, app.clock),
  );

  r.post(
    '/api/organisations/plans/:id/actions',
    {
      schema: {
        tags,
        summary: 'Approve (with the decision), start, complete (closes the units before, makes those after) or cancel',
        params: Id,
        querystring: LangQuery,
        body: PlanActBody,
        response: { 200: OrgPlan },
      },
    },
    (req) => actOnPlan(db(), actorOf(req), req.params.id, req.body, app.clock),
  );

  r.get(
    '/api/organisations/progress',
    {
      schema: {
        tags,
        summary: 'Plans by kind and state, overdue plans, units before against after, per province and ministry',
        querystring: LangQuery,
        response: { 200: Progress },
      },
    },
    (req) => progress(db(), actorOf(req), app.clock),
  );
}
