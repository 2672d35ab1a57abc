import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { IsoDate, Lang, Paging, StringEnum } from '../../core/schemas.js';
import { EDUCATION, POLITICAL_THEORY, STATE_MANAGEMENT } from './domain/requirements.js';
import {
  assign,
  createPerson,
  getPerson,
  listPeople,
  unitStructure,
  updatePerson,
  workforceSummary,
} from './service.js';

const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'contract'] as const;
const Code = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(s: T) => Type.Optional(Type.Union([s, Type.Null()]));
const PersonFields = {
  fullName: Type.String({ minLength: 2, maxLength: 120 }),
  birthDate: IsoDate('date of birth'),
  sex: StringEnum(['male', 'female'] as const),
  nationalId: Type.String({ pattern: '^\\d{12}$', description: 'personal identification number (12 digits)' }),
  ethnicity: Type.Optional(Type.String({ maxLength: 40 })),
  phone: Opt(Type.String({ maxLength: 20, pattern: '^[0-9 +().-]*$' })),
  email: Opt(Type.String({ maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' })),
  category: StringEnum(CATEGORIES),
  educationLevel: StringEnum(EDUCATION),
  educationField: Opt(Type.String({ maxLength: 60 })),
  politicalTheory: Type.Optional(StringEnum(POLITICAL_THEORY)),
  stateManagement: Type.Optional(StringEnum(STATE_MANAGEMENT)),
  itCertificate: Opt(Type.String({ maxLength: 60 })),
  foreignLanguage: Opt(Type.String({ maxLength: 60 })),
  rankCode: Opt(Type.String({ maxLength: 20 })),
  salaryStep: Opt(Type.Integer({ minimum: 1, maximum: 20 })),
  salaryCoefficient: Opt(Type.Number({ minimum: 1, maximum: 12 })),
  partyJoinDate: Opt(IsoDate('Party membership date')),
};

export async function workforceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const today = () => app.clock.localDate(app.clock.now());

  r.get(
    '/api/people',
    {
      schema: {
        tags: ['workforce'],
        summary: 'Cadres, civil servants and public employees in your scope (name search ignores diacritics)',
        querystring: Type.Object({
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          unit: Type.Optional(Code),
          category: Type.Optional(StringEnum(CATEGORIES)),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...Paging,
          lang: Lang,
        }),
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
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object({ unitCode: Code, ...PersonFields }, { additionalProperties: false }),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ lang: Lang }),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ lang: Lang }),
        body: Type.Partial(Type.Object({ ...PersonFields, version: Type.Integer({ minimum: 1 }) }), {
          additionalProperties: false,
        }),
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
          'Assign a person to a post: a regular move closes the current post; a secondment or reinforcement runs beside it until its end date',
        querystring: Type.Object({ lang: Lang }),
        body: Type.Object(
          {
            personId: Type.String({ format: 'uuid' }),
            postId: Type.String({ format: 'uuid' }),
            kind: StringEnum(['regular', 'secondment', 'reinforcement'] as const),
            startDate: IsoDate('first day'),
            endDate: Type.Optional(IsoDate('last day (required for secondment and reinforcement)')),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
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
        querystring: Type.Object({ unit: Code, lang: Lang }),
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
        querystring: Type.Object({
          unit: Code,
          kind: Type.Optional(StringEnum(['leadership', 'job_position'] as const)),
          vacant: Type.Optional(Type.Boolean()),
          lang: Lang,
        }),
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
        querystring: Type.Object({ unit: Type.Optional(Code), lang: Lang }),
      },
    },
    (req) => workforceSummary(app.database.db, actorOf(req), { unit: req.query.unit }, today()),
  );
}
