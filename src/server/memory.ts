import { setFlagsFromString } from 'node:v8';

/** The default of HEAP_GROWTH_PERCENT: V8 collects again once the heap has grown by this share of what survived. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 100;

/**
 * How far V8 lets the heap grow past what survived its last full collection before it collects again
 * (HEAP_GROWTH_PERCENT, default 100: to twice the live heap; 0 leaves V8's own). V8's own factor reaches 4 on a
 * machine with memory to spare: under the office day (bench `office-day`) ~95 MB survived each collection and the
 * server sat at ~560 MB resident; at 100 % it holds ~350 MB, for more frequent collections (docs/operations.md).
 * Read by V8 at each collection, so setting it once the process runs is enough.
 */
export function tuneHeap(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.HEAP_GROWTH_PERCENT ? Number(env.HEAP_GROWTH_PERCENT) : DEFAULT_HEAP_GROWTH_PERCENT;
  const percent = Number.isInteger(asked) && asked >= 0 && asked <= 1000 ? asked : DEFAULT_HEAP_GROWTH_PERCENT;
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
