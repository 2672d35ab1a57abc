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

  it('names, for every procedure added from a published list, the source its code was read in', () => {
    const withSource = cat.procedures.filter((p) => p.source !== undefined);
    expect(withSource.length).toBeGreaterThanOrEqual(80);
    for (const p of withSource) {
      expect(cat.sources[p.source!], p.code).toBeDefined();
      expect(p.verified, p.code).toBe(true);
    }
    for (const s of Object.values(cat.sources)) expect(s.url).toMatch(/^https:\/\//);
  });
});
