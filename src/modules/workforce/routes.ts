import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  Agencies,
  AssignmentMade,
  LangQuery,
  NewAssignment,
  NewPerson,
  PeoplePage,
  PeopleQuery,
  Person,
  PersonDetail,
  PersonParams,
  PersonPatch,
  Posts,
  PostsQuery,
  SummaryQuery,
  UnitQuery,
  WorkforceSummary,
} from './contract.js';
import {
  assign,
  createPerson,
  getPerson,
  listPeople,
  unitStructure,
  updatePerson,
  workforceSummary,
} from './service.js';

export async function workforceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => app.clock.localDate(app.clock.now());

  r.get(
    '/api/people',
    {
      schema: {
        tags: ['workforce'],
        summary: 'Cadres, civil servants and public employees in your scope (name search ignores diacritics)',
        querystring: PeopleQuery,
        response: { 200: PeoplePage },
      },
    },
    (req) =>
      listPeople(app.database.db, actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  );

  r.post(
    '/api/people',
    {
      schema: {
        tags: ['workforce'],
        summary: 'Add a person to a unit you manage',
        querystring: LangQuery,
        body: NewPerson,
        response: { 201: Person },
      },
    },
    async (req, reply) => reply.status(201).send(await createPerson(app.database.db, actorOf(req), req.body)),
  );

  r.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['workforce'],
        summary: 'A person with the whole assignment history and the requirement check',
        params: PersonParams,
        querystring: LangQuery,
        response: { 200: PersonDetail },
      },
    },
    (req) => getPerson(app.database.db, actorOf(req), req.params.id, today()),
  );

  r.patch(
    '/api/people/:id',
    {
      schema: {
        tags: ['workforce'],
        summary: "Correct a person's record (send `version` to avoid overwriting someone else's change)",
        params: PersonParams,
        querystring: LangQuery,
        body: PersonPatch,
        response: { 200: Person },
      },
    },
    (req) => updatePerson(app.database.db, actorOf(req), req.params.id, req.body as Parameters<typeof updatePerson>[3]),
  );

  r.post(
    '/api/assignments',
    {
      schema: {
        tags: ['workforce'],
        summary:
          'Assign a person to a post: a regular move closes the current post; ' +
          'a secondment or reinforcement runs beside it until its end date',
        querystring: LangQuery,
        body: NewAssignment,
        response: { 201: AssignmentMade },
      },
    },
    async (req, reply) => reply.status(201).send(await assign(app.database.db, actorOf(req), req.body)),
  );

  r.get(
    '/api/agencies',
    {
      schema: {
        tags: ['workforce'],
        summary: "A unit's agencies with their posts, holders and vacant seats",
        querystring: UnitQuery,
        response: { 200: Agencies },
      },
    },
    async (req) => ({ items: await unitStructure(app.database.db, actorOf(req), req.query.unit, today()) }),
  );

  r.get(
    '/api/posts',
    {
      schema: {
        tags: ['workforce'],
        summary: "A unit's leadership posts and job positions with their holders and vacant seats",
        querystring: PostsQuery,
        response: { 200: Posts },
      },
    },
    async (req) => {
      const agencies = await unitStructure(app.database.db, actorOf(req), req.query.unit, today());
      const items = agencies
        .flatMap((a) => a.posts.map((p) => ({ ...p, agencyId: a.id, agencyName: a.name })))
        .filter((p) => (!req.query.kind || p.kind === req.query.kind) && (!req.query.vacant || p.vacant > 0));
      return { items };
    },
  );

  r.get(
    '/api/workforce/summary',
    {
      schema: {
        tags: ['workforce'],
        summary:
          'Staffing against approved headcount, leadership vacancies, requirement shortfalls, age and qualification structure, secondments',
        querystring: SummaryQuery,
        response: { 200: WorkforceSummary },
      },
    },
    (req) => workforceSummary(app.database.db, actorOf(req), { unit: req.query.unit }, today()),
  );
}
