// The database thread's entry when the platform runs from its TypeScript sources (tsx): a worker does not inherit
// tsx's loader, so it registers it before loading the worker (./pglite-thread.ts starts this file).
import { register } from 'tsx/esm/api';

register();
await import('./pglite-thread-worker.ts');
