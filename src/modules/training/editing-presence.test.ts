import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { rowsOf } from '../../db/client.js';
import { deliverNotices, deliveryHooks } from './service/notices.js';

/**
 * What the host and the attendees check after #17's second part, on the demo nation: the host edits its conference
 * until it starts (bridges and their tests kept), an attendee checks in at their bridge by scanning its QR code with
 * their own account, and opens their certificate page — or reads why there is none.
 */
const clock = testClock('2026-03-01T09:00:00+07:00');
let app: FastifyInstance;
let close: () => Promise<void>;
let admin: Session;
let ministry: Session;
let hanoi: Session;
let baDinh: Session;
let ngocHa: Session;
let staff: Session;
let staffId: string;
let colleagueId: string;
let national: string;
let own: string;

const START = '2026-03-02T08:00:00+07:00';
const END = '2026-03-02T11:30:00+07:00';

beforeAll(async () => {
  ({ app, close } = await createTestApp({ clock }));
  const sessions = await Promise.all(
    ['admin', 'ministry', 'province-01', 'commune-00004', 'commune-00008', 'staff-00004'].map((u) => signIn(app, u)),
  );
  [admin, ministry, hanoi, baDinh, ngocHa, staff] = sessions as [Session, Session, Session, Session, Session, Session];
  staffId = (await staff.get('/api/auth/me')).json().user.personId;
  const people = (await baDinh.get('/api/people?unit=00004&pageSize=10')).json().items as { id: string }[];
  colleagueId = people.find((p) => p.id !== staffId)!.id;
  national = (await ministry.send('POST', '/api/trainings', { title: 'Tập huấn', startsAt: START, endsAt: END })).json()
    .id;
  own = (
    await hanoi.send('POST', '/api/trainings', { title: 'Tập huấn của tỉnh', startsAt: START, endsAt: END })
  ).json().id;
  await baDinh.send('POST', `/api/trainings/${national}/attendees`, { personIds: [staffId, colleagueId] });
}, 600_000);
afterAll(async () => close?.());

/** A province's event whose audience is the staff account's category (so the audience names it). */
async function provinceEventForStaffCategory(): Promise<string> {
  const me = (await staff.get(`/api/people/${staffId}`)).json() as { category: string };
  const res = await hanoi.send('POST', '/api/trainings', {
    title: 'Tập huấn cho cán bộ xã',
    startsAt: START,
    endsAt: END,
    audience: { categories: [me.category] },
  });
  return res.json().id as string;
}

describe('what a staff account lists (GET /api/trainings)', () => {
  it('the events it is registered for or whose audience names it; not the rest of its province’s', async () => {
    const invited = await provinceEventForStaffCategory();
    const res = await staff.get('/api/trainings');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((e) => e.id);
    expect(ids).toContain(national);
    expect(ids).toContain(invited);
    expect(ids).not.toContain(own);
    // the province's own event, not its: not found either
    expect((await staff.get(`/api/trainings/${own}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/trainings/${invited}`)).statusCode).toBe(200);
    // the province's account still lists every event of its province
    const all = ((await hanoi.get('/api/trainings')).json().items as { id: string }[]).map((e) => e.id);
    expect(all).toEqual(expect.arrayContaining([national, own, invited]));
  });
});

describe('a staff account reads no one else’s attendance (probe of 2026-12-07)', () => {
  const eventWide = ['attendees', 'report', 'bridges', 'board', 'silent', 'questions'];
  it('an event not its own is not found under any of its pages, not only its own page', async () => {
    for (const page of [...eventWide, 'materials'])
      expect((await staff.get(`/api/trainings/${own}/${page}`)).statusCode, page).toBe(404);
  });
  it('on its own event: its own scan and certificate, not the colleagues’ attendance, bridges or report', async () => {
    // registered for the national event with a colleague: the list of who attended and why not is the units'
    for (const page of eventWide)
      expect((await staff.get(`/api/trainings/${national}/${page}`)).statusCode, page).toBe(403);
    expect((await staff.get(`/api/trainings/${national}/materials`)).statusCode).toBe(200);
    expect((await staff.get(`/api/trainings/${national}/attendees/${colleagueId}/certificate/status`)).statusCode).toBe(
      403,
    );
    // the commune's account still reads its own staff's attendance
    const res = await baDinh.get(`/api/trainings/${national}/attendees`);
    expect(res.statusCode).toBe(200);
    expect((res.json().items as { personId: string }[]).map((a) => a.personId)).toContain(colleagueId);
  });
});

describe('a staff account’s own conferences (GET /api/trainings/mine, its page of the menu)', () => {
  it('each with the registration, the minutes against the rule, the scan and the certificate; a unit’s account: 403', async () => {
    const res = await staff.get('/api/trainings/mine');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { personId: string; items: Record<string, unknown>[] };
    expect(body.personId).toBe(staffId);
    const n = body.items.find((e) => e.id === national)!;
    expect(n).toMatchObject({ registered: true, minutes: 0, requiredMinutes: 168, share: 80, ended: false });
    expect(n.certificate).toBe(false);
    // the host by name: the Ministry's national event (the page says so), Hà Nội's own by the province's name
    expect(n.hostName).toBeNull();
    const provincial = body.items.find((e) => e.province === '01');
    expect(provincial?.hostName).toMatch(/Hà Nội/);
    expect(body.items.map((e) => e.id)).not.toContain(own);
    expect((await baDinh.get('/api/trainings/mine')).statusCode).toBe(403);
  });
});

describe('the host changes the audience: registrations it leaves out are cancelled, once the host has seen them', () => {
  it('lists them before saving, asks to confirm, cancels with the reason, tells the unit; a list’s choice stays', async () => {
    const me = (await staff.get(`/api/people/${staffId}`)).json() as { category: string };
    const people = (await baDinh.get('/api/people?unit=00004&pageSize=100')).json().items as {
      id: string;
      category: string;
    }[];
    const byList = people.find((p) => p.category !== me.category)!;
    const CATEGORIES = ['cadre', 'civil_servant', 'public_employee', 'contract'];
    const third = CATEGORIES.find((c) => c !== me.category && c !== byList.category)!;
    const ev = (
      await hanoi.send('POST', '/api/trainings', {
        title: 'Tập huấn theo đối tượng',
        startsAt: START,
        endsAt: END,
        audience: { categories: [me.category] },
      })
    ).json().id as string;
    await baDinh.send('POST', `/api/trainings/${ev}/attendees`, { personIds: [byList.id] });
    const change = { audience: { categories: [third] } };

    const preview = await hanoi.send('POST', `/api/trainings/${ev}/changes/preview`, change);
    expect(preview.statusCode).toBe(200);
    const cancelled = preview.json().cancelled as { total: number; items: { personId: string; fullName: string }[] };
    expect(cancelled.total).toBeGreaterThanOrEqual(1);
    const mine = cancelled.items.find((p) => p.personId === staffId);
    expect(mine?.fullName).toBeTruthy();
    expect(cancelled.items.map((p) => p.personId)).not.toContain(byList.id);

    const unconfirmed = await hanoi.send('PATCH', `/api/trainings/${ev}`, change);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error.field).toBe('audience');
    expect(unconfirmed.json().error.message).toContain(`${cancelled.total} người`);

    const saved = await hanoi.send('PATCH', `/api/trainings/${ev}`, { ...change, confirmCancellations: true });
    expect(saved.statusCode).toBe(200);
    const listed = (await hanoi.get(`/api/trainings/${ev}/attendees?unit=00004&pageSize=200`)).json().items as {
      personId: string;
    }[];
    expect(listed.map((a) => a.personId)).not.toContain(staffId);
    expect(listed.map((a) => a.personId)).toContain(byList.id);

    const log = (
      await admin.get('/api/audit?entity=training_event&action=cancel_registrations&unit=00004&pageSize=50')
    ).json().items as {
      entityId: string;
      unitCode: string;
      before: { registered: { fullName: string }[] };
      after: unknown;
    }[];
    const entry = log.find((x) => x.entityId === ev && x.unitCode === '00004')!;
    expect(entry.after).toMatchObject({ reason: 'audience_changed' });
    expect(entry.before.registered.map((p) => p.fullName)).toContain(mine!.fullName);

    const notices = JSON.stringify((await baDinh.get('/api/notifications')).json());
    expect(notices).toContain('hủy đăng ký');
    expect(notices).toContain(mine!.fullName);
    // and the attendee no longer finds the conference among theirs
    const theirs = ((await staff.get('/api/trainings')).json().items as { id: string }[]).map((e) => e.id);
    expect(theirs).not.toContain(ev);
  });
});

describe('the units’ notices of an audience change go after the save (an outbox), once', () => {
  const count = async (q: ReturnType<typeof sql>) =>
    Number(rowsOf<{ n: number }>(await app.database.db.execute(q))[0]!.n);

  it('a failed delivery keeps the save and its one outbox row; the next pass delivers once; a retried save adds none', async () => {
    const me = (await staff.get(`/api/people/${staffId}`)).json() as { category: string };
    const other = ['cadre', 'civil_servant', 'public_employee', 'contract'].find((c) => c !== me.category)!;
    const ev = (
      await hanoi.send('POST', '/api/trainings', {
        title: 'Tập huấn đổi đối tượng',
        startsAt: START,
        endsAt: END,
        audience: { categories: [me.category] },
      })
    ).json().id as string;
    const change = { audience: { categories: [other] }, confirmCancellations: true };
    const noticesOfEvent = sql`SELECT count(*)::int AS n FROM notifications WHERE entity_id = ${ev}`;

    deliveryHooks.before = () => {
      throw new Error('notifications unavailable');
    };
    let saved;
    try {
      saved = await hanoi.send('PATCH', `/api/trainings/${ev}`, change);
    } finally {
      deliveryHooks.before = undefined;
    }
    // the save is whole although nothing could be notified
    expect(saved.statusCode).toBe(200);
    const listed = (await hanoi.get(`/api/trainings/${ev}/attendees?unit=00004&pageSize=200`)).json().items as {
      personId: string;
    }[];
    expect(listed.map((a) => a.personId)).not.toContain(staffId);
    // the save's transaction wrote no notification: every unit's notice waits in one outbox row
    expect(await count(noticesOfEvent)).toBe(0);
    const rows = rowsOf<{ units: number; sent: boolean }>(
      await app.database.db.execute(
        sql`SELECT jsonb_array_length(notices)::int AS units, sent_at IS NOT NULL AS sent
            FROM training_notice_outbox WHERE event_id = ${ev}`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.units).toBeGreaterThan(1);
    expect(rows[0]!.sent).toBe(false);

    // the next pass delivers it; Ba Đình reads its notice naming the person
    expect(await deliverNotices(app.database.db, clock.now())).toBe(1);
    const delivered = await count(noticesOfEvent);
    expect(delivered).toBeGreaterThanOrEqual(rows[0]!.units);
    const baDinhNotices = (
      (await baDinh.get('/api/notifications')).json().items as { entityId: string; body: string }[]
    ).filter((n) => n.entityId === ev);
    expect(baDinhNotices).toHaveLength(1);
    expect(baDinhNotices[0]!.body).toContain('hủy');

    // another pass and a retried save send nothing more
    expect(await deliverNotices(app.database.db, clock.now())).toBe(0);
    expect((await hanoi.send('PATCH', `/api/trainings/${ev}`, change)).statusCode).toBe(200);
    expect(await count(noticesOfEvent)).toBe(delivered);
  });
});

describe('the host edits its conference before it starts', () => {
  it('changes the title, programme, trainers and times; the bridges and their tests stay', async () => {
    await baDinh.send('POST', `/api/trainings/${national}/bridges/00004/check-in`, { state: 'tested' });
    const before = (await ministry.get(`/api/trainings/${national}`)).json();
    expect(before.actions).toContain('edit');
    const res = await ministry.send('PATCH', `/api/trainings/${national}`, {
      title: 'Tập huấn nghiệp vụ cấp xã',
      programme: 'Phiên 1: tổ chức bộ máy. Phiên 2: hỏi đáp.',
      trainers: 'Vụ Chính quyền địa phương',
      startsAt: '2026-03-02T08:30:00+07:00',
      endsAt: '2026-03-02T11:30:00+07:00',
    });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({
      title: 'Tập huấn nghiệp vụ cấp xã',
      trainers: 'Vụ Chính quyền địa phương',
      startsAt: '2026-03-02T01:30:00.000Z',
      rule: { sessionMinutes: 180, requiredMinutes: 144 },
    });
    expect(e.bridges.total).toBe(3356);
    expect(e.bridges.byState.tested).toBe(1);
    const mine = (await baDinh.get(`/api/trainings/${national}/bridges`)).json().items[0];
    expect(mine.state).toBe('tested');
  });

  it('the change is in the audit log with what it was before', async () => {
    const log = (await admin.get('/api/audit?entity=training_event&action=update&pageSize=10')).json().items;
    const entry = log.find((x: { entityId: string }) => x.entityId === national);
    expect(entry.before).toMatchObject({ title: 'Tập huấn', startsAt: '2026-03-02T01:00:00.000Z' });
    expect(entry.after).toMatchObject({ title: 'Tập huấn nghiệp vụ cấp xã' });
    expect(entry.after.bridges).toBeUndefined();
  });

  it('moved to another day, its bridges are laid out from that day’s registry; a test already reported stays', async () => {
    const res = await ministry.send('PATCH', `/api/trainings/${national}`, {
      startsAt: '2026-03-03T08:00:00+07:00',
      endsAt: '2026-03-03T11:30:00+07:00',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ registryDate: '2026-03-03', bridges: { total: 3356 } });
    expect(res.json().bridges.byState.tested).toBe(1);
    const log = (await admin.get('/api/audit?entity=training_event&action=update&pageSize=10')).json().items;
    const entry = log.find((x: { entityId: string; after: { bridges?: unknown } }) => x.entityId === national);
    expect(entry.after.bridges).toMatchObject({ total: 3356, registryDate: '2026-03-03', removed: 0, added: 0 });
    // back to the first day for what follows
    await ministry.send('PATCH', `/api/trainings/${national}`, { startsAt: START, endsAt: END });
  });

  it('only the host: not a province on a national event, not a commune; a province edits its own', async () => {
    expect((await hanoi.send('PATCH', `/api/trainings/${national}`, { title: 'x' })).statusCode).toBe(403);
    expect((await baDinh.send('PATCH', `/api/trainings/${national}`, { title: 'x' })).statusCode).toBe(403);
    expect((await hanoi.get(`/api/trainings/${national}`)).json().actions).not.toContain('edit');
    const mine = await hanoi.send('PATCH', `/api/trainings/${own}`, { attendShare: 90 });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().rule).toMatchObject({ share: 90, requiredMinutes: 189 });
    const other = await signIn(app, 'province-79');
    expect((await other.send('PATCH', `/api/trainings/${own}`, { title: 'x' })).statusCode).toBe(404);
  });

  it('refuses an end before the start, naming the field', async () => {
    const res = await ministry.send('PATCH', `/api/trainings/${national}`, { endsAt: '2026-03-02T07:00:00+07:00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('endsAt');
  });
});

describe('an attendee checks in by scanning the QR code of their bridge', () => {
  let code: string;

  it('the bridge’s officer gets a short-lived code as a QR opening the check-in page; others do not', async () => {
    clock.set('2026-03-02T08:05:00+07:00');
    const res = await baDinh.get(`/api/trainings/${national}/bridges/00004/presence-code`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    code = c.token;
    expect(c.url).toContain(`/tap-huan/${national}/diem-danh?ma=`);
    expect(c.qrSvg).toMatch(/^<svg/);
    expect(c.expiresAt).toBe('2026-03-02T01:10:00.000Z');
    expect((await ngocHa.get(`/api/trainings/${national}/bridges/00004/presence-code`)).statusCode).toBe(403);
    expect((await staff.get(`/api/trainings/${national}/bridges/00004/presence-code`)).statusCode).toBe(403);
  });

  it('scanned by the attendee: present from now; scanned twice, nothing more', async () => {
    const res = await staff.send('POST', `/api/trainings/${national}/presence/scan`, { token: code });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, present: true, since: '2026-03-02T01:05:00.000Z' });
    expect(res.json().bridgeName).toContain('Ba Đình');
    const again = await staff.send('POST', `/api/trainings/${national}/presence/scan`, { token: code });
    expect(again.json()).toMatchObject({ changed: false, present: true, since: '2026-03-02T01:05:00.000Z' });
  });

  it('refuses with a reason: a unit’s account, another bridge’s code, a forged code, an expired one', async () => {
    const byUnit = await baDinh.send('POST', `/api/trainings/${national}/presence/scan`, { token: code });
    expect(byUnit.statusCode).toBe(409);
    expect(byUnit.json().error.message).toContain('tài khoản cá nhân');
    const other = (await ngocHa.get(`/api/trainings/${national}/bridges/00008/presence-code`)).json().token;
    const wrong = await staff.send('POST', `/api/trainings/${national}/presence/scan`, { token: other });
    expect(wrong.json().error.message).toContain('điểm cầu khác');
    const forged = code.replace(/\.\d+\./, (m) => `.${Number(m.slice(1, -1)) + 3600}.`);
    expect(
      (await staff.send('POST', `/api/trainings/${national}/presence/scan`, { token: forged })).json().error.message,
    ).toContain('không đúng');
    clock.set('2026-03-02T08:20:00+07:00');
    const late = await staff.send('POST', `/api/trainings/${national}/presence/scan?lang=en`, { token: code });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('expired');
  });

  it('scanned on leaving: the minutes are counted against the rule (165 of 168 needed is not enough)', async () => {
    clock.set('2026-03-02T10:50:00+07:00');
    const fresh = (await baDinh.get(`/api/trainings/${national}/bridges/00004/presence-code`)).json().token;
    const res = await staff.send('POST', `/api/trainings/${national}/presence/scan`, { token: fresh, action: 'leave' });
    expect(res.json()).toMatchObject({ changed: true, present: false, minutes: 165, requiredMinutes: 168 });
    const list = (await baDinh.get(`/api/trainings/${national}/attendees`)).json().items;
    expect(list.find((a: { personId: string }) => a.personId === staffId)).toMatchObject({
      minutes: 165,
      attended: false,
    });
  });
});

describe('the certificate page', () => {
  it('before the end: no certificate yet, and the page says when', async () => {
    const res = await staff.get(`/api/trainings/${national}/attendees/${staffId}/certificate/status`);
    expect(res.json()).toMatchObject({ status: 'not_ended', certificate: null, minutes: 165 });
    const pdf = await staff.get(`/api/trainings/${national}/attendees/${staffId}/certificate`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.json().error.message).toContain('kết thúc');
  });

  it('after the end: who attended long enough gets it; who did not reads the minutes and the rule', async () => {
    await baDinh.send('POST', `/api/trainings/${national}/presence`, {
      personId: colleagueId,
      joinedAt: START,
      leftAt: END,
    });
    const certOf = async () =>
      (await baDinh.get(`/api/trainings/${national}/attendees`))
        .json()
        .items.find((a: { personId: string }) => a.personId === colleagueId);
    expect(await certOf()).toMatchObject({ minutes: 210, attended: true, certificate: false });
    clock.set('2026-03-02T11:45:00+07:00');
    expect((await certOf()).certificate).toBe(true);
    const short = (await staff.get(`/api/trainings/${national}/attendees/${staffId}/certificate/status`)).json();
    expect(short).toMatchObject({ status: 'not_attended', minutes: 165, requiredMinutes: 168, share: 80 });
    const ok = (await baDinh.get(`/api/trainings/${national}/attendees/${colleagueId}/certificate/status`)).json();
    expect(ok.status).toBe('ready');
    expect(ok.certificate.code).toMatch(/^[A-Z0-9]{12}$/);
    expect(ok.certificate.hostName).toBe('Bộ Nội vụ');
    const check = await app.inject({ method: 'GET', url: `/api/trainings/certificates/${ok.certificate.code}` });
    expect(check.json()).toMatchObject({ valid: true, minutes: 210 });
    const pdf = await baDinh.get(`/api/trainings/${national}/attendees/${colleagueId}/certificate`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('nobody else’s: a staff account not its colleague’s, a neighbour commune not ours, no event not its own', async () => {
    expect((await staff.get(`/api/trainings/${national}/attendees/${colleagueId}/certificate/status`)).statusCode).toBe(
      403,
    );
    expect((await ngocHa.get(`/api/trainings/${national}/attendees/${staffId}/certificate/status`)).statusCode).toBe(
      403,
    );
    // an event of its province that is not its own is not found
    expect((await staff.get(`/api/trainings/${own}/attendees/${staffId}/certificate/status`)).statusCode).toBe(404);
    const invited = await provinceEventForStaffCategory();
    // (the audience registers it: not attended yet, no certificate)
    const none = await staff.get(`/api/trainings/${invited}/attendees/${staffId}/certificate/status`);
    expect(none.json()).toMatchObject({ status: 'not_attended', certificate: null });
  });

  it('after the start the event can no longer be edited', async () => {
    const res = await ministry.send('PATCH', `/api/trainings/${national}`, { title: 'Muộn' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('đã bắt đầu');
    expect((await ministry.get(`/api/trainings/${national}`)).json().actions).not.toContain('edit');
  });
});
