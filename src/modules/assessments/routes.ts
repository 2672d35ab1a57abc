import type { FastifyInstance } from 'fastify';
import { XLSX_TYPE } from '../../core/schemas.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../../core/context.js';
import {
  assignTask,
  calculateAnnual,
  calculateScore,
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
import {
  AnnualComputed,
  AnnualRatingSchema,
  AssignBody,
  CalculateAnnualBody,
  CalculateBody,
  Calculated,
  CalculatedAnnual,
  CompareQuery,
  Comparison,
  CorrectionBody,
  CorrectionSchema,
  DeliveryBody,
  Docx,
  HeadBody,
  IdParams,
  LangQuery,
  Overdue,
  OverdueQuery,
  PeriodClosed,
  PeriodList,
  PeriodsQuery,
  PeriodView,
  PersonRecord,
  PersonReview,
  PublishBody,
  Published,
  RatingBody,
  ReviewParams,
  ReviewRowSchema,
  SelfBody,
  SettingsBody,
  SettingsQuery,
  SettingsSaved,
  SettingsView,
  TaskPage,
  TaskReviewBody,
  TaskSchema,
  TasksQuery,
  TaskWithPeriod,
  UnitAnnual,
  UnitYearParams,
  Xlsx,
} from './contract.js';

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
        querystring: SettingsQuery,
        response: { 200: SettingsView },
      },
    },
    (req) => getSettings(db(), actorOf(req), req.query.province),
  );

  r.post(
    '/api/assessments/calculate',
    {
      schema: {
        tags,
        summary: 'What will my score be: a period score from the general criteria, the products and (leaders) the unit',
        querystring: LangQuery,
        body: CalculateBody,
        response: { 200: Calculated },
      },
    },
    (req) => calculateScore(db(), actorOf(req), req.body),
  );

  r.post(
    '/api/assessments/calculate-annual',
    {
      schema: {
        tags,
        summary: "What will my year's rating be: the average of the period scores, months served, absence, sanction",
        querystring: LangQuery,
        body: CalculateAnnualBody,
        response: { 200: CalculatedAnnual },
      },
    },
    (req) => calculateAnnual(db(), actorOf(req), req.body),
  );

  r.put(
    '/api/assessments/settings',
    {
      schema: {
        tags,
        summary: 'Override settings: the Ministry nationally (no province), a province for its own units',
        querystring: SettingsQuery,
        body: SettingsBody,
        response: { 200: SettingsSaved },
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
        querystring: PeriodsQuery,
        response: { 200: PeriodList },
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
        params: IdParams,
        querystring: LangQuery,
        response: { 200: PeriodView },
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
        params: IdParams,
        querystring: LangQuery,
        response: { 200: PeriodClosed },
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
        querystring: TasksQuery,
        response: { 200: TaskPage },
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
        querystring: LangQuery,
        body: AssignBody,
        response: { 201: TaskSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await assignTask(db(), actorOf(req), req.body, today())),
  );

  r.get(
    '/api/assessments/tasks/:id',
    {
      schema: { tags, summary: 'A task', params: IdParams, querystring: LangQuery, response: { 200: TaskWithPeriod } },
    },
    (req) => getTask(db(), actorOf(req), req.params.id),
  );

  r.post(
    '/api/assessments/tasks/:id/delivery',
    {
      schema: {
        tags,
        summary: 'The person reports delivery with evidence (repeatable while not reviewed)',
        params: IdParams,
        querystring: LangQuery,
        body: DeliveryBody,
        response: { 200: TaskSchema },
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
        params: IdParams,
        querystring: LangQuery,
        body: TaskReviewBody,
        response: { 200: TaskSchema },
      },
    },
    (req) => reviewTask(db(), actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/assessments/periods/:id/people/:personId',
    {
      schema: {
        tags,
        summary:
          "A person's assessment in a period: tasks, self-assessment, the head's, the collective's comments, the score",
        params: ReviewParams,
        querystring: LangQuery,
        response: { 200: PersonReview },
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
        querystring: LangQuery,
        body: SelfBody,
        response: { 200: ReviewRowSchema },
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
        querystring: LangQuery,
        body: HeadBody,
        response: { 200: ReviewRowSchema },
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
        params: IdParams,
        querystring: LangQuery,
        body: CorrectionBody,
        response: { 201: CorrectionSchema },
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
        params: IdParams,
        querystring: LangQuery,
        response: { 200: PersonRecord },
      },
    },
    (req) => personAssessments(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/assessments/units/:code/annual/:year',
    {
      schema: {
        tags,
        summary: "A unit's annual classification list, the bands against the excellent quota",
        params: UnitYearParams,
        querystring: LangQuery,
        response: { 200: UnitAnnual },
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
        params: UnitYearParams,
        querystring: LangQuery,
        response: { 200: AnnualComputed },
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
        params: UnitYearParams,
        querystring: LangQuery,
        body: PublishBody,
        response: { 200: Published },
      },
    },
    (req) => publishUnitYear(db(), actorOf(req), req.params.code, req.params.year, req.body),
  );

  r.get(
    '/api/assessments/units/:code/annual/:year/list.xlsx',
    {
      schema: {
        tags,
        summary: 'The annual classification list as Excel',
        params: UnitYearParams,
        querystring: LangQuery,
        produces: [XLSX_TYPE],
        response: { 200: Xlsx },
      },
    },
    async (req, reply) => {
      const data = await unitAnnual(db(), actorOf(req), req.params.code, req.params.year);
      const buf = await annualWorkbook(data);
      return reply
        .header('content-type', XLSX_TYPE)
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
        params: UnitYearParams,
        querystring: LangQuery,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        response: { 200: Docx },
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
        params: IdParams,
        querystring: LangQuery,
        body: RatingBody,
        response: { 200: AnnualRatingSchema },
      },
    },
    (req) => updateRating(db(), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/assessments/annual/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm an annual rating',
        params: IdParams,
        querystring: LangQuery,
        response: { 200: AnnualRatingSchema },
      },
    },
    (req) => confirmRating(db(), actorOf(req), req.params.id),
  );

  r.get(
    '/api/assessments/compare',
    {
      schema: {
        tags,
        summary: 'Provinces (Ministry) or communes (province) compared: bands, excellent share, units over the quota',
        querystring: CompareQuery,
        response: { 200: Comparison },
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
        querystring: OverdueQuery,
        response: { 200: Overdue },
      },
    },
    (req) =>
      overdueAssessments(db(), actorOf(req), req.query.year, today(), req.query.page ?? 1, req.query.pageSize ?? 50),
  );
}
