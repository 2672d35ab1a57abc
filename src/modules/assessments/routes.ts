import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import { IsoDate, Lang, Paging, StringEnum } from '../../core/schemas.js';
import { BANDS } from './domain/settings.js';
import {
  assignTask,
  closePeriod,
  compareUnits,
  computeAnnual,
  confirmRating,
  correctReview,
  deliverTask,
  getPeriod,
  getReview,
  getSettings,
  getTask,
  headAssess,
  listPeriods,
  listTasks,
  overdueAssessments,
  personAssessments,
  publishUnitYear,
  putSettings,
  reviewTask,
  selfAssess,
  unitAnnual,
  updateRating,
} from './service.js';
import { annualWorkbook, annualReportDocx } from './export.js';

const Id = Type.String({ format: 'uuid' });
const Code = Type.String({ pattern: '^\\d{2}$|^\\d{5}$' });
const Year = Type.Integer({ minimum: 2025, maximum: 2100 });
const Q = Type.Object({ lang: Lang });
const Score = (max: number) => Type.Number({ minimum: 0, maximum: max });
const General = Type.Object(
  { qualities: Score(100), competence: Score(100), innovation: Score(100) },
  {
    additionalProperties: false,
    description: 'general criteria, each up to its maximum in the settings (10 by default)',
  },
);
const Text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const TaskReview = {
  acceptedQuantity: Type.Integer({ minimum: 0, maximum: 10000, description: 'products delivered and accepted' }),
  majorErrors: Type.Integer({ minimum: 0, maximum: 100 }),
  delays: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, description: 'default: one when delivered after the due date' }),
  ),
  exemption: Type.Optional(
    StringEnum(['none', 'task', 'timeliness'] as const, {
      description: 'objective, confirmed cause: take the task out, or forgive its delays',
    }),
  ),
  exemptionReason: Type.Optional(Text(1000)),
  note: Type.Optional(Text(2000)),
};

const Share = Type.Number({ minimum: 0, maximum: 1 });
const Points = Type.Number({ minimum: 0, maximum: 100 });
/** Overrides of the settings (see domain/settings.ts for what each means and its documented default). */
const SettingsBody = Type.Partial(
  Type.Object({
    generalMax: Points,
    taskMax: Points,
    generalCriteria: Type.Array(
      Type.Object(
        { code: StringEnum(['qualities', 'competence', 'innovation'] as const), max: Points },
        { additionalProperties: false },
      ),
      { minItems: 3, maxItems: 3 },
    ),
    errorPenalty: Share,
    delayPenalty: Share,
    measureWeights: Type.Object(
      {
        quantity: Type.Number({ minimum: 0, maximum: 10 }),
        quality: Type.Number({ minimum: 0, maximum: 10 }),
        timeliness: Type.Number({ minimum: 0, maximum: 10 }),
      },
      { additionalProperties: false },
    ),
    leaderShares: Type.Object({ own: Share, unit: Share, organisation: Share }, { additionalProperties: false }),
    unitResultWhenAnyFails: Share,
    bandFloors: Type.Object({ excellent: Points, good: Points, completed: Points }, { additionalProperties: false }),
    minMonthsWorked: Type.Number({ minimum: 0, maximum: 12 }),
    absenceCapMonths: Type.Number({ minimum: 0, maximum: 12 }),
    absenceCap: StringEnum(BANDS),
    sanctionCap: StringEnum(BANDS),
    excellentQuotaShare: Share,
    excellentQuotaShareOutstanding: Share,
    annualDue: Type.Object(
      { month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 31 }) },
      { additionalProperties: false },
    ),
    periodKind: StringEnum(['month', 'quarter'] as const),
    productKinds: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^[a-z][a-z_]{1,39}$' }),
          weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  }),
  { additionalProperties: false },
);

export async function assessmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.database.db;
  const today = () => app.clock.localDate(app.clock.now());
  const tags = ['assessments'];

  r.get(
    '/api/assessments/settings',
    {
      schema: {
        tags,
        summary: "The scoring settings that apply (national, or a province's own), with the documented defaults",
        querystring: Type.Object({ province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })), lang: Lang }),
      },
    },
    (req) => getSettings(db(), actorOf(req), req.query.province),
  );

  r.put(
    '/api/assessments/settings',
    {
      schema: {
        tags,
        summary: 'Override settings: the Ministry nationally (no province), a province for its own units',
        querystring: Type.Object({ province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })), lang: Lang }),
        body: SettingsBody,
      },
    },
    (req) => putSettings(db(), actorOf(req), req.query.province ?? null, req.body),
  );

  r.get(
    '/api/assessments/periods',
    {
      schema: {
        tags,
        summary: 'Periods (months or quarters) of the units in your scope',
        querystring: Type.Object({
          unit: Type.Optional(Code),
          year: Type.Optional(Year),
          status: Type.Optional(StringEnum(['open', 'closed'] as const)),
          lang: Lang,
        }),
      },
    },
    (req) => listPeriods(db(), actorOf(req), req.query),
  );

  r.get(
    '/api/assessments/periods/:id',
    {
      schema: {
        tags,
        summary: 'A period: everyone assessed in it, with the live (or frozen) score',
        params: Type.Object({ id: Id }),
        querystring: Q,
      },
    },
    (req) => getPeriod(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/assessments/periods/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a period: its scores are frozen, later changes go through corrections',
        params: Type.Object({ id: Id }),
        querystring: Q,
      },
    },
    (req) => closePeriod(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/assessments/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks in your scope (a staff account: its own)',
        querystring: Type.Object({
          person: Type.Optional(Id),
          unit: Type.Optional(Code),
          period: Type.Optional(Id),
          status: Type.Optional(StringEnum(['assigned', 'delivered', 'reviewed'] as const)),
          ...Paging,
          lang: Lang,
        }),
      },
    },
    (req) =>
      listTasks(db(), actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }),
  );

  r.post(
    '/api/assessments/tasks',
    {
      schema: {
        tags,
        summary: 'Assign a task to a person of a unit you manage (the period is opened on first use)',
        querystring: Q,
        body: Type.Object(
          {
            personId: Id,
            title: Type.String({ minLength: 3, maxLength: 300 }),
            productKind: Type.String({
              minLength: 1,
              maxLength: 40,
              description: 'a product kind of the conversion table',
            }),
            quantity: Type.Integer({ minimum: 1, maximum: 10000 }),
            weight: Type.Optional(Type.Number({ minimum: 0.1, maximum: 10 })),
            dueDate: IsoDate('due date'),
            clientRef: Type.Optional(
              Type.String({
                maxLength: 80,
                description: "the client's own id: sending it again returns the same task",
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await assignTask(db(), actorOf(req), req.body, today())),
  );

  r.get(
    '/api/assessments/tasks/:id',
    { schema: { tags, summary: 'A task', params: Type.Object({ id: Id }), querystring: Q } },
    (req) => getTask(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/assessments/tasks/:id/delivery',
    {
      schema: {
        tags,
        summary: 'The person reports delivery with evidence (repeatable while not reviewed)',
        params: Type.Object({ id: Id }),
        querystring: Q,
        body: Type.Object(
          {
            deliveredQuantity: Type.Integer({ minimum: 0, maximum: 10000 }),
            deliveredOn: IsoDate('delivery date'),
            evidence: Type.Optional(Text(2000)),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => deliverTask(db(), actorOf(req), req.params.id, req.body, today()),
  );

  r.post(
    '/api/assessments/tasks/:id/review',
    {
      schema: {
        tags,
        summary: 'The head judges the task: accepted products, major errors, delays, exemption',
        params: Type.Object({ id: Id }),
        querystring: Q,
        body: Type.Object(
          { ...TaskReview, version: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
    },
    (req) => reviewTask(db(), actorOf(req), req.params.id, req.body),
  );

  const ReviewParams = Type.Object({ id: Id, personId: Id });
  r.get(
    '/api/assessments/periods/:id/people/:personId',
    {
      schema: {
        tags,
        summary:
          "A person's assessment in a period: tasks, self-assessment, the head's, the collective's comments, the score",
        params: ReviewParams,
        querystring: Q,
      },
    },
    (req) => getReview(db(), actorOf(req), req.params.id, req.params.personId),
  );

  r.put(
    '/api/assessments/periods/:id/people/:personId/self',
    {
      schema: {
        tags,
        summary: 'Self-assessment (the person themself)',
        params: ReviewParams,
        querystring: Q,
        body: Type.Object({ general: General, comment: Type.Optional(Text(4000)) }, { additionalProperties: false }),
      },
    },
    (req) => selfAssess(db(), actorOf(req), req.params.id, req.params.personId, req.body),
  );

  r.put(
    '/api/assessments/periods/:id/people/:personId/head',
    {
      schema: {
        tags,
        summary: "The head's assessment, the collective's comments and (leaders) the organisation of the unit's work",
        params: ReviewParams,
        querystring: Q,
        body: Type.Object(
          {
            general: Type.Optional(General),
            comment: Type.Optional(Text(4000)),
            organisationPercent: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
            collectiveComment: Type.Optional(Text(4000)),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => headAssess(db(), actorOf(req), req.params.id, req.params.personId, req.body),
  );

  r.post(
    '/api/assessments/reviews/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Correct a frozen score of a closed period, with the reason (kept with the score before and after)',
        params: Type.Object({ id: Id }),
        querystring: Q,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 5, maxLength: 2000 }),
            general: Type.Optional(General),
            organisationPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
            tasks: Type.Optional(
              Type.Array(Type.Object({ id: Id, ...TaskReview }, { additionalProperties: false }), { maxItems: 200 }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await correctReview(db(), actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/assessments/people/:id',
    {
      schema: {
        tags,
        summary: "A person's scores over time, wherever they worked, and the annual ratings",
        params: Type.Object({ id: Id }),
        querystring: Q,
      },
    },
    (req) => personAssessments(db(), actorOf(req), req.params.id),
  );

  const UnitYear = Type.Object({ code: Code, year: Year });
  r.get(
    '/api/assessments/units/:code/annual/:year',
    {
      schema: {
        tags,
        summary: "A unit's annual classification list, the bands against the excellent quota",
        params: UnitYear,
        querystring: Q,
      },
    },
    (req) => unitAnnual(db(), actorOf(req), req.params.code, req.params.year),
  );

  r.post(
    '/api/assessments/units/:code/annual/:year/compute',
    {
      schema: {
        tags,
        summary: "Propose the year's ratings of the unit from the closed periods (confirmed ones are kept)",
        params: UnitYear,
        querystring: Q,
      },
    },
    (req) => computeAnnual(db(), actorOf(req), req.params.code, req.params.year),
  );

  r.post(
    '/api/assessments/units/:code/annual/:year/publish',
    {
      schema: {
        tags,
        summary: 'Publish the results inside the unit; mark the unit outstanding (larger excellent quota)',
        params: UnitYear,
        querystring: Q,
        body: Type.Object(
          { outstanding: Type.Optional(Type.Boolean()), publish: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      },
    },
    (req) => publishUnitYear(db(), actorOf(req), req.params.code, req.params.year, req.body),
  );

  r.get(
    '/api/assessments/units/:code/annual/:year/list.xlsx',
    {
      schema: { tags, summary: 'The annual classification list as Excel', params: UnitYear, querystring: Q },
    },
    async (req, reply) => {
      const data = await unitAnnual(db(), actorOf(req), req.params.code, req.params.year);
      const buf = await annualWorkbook(data);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="xep-loai-${data.unit.code}-${data.year}.xlsx"`)
        .send(buf);
    },
  );

  r.get(
    '/api/assessments/units/:code/annual/:year/report.docx',
    {
      schema: {
        tags,
        summary: 'The annual classification report in the official document format (Decree 30/2020)',
        params: UnitYear,
        querystring: Q,
      },
    },
    async (req, reply) => {
      const data = await unitAnnual(db(), actorOf(req), req.params.code, req.params.year);
      const buf = await annualReportDocx(data, today());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="bao-cao-xep-loai-${data.unit.code}-${data.year}.docx"`)
        .send(buf);
    },
  );

  r.patch(
    '/api/assessments/annual/:id',
    {
      schema: {
        tags,
        summary: 'Record absence or a sanction, or lower the band with a reason (never raise it)',
        params: Type.Object({ id: Id }),
        querystring: Q,
        body: Type.Object(
          {
            monthsAbsent: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
            sanctioned: Type.Optional(Type.Boolean()),
            sanctionNote: Type.Optional(Text(1000)),
            band: Type.Optional(StringEnum(BANDS)),
            loweredReason: Type.Optional(Text(1000)),
            version: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => updateRating(db(), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/assessments/annual/:id/confirm',
    {
      schema: { tags, summary: 'Confirm an annual rating', params: Type.Object({ id: Id }), querystring: Q },
    },
    (req) => confirmRating(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/assessments/compare',
    {
      schema: {
        tags,
        summary: 'Provinces (Ministry) or communes (province) compared: bands, excellent share, units over the quota',
        querystring: Type.Object({
          year: Year,
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          lang: Lang,
        }),
      },
    },
    (req) => compareUnits(db(), actorOf(req), req.query.year, req.query.province),
  );

  r.get(
    '/api/assessments/overdue',
    {
      schema: {
        tags,
        summary: 'Units with staff not yet rated for the year, and the days left before the due date (15 December)',
        querystring: Type.Object({ year: Year, ...Paging, lang: Lang }),
      },
    },
    (req) =>
      overdueAssessments(db(), actorOf(req), req.query.year, today(), req.query.page ?? 1, req.query.pageSize ?? 50),
  );
}
