import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from '../../../test/helpers.js';
import { buildFormModel } from './forms/model.js';
import type { DossierDetail } from './contract.js';

/**
 * Issue #14: receipt codes are sequential, so anyone could rate someone else's dossier (and the real citizen then
 * read "already rated"). Rating needs what only the applicant holds: the rating code printed on the receipt (Form 01,
 * and in the look-up link), or the last 4 digits of the applicant's ID number as the fallback.
 */
const clock = testClock('2026-03-02T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session;
let ministry: Session;

type Dossier = DossierDetail & { ratingToken: string | null };

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ministry] = await Promise.all([signIn(ctx.app, 'commune-00025'), signIn(ctx.app, 'ministry')]);
});
afterAll(() => ctx.close());

/** A dossier received and walked to its result, ready to be rated. */
async function finished(applicantIdNumber?: string) {
  const res = await baDinh.send('POST', '/api/dossiers', {
    procedureCode: '1.004873',
    channel: 'in_person',
    applicantName: 'Trần Văn Bình',
    ...(applicantIdNumber ? { applicantIdNumber } : {}),
  });
  expect(res.statusCode).toBe(201);
  const d = res.json() as Dossier;
  for (const action of ['start_processing', 'complete'])
    expect((await baDinh.send('POST', `/api/dossiers/${d.id}/transitions`, { action })).statusCode).toBe(200);
  return d;
}

const rate = (code: string, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/public/dossiers/${code}/rating`,
    payload: { rating: 'very_satisfied', ...body },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
const errorOf = (r: { json(): unknown }) => (r.json() as { error: { code: string; field?: string } }).error;

describe("citizens' ratings", () => {
  it('refuses whoever guesses a receipt code, and accepts the holder of the code printed on the receipt', async () => {
    const d = await finished();
    expect(d.ratingToken).toMatch(/^[0-9A-F]{10}$/);
    // the look-up still needs only the receipt code
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${d.receiptCode}` });
    expect(pub.json()).toMatchObject({ status: 'processed', canRate: true });
    expect(pub.body).not.toContain(d.ratingToken);

    const none = await rate(d.receiptCode, {});
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).field).toBe('token');
    const guess = await rate(d.receiptCode, { token: '0123456789' });
    expect(guess.statusCode).toBe(403);
    expect(errorOf(guess).code).toBe('rating_proof_invalid');
    // the guess did not rate: the real citizen still can, with the code on the receipt (any case, with spaces)
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${d.receiptCode}` })).json(),
    ).toMatchObject({ canRate: true, rating: null });
    const holder = await rate(d.receiptCode, {
      token: ` ${d.ratingToken!.slice(0, 5).toLowerCase()} ${d.ratingToken!.slice(5)}`,
    });
    expect(holder.statusCode).toBe(200);
    const twice = await rate(d.receiptCode, { token: d.ratingToken });
    expect(twice.statusCode).toBe(409);
  });

  it("accepts the last 4 digits of the applicant's ID number, until 5 wrong tries; the receipt's code still works", async () => {
    const d = await finished('001190054321');
    expect((await rate(d.receiptCode, { idDigits: '1234' })).statusCode).toBe(403);
    expect((await rate(d.receiptCode, { idDigits: '4321' })).statusCode).toBe(200);

    const e = await finished('001190067890');
    for (let i = 0; i < 5; i++)
      expect((await rate(e.receiptCode, { idDigits: String(1000 + i) })).statusCode).toBe(403);
    expect((await rate(e.receiptCode, { idDigits: '7890' })).statusCode).toBe(403); // brute force stopped
    expect((await rate(e.receiptCode, { token: e.ratingToken })).statusCode).toBe(200);
  });

  it('compares the digits at most 5 times however many tries arrive at once (probe of 2026-12-07)', async () => {
    const d = await finished('001190011111');
    const tries = await Promise.all([
      ...Array.from({ length: 24 }, (_, i) => rate(d.receiptCode, { idDigits: String(2000 + i) })),
      rate(d.receiptCode, { idDigits: '1111' }),
    ]);
    const [row] = await ctx.database.rows<{ failures: number }>(
      sql`SELECT rating_failures AS failures FROM dossiers WHERE receipt_code = ${d.receiptCode}`,
    );
    expect(row!.failures).toBeLessThanOrEqual(5);
    // the right digits pass only if they were among the 5 compared; either way nothing else passed
    const passed = tries.filter((r) => r.statusCode === 200).length;
    expect(passed).toBeLessThanOrEqual(1);
    if (passed) expect(tries.at(-1)!.statusCode).toBe(200);
    expect((await rate(d.receiptCode, { idDigits: '1111' })).statusCode).toBe(passed ? 409 : 403);
  });

  it('refuses the ID digits when the dossier has no ID number', async () => {
    const d = await finished();
    expect((await rate(d.receiptCode, { idDigits: '0000' })).statusCode).toBe(403);
  });

  it('prints the rating code on the receipt (Form 01) for the receiving office, and shows it to nobody else', async () => {
    clock.set('2026-03-03T09:00:00+07:00');
    const res = await baDinh.send('POST', '/api/dossiers', {
      procedureCode: '1.004873',
      channel: 'in_person',
      applicantName: 'Lê Thị Mai',
    });
    const d = res.json() as Dossier;
    const view = (await baDinh.get(`/api/dossiers/${d.id}`)).json() as Dossier;
    expect(view.ratingToken).toBe(d.ratingToken);
    const model = buildFormModel({
      form: '01',
      dossier: view,
      procedure: { code: '1.004873', name: 'Cấp bản sao có chứng thực', documents: [] },
      units: { '00004': { code: '00004', level: 'commune', name: 'Ba Đình', fullName: 'Phường Ba Đình' } },
      printedAt: clock.now(),
    });
    expect(JSON.stringify(model.body)).toContain(d.ratingToken);
    expect(((await ministry.get(`/api/dossiers/${d.id}`)).json() as Dossier).ratingToken).toBeNull();
  });
});
