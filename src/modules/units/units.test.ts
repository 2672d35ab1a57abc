import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session } from '../../../test/helpers.js';

type Unit = {
  code: string;
  level: string;
  provinceCode: string;
  name: string;
  type: string;
  fullName: string;
  counts?: Record<string, number>;
};
type UnitPage = { items: Unit[]; total: number; page: number; pageSize: number };

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let ministry: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  ministry = await signIn(ctx.app, 'ministry');
});
afterAll(() => ctx.close());

describe('units registry', () => {
  it('holds the 34 provinces and 3,321 communes of 1 July 2025', async () => {
    const p = (await ministry.get('/api/units?level=province&at=2025-07-01')).json() as UnitPage;
    const c = (await ministry.get('/api/units?level=commune&at=2025-07-01&pageSize=1')).json() as UnitPage;
    expect(p.total).toBe(34);
    expect(c.total).toBe(3321);
    const types = await Promise.all(
      ['xa', 'phuong', 'dac_khu'].map(
        async (t) => ((await ministry.get(`/api/units?type=${t}&at=2025-07-01&pageSize=1`)).json() as UnitPage).total,
      ),
    );
    expect(types).toEqual([2621, 687, 13]);
  });

  it('finds Phường Ba Đình from "ba dinh", and ignores tone-mark placement', async () => {
    const r = (await ministry.get('/api/units?q=ba%20dinh')).json() as UnitPage;
    expect(r.items.map((u) => u.fullName)).toContain('Phường Ba Đình');
    // The registry spells "Hòa"; a user typing the older "Hoà" must find the same units.
    const modern = (
      await ministry.get(`/api/units?q=${encodeURIComponent('Hòa Bình')}&pageSize=500`)
    ).json() as UnitPage;
    const old = (await ministry.get(`/api/units?q=${encodeURIComponent('HOÀ BÌNH')}&pageSize=500`)).json() as UnitPage;
    expect(modern.total).toBeGreaterThan(0);
    expect(old.items.map((u) => u.code)).toEqual(modern.items.map((u) => u.code));
  });

  it('finds the new unit from a former name: "Trúc Bạch" (merged into Phường Ba Đình), a former district, a former province', async () => {
    const r = (await ministry.get(`/api/units?q=${encodeURIComponent('Trúc Bạch')}`)).json() as {
      items: (Unit & { formerly?: { name: string; level: string; districtName: string | null }[] })[];
    };
    const baDinh = r.items.find((u) => u.fullName === 'Phường Ba Đình');
    expect(baDinh?.formerly?.[0]).toMatchObject({
      name: 'Phường Trúc Bạch',
      level: 'commune',
      districtName: 'Quận Ba Đình',
    });
    // Typed without diacritics, as on a phone.
    const plain = (await ministry.get('/api/units?q=truc%20bach')).json() as UnitPage;
    expect(plain.items.map((u) => u.fullName)).toContain('Phường Ba Đình');
    const haGiang = (
      await ministry.get(`/api/units?q=${encodeURIComponent('Hà Giang')}&level=province`)
    ).json() as UnitPage;
    expect(haGiang.items.map((u) => u.fullName)).toContain('Tỉnh Tuyên Quang');
    // A commune's account still sees only its own unit, whichever name it searches by.
    const commune = await signIn(ctx.app, 'commune-00004');
    const other = (await commune.get(`/api/units?q=${encodeURIComponent('Hà Giang')}`)).json() as UnitPage;
    expect(other.items.every((u) => u.code === '00004' || u.level === 'province')).toBe(true);
  });

  it('answers as of a date: Đồng Nai became a city on 30 April 2026', async () => {
    const before = (await ministry.get('/api/units/75?at=2026-04-29')).json() as Unit;
    const after = (await ministry.get('/api/units/75?at=2026-04-30')).json() as Unit;
    expect([before.type, before.fullName]).toEqual(['tinh', 'Tỉnh Đồng Nai']);
    expect([after.type, after.fullName]).toEqual(['thanh_pho', 'Thành phố Đồng Nai']);
    const cities = async (at: string) =>
      ((await ministry.get(`/api/units?level=province&type=thanh_pho&at=${at}`)).json() as UnitPage).total;
    expect(await cities('2025-07-01')).toBe(6);
    expect(await cities('2026-09-01')).toBe(8); // + Đồng Nai (30/4) + Quảng Ninh (1/9); Bắc Ninh has no date yet
  });

  it('gives a province its counts of xã, phường and đặc khu', async () => {
    const hanoi = (await ministry.get('/api/units/01?at=2025-07-01')).json() as Unit & {
      counts: Record<string, number>;
    };
    expect(hanoi.counts).toEqual({ xa: 75, phuong: 51, dac_khu: 0, total: 126 });
    const dongNaiBefore = (await ministry.get('/api/units/75?at=2026-04-29')).json() as {
      counts: Record<string, number>;
    };
    const dongNaiAfter = (await ministry.get('/api/units/75?at=2026-04-30')).json() as {
      counts: Record<string, number>;
    };
    expect(dongNaiAfter.counts.phuong! - dongNaiBefore.counts.phuong!).toBe(10);
    expect(dongNaiAfter.counts.total).toBe(dongNaiBefore.counts.total);
  });

  it('shows the former units of a commune, with the other successors of a split commune', async () => {
    const baDinh = (await ministry.get('/api/units/00004')).json() as {
      province: { name: string };
      formerUnits: { name: string; relation: string; otherSuccessors: { code: string }[] }[];
    };
    expect(baDinh.province.name).toBe('Hà Nội');
    expect(baDinh.formerUnits.length).toBeGreaterThan(1);
    const split = baDinh.formerUnits.filter((f) => f.relation.startsWith('partial'));
    expect(split.length).toBeGreaterThan(0);
    expect(split.every((f) => f.otherSuccessors.length > 0)).toBe(true);
  });

  it('shows the former provinces of a merged province', async () => {
    const tuyenQuang = (await ministry.get('/api/units/08')).json() as { formerUnits: { name: string }[] };
    expect(tuyenQuang.formerUnits.map((f) => f.name).sort()).toEqual(['Tỉnh Hà Giang', 'Tỉnh Tuyên Quang']);
  });

  it('refuses bad parameters, naming the parameter, in the request language', async () => {
    const r = await ministry.get('/api/units?level=district');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('level');
    // named as the page names it, without the program's codes
    expect(r.json().error.message).toBe(
      'Giá trị của trường «Cấp» không hợp lệ: không phải một trong các lựa chọn có sẵn.',
    );
    const en = await ctx.app.inject({
      method: 'GET',
      url: '/api/units?pageSize=0',
      headers: { cookie: ministry.cookie, 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toMatchObject({ code: 'validation', field: 'pageSize' });
    expect(en.json().error.message).toContain('Invalid value');
    const early = await ministry.get('/api/units?at=2025-06-30');
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('at');
    expect((await ministry.get('/api/units/99999')).statusCode).toBe(404);
  });
});
