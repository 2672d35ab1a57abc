import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { searchKey } from '../../core/text.js';
import { makeNationalId } from './domain/national-id.js';

const clock = testClock('2026-11-20T09:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session;
let ngocHa: Session;
let hanoi: Session;
let hcm: Session;
let viewer: Session;

type Person = {
  id: string;
  unitCode: string;
  fullName: string;
  nationalId: string;
  version: number;
  educationLevel: string;
};
type Agency = {
  kind: string;
  name: string;
  approvedHeadcount: number;
  posts: { id: string; kind: string; code: string; seats: number; vacant: number; holders: { personId: string }[] }[];
};
const unique = () => 100_000 + Math.floor(Math.random() * 800_000);

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ngocHa, hanoi, hcm, viewer] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
    signIn(ctx.app, 'viewer'),
  ]);
});
afterAll(() => ctx.close());

const newPerson = (s: Session, unitCode: string, extra: Record<string, unknown> = {}) =>
  s.send('POST', '/api/people', {
    unitCode,
    fullName: 'Đặng Thị Thuỷ',
    birthDate: '1988-03-14',
    sex: 'female',
    nationalId: makeNationalId('001', '1988-03-14', 'female', unique()),
    category: 'civil_servant',
    educationLevel: 'bachelor',
    educationField: 'law',
    ...extra,
  });

describe('the registry of people', () => {
  it('lists a commune its own staff, found by name without diacritics', async () => {
    const list = (await baDinh.get('/api/people?pageSize=500')).json() as { items: Person[]; total: number };
    expect(list.total).toBeGreaterThan(5);
    expect(list.items.every((p) => p.unitCode === '00004')).toBe(true);
    const someone = list.items[0]!;
    const found = (await baDinh.get(`/api/people?q=${encodeURIComponent(searchKey(someone.fullName))}`)).json() as {
      items: Person[];
    };
    expect(found.items.map((p) => p.id)).toContain(someone.id);
    expect(someone.nationalId).toMatch(/^\d{12}$/);
  });

  it('keeps other communes and provinces out, and masks the ID number for a read-only viewer', async () => {
    const someone = ((await baDinh.get('/api/people?pageSize=1')).json() as { items: Person[] }).items[0]!;
    expect((await ngocHa.get(`/api/people/${someone.id}`)).statusCode).toBe(403);
    expect((await hcm.get(`/api/people/${someone.id}`)).statusCode).toBe(403);
    expect(
      (
        (await hcm.get(`/api/people?q=${encodeURIComponent(searchKey(someone.fullName))}&unit=00004`)).json() as {
          total: number;
        }
      ).total,
    ).toBe(0);
    expect((await ngocHa.send('PATCH', `/api/people/${someone.id}`, { phone: '0900000000' })).statusCode).toBe(403);
    const seen = (await viewer.get(`/api/people/${someone.id}`)).json() as Person;
    expect(seen.nationalId).toMatch(/^•{9}\d{3}$/);
  });

  it('checks the citizen ID number against birth date and sex, and refuses a duplicate', async () => {
    const wrongSex = await newPerson(baDinh, '00004', {
      nationalId: makeNationalId('001', '1988-03-14', 'male', unique()),
    });
    expect(wrongSex.statusCode).toBe(400);
    expect(wrongSex.json().error.field).toBe('nationalId');
    const ok = await newPerson(baDinh, '00004');
    expect(ok.statusCode).toBe(201);
    const dup = await newPerson(baDinh, '00004', { nationalId: (ok.json() as Person).nationalId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('nationalId');
    expect((await newPerson(baDinh, '00008')).statusCode).toBe(403);
  });
});

describe('posts, moves and requirements', () => {
  it("shows a commune's agencies with its leadership posts and who holds them", async () => {
    const agencies = (await baDinh.get('/api/agencies?unit=00004')).json() as { items: Agency[] };
    expect(agencies.items.map((a) => a.kind).sort()).toEqual([
      'culture_social_dept',
      'economic_dept',
      'office',
      'party_committee',
      'people_committee',
      'people_council',
      'service_center',
    ]);
    const chair = agencies.items.flatMap((a) => a.posts).find((p) => p.code === 'committee_chair')!;
    expect(chair.seats).toBe(1);
    expect(chair.holders.length + chair.vacant).toBe(1);
    const leadership = (await baDinh.get('/api/posts?unit=00004&kind=leadership')).json() as {
      items: { kind: string; agencyName: string }[];
    };
    // 15 posts, 21 seats: two Vice Chairmen of the Committee, two heads of Council boards, and two deputies for each of
    // the office, the two departments and the service centre (Resolution 332/NQ-CP)
    expect(leadership.items.length).toBe(15);
    const deputies = agencies.items
      .flatMap((a) => a.posts)
      .filter((p) => /deputy_(head|director)$/.test(p.code) && p.code !== 'party_deputy_secretary');
    expect(deputies.map((p) => [p.code, p.seats, p.holders.length + p.vacant])).toEqual(
      expect.arrayContaining([
        ['office_deputy_head', 2, 2],
        ['economic_dept_deputy_head', 2, 2],
        ['culture_dept_deputy_head', 2, 2],
        ['service_center_deputy_director', 2, 2],
      ]),
    );
    expect(leadership.items.every((p) => p.kind === 'leadership' && p.agencyName)).toBe(true);
    expect((await hcm.get('/api/posts?unit=00004')).statusCode).toBe(403);
  });

  it('moves a person to another commune keeping the whole record, and tells when the new post is not met', async () => {
    const p = (
      await newPerson(baDinh, '00004', { educationLevel: 'college', educationField: 'history' })
    ).json() as Person;
    const target = ((await hanoi.get('/api/agencies?unit=00008')).json() as { items: Agency[] }).items
      .flatMap((a) => a.posts)
      .find((x) => x.code === 'justice_civil_status')!;
    expect(
      (
        await baDinh.send('POST', '/api/assignments', {
          personId: p.id,
          postId: target.id,
          kind: 'regular',
          startDate: '2026-11-01',
        })
      ).statusCode,
    ).toBe(403);
    const moved = await hanoi.send('POST', '/api/assignments', {
      personId: p.id,
      postId: target.id,
      kind: 'regular',
      startDate: '2026-11-01',
    });
    expect(moved.statusCode).toBe(201);
    const page = (await ngocHa.get(`/api/people/${p.id}`)).json() as Person & {
      requirements: { meets: boolean; shortfalls: string[] };
      assignments: { unitCode: string; current: boolean }[];
    };
    expect(page.unitCode).toBe('00008');
    expect(page.fullName).toBe('Đặng Thị Thuỷ');
    expect(page.requirements).toMatchObject({
      meets: false,
      shortfalls: ['education', 'education_field', 'it_certificate'],
    });
    expect((await baDinh.get(`/api/people/${p.id}`)).statusCode).toBe(403); // no longer Ba Đình's
  });

  it('requires an end date for a secondment and shows it in the summary while in force', async () => {
    const p = (
      await newPerson(hanoi, '01', {
        fullName: 'Lê Văn Cường',
        sex: 'male',
        nationalId: makeNationalId('001', '1988-03-14', 'male', unique()),
      })
    ).json() as Person;
    const post = ((await hanoi.get('/api/agencies?unit=00004')).json() as { items: Agency[] }).items
      .flatMap((a) => a.posts)
      .find((x) => x.code === 'one_stop_officer')!;
    const noEnd = await hanoi.send('POST', '/api/assignments', {
      personId: p.id,
      postId: post.id,
      kind: 'secondment',
      startDate: '2026-11-02',
    });
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().error.field).toBe('endDate');
    expect(
      (
        await hanoi.send('POST', '/api/assignments', {
          personId: p.id,
          postId: post.id,
          kind: 'secondment',
          startDate: '2026-11-02',
          endDate: '2027-02-01',
        })
      ).statusCode,
    ).toBe(201);
    const summary = (await baDinh.get('/api/workforce/summary')).json() as {
      secondments: { personId: string; fromUnitCode: string }[];
      approvedHeadcount: number;
      staff: number;
      leadershipVacancies: { total: number };
    };
    expect(summary.secondments.find((s) => s.personId === p.id)?.fromUnitCode).toBe('01');
    expect(summary.approvedHeadcount).toBeGreaterThanOrEqual(32);
    expect(summary.staff).toBeGreaterThan(0);
    const person = (await baDinh.get(`/api/people/${p.id}`)).json() as Person;
    expect(person.fullName).toBe('Lê Văn Cường'); // a commune sees who is seconded to it
  });

  it('refuses a commune seconding someone it does not manage (another province, another commune), and that grants nothing', async () => {
    // A person of Hồ Chí Minh City, and one of Ngọc Hà (Hà Nội, a neighbouring commune of Ba Đình).
    const far = (await hcm.get('/api/people?pageSize=1')).json() as { items: Person[] };
    const near = (await ngocHa.get('/api/people?unit=00008&pageSize=1')).json() as { items: Person[] };
    const post = ((await baDinh.get('/api/agencies?unit=00004')).json() as { items: Agency[] }).items
      .flatMap((a) => a.posts)
      .find((x) => x.code === 'one_stop_officer')!;
    for (const person of [far.items[0]!, near.items[0]!]) {
      expect((await baDinh.get(`/api/people/${person.id}`)).statusCode).toBe(403);
      for (const kind of ['secondment', 'reinforcement', 'regular'] as const) {
        const res = await baDinh.send('POST', '/api/assignments', {
          personId: person.id,
          postId: post.id,
          kind,
          startDate: '2026-11-02',
          ...(kind === 'regular' ? {} : { endDate: '2027-02-01' }),
        });
        expect(res.statusCode, `${kind} of ${person.unitCode}: ${res.body}`).toBe(403);
      }
      // Nothing was made: the person stays out of Ba Đình's reach.
      expect((await baDinh.get(`/api/people/${person.id}`)).statusCode).toBe(403);
    }
    // The province over both communes may second Ngọc Hà's person to Ba Đình; Ba Đình then sees them.
    const seconded = await hanoi.send('POST', '/api/assignments', {
      personId: near.items[0]!.id,
      postId: post.id,
      kind: 'secondment',
      startDate: '2026-11-02',
      endDate: '2027-02-01',
    });
    expect(seconded.statusCode, seconded.body).toBe(201);
    expect((await baDinh.get(`/api/people/${near.items[0]!.id}`)).statusCode).toBe(200);
  });

  it("gives the Ministry every province's vacancies and the share not meeting requirements", async () => {
    const ministry = await signIn(ctx.app, 'ministry');
    const s = (await ministry.get('/api/workforce/summary')).json() as {
      requirements: { assessed: number; notMeetingRate: number };
      leadershipVacancies: { total: number; items: { daysVacant: number }[] };
      structure: { byAge: Record<string, number> };
    };
    expect(s.requirements.assessed).toBeGreaterThan(1000);
    expect(s.requirements.notMeetingRate).toBeGreaterThan(0);
    expect(s.requirements.notMeetingRate).toBeLessThan(20);
    expect(s.leadershipVacancies.total).toBeGreaterThan(0);
    expect(s.leadershipVacancies.items[0]!.daysVacant).toBeGreaterThan(0);
    expect(Object.keys(s.structure.byAge).length).toBeGreaterThan(2);
    expect((await ngocHa.get('/api/workforce/summary?unit=00004')).statusCode).toBe(403);
  });
});

describe('the summary as a map and a workbook', () => {
  type ProvinceFigures = {
    provinceCode: string;
    staff: number;
    approvedHeadcount: number;
    leadershipVacancies: number;
    assessed: number;
    notMeeting: number;
  };
  type Summary = {
    staff: number;
    approvedHeadcount: number;
    byProvince?: ProvinceFigures[];
    requirements: { assessed: number; notMeeting: number };
    leadershipVacancies: {
      total: number;
      items: { unitCode: string; title: string; vacantSeats: number; daysVacant: number }[];
    };
    byUnit: unknown[];
  };
  const sum = (rows: ProvinceFigures[], k: keyof Omit<ProvinceFigures, 'provinceCode'>) =>
    rows.reduce((n, r) => n + r[k], 0);

  it("gives the Ministry each province's figures, adding up to the country's", async () => {
    const ministry = await signIn(ctx.app, 'ministry');
    const s = (await ministry.get('/api/workforce/summary')).json() as Summary;
    const p = s.byProvince!;
    expect(p.length).toBe(34);
    expect(sum(p, 'staff')).toBe(s.staff);
    expect(sum(p, 'approvedHeadcount')).toBe(s.approvedHeadcount);
    expect(sum(p, 'leadershipVacancies')).toBe(s.leadershipVacancies.total);
    expect(sum(p, 'assessed')).toBe(s.requirements.assessed);
    expect(sum(p, 'notMeeting')).toBe(s.requirements.notMeeting);
    expect(((await hanoi.get('/api/workforce/summary')).json() as Summary).byProvince).toBeUndefined();
  });

  it('exports every view as a sheet with Vietnamese headers, matching the summary', async () => {
    const res = await hanoi.get('/api/workforce/summary.xlsx?unit=00004');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('00004');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Biên chế',
      'Lãnh đạo còn trống',
      'Không đạt yêu cầu',
      'Cơ cấu',
      'Biệt phái, tăng cường',
    ]);
    const vac = wb.getWorksheet('Lãnh đạo còn trống')!;
    expect(vac.getRow(1).values).toEqual([
      undefined,
      'STT',
      'Tỉnh, thành phố',
      'Mã đơn vị',
      'Tên đơn vị',
      'Chức vụ',
      'Số vị trí trống',
      'Trống từ ngày',
      'Số ngày trống',
    ]);
    const s = (await hanoi.get('/api/workforce/summary?unit=00004')).json() as Summary;
    expect(vac.rowCount - 1).toBe(s.leadershipVacancies.items.length);
    const first = s.leadershipVacancies.items[0];
    if (first) {
      const row = vac.getRow(2);
      expect([row.getCell(3).value, row.getCell(5).value, row.getCell(6).value, row.getCell(8).value]).toEqual([
        first.unitCode,
        first.title,
        first.vacantSeats,
        first.daysVacant,
      ]);
      expect(String(row.getCell(4).value)).toMatch(/Ba Đình/);
    }
    const staffing = wb.getWorksheet('Biên chế')!;
    expect(staffing.getRow(1).getCell(5).value).toBe('Biên chế được giao');
    expect(staffing.rowCount - 1).toBe(s.byUnit.length);
    const sec = wb.getWorksheet('Biệt phái, tăng cường')!;
    const rows = sec.getSheetValues().slice(2) as unknown[][];
    expect(rows.some((r) => r[2] === 'Lê Văn Cường' && String(r[3]).includes('Hà Nội') && r[5] === 'Biệt phái')).toBe(
      true,
    );
  });

  it("adds the provinces' sheet for the Ministry, and keeps a commune out of another unit's workbook", async () => {
    const ministry = await signIn(ctx.app, 'ministry');
    const res = await ministry.get('/api/workforce/summary.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('Theo tỉnh');
    expect(wb.worksheets[0]!.rowCount).toBe(35);
    expect((await ngocHa.get('/api/workforce/summary.xlsx?unit=00004')).statusCode).toBe(403);
    expect((await ngocHa.get('/api/workforce/summary.xlsx?unit=01')).statusCode).toBe(403);
    expect((await hcm.get('/api/workforce/summary.xlsx?unit=00004')).statusCode).toBe(403);
    expect((await ngocHa.get('/api/workforce/summary.xlsx')).statusCode).toBe(200);
  });
});
