import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { checkFile, checkTree } from './architecture/imports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const show = (v: { file: string; line: number; target: string; rule: string }) =>
  `${v.file}:${v.line} → ${v.target}: ${v.rule}`;

describe('floors and doors (docs/architecture.md)', () => {
  it('the code base keeps every import rule', () => {
    expect(checkTree(root).map(show)).toEqual([]);
  });

  // Planted violations: each must be caught, or the check above proves nothing.
  const planted: [string, string, string, RegExp][] = [
    [
      'a module imports the server',
      'src/modules/units/service.ts',
      "import { buildApp } from '../../server/app.js';",
      /never imports the server/,
    ],
    [
      'a module imports another module past its door',
      'src/modules/workforce/service.ts',
      "import { listUnits } from '../units/service.js';",
      /front door/,
    ],
    [
      'a module reads another module’s table',
      'src/modules/dossiers/board.ts',
      "import { people } from '../workforce/schema.js';",
      /front door/,
    ],
    [
      'a demo part reads another module’s table in SQL',
      'src/modules/reinforcement/demo.ts',
      'const rows = await database.rows(sql`SELECT id, username FROM users WHERE is_demo`);',
      /through its door/,
    ],
    [
      'a demo part writes another module’s table in SQL',
      'src/modules/assessments/demo.ts',
      'await database.db.execute(sql`UPDATE assignments a SET start_date = x.start_date FROM x WHERE a.id = x.id`);',
      /through its door/,
    ],
    [
      'a demo part bulk-inserts into another module’s table',
      'src/modules/reinforcement/demo.ts',
      "await bulkInsert(database.db, 'recommendations', { id: 'uuid' }, rows);",
      /through its door/,
    ],
    [
      'core imports a module',
      'src/core/scope.ts',
      "import { units } from '../modules/units/index.js';",
      /ground floor/,
    ],
    [
      'the database floor imports a module',
      'src/db/bulk.ts',
      "import type { Actor } from '../modules/accounts/index.js';",
      /ground floor/,
    ],
    [
      'a domain file reads a file',
      'src/modules/dossiers/domain/lifecycle.ts',
      "import { readFileSync } from 'node:fs';",
      /no I\/O/,
    ],
    [
      'a domain file imports its service',
      'src/modules/dossiers/domain/lifecycle.ts',
      "import { getDossier } from '../service.js';",
      /no I\/O/,
    ],
    [
      'a domain file reads the environment',
      'src/modules/assessments/domain/scoring.ts',
      'export const x = process.env.X;',
      /no I\/O/,
    ],
    [
      'the demo is imported by a module',
      'src/modules/workforce/demo.ts',
      "import { generateDemoNation } from '../../demo/generate.js';",
      /never imports/,
    ],
    [
      'the web imports server code at run time',
      'web/src/dossiers.ts',
      "import { getDossier } from '../../src/modules/dossiers/service';",
      /only types/,
    ],
    [
      'a second import on the same line',
      'src/modules/workforce/service.ts',
      "import { units } from '../units/index.js'; import { listUnits } from '../units/service.js';",
      /front door/,
    ],
    [
      'an import after a comment on its line',
      'src/modules/workforce/service.ts',
      "/* the units */ import { listUnits } from '../units/service.js';",
      /front door/,
    ],
    [
      'an import in double quotes',
      'src/modules/workforce/service.ts',
      'import { listUnits } from "../units/service.js";',
      /front door/,
    ],
    [
      'an import over several lines',
      'src/modules/workforce/service.ts',
      "import {\n  listUnits,\n  getUnit,\n} from '../units/service.js';",
      /front door/,
    ],
    [
      'export * from another module’s file',
      'src/modules/workforce/index.ts',
      "export * from '../units/service.js';",
      /front door/,
    ],
    [
      'a front door that re-exports another module’s internals',
      'src/modules/units/index.ts',
      "export { people } from '../workforce/schema.js';",
      /front door/,
    ],
    [
      'import = require',
      'src/modules/workforce/service.ts',
      "import units = require('../units/service.js');",
      /front door/,
    ],
    [
      'a dynamic import in a template string',
      'src/modules/workforce/service.ts',
      'const { listUnits } = await import(`../units/service.js`);',
      /front door/,
    ],
    [
      'a dynamic import of a computed path',
      'src/modules/workforce/service.ts',
      'const m = await import(`../${name}/service.js`);',
      /names its file literally/,
    ],
    [
      'a test that mocks another module’s internals',
      'src/modules/workforce/workforce.test.ts',
      "vi.mock('../units/service.js', () => ({ listUnits: vi.fn() }));",
      /front door/,
    ],
    [
      'a domain file reads the environment by index',
      'src/modules/assessments/domain/scoring.ts',
      "export const x = process['env'].X;",
      /no I\/O/,
    ],
  ];
  it.each(planted)('catches %s', (_what, file, line, rule) => {
    const found = checkFile(root, file, `${line}\n`);
    expect(found.map((v) => v.rule).join('\n')).toMatch(rule);
  });

  it('lets the allowed imports through', () => {
    expect(checkFile(root, 'src/modules/workforce/service.ts', "import { units } from '../units/index.js';\n")).toEqual(
      [],
    );
    expect(
      checkFile(
        root,
        'src/modules/dossiers/domain/lifecycle.ts',
        "import { dueDate } from '../../../core/calendar/deadline.js';\n",
      ),
    ).toEqual([]);
    expect(checkFile(root, 'src/db/schema.ts', "export * from '../modules/units/schema.js';\n")).toEqual([]);
    const ownTable = "await bulkInsert(database.db, 'reinforcement_visits', { id: 'uuid' }, rows);\n";
    expect(checkFile(root, 'src/modules/reinforcement/demo.ts', ownTable)).toEqual([]);
    const commentedOut = "// import { listUnits } from '../units/service.js';\n/* import('../units/service.js') */\n";
    expect(checkFile(root, 'src/modules/workforce/service.ts', commentedOut)).toEqual([]);
    expect(
      checkFile(root, 'src/modules/workforce/service.ts', "const m = await import('../units/index.js');\n"),
    ).toEqual([]);
    expect(
      checkFile(root, 'web/src/dossiers.ts', "import type { Dossier } from '../../src/modules/dossiers/contract';\n"),
    ).toEqual([]);
  });
});

describe('the doors export named queries, never tables (docs/architecture.md)', () => {
  const modules = readdirSync(`${root}src/modules`, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);

  it.each(modules)('the %s door exports no drizzle table', async (name) => {
    const door = (await import(pathToFileURL(`${root}src/modules/${name}/index.ts`).href)) as Record<string, unknown>;
    const tables = Object.entries(door)
      .filter(([, value]) => is(value, PgTable))
      .map(([key]) => `${name}.${key}`);
    expect(tables).toEqual([]);
  });

  it('knows a table when it sees one', async () => {
    const { users } = await import('../src/modules/accounts/schema.js');
    expect(is(users, PgTable)).toBe(true);
  });
});
