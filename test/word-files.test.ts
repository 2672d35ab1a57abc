// The Word documents the platform gives (issue #20: "opened in Word or LibreOffice"), opened by LibreOffice itself:
// each is converted to text by `soffice --headless`, which reads the file as Writer does, and the text is checked.
// Runs where LibreOffice is installed (.ci/run installs it); skipped, and said so, where it is not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, testClock, type Session } from './helpers.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const run = promisify(execFile);

let ctx: Awaited<ReturnType<typeof createTestApp>>;
let dir: string;
let baDinh: Session;

/** The document as LibreOffice Writer reads it, in plain text (UTF-8). */
async function openedByLibreOffice(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  // a profile of its own: LibreOffice refuses to start beside another instance using the same one
  await run(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      dir,
      file,
    ],
    { timeout: 120_000 },
  );
  return readFile(file.replace(/\.docx$/, '.txt'), 'utf8');
}

describe.skipIf(!SOFFICE)('Word documents open in LibreOffice Writer', () => {
  beforeAll(async () => {
    ctx = await createTestApp({ clock: testClock('2026-02-03T10:00:00+07:00') });
    baDinh = await signIn(ctx.app, 'commune-00004');
    dir = await mkdtemp(join(tmpdir(), 'haicap-word-'));
  }, 600_000);
  afterAll(async () => {
    await ctx?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a report's document: the motto, the title and the unit, with Vietnamese diacritics intact", async () => {
    const made = await baDinh.send('POST', '/api/reports', { kind: 'monthly', period: '2026-01' });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const res = await baDinh.get(`/api/reports/${made.json().id}/document.docx`);
    expect(res.statusCode).toBe(200);
    const text = await openedByLibreOffice('report.docx', res.rawPayload);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BÁO CÁO');
    expect(text).toMatch(/Ba Đình/);
  });

  it('the settlement sheet: the person, the amounts and the legal basis', async () => {
    // the Department of Home Affairs of Hà Nội reads its province's cases (the demo's)
    const hanoi = await signIn(ctx.app, 'province-01');
    const list = await hanoi.get('/api/settlement/cases?pageSize=5');
    expect(list.statusCode, list.body).toBe(200);
    const c = (list.json().items as { id: string; fullName: string }[])[0];
    expect(c, 'a settlement case of the demo in Hà Nội').toBeDefined();
    const res = await hanoi.get(`/api/settlement/cases/${c!.id}/sheet.docx`);
    expect(res.statusCode).toBe(200);
    const text = await openedByLibreOffice('sheet.docx', res.rawPayload);
    expect(text).toContain(c!.fullName);
    expect(text).toMatch(/Nghị định (số )?(178\/2024|67\/2025)/);
    expect(text).toMatch(/\d{1,3}(\.\d{3})+/); // an amount written the Vietnamese way
  });

  it("a unit's annual assessment report", async () => {
    const res = await baDinh.get('/api/assessments/units/00004/annual/2026/report.docx');
    expect(res.statusCode, res.body).toBe(200);
    const text = await openedByLibreOffice('annual.docx', res.rawPayload);
    expect(text).toContain('Ba Đình');
    expect(text).toMatch(/2026/);
  });
});
