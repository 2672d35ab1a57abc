import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers.js';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('the calendar API (public, no sign-in)', () => {
  it('gives the due date of 5 working days from Friday 13/2/2026 10:00 (Vietnam): Friday 27/2, after Tết', async () => {
    const r = await get('/api/calendar/deadline?start=2026-02-13T10:00:00%2B07:00&workingDays=5');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ due: '2026-02-27', receivedOn: '2026-02-13' });
  });

  it('reads an unencoded + (a space once decoded) and Z', async () => {
    expect((await get('/api/calendar/deadline?start=2026-02-13T10:00:00+07:00&workingDays=5')).json()).toEqual({
      due: '2026-02-27',
      receivedOn: '2026-02-13',
    });
    // 08:30 UTC is 15:30 in Vietnam: the next working day (Friday) is day one
    expect((await get('/api/calendar/deadline?start=2026-03-12T08:30:00Z&workingDays=1')).json()).toEqual({
      due: '2026-03-13',
      receivedOn: '2026-03-13',
    });
    expect((await get('/api/calendar/deadline?start=2025-02-08T10:00%2B0700&workingDays=1')).json()).toEqual({
      due: '2025-02-10',
      receivedOn: '2025-02-08',
    });
  });

  it.each([
    ['Monday 9/3/2026 10:00', '2026-03-09T10:00:00%2B07:00', '2026-03-09', '2026-03-09'],
    ['Monday 9/3/2026 15:30', '2026-03-09T15:30:00%2B07:00', '2026-03-10', '2026-03-10'],
    ['Friday 13/2/2026 16:00, before Tết', '2026-02-13T16:00:00%2B07:00', '2026-02-23', '2026-02-23'],
  ])('answers a same-day procedure (workingDays=0) received %s', async (_what, start, due, on) => {
    const r = await get(`/api/calendar/deadline?start=${start}&workingDays=0`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ due, receivedOn: on });
  });

  it('counts the next working day as day one after 15:00: Friday 13/3/2026 15:30 with 1 day is due Monday 16/3', async () => {
    expect((await get('/api/calendar/deadline?start=2026-03-13T15:30:00%2B07:00&workingDays=1')).json()).toEqual({
      due: '2026-03-16',
      receivedOn: '2026-03-16',
    });
  });

  it.each([
    ['start=2026-02-13T10:00:00&workingDays=5', 'start'], // no offset
    ['start=2026-02-13&workingDays=5', 'start'],
    ['start=2026-02-30T10:00:00Z&workingDays=5', 'start'],
    ['start=2026-02-13T25:00:00Z&workingDays=5', 'start'],
    ['start=1999-02-13T10:00:00Z&workingDays=5', 'start'],
    ['workingDays=5', 'start'],
    ['start=2026-02-13T10:00:00Z', 'workingDays'],
    ['start=2026-02-13T10:00:00Z&workingDays=-1', 'workingDays'],
    ['start=2026-02-13T10:00:00Z&workingDays=366', 'workingDays'],
    ['start=2026-02-13T10:00:00Z&workingDays=1.5', 'workingDays'],
    ['start=2026-02-13T10:00:00Z&workingDays=five', 'workingDays'],
  ])('answers 400 to ?%s, naming %s', async (qs, field) => {
    const r = await get(`/api/calendar/deadline?${qs}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'validation', field });
  });

  it('explains a missing offset in the asked language', async () => {
    const vi = (await get('/api/calendar/deadline?start=2026-02-13T10:00:00&workingDays=5')).json().error.message;
    expect(vi).toContain('«Thời điểm tiếp nhận»');
    expect(vi).toContain('múi giờ');
    const en = (await get('/api/calendar/deadline?start=2026-02-13T10:00:00&workingDays=5&lang=en')).json().error
      .message;
    expect(en).toContain('offset');
  });

  it('lists the days off of 2026 with their sources, and the make-up Saturdays', async () => {
    const r = await get('/api/calendar/days-off?year=2026');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.year).toBe(2026);
    expect(body.official).toBe(true);
    expect(body.daysOff).toContainEqual(
      expect.objectContaining({
        date: '2026-04-27',
        kind: 'substitute',
        reasonEn: expect.stringContaining('Hung Kings'),
      }),
    );
    expect(body.daysOff).toContainEqual(
      expect.objectContaining({ date: '2026-02-17', kind: 'holiday', source: expect.stringContaining('9441/TB-BNV') }),
    );
    expect(body.swapWorkdays.map((s: { date: string }) => s.date)).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('falls back to the Labour Code for a year without a notice', async () => {
    const body = (await get('/api/calendar/days-off?year=2027')).json();
    expect(body.official).toBe(false);
    expect(body.swapWorkdays).toEqual([]);
    expect(
      body.daysOff.filter((d: { kind: string }) => d.kind === 'substitute').map((d: { date: string }) => d.date),
    ).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it.each(['year=2019', 'year=2101', 'year=abc', ''])('answers 400 to ?%s, naming year', async (qs) => {
    const r = await get(`/api/calendar/days-off?${qs}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('year');
  });

  it('documents both routes in OpenAPI', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.paths['/api/calendar/deadline'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['start', 'workingDays']),
    );
    expect(doc.paths['/api/calendar/days-off'].get.parameters.map((p: { name: string }) => p.name)).toContain('year');
  });
});
