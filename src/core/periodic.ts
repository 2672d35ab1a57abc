/**
 * A background job of the server's process: `pass` once after `firstAfterMs`, then every `everyMs`. A pass never
 * overlaps the one before; the timers do not keep the process alive; a failed pass is the caller's to log (`pass`
 * catches what it reports) and never an unhandled rejection. Returns the stop function, which waits for a pass under
 * way.
 */
export function startPeriodic(pass: () => Promise<unknown>, everyMs: number, firstAfterMs = 0): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= pass()
      .then(
        () => {},
        () => {},
      )
      .finally(() => (running = null));
  };
  const first = setTimeout(run, firstAfterMs);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
