import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { appMeta } from '../db/meta.js';
import { bulkInsert, dropIndexes, rebuildIndexes, secondaryIndexes } from '../db/bulk.js';
import { hashPassword, insertDemoAccounts, type DemoAccount } from '../modules/accounts/index.js';
import { recordAudit } from '../modules/audit/index.js';
import { demoUnits } from '../modules/units/index.js';
import { Rng, personName } from '../core/random.js';
import type { DemoContext, DemoModule, DemoOptions, DemoUnit } from '../core/demo.js';

export type { DemoContext, DemoModule, DemoOptions, DemoUnit };
import { dossierDemoModule } from '../modules/dossiers/index.js';
import { workforceDemoModule } from '../modules/workforce/index.js';
import { channelDemoModule } from '../modules/reinforcement/index.js';
import { assessmentDemoModule } from '../modules/assessments/index.js';
import { settlementDemoModule } from '../modules/settlement/index.js';
import { reportsDemoModule } from '../modules/reports/index.js';
import { archivesDemoModule } from '../modules/archives/index.js';
import { organisationsDemoModule } from '../modules/organisations/index.js';
import { personalAccountsDemoModule } from './personal-accounts.js';
import { oneStopStepsDemoModule } from './one-stop-steps.js';
import { trainingDemoModule } from '../modules/training/index.js';

const accountsModule: DemoModule = {
  name: 'accounts',
  async generate({ database, units, password }) {
    // One hash for every demo account: hashing 3,357 passwords one by one would take minutes.
    const passwordHash = await hashPassword(password);
    const national = (username: string, displayName: string, role: string): DemoAccount => ({
      username,
      displayName,
      role,
      passwordHash,
    });
    const rows: DemoAccount[] = [
      national('admin', 'Quản trị hệ thống', 'admin'),
      national('ministry', 'Bộ Nội vụ', 'ministry'),
      national('viewer', 'Người xem (toàn quốc)', 'viewer'),
      ...units.map((u) =>
        u.level === 'province'
          ? {
              username: `province-${u.code}`,
              displayName: `Sở Nội vụ ${u.fullName}`,
              role: 'province',
              provinceCode: u.code,
              passwordHash,
            }
          : {
              username: `commune-${u.code}`,
              displayName: `UBND ${u.fullName}`,
              role: 'commune',
              provinceCode: u.provinceCode,
              communeCode: u.code,
              passwordHash,
            },
      ),
    ];
    // through the accounts module's door: only accounts writes `users`
    await insertDemoAccounts(database, rows);
    return { accounts: rows.length };
  },
};

const profilesModule: DemoModule = {
  name: 'unit profiles',
  async generate({ database, units, rng }) {
    const r = rng.fork('profiles');
    const provinceName = new Map(units.filter((u) => u.level === 'province').map((u) => [u.code, u.fullName]));
    const rows = units.map((u) => ({
      code: u.code,
      province_code: u.provinceCode,
      address:
        u.level === 'province'
          ? `Trụ sở UBND ${u.fullName}`
          : `Trụ sở UBND ${u.fullName}, ${provinceName.get(u.provinceCode)}`,
      phone: `0${r.int(200, 299)} ${r.int(100, 999)} ${r.int(1000, 9999)}`,
      email: u.level === 'province' ? `snv@tinh${u.code}.gov.vn` : `ubnd.${u.code}@tinh${u.provinceCode}.gov.vn`,
      chair_name: personName(r).fullName,
    }));
    await bulkInsert(
      database.db,
      'unit_profiles',
      { code: 'text', province_code: 'text', address: 'text', phone: 'text', email: 'text', chair_name: 'text' },
      rows,
    );
    return { profiles: rows.length };
  },
};

/** How often a long module's progress is written, at most. */
const PROGRESS_EVERY_MS = 5_000;

/** Each module's generator, in order (later modules may read what earlier ones made). */
export const demoModules: DemoModule[] = [
  accountsModule,
  profilesModule,
  workforceDemoModule,
  dossierDemoModule,
  channelDemoModule,
  assessmentDemoModule,
  settlementDemoModule,
  archivesDemoModule,
  organisationsDemoModule,
  personalAccountsDemoModule,
  oneStopStepsDemoModule,
  trainingDemoModule,
  reportsDemoModule,
];

export async function isDemoLoaded(database: Database): Promise<boolean> {
  const [row] = await database.db.select().from(appMeta).where(eq(appMeta.key, 'demo'));
  return !!row;
}

/** Generates the demo nation once, from the real units. Returns what each module made. */
export async function generateDemoNation(
  database: Database,
  opts: DemoOptions & {
    /**
     * Only for a database thrown away whole if this fails (an embedded database's first preparation, the tests'
     * template): each bulk step drops its tables' plain indexes and builds them once at its end.
     */
    deferIndexes?: boolean;
  },
  log: (line: string) => void = () => {},
  progress: (share: number) => void = () => {},
) {
  if (await isDemoLoaded(database)) return null;
  const units = await demoUnits(database.db);
  const { deferIndexes = false, ...options } = opts;
  const rng = new Rng(opts.seed); // one for every module, as the seed's demo nation has always been drawn
  const made: Record<string, number> = {};
  const total = demoModules.reduce((s, m) => s + (m.weight ?? 1), 0);
  let done = 0;
  // Read once before the first module: reading them per module would wait for the statements still queued.
  const plain = deferIndexes
    ? await secondaryIndexes(database.db, [...new Set(demoModules.flatMap((m) => m.bulkTables ?? []))])
    : [];
  for (const m of demoModules) {
    const t0 = Date.now();
    // A long module says how far it has come, every few seconds at most (the terminal and the "preparing" page).
    let said = t0;
    const within = (share: number) => {
      if (Date.now() - said < PROGRESS_EVERY_MS) return;
      said = Date.now();
      progress((done + (m.weight ?? 1) * Math.min(1, Math.max(0, share))) / total);
      log(`demo: ${m.name}…`);
    };
    const ctx: DemoContext = { ...options, database, rng, units, progress: within };
    const deferred = await dropIndexes(
      database.db,
      plain.filter((ix) => m.bulkTables?.includes(ix.table)),
    );
    try {
      Object.assign(made, await m.generate(ctx));
    } finally {
      await rebuildIndexes(database.db, deferred);
    }
    done += m.weight ?? 1;
    progress(done / total);
    log(`demo: ${m.name} in ${Date.now() - t0} ms`);
  }
  await database.db.transaction(async (tx) => {
    await tx
      .insert(appMeta)
      .values({ key: 'demo', value: { seed: opts.seed, scale: opts.scale, made, at: new Date().toISOString() } });
    await recordAudit(tx, null, {
      action: 'generate',
      entity: 'demo_nation',
      entityId: String(opts.seed),
      provinceCode: null,
      unitCode: null,
      after: { scale: opts.scale, made },
    });
  });
  return made;
}
