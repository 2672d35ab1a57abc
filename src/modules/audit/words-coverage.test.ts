import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_WORDS, auditActionWords } from './domain/words.js';

/** Every `recordAudit(…, { action: '…', entity: '…' })` written in the modules' code, with its file. */
function auditedActions(): { action: string; entity: string | null; file: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path);
    }
  };
  walk('src/modules');
  const found = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/recordAudit\(([\s\S]{0,400}?)\}\)/g)) {
      const action = /\baction:\s*'([a-z_]+)'/.exec(call[1]!)?.[1];
      if (action) found.push({ action, entity: /\bentity:\s*'([a-z_]+)'/.exec(call[1]!)?.[1] ?? null, file });
    }
  }
  return found;
}

describe('the audit log in words covers what the code records', () => {
  it('names every action a module audits, in Vietnamese and English (no "other action" on the page)', () => {
    const actions = auditedActions();
    expect(actions.length).toBeGreaterThan(40); // the scan finds the calls: a broken pattern would pass on nothing
    const unnamed = actions.filter(
      (a) =>
        (['vi', 'en'] as const).some(
          (lang) => auditActionWords(lang, a.entity ?? '', a.action) === AUDIT_WORDS[lang].otherAction,
        ) && a.entity !== null,
    );
    expect(unnamed.map((a) => `${a.entity}.${a.action} (${a.file})`)).toEqual([]);
  });
});
