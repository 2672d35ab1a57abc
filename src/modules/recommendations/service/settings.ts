// The answer time limits: the national one per field and a province's own.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { forbidden, invalid } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { may } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { recommendationSettings } from '../schema.js';
import { type Field } from '../domain/lifecycle.js';
import { type FieldSetting, loadSettings, settingFor } from './common.js';

export async function listSettings(db: Db, actor: Actor, fields: readonly string[]) {
  const all = await loadSettings(db);
  const province = actor.provinceCode;
  return {
    items: fields.map((field) => ({
      field,
      national: settingFor(all, field, 'ministry', ''),
      ...(province ? { province: { provinceCode: province, ...settingFor(all, field, 'province', province) } } : {}),
    })),
  };
}

/** The Ministry sets the national limit of a field; a province its own limit for the answers of its level. */
export async function putSetting(
  db: Db,
  actor: Actor,
  field: Field,
  input: FieldSetting & { provinceCode?: string },
  clock: DeadlineClock,
) {
  const s = scopeOf(actor);
  const provinceCode = input.provinceCode ?? (s.kind === 'province' ? s.provinceCode : '');
  const allowed =
    provinceCode === ''
      ? may('set_national_limit', actor)
      : may('set_province_limit', actor, { place: { provinceCode, unitCode: provinceCode } });
  if (!allowed) throw forbidden();
  if (input.warnWorkingDays >= input.answerWorkingDays)
    throw invalid('warnWorkingDays', 'invalid_value', { detail: `< ${input.answerWorkingDays}` });
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(recommendationSettings)
      .where(and(eq(recommendationSettings.provinceCode, provinceCode), eq(recommendationSettings.field, field)));
    const values = {
      provinceCode,
      field,
      answerWorkingDays: input.answerWorkingDays,
      warnWorkingDays: input.warnWorkingDays,
      updatedBy: actor.username,
      updatedAt: now,
    };
    await tx
      .insert(recommendationSettings)
      .values(values)
      .onConflictDoUpdate({ target: [recommendationSettings.provinceCode, recommendationSettings.field], set: values });
    await recordAudit(tx, actor, {
      action: 'set',
      entity: 'recommendation_setting',
      entityId: `${provinceCode || 'national'}:${field}`,
      provinceCode: provinceCode || null,
      unitCode: provinceCode || null,
      before: before ? { answerWorkingDays: before.answerWorkingDays, warnWorkingDays: before.warnWorkingDays } : null,
      after: { answerWorkingDays: input.answerWorkingDays, warnWorkingDays: input.warnWorkingDays },
    });
    return { provinceCode, field, answerWorkingDays: input.answerWorkingDays, warnWorkingDays: input.warnWorkingDays };
  });
}
