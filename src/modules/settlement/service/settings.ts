// The settlement settings (the salary basis and the rules' parameters): read and set by the Ministry.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid } from '../../../core/errors.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { type Actor } from '../../../core/scope.js';
import { recordAudit } from '../../audit/index.js';
import { DEFAULT_SETTINGS, RULE_VERSION, settingsProblem, type SettlementSettings } from '../domain/settings.js';
import { may } from '../policy.js';
import { settlementSettings } from '../schema.js';

export async function loadSettings(db: Db): Promise<SettlementSettings> {
  const [row] = await db.select().from(settlementSettings).where(eq(settlementSettings.provinceCode, ''));
  return row ? { ...DEFAULT_SETTINGS, ...(row.value as Partial<SettlementSettings>) } : DEFAULT_SETTINGS;
}

export async function getSettings(db: Db, actor: Actor) {
  if (!may('settings.read', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  return { ...(await loadSettings(db)), ruleVersion: RULE_VERSION };
}

export async function putSettings(
  db: Db,
  actor: Actor,
  input: Omit<SettlementSettings, 'underTwoYearsLumpSum'> & Partial<Pick<SettlementSettings, 'underTwoYearsLumpSum'>>,
  clock: DeadlineClock,
) {
  if (!may('settings.write', actor)) throw new AppError(403, 'forbidden', 'forbidden');
  const problem = settingsProblem({ ...DEFAULT_SETTINGS, ...input });
  if (problem)
    throw invalid(problem.field, 'invalid_value', {
      'detail@vi': problem.detail.vi,
      'detail@en': problem.detail.en,
    });
  return db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    // a setting the body leaves out (one added later than the caller's form) is kept as it was
    const value: SettlementSettings = { underTwoYearsLumpSum: before.underTwoYearsLumpSum, ...input };
    const row = {
      provinceCode: '',
      value: value as unknown as Record<string, unknown>,
      updatedBy: actor.username,
      updatedAt: clock.now(),
    };
    await tx
      .insert(settlementSettings)
      .values(row)
      .onConflictDoUpdate({ target: settlementSettings.provinceCode, set: row });
    await recordAudit(tx, actor, {
      action: 'set',
      entity: 'settlement_settings',
      entityId: 'national',
      provinceCode: null,
      unitCode: null,
      before,
      after: value,
    });
    return { ...value, ruleVersion: RULE_VERSION };
  });
}
