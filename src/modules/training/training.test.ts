import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { openEventStream } from '../../../test/sse.js';

/**
 * The training conferences through the API, on the demo nation: the layout from the registry, the scope of
 * check-ins, idempotent reports, the silent communes, the live stream, attendance at its boundary, the import's errors
 * by row and the certificate.
 */
const clock = testClock('2026-03-02T07:00:00+07:00');
let app: FastifyInstance;
let close: () => Promise<void>;
let ministry: Session;
let hanoi: Session;
let baDinh: Session;
let ngocHa: Session;
let national: string;
let own: string;

const START = '2026-03-02T08:00:00+07:00';
const END = '2026-03-02T11:30:00+07:00';
const checkIn = (s: Session, unit: string, body: Record<string, unknown>, event = national) =>
  s.send('POST', `/api/trainings/${event}/bridges/${unit}/check-in`, body);

beforeAll(async () => {
  ({ app, close } = await createTestApp({ clock }));
  ministry = await signIn(app, 'ministry');
  hanoi = await signIn(app, 'province-01');
  baDinh = await signIn(app, 'commune-00004');
  ngocHa = await signIn(app, 'commune-00008');
}, 600_000);
afterAll(async () => close?.());

describe('creating a conference lays out its bridges from the registry', () => {
  it('a national event: the Ministry, 34 provinces and 3,321 communes (3,356 points)', async () => {
    const res = await ministry.send('POST', '/api/trainings', {
      title: 'Tập huấn cán bộ cấp xã',
      startsAt: START,
      endsAt: END,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    national = body.id;
    expect(body.bridges.total).toBe(3356);
    expect(body.bridges.byState.silent).toBe(3356);
    const provinces = (await ministry.get(`/api/trainings/${national}/bridges?kind=province&pageSize=1`)).json();
    const communes = (await ministry.get(`/api/trainings/${national}/bridges?kind=commune&pageSize=1`)).json();
    expect([provinces.total, communes.total]).toEqual([34, 3321]);
    const first = (await ministry.get(`/api/trainings/${national}/bridges?pageSize=2`)).json().items;
    expect(first[0]).toMatchObject({ kind: 'host', provinceCode: null, state: 'silent' });
  });

  it('a commune bridge carries its hall, officer and phone from the unit’s profile', async () => {
    const res = await baDinh.get(`/api/trainings/${national}/bridges`);
    expect(res.json().total).toBe(1);
    const b = res.json().items[0];
    expect(b.unitCode).toBe('00004');
    expect(b.hall).toContain('Ba Đình');
    expect(b.officer).toBeTruthy();
    expect(b.phone).toMatch(/^0\d/);
  });

  it("a province's own event has its main bridge and its communes; others do not see it", async () => {
    const res = await hanoi.send('POST', '/api/trainings', {
      title: 'Tập huấn của tỉnh',
      startsAt: START,
      endsAt: END,
    });
    expect(res.statusCode).toBe(201);
    own = res.json().id;
    const units = (await hanoi.get('/api/units?level=commune&province=01&pageSize=1')).json();
    expect(res.json().bridges.total).toBe(1 + units.total);
    expect(res.json().province).toBe('01');
    const other = await signIn(app, 'province-79');
    expect((await other.get(`/api/trainings/${own}`)).statusCode).toBe(404);
    expect(
      (await other.send('POST', '/api/trainings', { title: 'x', startsAt: START, endsAt: END, province: '01' }))
        .statusCode,
    ).toBe(403);
    expect((await baDinh.send('POST', '/api/trainings', { title: 'x', startsAt: START, endsAt: END })).statusCode).toBe(
      403,
    );
  });

  it('refuses an end before the start, naming the field in Vietnamese and English', async () => {
    const res = await ministry.send('POST', '/api/trainings', { title: 'x', startsAt: END, endsAt: START });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('endsAt');
    expect(res.json().error.message).toContain('kết thúc');
    const en = await ministry.send('POST', '/api/trainings?lang=en', { title: 'x', startsAt: END, endsAt: START });
    expect(en.json().error.message).toContain('end must be after');
  });
});

describe('check-ins', () => {
  it('a commune checks in its own bridge only; a province its communes; the Ministry any', async () => {
    expect((await checkIn(baDinh, '00004', { state: 'tested' })).statusCode).toBe(200);
    expect((await checkIn(baDinh, '00008', { state: 'tested' })).statusCode).toBe(403);
    expect((await checkIn(baDinh, '01', { state: 'tested' })).statusCode).toBe(403);
    expect((await checkIn(baDinh, 'BNV', { state: 'tested' })).statusCode).toBe(403);
    expect((await checkIn(hanoi, '00008', { state: 'tested' })).statusCode).toBe(200);
    expect((await checkIn(hanoi, '26740', { state: 'tested' })).statusCode).toBe(403);
    expect((await checkIn(ministry, '26740', { state: 'tested' })).statusCode).toBe(200);
    expect((await checkIn(ministry, 'BNV', { state: 'connected' })).statusCode).toBe(200);
  });

  it('pressed twice with the same report id, it is applied once', async () => {
    const body = { state: 'connected', clientRef: 'bd-connect-0001' };
    const first = await checkIn(baDinh, '00004', body);
    expect(first.json()).toMatchObject({ applied: true, bridge: { state: 'connected' } });
    const again = await checkIn(baDinh, '00004', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().applied).toBe(false);
    // trouble, then connected again: one reconnection
    await checkIn(baDinh, '00004', { state: 'trouble', note: 'Mất tiếng', clientRef: 'bd-trouble-0001' });
    const back = await checkIn(baDinh, '00004', { state: 'connected', clientRef: 'bd-connect-0002' });
    await checkIn(baDinh, '00004', { state: 'connected', clientRef: 'bd-connect-0002' });
    expect(back.json().bridge).toMatchObject({ state: 'connected', reconnects: 1 });
  });

  it('a report from a phone that was offline keeps the time it was made', async () => {
    clock.set('2026-03-02T07:20:00+07:00');
    const res = await checkIn(ngocHa, '00008', {
      state: 'connected',
      at: '2026-03-02T07:05:00+07:00',
      clientRef: 'nh-offline-01',
    });
    expect(res.json().bridge.lastAt).toBe('2026-03-02T00:05:00.000Z');
  });

  it('refuses a connection before the window opens, and a failed test without a note', async () => {
    const early = await checkIn(baDinh, '00004', { state: 'connected', at: '2026-03-02T04:00:00+07:00' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('state');
    const failed = await checkIn(baDinh, '00004', { state: 'tested', passed: false });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error.field).toBe('note');
  });

  it('the host sees the silent communes by province with their contacts; a province its own', async () => {
    const all = (await ministry.get(`/api/trainings/${national}/silent`)).json();
    expect(all.total).toBe(3356 - 4);
    const hn = all.provinces.find((p: { provinceCode: string }) => p.provinceCode === '01');
    expect(hn.name).toContain('Hà Nội');
    const codes = hn.silent.map((b: { unitCode: string }) => b.unitCode);
    expect(codes).not.toContain('00004');
    expect(codes).not.toContain('00008');
    expect(hn.silent[0].phone).toBeTruthy();
    const mine = (await hanoi.get(`/api/trainings/${national}/silent`)).json();
    expect(mine.provinces.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['01']);
    const counts = (await ministry.get(`/api/trainings/${national}`)).json().bridges.byState;
    expect(counts).toMatchObject({ connected: 3, tested: 1, silent: 3352 });
  });
});

describe('the live stream', () => {
  it('shows the host each change at once, and a commune only its own bridge', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const ministryStream = await openEventStream(`${address}/api/trainings/${national}/live`, ministry.cookie);
    const communeStream = await openEventStream(`${address}/api/trainings/${national}/live`, baDinh.cookie);
    try {
      const snap = await ministryStream.next();
      expect(snap.event).toBe('snapshot');
      expect((snap.data as { byState: { connected: number } }).byState.connected).toBe(3);
      const communeSnap = await communeStream.next();
      expect((communeSnap.data as { provinces: unknown[] }).provinces).toHaveLength(1);

      await checkIn(hanoi, '00008', { state: 'trouble', note: 'Mất điện' });
      await checkIn(baDinh, '00004', { state: 'left' });
      const first = await ministryStream.next();
      expect(first).toMatchObject({ event: 'bridge', data: { unitCode: '00008', from: 'connected', to: 'trouble' } });
      expect((await ministryStream.next()).data).toMatchObject({ unitCode: '00004', to: 'left' });
      // the commune never hears of its neighbour: its first change is its own
      expect((await communeStream.next()).data).toMatchObject({ unitCode: '00004', to: 'left' });
    } finally {
      ministryStream.close();
      communeStream.close();
    }
  });
});

describe('attendance and certificates', () => {
  let people: { id: string; fullName: string }[];

  it('registers staff of a commune by list; a commune cannot register another commune’s staff', async () => {
    people = (await baDinh.get('/api/people?unit=00004&pageSize=5')).json().items;
    expect(people.length).toBeGreaterThanOrEqual(3);
    const res = await baDinh.send('POST', `/api/trainings/${national}/attendees`, {
      personIds: people.map((p) => p.id),
    });
    expect(res.json()).toMatchObject({ registered: people.length, total: people.length });
    const others = (await ngocHa.get('/api/people?unit=00008&pageSize=2')).json().items;
    const refused = await baDinh.send('POST', `/api/trainings/${national}/attendees`, {
      personIds: others.map((p: { id: string }) => p.id),
    });
    expect(refused.json().registered).toBe(0);
  });

  it('80 % of a 210-minute session: 168 minutes attended, 167 did not', async () => {
    const [a, b] = people;
    const rec = (id: string, joinedAt: string, leftAt: string) =>
      baDinh.send('POST', `/api/trainings/${national}/presence`, { personId: id, joinedAt, leftAt });
    expect((await rec(a!.id, '2026-03-02T08:00:00+07:00', '2026-03-02T10:48:00+07:00')).json()).toMatchObject({
      minutes: 168,
      attended: true,
    });
    expect((await rec(b!.id, '2026-03-02T08:00:00+07:00', '2026-03-02T10:47:00+07:00')).json()).toMatchObject({
      minutes: 167,
      attended: false,
    });
    const list = (await baDinh.get(`/api/trainings/${national}/attendees`)).json();
    expect(list.rule).toEqual({ sessionMinutes: 210, requiredMinutes: 168, share: 80 });
    expect(
      (await ngocHa.send('POST', `/api/trainings/${national}/presence`, { personId: a!.id, joinedAt: START }))
        .statusCode,
    ).toBe(403);
  });

  it('imports the conference tool’s report: errors by row, nothing written; then the corrected file', async () => {
    const c = people[2]!;
    const bad = await baDinh.send('POST', `/api/trainings/${national}/presence/import`, {
      csv: `Mã cán bộ,Giờ vào,Giờ ra\n${c.id},08:00,11:30\n${crypto.randomUUID()},08:00,09:00\n${c.id},soon,09:00`,
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().imported).toBe(0);
    expect(bad.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'person_id'],
      [4, 'join_time'],
    ]);
    expect(bad.json().errors[1].message).toContain('Dòng 4');
    const good = await baDinh.send('POST', `/api/trainings/${national}/presence/import`, {
      csv: `Mã cán bộ,Giờ vào,Giờ ra\n${c.id},08:00,11:30`,
    });
    expect(good.json()).toEqual({ imported: 1, errors: [] });
    const list = (await baDinh.get(`/api/trainings/${national}/attendees?attended=true`)).json();
    expect(list.items.map((x: { personId: string }) => x.personId).sort()).toEqual([people[0]!.id, c.id].sort());
  });

  it('reads the Excel report too, with the same errors by row', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Báo cáo');
    sheet.addRow(['Mã cán bộ', 'Giờ vào', 'Giờ ra']);
    sheet.addRow([people[2]!.id, new Date('2026-03-02T01:00:00Z'), '11:30']);
    sheet.addRow(['không-có', '08:00', '09:00']);
    const xlsxBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const res = await baDinh.send('POST', `/api/trainings/${national}/presence/import?lang=en`, { xlsxBase64 });
    expect(res.json().imported).toBe(0);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: 'person_id', message: expect.stringContaining('Row 3') }),
    ]);
  });

  it('a certificate downloads for who attended, with a code anyone can verify; refused to who did not', async () => {
    const [a, b] = people;
    const early = await baDinh.get(`/api/trainings/${national}/attendees/${a!.id}/certificate`);
    expect(early.statusCode).toBe(409); // not before the end: an open presence still counts to the end
    clock.set('2026-03-02T11:45:00+07:00');
    const pdf = await baDinh.get(`/api/trainings/${national}/attendees/${a!.id}/certificate`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const refused = await baDinh.get(`/api/trainings/${national}/attendees/${b!.id}/certificate`);
    expect(refused.statusCode).toBe(409);
    const listed = (await baDinh.get(`/api/trainings/${national}/attendees`)).json().items;
    const code = listed.find((x: { personId: string }) => x.personId === a!.id).certificateCode;
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    const check = await app.inject({ method: 'GET', url: `/api/trainings/certificates/${code}` });
    expect(check.json()).toMatchObject({ valid: true, fullName: a!.fullName, minutes: 168 });
    expect((await ngocHa.get(`/api/trainings/${national}/attendees/${a!.id}/certificate`)).statusCode).toBe(403);
  });

  it('the report counts bridges connected and staff expected vs attended; absentees with their reasons', async () => {
    const b = people[1]!;
    await baDinh.send('PUT', `/api/trainings/${national}/attendees/${b.id}/absence`, { reason: 'Về sớm do ốm' });
    const report = (await hanoi.get(`/api/trainings/${national}/report`)).json();
    const row = report.rows.find((r: { code: string }) => r.code === '00004');
    expect(row).toMatchObject({ bridges: 1, connected: 1, expected: people.length, attended: 2 });
    expect(report.absentees.find((x: { personId: string }) => x.personId === b.id).reason).toBe('Về sớm do ốm');
    const national_ = (await ministry.get(`/api/trainings/${national}/report`)).json();
    expect(national_.rows.find((r: { code: string }) => r.code === '01')).toMatchObject({ connected: 2, attended: 2 });
  });
});

describe('questions raised at bridges', () => {
  it('a commune asks at its bridge, the host sees it, the commune sends it to the channel with one click', async () => {
    const asked = await baDinh.send('POST', `/api/trainings/${national}/questions`, {
      text: 'Xin hướng dẫn cách bố trí công chức văn hóa - xã hội khi số lượng biên chế chưa đủ theo đề án.',
      clientRef: 'bd-question-0001',
    });
    expect(asked.statusCode).toBe(201);
    const q = asked.json();
    expect(q).toMatchObject({ unitCode: '00004', recommendationId: null });
    expect(
      (await ngocHa.send('POST', `/api/trainings/${national}/questions`, { unitCode: '00004', text: 'Câu hỏi hộ' }))
        .statusCode,
    ).toBe(403);
    const seen = (await ministry.get(`/api/trainings/${national}/questions`)).json().items;
    expect(seen.map((x: { id: string }) => x.id)).toContain(q.id);
    expect((await ngocHa.get(`/api/trainings/${national}/questions`)).json().items).toEqual([]);
    // The Ministry does not raise items for a commune; the commune does.
    expect((await ministry.send('POST', `/api/trainings/${national}/questions/${q.id}/forward`, {})).statusCode).toBe(
      403,
    );
    const sent = await baDinh.send('POST', `/api/trainings/${national}/questions/${q.id}/forward`, { force: true });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().code).toMatch(/^KN01-/);
    const item = await baDinh.get(`/api/recommendations/${sent.json().recommendationId}`);
    expect(item.statusCode).toBe(200);
    const again = await baDinh.send('POST', `/api/trainings/${national}/questions/${q.id}/forward`, { force: true });
    expect(again.json().recommendationId).toBe(sent.json().recommendationId);
  });
});

describe('materials', () => {
  it('the host keeps materials with the event; every bridge downloads them; a commune adds none', async () => {
    const file = {
      name: 'Tài liệu tập huấn.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from('Nội dung').toString('base64'),
    };
    const added = await ministry.send('POST', `/api/trainings/${national}/materials`, { files: [file] });
    expect(added.statusCode).toBe(200);
    expect(added.json().items).toEqual([expect.objectContaining({ name: 'Tài liệu tập huấn.txt', sizeBytes: 10 })]);
    expect((await baDinh.send('POST', `/api/trainings/${national}/materials`, { files: [file] })).statusCode).toBe(403);
    const got = await baDinh.get(`/api/trainings/${national}/materials/0`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('Nội dung');
    expect((await baDinh.get(`/api/trainings/${national}/materials/1`)).statusCode).toBe(404);
  });
});

describe('the morning rush (issue #17: lean check-ins, the live map in windows)', () => {
  it('concurrent check-ins, each sent twice at once: applied once, counted as the bridges stand, audited and shown once', async () => {
    const made = await hanoi.send('POST', '/api/trainings', {
      title: 'Tập huấn buổi sáng',
      startsAt: START,
      endsAt: END,
    });
    expect(made.statusCode).toBe(201);
    const event = made.json().id as string;
    const communes = (await hanoi.get(`/api/trainings/${event}/bridges?kind=commune&pageSize=40`)).json().items as {
      unitCode: string;
    }[];
    expect(communes).toHaveLength(40);
    // listening already when the live stream's case ran before
    const base = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const map = await openEventStream(`${base}/api/trainings/${event}/live`, ministry.cookie);
    try {
      expect((await map.next()).event).toBe('snapshot');
      // every commune connects, the same report pressed twice at once; the first ten then report trouble
      const sent = await Promise.all(
        communes.flatMap((c) => {
          const body = { state: 'connected', clientRef: `rush-${c.unitCode}` };
          return [checkIn(hanoi, c.unitCode, body, event), checkIn(hanoi, c.unitCode, body, event)];
        }),
      );
      expect(sent.map((r) => r.statusCode)).toEqual(sent.map(() => 200));
      expect(sent.filter((r) => r.json().applied)).toHaveLength(40);
      const troubled = communes.slice(0, 10);
      await Promise.all(
        troubled.map((c) => checkIn(hanoi, c.unitCode, { state: 'trouble', note: 'Mất tiếng' }, event)),
      );

      const counts = (await ministry.get(`/api/trainings/${event}`)).json().bridges;
      const listed = async (state: string) =>
        (await hanoi.get(`/api/trainings/${event}/bridges?state=${state}&pageSize=1`)).json().total as number;
      expect(counts.byState).toMatchObject({ connected: 30, trouble: 10, silent: counts.total - 40 });
      expect([await listed('connected'), await listed('trouble'), await listed('silent')]).toEqual([
        30,
        10,
        counts.total - 40,
      ]);

      // one audit entry a change (40 connections, 10 troubles), none for the repeats
      const audit = (await ministry.get('/api/audit?unit=01&entity=training_bridge&action=check_in&pageSize=500'))
        .json()
        .items.filter((e: { entityId: string }) => e.entityId.startsWith(`${event}/`));
      expect(audit).toHaveLength(50);

      // the map shows each change once: 40 connections, then 10 troubles, in the order they were committed
      const changes: { unitCode: string; to: string }[] = [];
      for (let i = 0; i < 50; i++) {
        const next = await map.next(10_000);
        expect(next?.event).toBe('bridge');
        changes.push(next!.data as { unitCode: string; to: string });
      }
      expect(await map.next(1_500)).toBeNull();
      const connected = changes.filter((c) => c.to === 'connected').map((c) => c.unitCode);
      expect(connected.sort()).toEqual(communes.map((c) => c.unitCode).sort());
      expect(changes.slice(40).map((c) => c.to)).toEqual(troubled.map(() => 'trouble'));
    } finally {
      map.close();
    }
  });
});
