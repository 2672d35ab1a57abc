/**
 * The floors and doors of the code base, as rules over its import lines (docs/architecture.md):
 * - `src/core` and `src/db` are the ground floor: they import no module, no server, no demo;
 * - a module never imports `src/server`, `src/demo` or `src/cli`;
 * - from outside a module, only its front door `src/modules/<name>/index.ts` is imported
 *   (the one exception: `src/db/schema.ts`, the schema drizzle-kit reads, gathers the modules' `schema.ts`);
 * - `src/server` is imported by nothing of `src` but itself and the command-line tools;
 * - a file in a `domain/` folder does no I/O: it imports only its module's other domain files, the pure files of
 *   core and `node:crypto`, and names no `process`, `fetch` or timer;
 * - the web imports from `src` only types (`import type`) and the pure files that domain files may import;
 * - a module's code (its demo part too) names no other module's table in SQL text or a bulk insert: it reads and
 *   writes them through the owner's door (a named query or bulk function).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Violation {
  file: string;
  line: number;
  target: string;
  rule: string;
}

/** Core files that do no I/O: domain files and the web may import them. */
export const PURE_CORE = [
  'src/core/calendar/dates.ts',
  'src/core/calendar/days-off.ts',
  'src/core/calendar/deadline.ts',
  'src/core/calendar/lunar.ts',
  'src/core/random.ts',
  'src/core/roles.ts',
  'src/core/text.ts',
];
const DOMAIN_PACKAGES = new Set(['node:crypto']);

// Statements start a line or follow a `;`; either quote. `import x = require(…)` and `vi.mock(…)` name files too.
const IMPORT = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[^'"`;]*?\s+from\s+)?(['"])([^'"\n]+)\3/g;
const CALL =
  /\b(?:import|require|vi\.(?:mock|doMock|unmock|doUnmock|importActual|importMock))\(\s*(['"`])([^'"`$\n]*)\1/g;
const COMPUTED_IMPORT = /\b(?:import|require)\(\s*(?!['"`][^'"`$\n]*['"`]\s*[,)])/g;

/** The source with its comments turned to spaces (same length and lines: positions stay right). */
function blankComments(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g,
    (m) => (m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m),
  );
}

export function listFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      if (f === 'node_modules' || f === 'migrations') continue;
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f)) out.push(relative(root, p));
    }
  };
  for (const d of dirs) if (statSync(join(root, d), { throwIfNoEntry: false })?.isDirectory()) walk(join(root, d));
  return out;
}

const moduleOf = (p: string) => /^src\/modules\/([^/]+)\//.exec(p)?.[1] ?? null;
const isTest = (p: string) => /\.test\.tsx?$/.test(p);
const isDomain = (p: string) => /\/domain\//.test(p) && !isTest(p);

function resolveSpec(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const abs = resolve(root, dirname(from), spec).replace(/\.js$/, '');
  if (statSync(abs, { throwIfNoEntry: false })?.isFile()) return relative(root, abs);
  for (const ext of ['.ts', '.tsx', '/index.ts']) {
    if (statSync(abs + ext, { throwIfNoEntry: false })?.isFile()) return relative(root, abs + ext);
  }
  return relative(root, abs);
}

/** Which module owns each table, read from the modules' `schema.ts` (`pgTable('name', …)`), once per root. */
const owners = new Map<string, Map<string, string>>();
function tableOwners(root: string): Map<string, string> {
  let map = owners.get(root);
  if (!map) {
    map = new Map();
    for (const f of listFiles(root, ['src/modules'])) {
      const m = /^src\/modules\/([^/]+)\/schema\.ts$/.exec(f);
      if (!m) continue;
      for (const t of readFileSync(join(root, f), 'utf8').matchAll(/pgTable\(\s*['"]([a-z_0-9]+)['"]/g))
        map.set(t[1]!, m[1]!);
    }
    owners.set(root, map);
  }
  return map;
}
// A table named in SQL text (FROM, JOIN, INTO, UPDATE, TABLE) or given to bulkInsert.
const SQL_TABLE =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_0-9]+)"?|\bbulkInsert\(\s*[^,]+,\s*['"`]([a-z_0-9]+)['"`]/g;

/** Checks one file's imports; `source` is its text. */
export function checkFile(root: string, file: string, text: string): Violation[] {
  const found: Violation[] = [];
  const source = blankComments(text);
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  const specs: { spec: string; typeOnly: boolean; at: number }[] = [];
  for (const m of source.matchAll(IMPORT)) specs.push({ spec: m[4]!, typeOnly: !!m[2], at: m.index! + m[0].length });
  for (const m of source.matchAll(CALL)) specs.push({ spec: m[2]!, typeOnly: false, at: m.index! });
  const from = moduleOf(file);
  const add = (at: number, target: string, rule: string) => found.push({ file, line: lineOf(at), target, rule });
  for (const m of source.matchAll(COMPUTED_IMPORT))
    add(m.index!, 'import(…)', 'an import names its file literally, so that these rules can check it');

  for (const { spec, typeOnly, at } of specs) {
    const target = resolveSpec(root, file, spec);
    if (file.startsWith('web/')) {
      if (target?.startsWith('src/') && !typeOnly && !PURE_CORE.includes(target) && !/\/domain\//.test(target))
        add(at, target, 'the web imports only types and pure rules from src');
      continue;
    }
    if (isDomain(file)) {
      const ok = target
        ? PURE_CORE.includes(target) || (moduleOf(target) === from && /\/domain\//.test(target))
        : DOMAIN_PACKAGES.has(spec);
      if (!ok) add(at, target ?? spec, 'a domain file does no I/O: it imports only domain files and pure core');
    }
    if (!target) continue;
    const to = moduleOf(target);
    if ((file.startsWith('src/core/') || file.startsWith('src/db/')) && file !== 'src/db/schema.ts') {
      if (!target.startsWith('src/core/') && !target.startsWith('src/db/'))
        add(at, target, 'the ground floor (core, db) imports no module, server or demo');
    }
    if (from && (target.startsWith('src/server/') || target.startsWith('src/demo/') || target.startsWith('src/cli/')))
      add(at, target, 'a module never imports the server, the demo or the tools');
    if (to && to !== from && target !== `src/modules/${to}/index.ts`) {
      const aggregator = file === 'src/db/schema.ts' && target === `src/modules/${to}/schema.ts`;
      if (!aggregator)
        add(at, target, `from outside, a module is imported through its front door (src/modules/${to}/index.ts)`);
    }
    if (
      target.startsWith('src/server/') &&
      file.startsWith('src/') &&
      !file.startsWith('src/server/') &&
      !file.startsWith('src/cli/')
    )
      add(at, target, 'nothing in src imports the server but the server and the tools');
  }
  if (from && !isTest(file)) {
    const owner = tableOwners(root);
    for (const m of source.matchAll(SQL_TABLE)) {
      const table = (m[1] ?? m[2])!;
      const to = owner.get(table);
      if (to && to !== from)
        add(
          m.index!,
          table,
          `a module reads and writes another module's table through its door (src/modules/${to}/index.ts)`,
        );
    }
  }
  if (isDomain(file)) {
    const io = /(?<![\w$/-])(process\.|process\[|fetch\(|setTimeout\(|setInterval\(|setImmediate\()/.exec(source);
    if (io) add(io.index, io[1]!, 'a domain file does no I/O');
  }
  return found;
}

export function checkTree(root: string): Violation[] {
  return listFiles(root, ['src', 'web/src']).flatMap((f) => checkFile(root, f, readFileSync(join(root, f), 'utf8')));
}
