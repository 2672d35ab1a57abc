/** Assessment settings: the national and provincial overrides of the scoring rules. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, invalid, outOfScope } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { may } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { assessmentPeriods, assessmentSettings, assessmentTasks } from '../schema.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_PROBLEMS,
  mergeSettings,
  settingsProblem,
  type AssessmentSettings,
} from '../domain/settings.js';

export async function settingsFor(db: Db, provinceCode: string | null): Promise<AssessmentSettings> {
  const rows = await db
    .select()
    .from(assessmentSettings)
    .where(inArray(assessmentSettings.provinceCode, provinceCode ? ['', provinceCode] : ['']));
  const national = rows.find((r) => r.provinceCode === '')?.overrides;
  const own = provinceCode ? rows.find((r) => r.provinceCode === provinceCode)?.overrides : undefined;
  return mergeSettings(DEFAULT_SETTINGS, national, own);
}

export async function getSettings(db: Db, actor: Actor, province?: string) {
  const provinceCode = province ?? actor.provinceCode ?? null;
  // Settings are no secret, but each province's own stay with it.
  if (provinceCode && actor.provinceCode && actor.provinceCode !== provinceCode) throw outOfScope(provinceCode);
  const [row] = provinceCode
    ? await db.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, provinceCode))
    : [];
  return {
    provinceCode,
    settings: await settingsFor(db, provinceCode),
    defaults: DEFAULT_SETTINGS,
    overrides: row?.overrides ?? {},
  };
}

/** The Ministry sets the national settings; a province its own, for its units. */
export async function putSettings(
  db: Db,
  actor: Actor,
  provinceCode: string | null,
  overrides: Partial<AssessmentSettings>,
) {
  const allowed = provinceCode
    ? may('settings.province', actor, { place: { provinceCode, unitCode: provinceCode } })
    : may('settings.national', actor);
  if (!allowed) throw forbidden();
  const key = provinceCode ?? '';
  const national = key
    ? (await db.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, ''))).at(0)?.overrides
    : undefined;
  const merged = mergeSettings(DEFAULT_SETTINGS, national, overrides);
  const problem = settingsProblem(merged);
  // the reason in the reader's language (the error handler picks detail@vi or detail@en)
  const words = (p: keyof typeof SETTINGS_PROBLEMS) => ({
    'detail@vi': SETTINGS_PROBLEMS[p].vi,
    'detail@en': SETTINGS_PROBLEMS[p].en,
  });
  if (problem) throw invalid(problem[0], 'settings_invalid', words(problem[1]));
  const inScope = provinceCode ? eq(assessmentTasks.provinceCode, provinceCode) : undefined;
  // Kinds that tasks already use keep their conversion weight: removing one would leave those tasks unscorable.
  if (overrides.productKinds) {
    const used = await db.selectDistinct({ kind: assessmentTasks.productKind }).from(assessmentTasks).where(inScope);
    const missing = used.map((u) => u.kind).filter((k) => !merged.productKinds.some((p) => p.code === k));
    if (missing.length) throw invalid('productKinds', 'settings_invalid', words('kindsInUse'));
  }
  // Periods of the other kind this year or later would overlap the new ones.
  if (overrides.periodKind) {
    const [other] = await db
      .select({ id: assessmentPeriods.id })
      .from(assessmentPeriods)
      .where(
        and(
          provinceCode ? eq(assessmentPeriods.provinceCode, provinceCode) : undefined,
          sql`${assessmentPeriods.kind} <> ${overrides.periodKind}`,
          sql`${assessmentPeriods.year} >= extract(year from now())`,
        ),
      )
      .limit(1);
    if (other)
      throw invalid('periodKind', 'settings_invalid', { detail: 'this year already has periods of the other kind' });
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(assessmentSettings).where(eq(assessmentSettings.provinceCode, key));
    await tx
      .insert(assessmentSettings)
      .values({ provinceCode: key, overrides, updatedBy: actor.username })
      .onConflictDoUpdate({
        target: assessmentSettings.provinceCode,
        set: { overrides, updatedBy: actor.username, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'assessment_settings',
      entityId: key || 'national',
      provinceCode: provinceCode,
      unitCode: provinceCode,
      before: before?.overrides ?? null,
      after: overrides,
    });
    return { provinceCode, settings: merged };
  });
}
