import { describe, expect, it } from 'vitest';
import { FIELDS } from './domain/fields.js';
import { procedureCatalogue } from './reference.js';

describe('the national procedure catalogue', () => {
  const cat = procedureCatalogue();

  it('has at least 100 procedures with unique national codes', () => {
    expect(cat.procedures.length).toBeGreaterThanOrEqual(100);
    const codes = cat.procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[123]\.\d{6}$/);
  });

  it('gives every procedure a name, a known field, a level, a time limit, a fee, papers and its legal basis', () => {
    const fields = new Set<string>(FIELDS);
    for (const p of cat.procedures) {
      const where = `${p.code} ${p.name}`;
      expect(p.name.trim().length, where).toBeGreaterThan(5);
      expect(fields.has(p.field), where).toBe(true);
      expect(['commune', 'province'], where).toContain(p.decisionLevel);
      expect(Number.isInteger(p.workingDays) && p.workingDays >= 0 && p.workingDays <= 365, where).toBe(true);
      expect(Number.isInteger(p.feeVnd) && p.feeVnd >= 0, where).toBe(true);
      expect(p.documents.length, where).toBeGreaterThan(0);
      expect(p.legalBasis?.trim(), where).toBeTruthy();
      expect(typeof p.verified, where).toBe('boolean');
    }
  });

  it('cites, for same-day certification, the article that sets the time limit (Decree 23/2015 Art. 7, not Art. 21)', () => {
    // Decree 23/2015/NĐ-CP Art. 7: "ngay trong ngày … hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau
    // 15 giờ"; Art. 21 is the extension for many copies, Art. 20 and 24 the procedures (docs/deadlines.md).
    const byCode = new Map(cat.procedures.map((p) => [p.code, p]));
    for (const [code, procedureArticle] of [
      ['2.000815', 'Điều 20'],
      ['2.000884', 'Điều 24'],
    ] as const) {
      const p = byCode.get(code)!;
      expect(p.workingDays, code).toBe(0);
      expect(p.legalBasis, code).toMatch(/Nghị định 23\/2015\/NĐ-CP, Điều 7\b/);
      expect(p.legalBasis, code).toContain(procedureArticle);
      expect(p.legalBasis, code).not.toMatch(/Điều 2[01]–21|Điều 21, 24/);
    }
    // contracts and transactions: 2 working days (Art. 37)
    expect(byCode.get('2.001035')).toMatchObject({ workingDays: 2, legalBasis: 'Nghị định 23/2015/NĐ-CP, Điều 37' });
  });

  it('names, for every procedure added from a published list, the source its code was read in', () => {
    const withSource = cat.procedures.filter((p) => p.source !== undefined);
    expect(withSource.length).toBeGreaterThanOrEqual(80);
    for (const p of withSource) {
      expect(cat.sources[p.source!], p.code).toBeDefined();
      expect(p.verified, p.code).toBe(true);
    }
    for (const s of Object.values(cat.sources)) expect(s.url).toMatch(/^https:\/\//);
  });

  it('holds at least 100 commune-level procedures whose code was read in a published list, each naming its source', () => {
    const communeVerified = cat.procedures.filter((p) => p.decisionLevel === 'commune' && p.verified);
    expect(communeVerified.length).toBeGreaterThanOrEqual(100);
    for (const p of communeVerified) {
      expect(p.code, p.name).toMatch(/^[123]\.\d{6}$/);
      expect(p.source, p.code).toBeDefined();
      const source = cat.sources[p.source!];
      expect(source, p.code).toBeDefined();
      expect(source!.title.trim(), p.code).toBeTruthy();
      expect(source!.url, p.code).toMatch(/^https:\/\//);
      expect(source!.via.trim(), p.code).toBeTruthy();
    }
    // an entry without a source is one whose code no published list read here confirmed: never counted as verified
    for (const p of cat.procedures.filter((q) => q.source === undefined)) expect(p.verified, p.code).toBe(false);
  });

  it('retires only codes it no longer lists, each for a code it lists under the published name', () => {
    const codes = new Set(cat.procedures.map((p) => p.code));
    for (const [old, current] of Object.entries(cat.retired ?? {})) {
      expect(codes.has(old), old).toBe(false);
      expect(codes.has(current), current).toBe(true);
    }
  });
});
