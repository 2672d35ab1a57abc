/**
 * The one-stop's steps through the API (docs/one-stop.md), with Ba Đình's personal accounts (demo nation): receive with
 * a missing paper, assign or pick, process, approve or send back, return only with the result; who may do what, the
 * scope, the concurrent pick, the step timing, the queues, a province's own process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock('2026-03-09T09:00:00+07:00'); // Monday
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let counter: Session; // 00004-tiepnhan-1: receiving officer
let cv1: Session; // 00004-chuyenvien-1: specialist
let cv2: Session; // 00004-chuyenvien-2: specialist
let leader: Session; // 00004-lanhdao-1
let unitAccount: Session; // commune-00004: the unit's administrator
let otherCommune: Session; // commune-00008 (Ngọc Hà): another unit of the province
let province: Session; // province-01

type Step = {
  step: string;
  late: boolean;
  assignee: { name: string } | null;
  by: { name: string; post: string | null } | null;
  outcome: string | null;
  note: string | null;
  dueAt: string | null;
};
type D = {
  id: string;
  receiptCode: string;
  status: string;
  step: string | null;
  stepActions: string[];
  missingPapers: string[];
  version: number;
  ratingToken: string | null;
  steps: Step[];
  assignable: { username: string; name: string }[];
  assignee: { name: string } | null;
  stepLate: boolean;
  resultNumber: string | null;
};

const BIRTH = '1.001193'; // same day: Tờ khai đăng ký khai sinh; Giấy chứng sinh
const MARRIAGE = '1.004873'; // 3 working days
const intake = (s: Session, body: Record<string, unknown> = {}) =>
  s.send('POST', '/api/dossiers', {
    procedureCode: MARRIAGE,
    channel: 'in_person',
    applicantName: 'Lê Thị Hồng',
    applicantIdNumber: '001190054321',
    ...body,
  });
const step = (s: Session, id: string, body: Record<string, unknown>, lang = '') =>
  s.send('POST', `/api/dossiers/${id}/steps${lang}`, body);
const detail = async (s: Session, id: string) => (await s.get(`/api/dossiers/${id}`)).json() as D;
const RESULT = {
  number: '25/XN-UBND',
  date: '2026-03-10',
  signer: 'Chủ tịch UBND phường',
  file: {
    name: 'xac-nhan.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4 kết quả').toString('base64'),
  },
};

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [counter, cv1, cv2, leader, unitAccount, otherCommune, province] = await Promise.all([
    signIn(ctx.app, '00004-tiepnhan-1'),
    signIn(ctx.app, '00004-chuyenvien-1'),
    signIn(ctx.app, '00004-chuyenvien-2'),
    signIn(ctx.app, '00004-lanhdao-1'),
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
  ]);
});
afterAll(() => ctx.close());

describe('intake with the papers ticked', () => {
  it('names the missing papers, stops the clock, and Form 02 is issued; complete papers start the steps', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    const r = await intake(counter, { procedureCode: BIRTH, papers: ['Tờ khai đăng ký khai sinh'] });
    expect(r.statusCode).toBe(201);
    const d = r.json() as D;
    expect(d.status).toBe('supplement_requested');
    expect(d.missingPapers).toEqual(['Giấy chứng sinh']);
    expect(d.step).toBe('receive');
    expect((await counter.get(`/api/dossiers/${d.id}/forms/02`)).statusCode).toBe(200);
    // A paper the procedure does not ask for is refused, naming the field.
    const bad = await intake(counter, { procedureCode: BIRTH, papers: ['Sổ hộ khẩu'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('papers');

    const full = (
      await intake(counter, { procedureCode: BIRTH, papers: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'] })
    ).json() as D;
    expect(full.status).toBe('received');
    expect(full.step).toBe('assign');
  });
});

describe('the steps with four people', () => {
  it('walks receive → assign → process → approve (sent back once) → return with the result, timing each step', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    let d = (await intake(counter, { papers: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'] })).json() as D;
    expect(d.step).toBe('assign');

    // The old one click is closed here: the result comes from a leader's approval.
    const oneClick = await unitAccount.send('POST', `/api/dossiers/${d.id}/transitions`, { action: 'complete' });
    expect(oneClick.statusCode).toBe(409);
    expect(oneClick.json().error.code).toBe('steps_required');

    // The receiving officer assigns it to a specialist of the unit (named, never by login on the page).
    const seen = await detail(counter, d.id);
    expect(seen.stepActions).toEqual(['assign']);
    expect(seen.assignable.length).toBeGreaterThanOrEqual(2);
    const cv1Name = seen.assignable.find((a) => a.username === '00004-chuyenvien-1')!.name;
    expect(cv1Name).not.toMatch(/chuyenvien/);
    // A receiving officer cannot be assigned: only a specialist.
    const wrong = await step(counter, d.id, { action: 'assign', assignee: '00004-tiepnhan-2' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('assignee');
    d = (await step(counter, d.id, { action: 'assign', assignee: '00004-chuyenvien-1' })).json() as D;
    expect([d.status, d.step]).toEqual(['in_processing', 'process']);

    // Only the assigned specialist submits; the other one gets the reason.
    expect((await step(cv2, d.id, { action: 'submit' })).json().error.code).toBe('step_not_assignee');
    // Due Thursday 12/3; processing had 70 % of the office time up to it: until Wednesday 15:42.
    clock.set('2026-03-11T16:00:00+07:00');
    d = (await step(cv1, d.id, { action: 'submit', note: 'Dự thảo giấy xác nhận' })).json() as D;
    expect(d.step).toBe('approve');

    // The unit's shared account does not approve; a specialist does not; the leader sends it back with a reason.
    expect((await step(unitAccount, d.id, { action: 'approve' })).json().error.code).toBe('step_not_a_person');
    expect((await step(cv1, d.id, { action: 'approve' })).statusCode).toBe(403);
    const noReason = await step(leader, d.id, { action: 'send_back', note: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('note');
    d = (await step(leader, d.id, { action: 'send_back', note: 'Ghi rõ nơi cư trú trước đây' })).json() as D;
    expect([d.status, d.step]).toEqual(['in_processing', 'process']);
    d = (await step(cv1, d.id, { action: 'submit' })).json() as D;
    d = (await step(leader, d.id, { action: 'approve' })).json() as D;
    expect([d.status, d.step]).toEqual(['processed', 'return']);

    // Returned only with the result: number, date, signer, file.
    const bare = await step(counter, d.id, { action: 'return_result', result: { ...RESULT, file: undefined } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('step_result_required');
    d = (await step(counter, d.id, { action: 'return_result', result: RESULT })).json() as D;
    expect([d.status, d.step, d.resultNumber]).toEqual(['returned', null, '25/XN-UBND']);

    const full = await detail(leader, d.id);
    expect(full.steps.map((x) => [x.step, x.outcome])).toEqual([
      ['receive', 'receive'],
      ['assign', 'assign'],
      ['process', 'submit'],
      ['approve', 'send_back'],
      ['process', 'submit'],
      ['approve', 'approve'],
      ['return', 'return_result'],
    ]);
    expect(full.steps[3]!.note).toBe('Ghi rõ nơi cư trú trước đây');
    // People by name and post, never a login name.
    expect(JSON.stringify(full.steps)).not.toMatch(/00004-/);
    expect(full.steps[2]!.by?.name).toBe(cv1Name);
    // The first processing (Monday 09:00 → Wednesday 16:00) overran its share: late; the assignment was not.
    expect(full.steps[1]!.late).toBe(false);
    expect(full.steps[2]!.late).toBe(true);

    // The citizen sees the handling unit, where to collect, and the steps without names.
    const pub = (await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${d.receiptCode}` })).json();
    expect(pub.handlingUnitName).toContain('Ba Đình');
    expect(pub.collect.place).toContain('Ba Đình');
    expect(pub.steps.map((x: { step: string }) => x.step)).toContain('approve');
    expect(JSON.stringify(pub)).not.toMatch(/chuyenvien|tiepnhan|lanhdao|"by"|"assignee"/);
  });

  it('lets a specialist pick from the queue: of two at once, one wins and the other gets 409 in their language', async () => {
    clock.set('2026-03-11T16:30:00+07:00');
    const d = (await intake(counter)).json() as D;
    const [a, b] = await Promise.all([
      step(cv1, d.id, { action: 'pick' }),
      step(cv2, d.id, { action: 'pick' }, '?lang=en'),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('step_already_taken');
    if (loser === b) expect(loser.json().error.message).toMatch(/taken by .+ before you/);
    else expect(loser.json().error.message).toMatch(/đã được .+ nhận xử lý trước bạn/);
    // The winner picking again (a retried request) is answered as done.
    const winner = a.statusCode === 200 ? cv1 : cv2;
    expect((await step(winner, d.id, { action: 'pick' })).statusCode).toBe(200);
  });

  it('keeps the steps to the people of the handling unit', async () => {
    clock.set('2026-03-11T16:45:00+07:00');
    const d = (await intake(counter)).json() as D;
    // Another unit's specialist (the Department) and the province's account reach the dossier's province, not its steps.
    expect((await step(otherCommune, d.id, { action: 'pick' })).statusCode).toBe(403);
    expect((await step(province, d.id, { action: 'assign', assignee: '00004-chuyenvien-1' })).statusCode).toBe(403);
    expect((await step(province, d.id, { action: 'assign', assignee: '00004-chuyenvien-1' })).statusCode).toBe(403);
    // The unit's account may assign (the counter's work).
    expect((await step(unitAccount, d.id, { action: 'assign', assignee: '00004-chuyenvien-2' })).statusCode).toBe(200);
  });
});

describe('queues', () => {
  it("gives the specialist their tasks, the leader approvals, everyone the unit's unassigned ones, and late marks", async () => {
    clock.set('2026-03-12T08:30:00+07:00');
    const waiting = (await intake(counter)).json() as D;
    const mine = (await intake(counter)).json() as D;
    await step(cv2, mine.id, { action: 'pick' });
    const toApprove = (await intake(counter)).json() as D;
    await step(cv2, toApprove.id, { action: 'pick' });
    await step(cv2, toApprove.id, { action: 'submit' });

    clock.set('2026-03-16T16:00:00+07:00'); // the Monday after: past the steps' shares
    type Q = Record<'mine' | 'approvals' | 'unassigned' | 'toReturn' | 'waiting', { id: string; urgency: string }[]> & {
      counts: Record<string, number>;
    };
    const q2 = (await cv2.get('/api/dossiers/queue')).json() as Q;
    expect(q2.mine.map((x) => x.id)).toContain(mine.id);
    expect(q2.unassigned.map((x) => x.id)).toContain(waiting.id);
    expect(q2.waiting.map((x) => x.id)).toContain(toApprove.id);
    expect(q2.mine.find((x) => x.id === mine.id)!.urgency).toBe('late');
    expect(q2.counts.late).toBeGreaterThan(0);
    const ql = (await leader.get('/api/dossiers/queue')).json() as Q;
    expect(ql.approvals.map((x) => x.id)).toContain(toApprove.id);
    expect(ql.mine.map((x) => x.id)).not.toContain(mine.id);
    // Nobody else's queue: another unit's specialist does not see Ba Đình's dossiers; a viewer has no queue.
    const qo = (await otherCommune.get('/api/dossiers/queue')).json() as Q;
    expect(qo.unassigned.map((x) => x.id)).not.toContain(waiting.id);
    const viewer = await signIn(ctx.app, 'viewer');
    expect((await viewer.get('/api/dossiers/queue')).statusCode).toBe(403);
  });
});

describe("a province's own internal process", () => {
  it('is versioned and audited; a commune cannot change it; dossiers received after it follow it', async () => {
    const national = (await counter.get(`/api/procedures/${MARRIAGE}/process`)).json();
    expect([national.source, national.kind, national.version]).toEqual(['national', 'short', 0]);
    const steps = [
      { step: 'receive', roles: ['receiving'], sharePercent: 5 },
      { step: 'assign', roles: ['leader'], sharePercent: 5 },
      { step: 'process', roles: ['specialist'], sharePercent: 50 },
      { step: 'verify', roles: ['leader'], sharePercent: 15 },
      { step: 'approve', roles: ['leader'], sharePercent: 20 },
      { step: 'return', roles: ['receiving'], sharePercent: 5 },
    ];
    expect((await unitAccount.send('PUT', `/api/procedures/${MARRIAGE}/process`, { steps })).statusCode).toBe(403);
    const bad = await province.send('PUT', `/api/procedures/${MARRIAGE}/process`, {
      steps: steps.map((x) => (x.step === 'process' ? { ...x, sharePercent: 40 } : x)),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('100%');
    const saved = await province.send('PUT', `/api/procedures/${MARRIAGE}/process`, { steps, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect([saved.json().source, saved.json().version]).toEqual(['province', 1]);
    expect((await province.send('PUT', `/api/procedures/${MARRIAGE}/process`, { steps, version: 0 })).statusCode).toBe(
      409,
    );

    clock.set('2026-03-17T09:00:00+07:00');
    let d = (await intake(counter)).json() as D;
    await step(cv1, d.id, { action: 'pick' });
    d = (await step(cv1, d.id, { action: 'submit' })).json() as D;
    expect(d.step).toBe('verify');
    // Restored for the other files on a shared database.
    const national2 = NATIONAL_SHORT;
    await province.send('PUT', `/api/procedures/${MARRIAGE}/process`, { steps: national2, version: 1 });
  });
});

const NATIONAL_SHORT = [
  { step: 'receive', roles: ['receiving'], sharePercent: 5 },
  { step: 'assign', roles: ['leader', 'receiving'], sharePercent: 5 },
  { step: 'process', roles: ['specialist'], sharePercent: 60 },
  { step: 'approve', roles: ['leader'], sharePercent: 25 },
  { step: 'return', roles: ['receiving'], sharePercent: 5 },
];
