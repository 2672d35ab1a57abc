/**
 * The Vietnamese messages of the first paint, as a build-time module (`virtual:vi-first`): the entries of
 * `web/src/i18n/vi.ts` that the modules of the first load use (main.tsx and what it imports statically: the shell,
 * the sign-in and the citizens' look-up; the lazy pages excluded). The whole catalogue is fetched beside the first
 * paint, and every lazy page waits for it (App.tsx), so the first load carries ~190 of the ~1,700 messages (issue #16:
 * the first load under 100 KB of compressed script). vi.ts stays the one catalogue engineers edit; the subset is
 * derived at each build and in dev.
 *
 * A key is used when a first-load module names it in quotes, or builds it from a prefix (`role.${x}`, 'step.' + x).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const ID = 'virtual:vi-first';
const RESOLVED = `\0${ID}`;

/** The modules of the first load: main.tsx and its static imports inside web/src (type imports and import() left out). */
export function firstPaintFiles(webSrc: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
      const base = path.resolve(path.dirname(file), m[1]!);
      const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
        (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
      );
      if (hit && hit.startsWith(webSrc)) visit(hit);
    }
  };
  visit(path.join(webSrc, 'main.tsx'));
  return [...seen];
}

const STR = String.raw`(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
/** The catalogue's entries, verbatim: key → the value's source text (a string, or strings joined with +). */
export function catalogueEntries(source: string): Map<string, string> {
  const body = source.slice(source.indexOf('{\n') + 2, source.lastIndexOf('\n}')) + '\n';
  const re = new RegExp(String.raw`^ {2}'([^']+)':\s*(${STR}(?:\s*\+\s*${STR})*),\n`, 'gm');
  return new Map([...body.matchAll(re)].map((m) => [m[1]!, m[2]!]));
}

/** The keys the first-load modules use. */
export function firstPaintKeys(files: readonly string[], keys: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  const prefixes = new Set<string>();
  for (const f of files) {
    if (/i18n[\\/](vi|en)\.ts$/.test(f)) continue;
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/['"`]([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]*)['"`]/g)) if (keys.has(m[1]!)) used.add(m[1]!);
    for (const m of text.matchAll(/`([a-zA-Z0-9_.]+\.)\$\{/g)) prefixes.add(m[1]!);
    for (const m of text.matchAll(/'([a-zA-Z0-9_.]+\.)'\s*\+/g)) prefixes.add(m[1]!);
  }
  for (const k of keys) for (const p of prefixes) if (k.startsWith(p)) used.add(k);
  return used;
}

export function firstPaintMessages(webSrc: string): Plugin {
  const catalogue = path.join(webSrc, 'i18n', 'vi.ts');
  return {
    name: 'haicap-first-paint-messages',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const files = firstPaintFiles(webSrc);
      for (const f of [...files, catalogue]) this.addWatchFile(f);
      const source = fs.readFileSync(catalogue, 'utf8');
      const entries = catalogueEntries(source);
      const declared = source.match(/^ {2}'[^']+':/gm)?.length ?? 0;
      if (entries.size !== declared)
        this.error(`vi.ts: ${declared - entries.size} entries not read (one string, or strings joined with +, a line)`);
      const used = firstPaintKeys(files, new Set(entries.keys()));
      const lines = [...entries].filter(([k]) => used.has(k)).map(([k, v]) => `  '${k}': ${v},`);
      return `export default {\n${lines.join('\n')}\n};\n`;
    },
  };
}
