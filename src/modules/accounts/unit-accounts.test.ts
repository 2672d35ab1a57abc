import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';

/**
 * Personal accounts with roles in a unit (issue #16): the unit's administrator creates, changes, closes and resets
 * the accounts of its own staff, nobody else's; an account follows its holder when the workforce moves them.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // the unit account of Phường Ba Đình: its administrator
let ngocHa: Session; // the unit account of Phường Ngọc Hà
let province: Session;
let people: { id: string; fullName: string }[];
let ngocHaPeople: { id: string; fullName: string }[];
let staffPerson: string;
const PASSWORD = 'personal-password-1';
const unique = () => Math.random().toString(36).slice(2, 8);
let next = 0;
/** A person of Ba Đình without an account yet. */
const freshPerson = () => people[next++]!;
let nextNgocHa = 0;
/** A person of Ngọc Hà (the test's data is thin: Ba Đình's people run short). */
const freshNgocHa = () => ngocHaPeople[nextNgocHa++]!;

async function create(by: Session, personId: string, unitRoles: string[], extra: Record<string, unknown> = {}) {
  const username = `p-${unique()}`;
  const r = await by.send('POST', '/api/unit-accounts', {
    personId,
    username,
    password: PASSWORD,
    unitRoles,
    ...extra,
  });
  return { r, username };
}

beforeAll(async () => {
  // a working Monday: the one-stop receives on working days
  ctx = await createTestApp({ clock: testClock() });
  [baDinh, province, ngocHa] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'commune-00008'),
  ]);
  // From the end of the list: on PostgreSQL the test files share one database, and others second the first people of
  // Ngọc Hà to Ba Đình (whose administrator may then give them an account).
  ngocHaPeople = ((await ngocHa.get('/api/people?unit=00008&pageSize=100')).json().items as typeof people).reverse();
  staffPerson = (await (await signIn(ctx.app, 'staff-00004')).get('/api/auth/me')).json().user.personId;
  const list = (await baDinh.get('/api/people?unit=00004&pageSize=100')).json().items as typeof people;
  // people of Ba Đình without an account yet (the demo gave some of them personal accounts)
  const accounts = (await baDinh.get('/api/unit-accounts')).json().items as { personId: string | null }[];
  const taken = new Set(accounts.map((a) => a.personId));
  people = list.filter((p) => p.id !== staffPerson && !taken.has(p.id));
});
afterAll(() => ctx.close());

describe("the unit's accounts", () => {
  it('lists the unit account and its staff accounts, by name and post', async () => {
    const r = await baDinh.get('/api/unit-accounts');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { kind: string; personId: string | null; name: string; post: string | null }[];
    expect(items.some((a) => a.kind === 'unit')).toBe(true);
    const staff = items.find((a) => a.personId === staffPerson)!;
    expect(staff.kind).toBe('personal');
    expect(staff.name).not.toMatch(/^staff-/);
  });

  it('creates a receiving officer who receives dossiers but does not judge assessments', async () => {
    const p = freshPerson();
    const { r, username } = await create(baDinh, p.id, ['receiving']);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ name: p.fullName, unitRoles: ['receiving'], kind: 'personal' });
    const officer = await signIn(ctx.app, username, PASSWORD);
    const me = (await officer.get('/api/auth/me')).json().user;
    expect(me).toMatchObject({ role: 'commune', provinceCode: '01', communeCode: '00004', personId: p.id });
    expect(me.capabilities).toEqual(expect.arrayContaining(['dossiers.read', 'dossiers.receive']));
    expect(me.capabilities).not.toContain('assessments.manage');
    expect(me.capabilities).not.toContain('accounts.unit');
    // a receiving officer does not correct staff records
    const edit = await officer.send('PATCH', `/api/people/${p.id}`, { phone: '0912 345 678' });
    expect(edit.statusCode).toBe(403);
  });

  it('gives one open account a person, and refuses people of another unit', async () => {
    const p = freshPerson();
    expect((await create(baDinh, p.id, ['specialist'])).r.statusCode).toBe(201);
    const again = await create(baDinh, p.id, ['leader']);
    expect(again.r.statusCode).toBe(409);
    expect(again.r.json().error.field).toBe('personId');
    const other = ngocHaPeople[Math.floor(ngocHaPeople.length / 2)]!; // neither end: not one this file or another moves
    expect((await create(baDinh, other.id, ['specialist'])).r.statusCode).toBe(403);
    // the province's account administers its own unit's staff, not a commune's
    expect((await create(province, freshNgocHa().id, ['specialist'])).r.statusCode).toBe(403);
  });

  it("lets only the unit's administrators manage accounts: a leader cannot, a personal unit_admin can", async () => {
    const leader = await create(baDinh, freshPerson().id, ['leader']);
    const admin = await create(baDinh, freshPerson().id, ['unit_admin']);
    const asLeader = await signIn(ctx.app, leader.username, PASSWORD);
    const asAdmin = await signIn(ctx.app, admin.username, PASSWORD);
    expect((await asLeader.get('/api/unit-accounts')).statusCode).toBe(403);
    expect((await create(asLeader, people[next]!.id, ['specialist'])).r.statusCode).toBe(403);
    expect((await asAdmin.get('/api/unit-accounts')).statusCode).toBe(200);
    expect((await create(asAdmin, freshPerson().id, ['specialist'])).r.statusCode).toBe(201);
  });

  it("keeps a personal administrator from taking a leader's powers: no roles for itself, no leader's account", async () => {
    // a probe (2026-12-08): 00004-quantri gave itself the leader role, then set the Chairman's password
    const admin = await create(baDinh, freshPerson().id, ['unit_admin']);
    const leader = await create(baDinh, freshPerson().id, ['leader']);
    const specialist = await create(baDinh, freshPerson().id, ['specialist']);
    const asAdmin = await signIn(ctx.app, admin.username, PASSWORD);
    const self = admin.r.json().id as string;
    const leaderId = leader.r.json().id as string;
    const specialistId = specialist.r.json().id as string;
    const refused = (r: { statusCode: number; json(): { error: { message: string } } }) => {
      expect(r.statusCode).toBe(403);
      expect(r.json().error.message).toContain('lãnh đạo');
    };
    // its own roles: none added
    const own = await asAdmin.send('PATCH', `/api/unit-accounts/${self}`, { unitRoles: ['unit_admin', 'leader'] });
    expect(own.statusCode).toBe(403);
    expect(
      (await asAdmin.send('PATCH', `/api/unit-accounts/${self}`, { unitRoles: ['unit_admin', 'specialist'] }))
        .statusCode,
    ).toBe(403);
    // a leader's account: not its roles, not its password, not its closing; nor making a leader
    refused(await asAdmin.send('POST', `/api/unit-accounts/${leaderId}/password`, { password: 'taken-over-123456' }));
    refused(await asAdmin.send('PATCH', `/api/unit-accounts/${leaderId}`, { unitRoles: ['specialist'] }));
    refused(await asAdmin.send('POST', `/api/unit-accounts/${leaderId}/close`, {}));
    refused(await asAdmin.send('PATCH', `/api/unit-accounts/${specialistId}`, { unitRoles: ['leader'] }));
    refused((await create(asAdmin, freshPerson().id, ['leader'])).r);
    // the page offers it only what it may do: not its own account, not a leader's; a specialist's, yes
    const listed = (await asAdmin.get('/api/unit-accounts')).json().items as { id: string; managed: boolean }[];
    const managed = (id: string) => listed.find((a) => a.id === id)?.managed;
    expect([managed(self), managed(leaderId), managed(specialistId)]).toEqual([false, false, true]);
    const byUnit = (await baDinh.get('/api/unit-accounts')).json().items as { id: string; managed: boolean }[];
    expect(byUnit.find((a) => a.id === leaderId)?.managed).toBe(true);
    // its ordinary work stands: a specialist's password, roles; the leader still signs in with their own password
    expect(
      (await asAdmin.send('POST', `/api/unit-accounts/${specialistId}/password`, { password: 'new-password-123456' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await asAdmin.send('PATCH', `/api/unit-accounts/${specialistId}`, { unitRoles: ['specialist', 'receiving'] }))
        .statusCode,
    ).toBe(200);
    expect((await signIn(ctx.app, leader.username, PASSWORD)).cookie).toBeTruthy();
    // the unit's own account manages its leader
    expect(
      (await baDinh.send('POST', `/api/unit-accounts/${leaderId}/password`, { password: 'reset-by-unit-123456' }))
        .statusCode,
    ).toBe(200);
  });

  it('changes roles at once, closes an account (its sessions end) and audits both', async () => {
    const { r, username } = await create(ngocHa, freshNgocHa().id, ['specialist']);
    const id = r.json().id as string;
    const s = await signIn(ctx.app, username, PASSWORD);
    const changed = await ngocHa.send('PATCH', `/api/unit-accounts/${id}`, { unitRoles: ['leader'] });
    expect(changed.statusCode).toBe(200);
    expect((await s.get('/api/auth/me')).json().user.unitRoles).toEqual(['leader']);
    const closed = await ngocHa.send('POST', `/api/unit-accounts/${id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closed).toBe(true);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const audit = (await ngocHa.get('/api/audit?entity=user&pageSize=200')).json().items as {
      action: string;
      entityId: string;
    }[];
    const actions = audit.filter((e) => e.entityId === id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'change_roles', 'close']));
  });

  it('follows its holder: a person moved to another commune keeps the account, which now acts there', async () => {
    const p = freshPerson();
    const { username } = await create(baDinh, p.id, ['specialist']);
    const post = (await province.get('/api/posts?unit=00008')).json().items[0] as { id: string };
    const moved = await province.send('POST', '/api/assignments', {
      personId: p.id,
      postId: post.id,
      kind: 'regular',
      startDate: '2026-01-05',
    });
    expect(moved.statusCode).toBe(201);
    const s = await signIn(ctx.app, username, PASSWORD);
    expect((await s.get('/api/auth/me')).json().user).toMatchObject({ communeCode: '00008', role: 'commune' });
    // Ba Đình no longer lists it; its new unit's administrator does
    const baDinhList = (await baDinh.get('/api/unit-accounts')).json().items as { username: string }[];
    expect(baDinhList.map((a) => a.username)).not.toContain(username);
    const ngocHa = await signIn(ctx.app, 'commune-00008');
    const list = (await ngocHa.get('/api/unit-accounts')).json().items as { username: string }[];
    expect(list.map((a) => a.username)).toContain(username);
  });

  it("gives the demo's showcase units personal accounts, listed in the README, each with its role", async () => {
    const expected: [string, string, string][] = [
      ['00004-tiepnhan-1', 'receiving', 'dossiers.receive'],
      ['00004-chuyenvien-2', 'specialist', 'dossiers.read'],
      ['00004-lanhdao-1', 'leader', 'assessments.manage'],
      ['00004-quantri', 'unit_admin', 'accounts.unit'],
      ['01-lanhdao-2', 'leader', 'assessments.manage'],
    ];
    for (const [username, role, capability] of expected) {
      const me = (await (await signIn(ctx.app, username)).get('/api/auth/me')).json().user;
      expect(me.unitRoles, username).toEqual([role]);
      expect(me.capabilities, username).toContain(capability);
      expect(me.personId, username).toBeTruthy();
    }
    const list = (await baDinh.get('/api/unit-accounts')).json().items as { username: string; post: string | null }[];
    const leader = list.find((a) => a.username === '00004-lanhdao-1')!;
    expect(leader.post).toMatch(/Chủ tịch UBND/);
  });

  it('names the person who acted, with their post, in the audit log and the dossier history: never a login name', async () => {
    const p = freshNgocHa();
    const { r, username } = await create(ngocHa, p.id, ['receiving']);
    expect(r.statusCode).toBe(201);
    const officer = await signIn(ctx.app, username, PASSWORD);
    const received = await officer.send('POST', '/api/dossiers', {
      procedureCode: '1.004873',
      channel: 'in_person',
      applicantName: 'Nguyễn Thị Lan',
      applicantIdNumber: '001190012345',
    });
    expect(received.statusCode, received.body).toBe(201);
    const dossier = (await ngocHa.get(`/api/dossiers/${received.json().id}`)).json() as {
      events: { action: string; actor: { name: string; post: string | null } | null }[];
    };
    expect(dossier.events[0]!.actor?.name).toBe(p.fullName);
    const audit = (await ngocHa.get('/api/audit?entity=user&pageSize=100')).json().items as {
      action: string;
      entityId: string;
      actor: { name: string } | null;
    }[];
    const creation = audit.find((e) => e.action === 'create' && e.entityId === r.json().id)!;
    expect(creation.actor?.name).toMatch(/Ngọc Hà/);
    expect(creation.actor?.name).not.toBe('commune-00008');
    const signInEntry = audit.find((e) => e.action === 'sign_in' && e.entityId === r.json().id)!;
    expect(signInEntry.actor?.name).toBe(p.fullName);
  });
});
