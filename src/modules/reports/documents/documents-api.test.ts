import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { createTestApp, signIn, testClock, type Session } from '../../../../test/helpers.js';
import type { Report } from '../contract.js';
import { formatValue } from '../domain/format.js';
import { readZip } from './zip.js';

// A commune's monthly brief (a kind and period no other test drafts) downloaded by whoever may read it.
const clock = testClock('2026-02-03T10:00:00+07:00');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let baDinh: Session; // commune 00004, Hà Nội
let ngocHa: Session; // commune 00008, Hà Nội
let hanoi: Session; // province 01
let hcm: Session; // province 79
let report: Report;

beforeAll(async () => {
  ctx = await createTestApp({ clock });
  [baDinh, ngocHa, hanoi, hcm] = await Promise.all([
    signIn(ctx.app, 'commune-00004'),
    signIn(ctx.app, 'commune-00008'),
    signIn(ctx.app, 'province-01'),
    signIn(ctx.app, 'province-79'),
  ]);
  const res = await baDinh.send('POST', '/api/reports', { kind: 'monthly', period: '2026-01' });
  expect(res.statusCode, res.body).toBeLessThan(300);
  report = res.json() as Report;
});
afterAll(() => ctx.close());

describe("a report's documents through the API", () => {
  it('the Word document holds the motto, the title and the figures of the report in Vietnamese format', async () => {
    const res = await baDinh.get(`/api/reports/${report.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.docx"$/);
    const xml = new TextDecoder().decode(readZip(res.rawPayload).find((e) => e.name === 'word/document.xml')!.data);
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('DỰ THẢO');
    const figures = report.sections.flatMap((s) => (s.figures?.available ? s.figures.figures : []));
    const big = figures.filter((f) => f.value != null && f.value >= 1000);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures.filter((x) => x.value != null).slice(0, 12))
      expect(xml, f.key).toContain(formatValue(f.value!, f.format));
    for (const f of big) expect(formatValue(f.value!, f.format)).toMatch(/^\d{1,3}(\.\d{3})+/);
  });

  it('the PDF embeds its fonts; the annex opens; the same version downloads as the same bytes', async () => {
    const pdf = await baDinh.get(`/api/reports/${report.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.includes('/FontFile2')).toBe(true);
    expect((await PDFDocument.load(pdf.rawPayload)).getPageCount()).toBeGreaterThanOrEqual(1);
    const again = await baDinh.get(`/api/reports/${report.id}/document.pdf`);
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);
    const xlsx = await baDinh.get(`/api/reports/${report.id}/annex.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    expect(String(wb.worksheets[0]!.getCell('A2').value)).toContain('Kỳ báo cáo: tháng 1 năm 2026');
  });

  it("is read in the report's scope: its province yes; a sibling commune and another province no", async () => {
    for (const path of ['document.docx', 'document.pdf', 'annex.xlsx']) {
      expect((await hanoi.get(`/api/reports/${report.id}/${path}`)).statusCode, path).toBe(200);
      expect([403, 404], path).toContain((await ngocHa.get(`/api/reports/${report.id}/${path}`)).statusCode);
      expect([403, 404], path).toContain((await hcm.get(`/api/reports/${report.id}/${path}`)).statusCode);
    }
  });
});
