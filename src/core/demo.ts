import type { Database } from '../db/client.js';
import type { Rng } from './random.js';

/** What a module's part of the demo nation gets from the generator (src/demo/generate.ts runs them in order). */
export interface DemoOptions {
  seed: number;
  /** Volume multiplier for the modules' generated records (1 = a realistic nation). */
  scale: number;
  password: string;
}

export interface DemoUnit {
  code: string;
  level: 'province' | 'commune';
  provinceCode: string;
  name: string;
  fullName: string;
  /** xã / phường / đặc khu / tỉnh / thành phố, in force today */
  type: string;
  population: number | null;
  /** the registry's caveats on its statistics, e.g. population_below_1000 */
  statsFlags: string;
}

export interface DemoContext extends DemoOptions {
  database: Database;
  rng: Rng;
  units: DemoUnit[];
  /** How far the module has come (0–1), for the first start's progress; a long module says so as it goes. */
  progress?: (share: number) => void;
}

/** Each module adds its part of the demo nation; they run in this order. */
export type DemoModule = {
  name: string;
  /**
   * Its share of the generation's time, for the progress shown on first start (default 1): the seconds it took at
   * scale 1 on a slow 2-core machine (bench/results/NOTES.md, 2026-12-07).
   */
  weight?: number;
  /**
   * Tables it fills in bulk: on an embedded database's first preparation their plain indexes are dropped for the step
   * and built once at its end. What the step reads back from them meanwhile goes by primary key or whole table (the
   * dossiers' figures are counted once, for the country, at the step's end).
   */
  bulkTables?: string[];
  generate(ctx: DemoContext): Promise<Record<string, number>>;
};
