/**
 * The one-stop as its people work it (issue #16, docs/one-stop.md): the receiving officer records the papers the
 * applicant brings back; a leader assigns to the staff who serve in the unit today, seconded-in staff included and
 * seconded-out staff left out; the citizen's page shows the rounds of papers and the unit's office hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

const clock = testClock('2026-03-09T09:00:00+07:00'); // Monday
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let counter: Session; // 00004-tiepnhan-1: Ba Đình's receiving officer
let leader: Session; // 00004-lanhdao-1
let baDinh: Session; // commune-00004: Ba Đình's administrator
let ngocHa: Session; // commune-00008: Ngọc Hà's administrator
let province: Session; // province-01: the Department's account
const PASSWORD = 'personal-password-1';
const unique = () => Math.random().toString(36).slice(2, 8);
const BIRTH = '1.001193'; // same day: Tờ khai đăng ký khai sinh; Giấy chứng sinh
const MARRIAGE = '1.004873'; // 3 working days

type Person = { id: string; fullName: string };
type D = {
  id: string;
  receiptCode: string;
  status: string;
  step: string | null;
  dueDate: string | null;
  clockStartOn: string | null;
  actions: string[];
  stepActions: string[];
  assignable: { username: string; name: string }[];
  assignee: { name: string } | null;
  events: { action: string; actor: { name: string } | null }[];
};

const detail = async (s: Session, id: string) => (await s.get(`/api/dossiers/${id}`)).json() as D;

/** People of a unit who have no account yet (from the end of the list: other files take the first ones). */
async function freePeople(admin: Session, unit: string): Promise<Person[]> {
  const list = (await admin.get(`/api/people?unit=${unit}&pageSize=100`)).json().items as Person[];
  const accounts = (await admin.get('/api/unit-accounts')).json().items as { personId: string | null }[];
  const taken = new Set(accounts.map((a) => a.personId));
  return list.filter((p) => !taken.has(p.id)).reverse();
}

/** A personal account made by the unit's administrator (sign in with `PASSWORD`). */
async function account(admin: Session, person: Person, unitRoles: string[]) {
  const username = `p-${unique()}`;
  const r = await admin.send('POST', '/api/unit-accounts', {
    personId: person.id,
    username,
    password: PASSWORD,
    unitRoles,
  });
  expect(r.statusCode, r.body).toBe(201);
  return username;
}

/** The province seconds a person to a post of `unit`. */
async function second(person: Person, unit: string) {
  const post = (await province.get(`/api/posts?unit=${unit}`)).json().items[0] as { id: string };
  const r = await province.send('POST', '/api/assignments', {
    personId: person.id,
    postId: post.id,
    kind: 'secondment',
    startDate: '2026-03-02',
    // (sign-in reads the day from the real clock, the dossiers from the test's: a secondment that spans both)
    endDate: '2030-12-31',
  });
  expect(r.statusCode, r.body).toBe(201);
}

beforeAll(async () => {
  // secondments change who works where: a private copy of the demo on PostgreSQL
  ctx = await createTestApp({ clock, isolated: true });
  [counter, leader, baDinh, ngocHa, province] = await Promise.all([
    signIn(ctx.app, '00004-tiepnhan-1'),
    signIn(ctx.app, '00004-lanhdao-1'),
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
  ]);
});
afterAll(() => ctx.close());

describe('the supplement the applicant brings back', () => {
  it('is recorded by the receiving officer, restarts the clock, is audited and shows on the citizen page', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    const r = await counter.send('POST', '/api/dossiers', {
      procedureCode: BIRTH,
      channel: 'in_person',
      applicantName: 'Lê Thị Hồng',
      applicantIdNumber: '001190054321',
      papers: ['Tờ khai đăng ký khai sinh'],
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json() as D;
    expect(d.status).toBe('supplement_requested');
    expect(d.dueDate).toBeNull();
    // the page offers the receiving officer the button
    expect((await detail(counter, d.id)).actions).toContain('receive_supplement');

    // A specialist of another commune cannot record it (nor see the button).
    const [ngocHaPerson] = await freePeople(ngocHa, '00008');
    const stranger = await signIn(ctx.app, await account(ngocHa, ngocHaPerson!, ['specialist']), PASSWORD);
    expect((await detail(stranger, d.id)).actions ?? []).not.toContain('receive_supplement');
    const refused = await stranger.send('POST', `/api/dossiers/${d.id}/transitions`, {
      action: 'supplement_received',
    });
    expect(refused.statusCode).toBe(403);

    // The citizen comes back on Tuesday with the birth certificate: the receiving officer records it.
    clock.set('2026-03-10T10:00:00+07:00');
    const done = await counter.send('POST', `/api/dossiers/${d.id}/transitions`, {
      action: 'supplement_received',
      note: 'Đã nhận Giấy chứng sinh',
    });
    expect(done.statusCode, done.body).toBe(200);
    const after = await detail(counter, d.id);
    expect(after.status).toBe('in_processing');
    // the clock restarts from zero on the day the papers are complete (same-day procedure: due that day)
    expect(after.clockStartOn).toBe('2026-03-10');
    expect(after.dueDate).toBe('2026-03-10');
    // the dossier waits in the unit's queue for a specialist
    expect(after.step).toBe('assign');
    const event = after.events.find((e) => e.action === 'supplement_received')!;
    expect(event.actor?.name).toBeTruthy();
    expect(event.actor!.name).not.toMatch(/tiepnhan/);

    const audit = (await baDinh.get('/api/audit?entity=dossier&pageSize=200')).json().items as {
      action: string;
      entityId: string;
    }[];
    expect(audit.filter((e) => e.entityId === d.id).map((e) => e.action)).toContain('supplement_received');

    // The citizen's timeline: papers asked for at intake, brought on Tuesday; no officer's name.
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${d.receiptCode}` });
    expect(pub.statusCode).toBe(200);
    const body = pub.json() as { supplements: { action: string; at: string }[] };
    expect(body.supplements.map((x) => x.action)).toEqual(['request_supplement', 'supplement_received']);
    expect(body.supplements[1]!.at).toBe(new Date('2026-03-10T10:00:00+07:00').toISOString());
    expect(pub.body).not.toMatch(/tiepnhan/);
  });
});

describe('who a leader may assign', () => {
  it('lists staff seconded into the unit and leaves out staff seconded away', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    // A Department specialist seconded to Ba Đình, and a Ba Đình specialist seconded to Ngọc Hà.
    const [deptPerson] = await freePeople(province, '01');
    const comer = await account(province, deptPerson!, ['specialist']);
    await second(deptPerson!, '00004');
    const [baDinhPerson] = await freePeople(baDinh, '00004');
    const leaver = await account(baDinh, baDinhPerson!, ['specialist']);
    await second(baDinhPerson!, '00008');
    // signed in after the secondment: the account acts where its holder serves
    const comerSession = await signIn(ctx.app, comer, PASSWORD);
    expect((await comerSession.get('/api/auth/me')).json().user).toMatchObject({ communeCode: '00004' });

    const d = (
      await counter.send('POST', '/api/dossiers', {
        procedureCode: MARRIAGE,
        channel: 'in_person',
        applicantName: 'Trần Văn Nam',
        applicantIdNumber: '001190054322',
        papers: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'],
      })
    ).json() as D;
    const seen = await detail(leader, d.id);
    expect(seen.stepActions).toContain('assign');
    const names = seen.assignable.map((a) => a.username);
    expect(names).toContain(comer);
    expect(names).not.toContain(leaver);
    expect(seen.assignable.find((a) => a.username === comer)!.name).toBe(deptPerson!.fullName);

    // The leader assigns the seconded specialist, who then finds it in their own queue.
    const r = await leader.send('POST', `/api/dossiers/${d.id}/steps`, { action: 'assign', assignee: comer });
    expect(r.statusCode, r.body).toBe(200);
    const queue = (await comerSession.get('/api/dossiers/queue')).json() as { mine: { id: string }[] };
    expect(queue.mine.map((x) => x.id)).toContain(d.id);
    // The one seconded away cannot be given it.
    const away = await leader.send('POST', `/api/dossiers/${d.id}/steps`, {
      action: 'assign',
      assignee: leaver,
    });
    expect(away.statusCode).toBe(400);
  });
});

describe('what the receiving officer may not do in its own unit', () => {
  it('is told it may not, not that its own unit is outside its scope (the probe of 2026-12-07)', async () => {
    const res = await counter.send('POST', '/api/people', {
      unitCode: '00004',
      fullName: 'Trần Văn Bình',
      birthDate: '1990-05-17',
      sex: 'male',
      nationalId: '001090012345',
      category: 'civil_servant',
      educationLevel: 'bachelor',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(res.json().error.message).not.toContain('phạm vi');
  });
});

describe("the office hours on the citizen's page", () => {
  const lookup = async (code: string) =>
    (await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}` })).json() as {
      collect: { hours: { days: number[]; periods: { from: string; to: string }[]; source: string } };
    };

  it("shows the default with its source until the unit sets its own, then the unit's own", async () => {
    clock.set('2026-03-11T09:00:00+07:00');
    const d = (
      await counter.send('POST', '/api/dossiers', {
        procedureCode: MARRIAGE,
        channel: 'in_person',
        applicantName: 'Phạm Thị Lan',
        applicantIdNumber: '001190054323',
        papers: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'],
      })
    ).json() as D;
    expect((await lookup(d.receiptCode)).collect.hours).toEqual({
      days: [1, 2, 3, 4, 5],
      periods: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
      source: 'default',
    });

    // Ba Đình's leader sets the ward's hours: Saturday mornings too, from 07:30.
    const own = {
      days: [6, 1, 2, 3, 4, 5],
      periods: [
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
    };
    const bad = await leader.send('PATCH', '/api/units/00004/profile', {
      officeHours: { days: [1], periods: [{ from: '13:00', to: '12:00' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('officeHours');
    const set = await leader.send('PATCH', '/api/units/00004/profile', { officeHours: own });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().profile.officeHours.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await lookup(d.receiptCode)).collect.hours).toEqual({ ...own, days: [1, 2, 3, 4, 5, 6], source: 'unit' });
    // … and a specialist may not change them
    const cv = await signIn(ctx.app, '00004-chuyenvien-1');
    expect((await cv.send('PATCH', '/api/units/00004/profile', { officeHours: null })).statusCode).toBe(403);
    // back to the default
    expect((await leader.send('PATCH', '/api/units/00004/profile', { officeHours: null })).statusCode).toBe(200);
    expect((await lookup(d.receiptCode)).collect.hours.source).toBe('default');
    const audit = (await baDinh.get('/api/audit?entity=unit_profile&pageSize=50')).json().items as {
      entityId: string;
    }[];
    expect(audit.filter((e) => e.entityId === '00004').length).toBeGreaterThanOrEqual(2);
  });
});
