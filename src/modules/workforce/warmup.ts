import type { Db } from '../../db/client.js';
import { startPeriodic } from '../../core/periodic.js';
import { keepWorkforceFiguresWarm } from './service/summary.js';

/** How often the day's workforce figures are brought up to date in the background, and the first time after the start. */
const EVERY_MS = 10 * 60_000;
const FIRST_AFTER_MS = 20_000;

/**
 * The server's background job that keeps the Ministry's and the provinces' workforce figures of the day computed
 * (keepWorkforceFiguresWarm): shortly after the start, then every 10 minutes, so that the first reading of a day and
 * the readings after another process's change find them kept. Returns the stop function.
 */
export function startWorkforceFiguresWarmup(db: () => Db, today: () => string, log: (line: string) => void) {
  return startPeriodic(
    () =>
      keepWorkforceFiguresWarm(db(), today())
        .then((n) => n && log(`workforce figures of ${n} provinces computed for ${today()}`))
        .catch((err: unknown) => log(`workforce figures not computed: ${String(err)}`)),
    EVERY_MS,
    FIRST_AFTER_MS,
  );
}
