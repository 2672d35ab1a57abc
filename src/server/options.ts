import { resolve } from 'node:path';

/**
 * How the platform is started (command line and environment). Kept apart from setup.ts, which loads every module:
 * the server reads these and starts the first preparation before it loads the rest (src/server/main.ts).
 */
export interface PlatformOptions {
  databaseUrl?: string;
  dataDir: string;
  reset: boolean;
  /** undefined = on for the embedded database, off for a server */
  demo?: boolean;
  seed: number;
  scale: number;
  demoPassword: string;
  adminPassword?: string;
}

export function optionsFromEnv(argv: string[], env = process.env): PlatformOptions {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data/pglite'),
    reset: flag('reset'),
    demo: flag('no-demo') ? false : flag('demo') || env.DEMO === '1' ? true : undefined,
    seed: Number(value('seed') ?? env.DEMO_SEED ?? 2025),
    scale: Number(value('scale') ?? env.DEMO_SCALE ?? 1),
    demoPassword: env.DEMO_PASSWORD ?? 'haicap-demo',
    adminPassword: env.HAICAP_ADMIN_PASSWORD || undefined,
  };
}

/**
 * Demo mode (the sign-in page shows the shared demo password): the demo nation is loaded and was asked for — the
 * embedded database by default, a server only with DEMO=1 or --demo. A server whose database merely holds the demo
 * accounts, or a start with --no-demo, is not in demo mode (issue #14: the password is not served to anyone).
 */
export function isDemoMode(opts: Pick<PlatformOptions, 'databaseUrl' | 'demo'>, demoLoaded: boolean): boolean {
  return demoLoaded && wantsDemo(opts);
}

/** Whether the demo nation is wanted: asked for, or by default on the embedded database. */
export function wantsDemo(opts: Pick<PlatformOptions, 'databaseUrl' | 'demo'>): boolean {
  return opts.demo ?? !opts.databaseUrl;
}
