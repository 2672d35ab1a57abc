/**
 * 2. Bulk intake: N synthetic dossiers through the platform's own bulk path (bulkInsert:
 * one JSON parameter per 20,000 rows, json_to_recordset), against COPY of the same rows into the
 * same table (server: COPY FROM STDIN; PGlite: COPY FROM '/dev/blob' per 100,000 rows).
 * Row generation is timed in a dry pass and taken out of both.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../src/db/bulk.js';
import { openHarnessDb, count } from '../db.js';
import { BULK_COLUMNS, prepareSyntheticTables, round, syntheticRows, toCsv, type Scenario } from '../lib.js';

export const bulk: Scenario = {
  name: 'bulk',
  async run(ctx) {
    const n = ctx.quick ? 100_000 : 1_000_000;
    const h = await openHarnessDb(ctx, 'bulk');
    try {
      const { database } = h;
      await prepareSyntheticTables(database);
      const communes = await database.rows<{ code: string; province_code: string }>(
        sql`SELECT code, province_code FROM bench_communes ORDER BY i`,
      );
      const procs = await database.rows<{ code: string; field: string; working_days: number }>(
        sql`SELECT code, field, working_days FROM bench_procs ORDER BY i`,
      );
      const nowMs = Date.now();
      const rows = (chunk: number) => syntheticRows(n, chunk, 7, nowMs, communes, procs);
      const cols = Object.keys(BULK_COLUMNS)
        .map((c) => `"${c}"`)
        .join(', ');

      // dry pass: generation alone
      let t = performance.now();
      for (const chunk of rows(20_000)) void chunk.length;
      const genMs = performance.now() - t;

      t = performance.now();
      for (const chunk of rows(20_000))
        await bulkInsert(database.db, 'dossiers', BULK_COLUMNS, chunk as unknown as Record<string, unknown>[]);
      const jsonMs = performance.now() - t - genMs;
      const got = await count(database, 'dossiers');
      if (got !== n) throw new Error(`bulkInsert stored ${got} of ${n}`);
      ctx.log(
        `  bulkInsert (json_to_recordset): ${n.toLocaleString('en')} rows in ${round(jsonMs / 1000, 2)} s ` +
          `(+${round(genMs / 1000, 2)} s generation, not counted)`,
      );
      await h.exec('TRUNCATE dossiers');
      if (ctx.kind === 'postgres') await h.exec('CHECKPOINT');

      t = performance.now();
      if (h.raw) {
        const stream = await h.raw.unsafe(`COPY dossiers (${cols}) FROM STDIN WITH (FORMAT csv)`).writable();
        await pipeline(
          Readable.from(
            (function* () {
              for (const chunk of rows(20_000)) yield toCsv(chunk);
            })(),
          ),
          stream,
        );
      } else {
        for (const chunk of rows(100_000)) {
          await database.pglite!.query(`COPY dossiers (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
            blob: new Blob([toCsv(chunk)]),
          });
        }
      }
      const copyMs = performance.now() - t - genMs;
      const got2 = await count(database, 'dossiers');
      if (got2 !== n) throw new Error(`COPY stored ${got2} of ${n}`);
      const jsonRate = n / (jsonMs / 1000);
      const copyRate = n / (copyMs / 1000);
      ctx.log(
        `  COPY: ${round(copyMs / 1000, 2)} s → ${round(copyRate, 0)} rows/s; bulkInsert ${round(jsonRate, 0)} rows/s`,
      );
      return [
        {
          name: `bulk intake: ${n.toLocaleString('en')} dossiers`,
          figure: round(jsonRate, 0),
          unit: 'rows/s',
          reference: round(copyRate, 0),
          referenceUnit: 'rows/s COPY, same rows and table',
          ratio: round(jsonRate / copyRate, 3),
          target: '≥ half the speed of COPY',
          met: jsonRate / copyRate >= 0.5,
          notes:
            `bulkInsert (json_to_recordset, 20,000 rows per statement) ${round(jsonMs / 1000, 1)} s ` +
            `vs COPY ${round(copyMs / 1000, 1)} s, into dossiers with its 5 indexes; ` +
            `CSV/JSON serialisation counted, row generation (${round(genMs / 1000, 1)} s) not`,
          details: { rows: n, jsonMs: round(jsonMs), copyMs: round(copyMs), genMs: round(genMs) },
        },
      ];
    } finally {
      await h.close();
    }
  },
};
