/**
 * Periodic reports (issue #20) over HTTP on the demo server: the national 6-month review (2026-H1) of the whole demo
 * nation and a province's, as their authors meet them. Drafting is the figures' computation from every module for the
 * report's scope and period: measured (1) on the report's first opening (the demo drafts them in bulk, figures left to
 * their first opening, as the schedule does) and (2) as "recompute", the same computation the author asks for later.
 * Rendering: `document.docx` and `document.pdf` downloaded whole, the first one (cold) and the next ones.
 * Targets: national drafted < 10 s and rendered to DOCX and PDF < 10 s more; a province's drafted < 3 s.
 * The province is the one of the most communes among those whose 2026-H1 review is still editable (draft or returned).
 */
import { appServer } from '../app-server.js';
import { percentile, round, signInHttp, type Scenario, type ScenarioResult } from '../lib.js';

interface Session {
  cookie: string;
  csrfToken: string;
}
interface ReportRow {
  id: string;
  unitCode: string;
  status: string;
}

const KIND = 'semiannual';
const PERIOD = '2026-H1';

export const reports: Scenario = {
  name: 'reports',
  async run(ctx) {
    const srv = await appServer(ctx);
    const ministry = await signInHttp(srv.url, 'ministry', 'haicap-demo');
    const call = async (s: Session, method: string, path: string, body?: unknown) => {
      const t0 = performance.now();
      const res = await fetch(srv.url + path, {
        method,
        headers: {
          cookie: s.cookie,
          ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrfToken }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${bytes.toString().slice(0, 300)}`);
      return { ms, bytes, json: () => JSON.parse(bytes.toString()) as Record<string, unknown> };
    };
    const list = async (s: Session, q: string) =>
      ((await call(s, 'GET', `/api/reports?kind=${KIND}&period=${PERIOD}&pageSize=100&${q}`)).json().items ??
        []) as ReportRow[];

    // The province: of the editable ones, the one with the most communes.
    const units = (await call(ministry, 'GET', '/api/units?level=province&pageSize=100')).json().items as {
      code: string;
      counts?: { total: number };
    }[];
    const size = new Map(units.map((u) => [u.code, u.counts?.total ?? 0]));
    const editable: ReportRow[] = [];
    for (const u of units)
      for (const r of await list(ministry, `unit=${u.code}`))
        if (r.status === 'draft' || r.status === 'returned') editable.push(r);
    const province = editable.sort(
      (a, b) => (size.get(b.unitCode) ?? 0) - (size.get(a.unitCode) ?? 0) || a.unitCode.localeCompare(b.unitCode),
    )[0];
    const national = (await list(ministry, 'unit=VN'))[0];
    if (!national) throw new Error('the demo nation has no national 2026-H1 review');
    if (!province) throw new Error('no province has an editable 2026-H1 review');
    const provinceSession = await signInHttp(srv.url, `province-${province.unitCode}`, 'haicap-demo');

    const rounds = ctx.quick ? 3 : 5;
    const measure = async (label: string, s: Session, report: ReportRow) => {
      const first = await call(s, 'GET', `/api/reports/${report.id}`);
      const sections = (first.json().sections as unknown[]).length;
      const recompute: number[] = [];
      for (let i = 0; i < rounds; i++)
        recompute.push((await call(s, 'POST', `/api/reports/${report.id}/recompute`)).ms);
      const docx: number[] = [];
      const pdf: number[] = [];
      let docxBytes = 0;
      let pdfBytes = 0;
      for (let i = 0; i < rounds; i++) {
        const d = await call(s, 'GET', `/api/reports/${report.id}/document.docx`);
        docx.push(d.ms);
        docxBytes = d.bytes.length;
        const p = await call(s, 'GET', `/api/reports/${report.id}/document.pdf`);
        pdf.push(p.ms);
        pdfBytes = p.bytes.length;
      }
      const out = {
        firstOpenMs: round(first.ms, 0),
        recomputeP50Ms: round(percentile(recompute, 50), 0),
        recomputeMaxMs: round(Math.max(...recompute), 0),
        docxFirstMs: round(docx[0]!, 0),
        docxMaxMs: round(Math.max(...docx), 0),
        pdfFirstMs: round(pdf[0]!, 0),
        pdfMaxMs: round(Math.max(...pdf), 0),
        docxKb: round(docxBytes / 1024, 0),
        pdfKb: round(pdfBytes / 1024, 0),
        sections,
      };
      ctx.log(
        `  ${label}: first opening (figures computed) ${out.firstOpenMs} ms; recompute p50 ${out.recomputeP50Ms} ms, ` +
          `max ${out.recomputeMaxMs} ms; DOCX ${out.docxFirstMs} ms first, max ${out.docxMaxMs} ms (${out.docxKb} KB); ` +
          `PDF ${out.pdfFirstMs} ms first, max ${out.pdfMaxMs} ms (${out.pdfKb} KB)`,
      );
      return out;
    };
    const n = await measure('national review', ministry, national);
    const p = await measure(`province ${province.unitCode}'s review`, provinceSession, province);

    const draftN = Math.max(n.firstOpenMs, n.recomputeMaxMs);
    const renderN = Math.max(n.docxFirstMs, n.docxMaxMs) + Math.max(n.pdfFirstMs, n.pdfMaxMs);
    const draftP = Math.max(p.firstOpenMs, p.recomputeMaxMs);
    const results: ScenarioResult[] = [
      {
        name: 'reports: the national 6-month review drafted (figures from every module)',
        figure: draftN,
        unit: 'ms (slowest of first opening and recomputes)',
        reference: null,
        referenceUnit: '',
        ratio: null,
        target: '< 10,000 ms',
        met: draftN < 10_000,
        notes: `${n.sections} sections; first opening ${n.firstOpenMs} ms, recompute p50 ${n.recomputeP50Ms} ms over ${rounds}`,
        details: n,
      },
      {
        name: 'reports: the national 6-month review rendered to DOCX and PDF',
        figure: renderN,
        unit: 'ms (slowest DOCX + slowest PDF)',
        reference: null,
        referenceUnit: '',
        ratio: null,
        target: '< 10,000 ms',
        met: renderN < 10_000,
        notes: `DOCX ${n.docxKb} KB (first ${n.docxFirstMs} ms), PDF ${n.pdfKb} KB (first ${n.pdfFirstMs} ms)`,
        details: n,
      },
      {
        name: `reports: a province's 6-month review drafted (${province.unitCode}, ${size.get(province.unitCode)} communes)`,
        figure: draftP,
        unit: 'ms (slowest of first opening and recomputes)',
        reference: null,
        referenceUnit: '',
        ratio: null,
        target: '< 3,000 ms',
        met: draftP < 3_000,
        notes: `first opening ${p.firstOpenMs} ms, recompute p50 ${p.recomputeP50Ms} ms; DOCX ${p.docxMaxMs} ms, PDF ${p.pdfMaxMs} ms`,
        details: p,
      },
    ];
    return results;
  },
};
