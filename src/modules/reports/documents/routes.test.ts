import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../core/errors.js';
import { asciiFileName, reportDocumentRoutes } from './routes.js';
import { sampleReport } from './sample.js';
import { readZip } from './zip.js';

const R1 = '0b9f6c52-3a0e-4c6b-9f1e-2d1f4e5a6b7c';
const OTHER = '5d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

/** The document routes on a bare app, fed by a stand-in for the report service's scoped loader. */
describe('document routes', () => {
  let app: FastifyInstance;
  const asked: string[] = [];
  beforeAll(async () => {
    app = Fastify();
    // the server's handler turns AppError into its status and body; a stand-in here
    app.setErrorHandler((err, _req, reply) =>
      err instanceof AppError
        ? reply.status(err.status).send({ error: { code: err.code, message: err.code } })
        : reply.status(500).send({ error: { code: 'internal', message: String(err) } }),
    );
    await reportDocumentRoutes(app, {
      load: (_req, id) => {
        asked.push(id);
        if (id !== R1) return Promise.reject(new AppError(404, 'not_found', 'not_found'));
        return Promise.resolve({
          document: sampleReport({ rows: 5 }),
          fileBase: 'Báo cáo 6 tháng đầu năm 2026 – xã Đại Đồng',
          periodLabel: '6 tháng đầu năm 2026',
          stampedAt: new Date('2026-07-05T02:00:00Z'),
        });
      },
    });
  });
  afterAll(() => app.close());

  it('serves the Word document, the PDF and the annex with their types and an ASCII file name', async () => {
    const docx = await app.inject({ url: `/api/reports/${R1}/document.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toBe(
      'attachment; filename="bao-cao-6-thang-dau-nam-2026-xa-dai-dong.docx"',
    );
    expect(readZip(docx.rawPayload).some((e) => e.name === 'word/document.xml')).toBe(true);
    const pdf = await app.inject({ url: `/api/reports/${R1}/document.pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(pdf.rawPayload)).getPageCount()).toBeGreaterThanOrEqual(1);
    const xlsx = await app.inject({ url: `/api/reports/${R1}/annex.xlsx` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('-phu-luc.xlsx');
  });

  it("answers the loader's refusal: nothing is rendered outside the caller's scope", async () => {
    const res = await app.inject({ url: `/api/reports/${OTHER}/document.pdf` });
    expect(res.statusCode).toBe(404);
    expect(asked).toContain(OTHER);
  });

  it('makes file names header-safe', () => {
    expect(asciiFileName('Báo cáo "Đặc biệt"; x')).toBe('bao-cao-dac-biet-x');
    expect(asciiFileName('…')).toBe('bao-cao');
  });
});
