import { describe, expect, it } from 'vitest';
import { prepareInChildProcess } from './first-preparation.js';
import { optionsFromEnv } from './options.js';

describe('the first preparation in its own process', () => {
  it('ends with its error when the database cannot be made, instead of leaving the server waiting', async () => {
    // (its database thread once kept the process alive after the error: the server waited for its end forever)
    const opts = { ...optionsFromEnv([], {}), dataDir: '/dev/null/haicap', scale: 0.01 };
    const started = Date.now();
    await expect(prepareInChildProcess(opts, true, () => {}, ['--import', 'tsx'])).rejects.toThrow(/ENOTDIR/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
