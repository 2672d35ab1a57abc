import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { makeNationalId } from '../workforce/index.js';

// A year of its own (2027), so the demo nation's 2026 assessments do not mix with what the tests do.
const clock = testClock('2027-03-25T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let head: Session; // commune-00004: the head of Phường Ba Đình
let otherCommune: Session;
let otherProvince: Session;
let hanoi: Session;
let ministry: Session;
let staff: Session; // linked to person A
let colleagueStaff: Session; // linked to person B

type Person = { id: string; fullName: string; unitCode: string };
type Task = { id: string; status: string; version: number; periodId: string; personId: string };
type Score = {
  total: number | null;
  band: string | null;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  general: number;
  leader: boolean;
};
type Review = {
  review: { id: string; version: number } | null;
  score: Score | null;
  provisional: boolean;
  tasks: Task[];
  corrections: { reason: string; before: Score; after: Score }[];
};

let A: Person;
let B: Person;
let leaderId: string | undefined;
let task1: Task;

const suffix = Date.now().toString(36);
const DEFAULT_KINDS = [
  { code: 'document', weight: 1 },
  { code: 'report', weight: 1 },
  { code: 'plan', weight: 2 },
  { code: 'draft_regulation', weight: 4 },
  { code: 'dossier', weight: 0.25 },
  { code: 'inspection', weight: 3 },
  { code: 'meeting', weight: 0.5 },
  { code: 'field_visit', weight: 1 },
  { code: 'other', weight: 1 },
];

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  const admin = await signIn(ctx.app, 'admin');
  [head, otherCommune, otherProvince, hanoi, ministry] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'ministry'),
  ]);
  const agencies = (
    (await head.get('/api/agencies?unit=00004')).json() as {
      items: { posts: { id: string; kind: string; holders: { personId: string }[] }[] }[];
    }
  ).items;
  const leaders = new Set(
    agencies.flatMap((a) =>
      a.posts.filter((p) => p.kind === 'leadership').flatMap((p) => p.holders.map((h) => h.personId)),
    ),
  );
  leaderId = [...leaders][0];
  const jobPost = agencies.flatMap((a) => a.posts).find((p) => p.kind === 'job_position')!;
  // Two civil servants of the commune, in post since January 2027 (the demo's 2026 data stays as generated).
  const hire = async (fullName: string, birthDate: string, sex: 'male' | 'female') => {
    const nationalId = makeNationalId('001', birthDate, sex, 100_000 + Math.floor(Math.random() * 800_000));
    const res = await head.send('POST', '/api/people', {
      unitCode: '00004',
      fullName,
      birthDate,
      sex,
      nationalId,
      category: 'civil_servant',
      educationLevel: 'bachelor',
      educationField: 'law',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Person;
    expect(
      (
        await head.send('POST', '/api/assignments', {
          personId: p.id,
          postId: jobPost.id,
          kind: 'regular',
          startDate: '2027-01-04',
        })
      ).statusCode,
    ).toBe(201);
    return p;
  };
  A = await hire('Lê Thị Minh Thư', '1990-05-12', 'female');
  B = await hire('Trần Quốc Bảo', '1987-11-02', 'male');
  for (const [p, name] of [
    [A, 'a'],
    [B, 'b'],
  ] as const) {
    const res = await admin.send('POST', '/api/users', {
      username: `staff-t-${name}-${suffix}`,
      displayName: p.fullName,
      role: 'staff',
      provinceCode: '01',
      communeCode: '00004',
      personId: p.id,
      password: 'staff-password-1',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  staff = await signIn(ctx.app, `staff-t-a-${suffix}`, 'staff-password-1');
  colleagueStaff = await signIn(ctx.app, `staff-t-b-${suffix}`, 'staff-password-1');
});
afterAll(() => ctx.close());

const assign = (s: Session, body: Record<string, unknown>) =>
  s.send('POST', '/api/assessments/tasks?lang=vi', {
    title: 'Báo cáo kết quả cải cách hành chính quý I',
    productKind: 'report',
    quantity: 1,
    dueDate: '2027-03-20',
    ...body,
  });
const reviewOf = async (s: Session, periodId: string, personId: string) =>
  (await s.get(`/api/assessments/periods/${periodId}/people/${personId}`)).json() as Review;

describe('a head assigns, the person delivers, the head reviews', () => {
  it('a head assigns a task to a person of the unit; the period opens on first use', async () => {
    const res = await assign(head, { personId: A.id, clientRef: `t1-${suffix}` });
    expect(res.statusCode, res.body).toBe(201);
    task1 = res.json() as Task;
    expect(task1.status).toBe('assigned');
    // A flaky connection sends it again: the same task comes back.
    const again = await assign(head, { personId: A.id, clientRef: `t1-${suffix}` });
    expect((again.json() as Task).id).toBe(task1.id);
    const periods = (await head.get('/api/assessments/periods?unit=00004&year=2027')).json() as {
      items: { id: string; label: string; status: string }[];
    };
    expect(periods.items.find((p) => p.id === task1.periodId)).toMatchObject({ label: 'Q1/2027', status: 'open' });
  });

  it('names the field, in Vietnamese, when the product kind is not in the conversion table', async () => {
    const res = await assign(head, { personId: A.id, productKind: 'poem' });
    expect(res.statusCode).toBe(400);
    const err = (res.json() as { error: { field: string; message: string } }).error;
    expect(err.field).toBe('productKind');
    expect(err.message).toContain('Loại sản phẩm «poem»');
  });

  it('refuses a due date years away and a delivery dated in the future, naming the field', async () => {
    const far = await assign(head, { personId: A.id, dueDate: '2030-01-15' });
    expect(far.statusCode).toBe(400);
    expect((far.json() as { error: { field: string } }).error.field).toBe('dueDate');
    const future = await staff.send('POST', `/api/assessments/tasks/${task1.id}/delivery`, {
      deliveredQuantity: 1,
      deliveredOn: '2027-04-30',
    });
    expect(future.statusCode).toBe(400);
    expect((future.json() as { error: { field: string } }).error.field).toBe('deliveredOn');
  });

  it('other communes and provinces can neither assign nor see', async () => {
    expect((await assign(otherCommune, { personId: A.id })).statusCode).toBe(403);
    expect((await assign(otherProvince, { personId: A.id })).statusCode).toBe(403);
    expect((await otherCommune.get(`/api/assessments/tasks/${task1.id}`)).statusCode).toBe(403);
    expect(((await otherProvince.get(`/api/assessments/tasks?person=${A.id}`)).json() as { total: number }).total).toBe(
      0,
    );
    expect((await otherCommune.get(`/api/assessments/periods/${task1.periodId}/people/${A.id}`)).statusCode).toBe(403);
    expect((await hanoi.get(`/api/assessments/tasks/${task1.id}`)).statusCode).toBe(200);
    // Nor can a head assess someone of another commune in its own period.
    const stranger = ((await otherCommune.get('/api/people?pageSize=1')).json() as { items: Person[] }).items[0]!;
    const res = await head.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${stranger.id}/head`, {
      comment: 'x',
    });
    expect(res.statusCode).toBe(403);
  });

  it('the person sees only their own tasks and assessment, and cannot judge their own work', async () => {
    await assign(head, {
      personId: B.id,
      title: 'Thẩm định hồ sơ đăng ký hộ tịch',
      productKind: 'dossier',
      quantity: 8,
    });
    const mine = (await staff.get('/api/assessments/tasks')).json() as { items: Task[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((t) => t.personId === A.id)).toBe(true);
    expect((await staff.get(`/api/assessments/periods/${task1.periodId}/people/${B.id}`)).statusCode).toBe(403);
    expect(
      (await staff.send('POST', `/api/assessments/tasks/${task1.id}/review`, { acceptedQuantity: 1, majorErrors: 0 }))
        .statusCode,
    ).toBe(403);
    expect((await assign(staff, { personId: A.id })).statusCode).toBe(403);
  });

  it('the person reports delivery with evidence; only they can, and repeating it changes nothing', async () => {
    const body = {
      deliveredQuantity: 1,
      deliveredOn: '2027-03-18',
      evidence: 'Báo cáo số 12/BC-UBND ngày 18/3/2027',
      version: task1.version,
    };
    const first = await staff.send('POST', `/api/assessments/tasks/${task1.id}/delivery`, body);
    expect(first.statusCode, first.body).toBe(200);
    const again = await staff.send('POST', `/api/assessments/tasks/${task1.id}/delivery`, body);
    expect(again.statusCode).toBe(200);
    expect((again.json() as Task).version).toBe((first.json() as Task).version);
    const other = await colleagueStaff.send('POST', `/api/assessments/tasks/${task1.id}/delivery`, body);
    expect(other.statusCode).toBe(403);
    expect((other.json() as { error: { code: string } }).error.code).toBe('not_own_record');
    const r = await reviewOf(staff, task1.periodId, A.id);
    expect(r.provisional).toBe(true);
  });

  it('an exemption needs its reason, named as the field at fault', async () => {
    const res = await head.send('POST', `/api/assessments/tasks/${task1.id}/review`, {
      acceptedQuantity: 1,
      majorErrors: 0,
      exemption: 'timeliness',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { field: string } }).error.field).toBe('exemptionReason');
  });

  it('the head reviews one major error and judges the general criteria: the score is computed live', async () => {
    const res = await head.send('POST', `/api/assessments/tasks/${task1.id}/review`, {
      acceptedQuantity: 1,
      majorErrors: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const overMax = await head.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${A.id}/head`, {
      general: { qualities: 11, competence: 8, innovation: 8 },
    });
    expect(overMax.statusCode).toBe(400);
    expect((overMax.json() as { error: { field: string } }).error.field).toBe('general.qualities');
    const ok = await head.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${A.id}/head`, {
      general: { qualities: 8, competence: 8, innovation: 8 },
      comment: 'Hoàn thành đúng hạn, còn một lỗi số liệu.',
      collectiveComment: 'Tập thể thống nhất.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = await reviewOf(head, task1.periodId, A.id);
    // quantity 100, quality 75 (one major error: −25 %), timeliness 100 → 91.67 % of 70 = 64.17, plus 24
    expect(r.score).toMatchObject({
      quantity: 100,
      quality: 75,
      timeliness: 100,
      general: 24,
      total: 88.17,
      band: 'good',
    });
    expect(r.provisional).toBe(false);
  });

  it("the person writes a self-assessment, which does not change the head's score", async () => {
    const res = await staff.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${A.id}/self`, {
      general: { qualities: 10, competence: 10, innovation: 10 },
      comment: 'Tự đánh giá hoàn thành tốt.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (
        await colleagueStaff.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${A.id}/self`, {
          general: { qualities: 1, competence: 1, innovation: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await reviewOf(staff, task1.periodId, A.id)).score?.total).toBe(88.17);
  });

  it("a leader's score counts the unit's results", async () => {
    if (!leaderId) return expect.fail('the demo commune has no leader');
    await assign(head, { personId: leaderId, title: 'Kế hoạch tổ chức hội nghị tập huấn', productKind: 'plan' });
    await head.send('PUT', `/api/assessments/periods/${task1.periodId}/people/${leaderId}/head`, {
      general: { qualities: 10, competence: 10, innovation: 10 },
      organisationPercent: 100,
    });
    const period = (await head.get(`/api/assessments/periods/${task1.periodId}`)).json() as {
      items: { personId: string; score: Score | null }[];
    };
    const leader = period.items.find((i) => i.personId === leaderId)!;
    expect(leader.score?.leader).toBe(true);
    // own task not delivered (0 %), every scored subordinate completed (100 %), organisation 100 %:
    // 0.4·0 + 0.3·100 + 0.3·100 = 60 % → 42 + 30
    expect(leader.score?.total).toBe(72);
  });
});

describe('closing a period freezes it; corrections are recorded', () => {
  let reviewId: string;
  it('closing freezes the scores and refuses further changes', async () => {
    expect((await staff.send('POST', `/api/assessments/periods/${task1.periodId}/close`)).statusCode).toBe(403);
    const res = await head.send('POST', `/api/assessments/periods/${task1.periodId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const late = await head.send('POST', `/api/assessments/tasks/${task1.id}/review`, {
      acceptedQuantity: 1,
      majorErrors: 0,
    });
    expect(late.statusCode).toBe(409);
    expect((late.json() as { error: { code: string } }).error.code).toBe('period_closed');
    expect((await assign(head, { personId: A.id, dueDate: '2027-02-01' })).statusCode).toBe(409);
    const r = await reviewOf(head, task1.periodId, A.id);
    expect(r.score?.total).toBe(88.17);
    reviewId = r.review!.id;
  });

  it('a correction with its reason changes the frozen score and keeps before and after', async () => {
    const res = await head.send('POST', `/api/assessments/reviews/${reviewId}/corrections`, {
      reason: 'Lỗi số liệu do đơn vị khác cung cấp, đã xác minh',
      tasks: [{ id: task1.id, acceptedQuantity: 1, majorErrors: 0 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = await reviewOf(head, task1.periodId, A.id);
    expect(r.score?.total).toBe(94);
    expect(r.score?.band).toBe('excellent');
    expect(r.corrections).toHaveLength(1);
    expect(r.corrections[0]).toMatchObject({ before: { total: 88.17 }, after: { total: 94 } });
    const audit = (await hanoi.get('/api/audit?entity=assessment_review&unit=00004&pageSize=500')).json() as {
      items: { action: string; entityId: string }[];
    };
    expect(audit.items.filter((a) => a.entityId === reviewId).map((a) => a.action)).toEqual(
      expect.arrayContaining(['correct', 'head_assess', 'self_assess']),
    );
  });

  it("the person's record shows the score wherever it was earned", async () => {
    const mine = (await staff.get(`/api/assessments/people/${A.id}`)).json() as {
      periods: { period: { label: string }; score: Score }[];
    };
    expect(mine.periods.find((p) => p.period.label === 'Q1/2027')?.score.total).toBe(94);
    expect((await staff.get(`/api/assessments/people/${B.id}`)).statusCode).toBe(403);
    expect((await otherCommune.get(`/api/assessments/people/${A.id}`)).statusCode).toBe(403);
  });
});

describe('scores carried in without their tasks', () => {
  it('a correction changes the general part and keeps the task part', async () => {
    // The demo's closed quarters outside the showcase communes hold frozen scores without task detail.
    const periods = (await otherCommune.get('/api/assessments/periods?unit=00008&status=closed')).json() as {
      items: { id: string }[];
    };
    expect(periods.items.length).toBeGreaterThan(0);
    const period = (await otherCommune.get(`/api/assessments/periods/${periods.items[0]!.id}`)).json() as {
      items: {
        personId: string;
        reviewId: string | null;
        tasks: number;
        score: Score & { taskPoints: number | null };
      }[];
    };
    const carried = period.items.find(
      (i) => i.tasks === 0 && i.reviewId && i.score?.taskPoints !== null && !i.score.leader,
    )!;
    expect(carried).toBeDefined();
    const res = await otherCommune.send('POST', `/api/assessments/reviews/${carried.reviewId}/corrections`, {
      reason: 'Xem xét lại tiêu chí chung theo ý kiến tập thể',
      general: { qualities: 10, competence: 10, innovation: 10 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (res.json() as { after: Score & { taskPoints: number } }).after;
    expect(after.general).toBe(30);
    expect(after.taskPoints).toBe(carried.score.taskPoints);
    expect(after.total).toBeCloseTo(Math.min(100, 30 + carried.score.taskPoints!), 2);
  });
});

describe('the annual rating', () => {
  type Rating = {
    id: string;
    personId: string;
    band: string | null;
    scoredBand: string | null;
    notRatedReason: string | null;
    status: string;
    version: number;
    caps: string[];
    monthsWorked: number;
  };
  type Annual = {
    items: Rating[];
    quota: {
      counts: Record<'excellent' | 'good' | 'completed' | 'not_completed', number>;
      quota: number;
      exceeded: boolean;
    };
    publishedAt: string | null;
    due: string;
  };
  const annual = async (s: Session) => (await s.get('/api/assessments/units/00004/annual/2027')).json() as Annual;

  it('is proposed from the closed periods; those without scores are not rated', async () => {
    const res = await head.send('POST', '/api/assessments/units/00004/annual/2027/compute');
    expect(res.statusCode, res.body).toBe(200);
    const list = await annual(head);
    expect(list.due).toBe('2027-12-15');
    expect(list.items.find((r) => r.personId === A.id)).toMatchObject({ band: 'excellent', status: 'proposed' });
    expect(list.items.find((r) => r.personId === B.id)).toMatchObject({ band: null, notRatedReason: 'no_scores' });
  });

  it('one excellent and no one good exceeds the quota, and the list says so', async () => {
    const list = await annual(head);
    expect(list.quota.counts.excellent).toBeGreaterThanOrEqual(1);
    expect(list.quota.exceeded).toBe(list.quota.counts.excellent > Math.floor(0.2 * list.quota.counts.good));
    const compare = (await hanoi.get('/api/assessments/compare?year=2027')).json() as {
      items: { code: string; bands: Record<string, number>; unitsOverQuota: number }[];
    };
    const row = compare.items.find((i) => i.code === '00004')!;
    expect(row.bands.excellent).toBe(list.quota.counts.excellent);
    expect(row.unitsOverQuota).toBe(list.quota.exceeded ? 1 : 0);
  });

  it('a band may be lowered with a reason, never raised; a sanction caps it', async () => {
    const r = (await annual(head)).items.find((x) => x.personId === A.id)!;
    const noReason = await head.send('PATCH', `/api/assessments/annual/${r.id}`, { band: 'good' });
    expect((noReason.json() as { error: { field: string } }).error.field).toBe('loweredReason');
    const lowered = await head.send('PATCH', `/api/assessments/annual/${r.id}`, {
      band: 'good',
      loweredReason: 'Giữ tỷ lệ hoàn thành xuất sắc theo quy định',
    });
    expect(lowered.json()).toMatchObject({ band: 'good', scoredBand: 'excellent' });
    const sanction = await head.send('PATCH', `/api/assessments/annual/${r.id}`, {
      sanctioned: true,
      sanctionNote: 'Khiển trách tháng 2/2027',
    });
    expect(sanction.json()).toMatchObject({ band: 'not_completed', caps: ['sanction'] });
    const raise = await head.send('PATCH', `/api/assessments/annual/${r.id}`, {
      band: 'excellent',
      loweredReason: 'x',
    });
    expect(raise.statusCode).toBe(400);
    expect((raise.json() as { error: { field: string } }).error.field).toBe('band');
    await head.send('PATCH', `/api/assessments/annual/${r.id}`, { sanctioned: false });
  });

  it('maternity leave is recorded on the rating: rated on the time actually worked, neither absence nor a cap', async () => {
    // Decree 90/2020 as amended by Decree 48/2023 (docs/assessments.md): seven months of maternity leave leave under
    // five months of work, yet the person is rated on the periods actually worked, with no absence cap.
    const r = (await annual(head)).items.find((x) => x.personId === A.id)!;
    expect(r.monthsWorked).toBeGreaterThan(11); // served the whole year (from a few days into January)
    const patch = (body: Record<string, unknown>) => head.send('PATCH', `/api/assessments/annual/${r.id}`, body);
    const maternity = await patch({ maternityMonths: 7 });
    expect(maternity.statusCode, maternity.body).toBe(200);
    expect(maternity.json()).toMatchObject({ maternityMonths: 7, monthsAbsent: 0, band: 'excellent', caps: [] });
    // the unit's compute keeps it
    await head.send('POST', '/api/assessments/units/00004/annual/2027/compute');
    expect((await annual(head)).items.find((x) => x.personId === A.id)).toMatchObject({
      maternityMonths: 7,
      band: 'excellent',
    });
    // the same seven months as other leave: under six months of work, not rated
    expect((await patch({ maternityMonths: 0, monthsAbsent: 7 })).json()).toMatchObject({
      band: null,
      notRatedReason: 'under_min_months',
    });
    // more months of leave than months worked is refused, naming the field
    const over = await patch({ monthsAbsent: 6, maternityMonths: 7 });
    expect(over.statusCode).toBe(400);
    expect((over.json() as { error: { field: string } }).error.field).toBe('maternityMonths');
    expect((await patch({ monthsAbsent: 0, maternityMonths: 0 })).json()).toMatchObject({ band: 'excellent' });
  });

  it('confirmed ratings stay as they are; staff see the list once published', async () => {
    const r = (await annual(head)).items.find((x) => x.personId === A.id)!;
    expect((await head.send('POST', `/api/assessments/annual/${r.id}/confirm`)).statusCode).toBe(200);
    expect((await head.send('PATCH', `/api/assessments/annual/${r.id}`, { monthsAbsent: 4 })).statusCode).toBe(409);
    await head.send('POST', '/api/assessments/units/00004/annual/2027/compute');
    expect((await annual(head)).items.find((x) => x.personId === A.id)?.status).toBe('confirmed');
    expect((await staff.get('/api/assessments/units/00004/annual/2027')).statusCode).toBe(403);
    expect(
      (await head.send('POST', '/api/assessments/units/00004/annual/2027/publish', { publish: true })).statusCode,
    ).toBe(200);
    expect((await annual(staff)).publishedAt).not.toBeNull();
    expect((await otherCommune.get('/api/assessments/units/00004/annual/2027')).statusCode).toBe(403);
  });

  it('the overdue view counts the unit until everyone is confirmed, with the days left', async () => {
    const od = (await hanoi.get('/api/assessments/overdue?year=2027&pageSize=500')).json() as {
      daysLeft: number;
      total: number;
      items: { unitCode: string; staff: number; confirmed: number; pending: number }[];
    };
    expect(od.daysLeft).toBe(265);
    expect(od.total).toBe(od.items.length);
    const row = od.items.find((i) => i.unitCode === '00004')!;
    expect(row.confirmed).toBe(1);
    expect(row.pending).toBe(row.staff - 1);
    expect(od.items.every((i) => (i.unitCode.length === 5 ? true : i.unitCode === '01'))).toBe(true);
    expect((await staff.get('/api/assessments/overdue?year=2027')).statusCode).toBe(403);
    const national = (await ministry.get('/api/assessments/compare?year=2027')).json() as {
      level: string;
      items: { code: string }[];
    };
    expect(national.level).toBe('province');
    expect(national.items.some((i) => i.code === '01')).toBe(true);
  });

  it('exports the list as Excel and the report in the official format', async () => {
    const xlsx = await head.get('/api/assessments/units/00004/annual/2027/list.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().map((r) => (Array.isArray(r) ? r.join('|') : ''));
    expect(rows.some((r) => r.includes(A.fullName) && r.includes('Hoàn thành xuất sắc nhiệm vụ'))).toBe(true);
    const docx = await head.get('/api/assessments/units/00004/annual/2027/report.docx');
    expect(docx.statusCode).toBe(200);
    const xml = zipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toMatch(/Ba Đình, ngày \d{2} tháng \d{1,2} năm 2027/);
    expect(xml).toContain('/BC-UBND');
    expect(xml).toContain(A.fullName);
    expect(xml).toContain('Times New Roman');
  });
});

describe('settings', () => {
  it('a province sets its own; a commune cannot; bad settings name the field; the defaults are those documented', async () => {
    expect((await head.send('PUT', '/api/assessments/settings', { excellentQuotaShare: 0.5 })).statusCode).toBe(403);
    expect(
      (await head.send('PUT', '/api/assessments/settings?province=01', { excellentQuotaShare: 0.5 })).statusCode,
    ).toBe(403);
    const bad = await ministry.send('PUT', '/api/assessments/settings', {
      leaderShares: { own: 1, unit: 1, organisation: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { field: string } }).error.field).toBe('leaderShares');
    // the reason in the reader's language, no key or English in a Vietnamese message
    const message = (bad.json() as { error: { message: string } }).error.message;
    expect(message).toContain('các tỷ trọng của người đứng đầu phải cộng lại bằng 1');
    expect(message).not.toMatch(/leaderShares|must add up/);
    const inEnglish = await ministry.send('PUT', '/api/assessments/settings?lang=en', {
      leaderShares: { own: 1, unit: 1, organisation: 1 },
    });
    expect((inEnglish.json() as { error: { message: string } }).error.message).toContain(
      'the leader shares must add up to 1',
    );
    const ok = await otherProvince.send('PUT', '/api/assessments/settings?province=79', {
      excellentQuotaShareOutstanding: 0.3,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const hcm = (await otherProvince.get('/api/assessments/settings')).json() as {
      settings: { excellentQuotaShareOutstanding: number };
    };
    expect(hcm.settings.excellentQuotaShareOutstanding).toBe(0.3);
    const s = (await head.get('/api/assessments/settings')).json() as {
      settings: { excellentQuotaShare: number; excellentQuotaShareOutstanding: number; generalMax: number };
    };
    expect(s.settings).toMatchObject({
      excellentQuotaShare: 0.2,
      excellentQuotaShareOutstanding: 0.25,
      generalMax: 30,
    });
    expect((await head.get('/api/assessments/settings?province=79')).statusCode).toBe(403);
    const week = await ministry.send('PUT', '/api/assessments/settings', { periodKind: 'week' });
    expect(week.statusCode).toBe(400);
    expect((week.json() as { error: { field?: string; message: string } }).error.message).toContain(
      '«Loại kỳ đánh giá»',
    );
    // Tasks already use 'plan' and 'dossier': their conversion weights cannot be taken away.
    const drop = await otherProvince.send('PUT', '/api/assessments/settings?province=01', {
      productKinds: [{ code: 'report', weight: 1 }],
    });
    expect(drop.statusCode).toBe(403);
    const dropped = await hanoi.send('PUT', '/api/assessments/settings?province=01', {
      productKinds: [{ code: 'report', weight: 1 }],
    });
    expect(dropped.statusCode).toBe(400);
    expect((dropped.json() as { error: { field: string } }).error.field).toBe('productKinds');
    // A product kind converts to more than nothing: a zero or negative weight is refused, and nothing is saved.
    for (const weight of [0, -1]) {
      const zero = await ministry.send('PUT', '/api/assessments/settings', {
        productKinds: [...DEFAULT_KINDS, { code: 'free_lunch', weight }],
      });
      expect(zero.statusCode).toBe(400);
      expect(zero.json()).toMatchObject({ error: { code: 'validation', field: 'productKinds.9.weight' } });
    }
    const kinds = (await ministry.get('/api/assessments/settings')).json() as {
      settings: { productKinds: { code: string }[] };
    };
    expect(kinds.settings.productKinds.map((k) => k.code)).not.toContain('free_lunch');
  });

  it('the OpenAPI document describes every assessment route with a response, in OpenAPI 3.0.3 terms', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/assessments/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(ops.length).toBe(26); // with the two calculators
    for (const { path, method, op } of ops) {
      const ok = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'));
      expect(ok?.[1].content, `${method} ${path}`).toBeDefined();
    }
    // OpenAPI 3.0.3 takes exclusiveMinimum as a boolean beside minimum, never a number.
    expect(JSON.stringify(ops)).not.toMatch(/"exclusiveMinimum":\s*-?\d/);
  });

  it('nobody judges their own work, even from a head account linked to their record', async () => {
    const admin = await signIn(ctx.app, 'admin');
    const created = await admin.send('POST', '/api/users', {
      username: `head-self-${suffix}`,
      displayName: A.fullName,
      role: 'commune',
      provinceCode: '01',
      communeCode: '00004',
      personId: A.id,
      password: 'head-password-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const selfHead = await signIn(ctx.app, `head-self-${suffix}`, 'head-password-1');
    const t = (await assign(selfHead, { personId: A.id, dueDate: '2027-05-20' })).json() as Task;
    expect(
      (await selfHead.send('POST', `/api/assessments/tasks/${t.id}/review`, { acceptedQuantity: 1, majorErrors: 0 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await selfHead.send('PUT', `/api/assessments/periods/${t.periodId}/people/${A.id}/head`, {
          general: { qualities: 10, competence: 10, innovation: 10 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await head.send('POST', `/api/assessments/tasks/${t.id}/review`, { acceptedQuantity: 1, majorErrors: 0 }))
        .statusCode,
    ).toBe(200);
  });
});

/** One entry of a zip archive (stored or deflated), enough to read a .docx. */
function zipEntry(buf: Buffer, name: string): string {
  let i = 0;
  while (i < buf.length - 30 && buf.readUInt32LE(i) === 0x04034b50) {
    const method = buf.readUInt16LE(i + 8);
    const size = buf.readUInt32LE(i + 18);
    const nameLen = buf.readUInt16LE(i + 26);
    const extraLen = buf.readUInt16LE(i + 28);
    const entry = buf.subarray(i + 30, i + 30 + nameLen).toString('utf8');
    const start = i + 30 + nameLen + extraLen;
    if (entry === name) {
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    i = start + size;
  }
  throw new Error(`${name} not found`);
}
